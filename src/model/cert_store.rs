//! L1 — the Cert: drive's stores as the configuration state keeps them: public certificates
//! only (base64 DER, friendly name), each under a store location (`CurrentUser`,
//! `LocalMachine`) and a store name (`My`, `Root`, `CA`, `Disallowed`, `TrustedPublisher`).
//! Private keys never go into the state.

use serde::{Deserialize, Serialize};

use crate::pki::{Certificate, PkiResult};
use crate::value::static_convert::{base64_decode, base64_encode};

/// The store locations of the Cert: drive.
pub const LOCATIONS: &[&str] = &["CurrentUser", "LocalMachine"];
/// The stores of each location.
pub const STORES: &[&str] = &["My", "Root", "CA", "Disallowed", "TrustedPublisher"];

/// One certificate in one store of the Cert: drive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct StoredCertificate {
    /// `CurrentUser` or `LocalMachine`.
    #[serde(rename = "Location")]
    pub location: String,
    /// The store's name (`My`, `Root`, `CA`, …).
    #[serde(rename = "Store")]
    pub store: String,
    /// The certificate's SHA-1 thumbprint (upper-case hex), for lookups without decoding.
    #[serde(rename = "Thumbprint")]
    pub thumbprint: String,
    /// The friendly name (empty when none).
    #[serde(rename = "FriendlyName")]
    pub friendly_name: String,
    /// The DER encoding, in base64.
    #[serde(rename = "RawData")]
    pub raw_data: String,
    /// Whether the key directory beside the state holds this certificate's private key (the
    /// key itself is never in the state).
    #[serde(rename = "HasPrivateKey", default)]
    pub has_private_key: bool,
}

/// A store path split into its canonical location and store names (`LocalMachine`, `CA`);
/// `None` when either is not one of the Cert: drive's.
pub fn canonical_store(location: &str, store: &str) -> Option<(&'static str, &'static str)> {
    let location = LOCATIONS
        .iter()
        .find(|l| l.eq_ignore_ascii_case(location))?;
    let store = STORES.iter().find(|s| s.eq_ignore_ascii_case(store))?;
    Some((location, store))
}

impl StoredCertificate {
    /// The stored form of `certificate` in `location\store`.
    pub fn new(location: &str, store: &str, certificate: &Certificate) -> StoredCertificate {
        StoredCertificate {
            location: location.to_string(),
            store: store.to_string(),
            thumbprint: certificate.thumbprint().to_string(),
            friendly_name: certificate.friendly_name(),
            raw_data: base64_encode(certificate.raw_data()),
            has_private_key: certificate.has_private_key(),
        }
    }

    /// The certificate again (friendly name restored).
    pub fn certificate(&self) -> PkiResult<Certificate> {
        let der = base64_decode(&self.raw_data).unwrap_or_default();
        let mut certificate = Certificate::from_der(der)?;
        if !self.friendly_name.is_empty() {
            certificate.set_friendly_name(&self.friendly_name);
        }
        certificate.set_has_private_key(self.has_private_key);
        Ok(certificate)
    }

    /// Is this certificate in `location\store` (names compared case-insensitively)?
    pub fn is_in(&self, location: &str, store: &str) -> bool {
        self.location.eq_ignore_ascii_case(location) && self.store.eq_ignore_ascii_case(store)
    }

    /// The `Location\Store` path of its store.
    pub fn store_path(&self) -> String {
        format!("{}\\{}", self.location, self.store)
    }
}

/// Add `certificate` to `location\store` unless a certificate with its thumbprint is already
/// there; true when added.
pub fn add_certificate(
    certificates: &mut Vec<StoredCertificate>,
    location: &str,
    store: &str,
    certificate: &Certificate,
) -> bool {
    let thumbprint = certificate.thumbprint().to_string();
    if certificates
        .iter()
        .any(|c| c.is_in(location, store) && c.thumbprint.eq_ignore_ascii_case(&thumbprint))
    {
        return false;
    }
    certificates.push(StoredCertificate::new(location, store, certificate));
    true
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const FIXTURE: &[u8] = include_bytes!("../pki/testdata/contoso-chain.pem");

    #[test]
    fn certificates_round_trip_and_dedupe_by_thumbprint() {
        let certificates = crate::pki::decode_any(FIXTURE).unwrap();
        let mut stored = Vec::new();
        for certificate in &certificates {
            assert!(add_certificate(
                &mut stored,
                "LocalMachine",
                "Disallowed",
                certificate
            ));
        }
        assert!(!add_certificate(
            &mut stored,
            "localmachine",
            "disallowed",
            &certificates[0]
        ));
        assert!(add_certificate(
            &mut stored,
            "CurrentUser",
            "My",
            &certificates[0]
        ));
        assert_eq!(stored.len(), certificates.len() + 1);
        let back = stored[0].certificate().unwrap();
        assert_eq!(back.raw_data(), certificates[0].raw_data());
        assert_eq!(back.thumbprint(), certificates[0].thumbprint());
        assert_eq!(stored[0].store_path(), "LocalMachine\\Disallowed");
    }

    #[test]
    fn store_names_are_canonical() {
        assert_eq!(
            canonical_store("localmachine", "ca"),
            Some(("LocalMachine", "CA"))
        );
        assert_eq!(canonical_store("LocalMachine", "Nope"), None);
    }
}
