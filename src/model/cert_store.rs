//! L1 — the Cert: drive's stores as the configuration state keeps them: public certificates
//! only (base64 DER, friendly name), each under a store location (`CurrentUser`,
//! `LocalMachine`) and a store name (`My`, `Root`, `CA`, `Disallowed`, `TrustedPublisher`, or a
//! custom store New-Item made under `LocalMachine`, as Windows allows). Private keys never go
//! into the state.

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

/// The only store location where custom stores can be made (Windows refuses `CurrentUser`).
pub const CUSTOM_STORE_LOCATION: &str = "LocalMachine";

/// A store New-Item made (`Cert:\LocalMachine\CustomStore`), kept in the state with its name
/// as given; it holds certificates like the standard stores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct CustomStore {
    /// The store location (always `LocalMachine`).
    #[serde(rename = "Location")]
    pub location: String,
    /// The store's name, as New-Item was given it.
    #[serde(rename = "Name")]
    pub name: String,
}

impl CustomStore {
    /// Is this the store `location\name` (compared case-insensitively)?
    pub fn is(&self, location: &str, name: &str) -> bool {
        self.location.eq_ignore_ascii_case(location) && self.name.eq_ignore_ascii_case(name)
    }
}

/// A store path split into its canonical location and store names (`LocalMachine`, `CA`);
/// `None` when either is not one of the Cert: drive's standard ones.
pub fn canonical_store(location: &str, store: &str) -> Option<(&'static str, &'static str)> {
    canonical_store_in(location, store, &[])
}

/// Like [`canonical_store`], the `custom` stores counting too (a custom store's name is the
/// one it was created with, whatever the case of `store`).
pub fn canonical_store_in(
    location: &str,
    store: &str,
    custom: &[CustomStore],
) -> Option<(&'static str, &'static str)> {
    let location = canonical_location(location)?;
    if let Some(standard) = STORES.iter().find(|s| s.eq_ignore_ascii_case(store)) {
        return Some((location, standard));
    }
    let found = custom.iter().find(|c| c.is(location, store))?;
    Some((location, intern(&found.name)))
}

/// The canonical name of a store location (`localmachine` → `LocalMachine`).
pub fn canonical_location(location: &str) -> Option<&'static str> {
    LOCATIONS
        .iter()
        .copied()
        .find(|l| l.eq_ignore_ascii_case(location))
}

/// The stores of `location`: the standard ones, then the custom ones in creation order.
pub fn store_names(location: &str, custom: &[CustomStore]) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = STORES.to_vec();
    names.extend(
        custom
            .iter()
            .filter(|c| c.location.eq_ignore_ascii_case(location))
            .map(|c| intern(&c.name)),
    );
    names
}

/// Is `name` acceptable as a new store's name? The error says why not: a name is not empty,
/// holds no path separator (`\`, `/`), wildcard (`*`, `?`, `[`, `]`) or control character, is
/// not `.`/`..`, and has no leading or trailing blank.
pub fn validate_store_name(name: &str) -> Result<(), String> {
    let problem = if name.is_empty() {
        Some("a store name cannot be empty".to_string())
    } else if name.trim() != name {
        Some("a store name cannot begin or end with a blank".to_string())
    } else if name == "." || name == ".." {
        Some(format!("'{name}' names a path step, not a store"))
    } else if let Some(bad) = name.chars().find(|c| matches!(c, '\\' | '/' | ':')) {
        Some(format!(
            "a store name cannot contain '{bad}' (stores sit directly under a store location)"
        ))
    } else if let Some(bad) = name.chars().find(|c| matches!(c, '*' | '?' | '[' | ']')) {
        Some(format!(
            "a store name cannot contain the wildcard character '{bad}'"
        ))
    } else if name.chars().any(char::is_control) {
        Some("a store name cannot contain control characters".to_string())
    } else {
        None
    };
    match problem {
        Some(problem) => Err(format!("The store name '{name}' is not valid: {problem}.")),
        None => Ok(()),
    }
}

/// Drop what a hand-edited state may hold that New-Item would refuse: a custom store outside
/// `LocalMachine`, an invalid name, a standard store's name, a name given twice.
pub fn tidy_custom_stores(stores: &mut Vec<CustomStore>) {
    let mut kept: Vec<CustomStore> = Vec::with_capacity(stores.len());
    for mut store in stores.drain(..) {
        let Some(location) = canonical_location(&store.location) else {
            continue;
        };
        let acceptable = location == CUSTOM_STORE_LOCATION
            && validate_store_name(&store.name).is_ok()
            && canonical_store(location, &store.name).is_none()
            && !kept.iter().any(|k| k.is(location, &store.name));
        if acceptable {
            store.location = location.to_string();
            kept.push(store);
        }
    }
    *stores = kept;
}

/// `name` with a `'static` lifetime, so that custom store names travel like the standard
/// ones. Each distinct name is leaked once and reused: the set only grows by the stores the
/// state names, a handful in practice.
fn intern(name: &str) -> &'static str {
    static NAMES: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut names = NAMES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(known) = names.iter().find(|n| **n == name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.push(leaked);
    leaked
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

    #[test]
    fn custom_stores_count_case_insensitively_beside_the_standard_ones() {
        let custom = vec![CustomStore {
            location: "LocalMachine".into(),
            name: "CustomStore".into(),
        }];
        assert_eq!(
            canonical_store_in("localmachine", "customstore", &custom),
            Some(("LocalMachine", "CustomStore"))
        );
        assert_eq!(
            canonical_store_in("LocalMachine", "root", &custom),
            Some(("LocalMachine", "Root"))
        );
        assert_eq!(
            canonical_store_in("CurrentUser", "CustomStore", &custom),
            None
        );
        assert_eq!(canonical_store("LocalMachine", "CustomStore"), None);
        assert_eq!(
            store_names("LocalMachine", &custom),
            vec![
                "My",
                "Root",
                "CA",
                "Disallowed",
                "TrustedPublisher",
                "CustomStore"
            ]
        );
        assert_eq!(store_names("CurrentUser", &custom), STORES.to_vec());
        assert_eq!(canonical_location("currentuser"), Some("CurrentUser"));
    }

    #[test]
    fn store_names_with_separators_wildcards_or_nothing_are_refused() {
        assert!(validate_store_name("Custom Store 2").is_ok());
        for (name, why) in [
            ("", "cannot be empty"),
            ("a\\b", "cannot contain '\\'"),
            ("a/b", "cannot contain '/'"),
            ("Web*", "wildcard character '*'"),
            ("W?b", "wildcard character '?'"),
            ("[x]", "wildcard character '['"),
            ("..", "path step"),
            (" x", "blank"),
            ("a\tb", "control characters"),
        ] {
            let error = validate_store_name(name).unwrap_err();
            assert!(error.contains(why), "{name:?}: {error}");
        }
    }

    #[test]
    fn a_hand_edited_list_of_custom_stores_is_tidied() {
        let store = |location: &str, name: &str| CustomStore {
            location: location.into(),
            name: name.into(),
        };
        let mut stores = vec![
            store("localmachine", "Web"),
            store("LocalMachine", "WEB"),
            store("CurrentUser", "Mine"),
            store("LocalMachine", "root"),
            store("LocalMachine", "a*b"),
            store("Nowhere", "X"),
        ];
        tidy_custom_stores(&mut stores);
        assert_eq!(stores, vec![store("LocalMachine", "Web")]);
    }

    #[test]
    fn custom_stores_round_trip_through_yaml() {
        let store = CustomStore {
            location: "LocalMachine".into(),
            name: "CustomStore".into(),
        };
        let text = serde_yaml::to_string(&store).unwrap();
        assert_eq!(text, "Location: LocalMachine\nName: CustomStore\n");
        assert_eq!(serde_yaml::from_str::<CustomStore>(&text).unwrap(), store);
    }
}
