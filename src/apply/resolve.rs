//! L2 — reading what a desired-state document points at, before the store is touched:
//! certificate files (DER, PEM, P7B, SST), inline base64 DER and PEM text, and `Cert:\` paths
//! (resolved later against the store as the plan will leave it). A read error stays attached
//! to its object, so the plan shows it as unknown instead of taking it for absent.

use std::path::Path;

use crate::pki::{self, Certificate};
use crate::value::static_convert::base64_decode;

use super::document::{CertSource, Document};
use super::schema_certs::store_of;

/// A CA collection entry after reading.
#[derive(Debug, Clone)]
pub enum CaEntry {
    /// Certificates read from a file or PEM text.
    Certificates(Vec<Certificate>),
    /// A `Cert:\` store (every certificate in it) or one certificate of it by thumbprint.
    Store {
        location: &'static str,
        store: &'static str,
        thumbprint: Option<String>,
    },
}

/// Everything the document's files gave, in the document's order.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Per certificate section, per item: the certificates (empty for a thumbprint).
    pub certificates: Vec<Vec<Result<Vec<Certificate>, String>>>,
    /// The CA collection's entries, when declared (an error when any entry is unreadable).
    pub issuing_ca: Option<Result<Vec<CaEntry>, String>>,
    /// Per declared user: the certificates of its files.
    pub users: Vec<Result<Vec<Certificate>, String>>,
}

/// Read every file the document names (relative paths start at the document's directory).
pub fn read_inputs(document: &Document) -> Inputs {
    let base = document.base_dir();
    let certificates = document
        .certificates
        .iter()
        .map(|section| {
            section
                .items
                .iter()
                .map(|item| match &item.source {
                    CertSource::FilePath(path) => read_file(base, path),
                    CertSource::RawData(text) => from_base64(text).map(|c| vec![c]),
                    CertSource::Thumbprint(_) => Ok(Vec::new()),
                })
                .collect()
        })
        .collect();
    let issuing_ca = document
        .smime_config
        .as_ref()
        .and_then(|smime| smime.issuing_ca.as_ref())
        .map(|sources| sources.iter().map(|s| ca_entry(base, s)).collect());
    let users = document
        .users
        .iter()
        .flat_map(|section| &section.items)
        .map(|user| {
            let mut certificates = Vec::new();
            for path in &user.certificates {
                certificates.extend(read_file(base, path)?);
            }
            Ok(certificates)
        })
        .collect();
    Inputs {
        certificates,
        issuing_ca,
        users,
    }
}

/// The certificates in a file (every one of a chain, P7B or SST).
pub fn read_file(base: &Path, path: &str) -> Result<Vec<Certificate>, String> {
    let full = base.join(path);
    let bytes = std::fs::read(&full)
        .map_err(|e| format!("cannot read the certificate file '{}': {e}", full.display()))?;
    let certificates = pki::decode_any(&bytes).map_err(|e| {
        format!(
            "the certificate file '{}' is unreadable: {e}",
            full.display()
        )
    })?;
    if certificates.is_empty() {
        return Err(format!(
            "the certificate file '{}' holds no certificate",
            full.display()
        ));
    }
    Ok(certificates)
}

/// A certificate from its DER in base64.
pub fn from_base64(text: &str) -> Result<Certificate, String> {
    let compact: String = text.split_whitespace().collect();
    let der = base64_decode(&compact).ok_or("RawData is not valid base64")?;
    Certificate::from_der(der).map_err(|e| format!("RawData is not a certificate: {e}"))
}

/// One CA collection entry: PEM text, a `Cert:\` path, or a file.
fn ca_entry(base: &Path, source: &str) -> Result<CaEntry, String> {
    if source.contains("-----BEGIN") {
        return pki::decode_any(source.as_bytes())
            .map(CaEntry::Certificates)
            .map_err(|e| format!("SMIMECertificateIssuingCA: the PEM text is unreadable: {e}"));
    }
    if looks_like_base64_der(source) {
        return from_base64(source).map(|c| CaEntry::Certificates(vec![c]));
    }
    if source.len() >= 5 && source[..5].eq_ignore_ascii_case("cert:") {
        return cert_path(source);
    }
    read_file(base, source).map(CaEntry::Certificates)
}

/// A certificate's DER in base64, as export writes the CA collection (a DER certificate is a
/// SEQUENCE with a two-byte length, so its base64 starts with `MII`).
fn looks_like_base64_der(source: &str) -> bool {
    source.len() > 100
        && source.starts_with("MII")
        && source
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
}

/// `Cert:\LocalMachine\CA` or `Cert:\LocalMachine\CA\THUMBPRINT`.
fn cert_path(source: &str) -> Result<CaEntry, String> {
    let bad = || {
        format!(
            "SMIMECertificateIssuingCA: '{source}' is not a Cert:\\ store or certificate path (Cert:\\LocalMachine\\CA or Cert:\\LocalMachine\\CA\\<thumbprint>)"
        )
    };
    let parts: Vec<&str> = source[5..]
        .split(['\\', '/'])
        .filter(|p| !p.is_empty())
        .collect();
    let (store_part, thumbprint) = match parts.as_slice() {
        [location, store] => (format!("{location}\\{store}"), None),
        [location, store, thumbprint] => (
            format!("{location}\\{store}"),
            Some(thumbprint.to_ascii_uppercase()),
        ),
        _ => return Err(bad()),
    };
    let (location, store) = store_of(&store_part).ok_or_else(bad)?;
    Ok(CaEntry::Store {
        location,
        store,
        thumbprint,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const CHAIN: &str = "src/pki/testdata/contoso-chain.pem";

    #[test]
    fn files_pem_and_store_paths_resolve() {
        let base = Path::new(env!("CARGO_MANIFEST_DIR"));
        let certificates = read_file(base, CHAIN).unwrap();
        assert!(certificates.len() >= 2);
        assert!(
            read_file(base, "no/such.cer")
                .unwrap_err()
                .contains("cannot read")
        );
        let pem = std::fs::read_to_string(base.join(CHAIN)).unwrap();
        match ca_entry(base, &pem).unwrap() {
            CaEntry::Certificates(found) => assert_eq!(found.len(), certificates.len()),
            other => panic!("{other:?}"),
        }
        match ca_entry(base, "Cert:\\localmachine\\ca\\abcd").unwrap() {
            CaEntry::Store {
                location,
                store,
                thumbprint,
            } => {
                assert_eq!((location, store), ("LocalMachine", "CA"));
                assert_eq!(thumbprint.as_deref(), Some("ABCD"));
            }
            other => panic!("{other:?}"),
        }
        assert!(ca_entry(base, "Cert:\\Nowhere").is_err());
        let der = crate::value::static_convert::base64_encode(certificates[0].raw_data());
        assert!(
            matches!(ca_entry(base, &der).unwrap(), CaEntry::Certificates(found) if found.len() == 1)
        );
        assert_eq!(
            from_base64(&der).unwrap().thumbprint(),
            certificates[0].thumbprint()
        );
    }
}
