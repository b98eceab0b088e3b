//! L1 — PKCS#12 (`.pfx`) files: certificates with their private keys and chains, protected by a
//! password (p12-keystore, pure Rust): written by Export-PfxCertificate, read by
//! Import-PfxCertificate. Errors never quote a password or a key.

use p12_keystore::{
    EncryptionAlgorithm, KeyStore, KeyStoreEntry, MacAlgorithm, Pkcs12ImportPolicy, PrivateKey,
    PrivateKeyChain,
};

use super::{Certificate, PkiError, PkiResult};

const FORMAT: &str = "PFX";

/// How the private keys and certificates inside are encrypted (`-CryptoAlgorithmOption`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PfxEncryption {
    /// PBES2 with AES-256-CBC and HMAC-SHA256 key derivation; MAC HMAC-SHA256.
    Aes256Sha256,
    /// The legacy pbeWithSHAAnd3-KeyTripleDES-CBC; MAC HMAC-SHA1 (old Windows, Java 8).
    TripleDesSha1,
}

impl PfxEncryption {
    /// The Windows name (`AES256_SHA256`, `TripleDES_SHA1`), case-insensitively.
    pub fn parse(name: &str) -> Option<PfxEncryption> {
        if name.eq_ignore_ascii_case("AES256_SHA256") {
            Some(PfxEncryption::Aes256Sha256)
        } else if name.eq_ignore_ascii_case("TripleDES_SHA1") {
            Some(PfxEncryption::TripleDesSha1)
        } else {
            None
        }
    }
}

/// One certificate of a PFX with its private key (PKCS#8 PEM, as the key directory keeps it)
/// and the rest of its chain (issuer first, root last; may be empty).
pub struct PfxEntry<'a> {
    pub certificate: &'a Certificate,
    pub private_key_pem: &'a str,
    pub chain: Vec<Certificate>,
    /// The name shown by Windows (the certificate's friendly name, else its thumbprint).
    pub friendly_name: String,
}

/// Encode `entries` as one password-protected PKCS#12 file.
pub fn encode(
    entries: &[PfxEntry<'_>],
    password: &str,
    encryption: PfxEncryption,
) -> PkiResult<Vec<u8>> {
    let error = |reason: String| PkiError::Encode {
        format: FORMAT,
        reason,
    };
    if entries.is_empty() {
        return Err(error("no certificate to export".to_string()));
    }
    let mut store = KeyStore::new();
    for entry in entries {
        let thumbprint = entry.certificate.thumbprint().to_string();
        let key_der = private_key_der(entry.private_key_pem)
            .map_err(|reason| error(format!("the private key of {thumbprint} {reason}")))?;
        let key = PrivateKey::from_der(&key_der).map_err(|_| {
            error(format!(
                "the private key of {thumbprint} is not a PKCS#8 key"
            ))
        })?;
        let mut certificates = Vec::with_capacity(1 + entry.chain.len());
        for certificate in std::iter::once(entry.certificate).chain(&entry.chain) {
            let parsed = p12_keystore::Certificate::from_der(certificate.raw_data())
                .map_err(|e| error(format!("certificate {}: {e}", certificate.thumbprint())))?;
            certificates.push(parsed);
        }
        let chain = PrivateKeyChain::new(entry.certificate.sha1_hash().to_vec(), key, certificates);
        let mut alias = entry.friendly_name.clone();
        if store.entry(&alias).is_some() {
            alias = format!("{alias} ({thumbprint})");
        }
        store.add_entry(&alias, KeyStoreEntry::PrivateKeyChain(chain));
    }
    let (algorithm, mac) = match encryption {
        PfxEncryption::Aes256Sha256 => (
            EncryptionAlgorithm::PbeWithHmacSha256AndAes256,
            MacAlgorithm::HmacSha256,
        ),
        PfxEncryption::TripleDesSha1 => (
            EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc,
            MacAlgorithm::HmacSha1,
        ),
    };
    store
        .writer(password)
        .encryption_algorithm(algorithm)
        .mac_algorithm(mac)
        .write()
        .map_err(|e| error(e.to_string()))
}

/// What a PFX holds: each certificate once, in file order of its entries (an end-entity
/// certificate before its chain), with its private key (PKCS#8 PEM) when the file has one.
pub struct PfxContents {
    pub certificates: Vec<(Certificate, Option<String>)>,
}

/// Read a PKCS#12 file with its password.
pub fn decode(bytes: &[u8], password: &str) -> PkiResult<PfxContents> {
    if bytes.is_empty() {
        return Err(PkiError::Empty { format: FORMAT });
    }
    let store =
        KeyStore::from_pkcs12(bytes, password, Pkcs12ImportPolicy::Relaxed).map_err(|error| {
            let reason = match error {
                p12_keystore::error::Error::MacError(_) => {
                    "the password is wrong (or the file was changed)".to_string()
                }
                other => format!("it is not a readable PKCS#12 file ({other})"),
            };
            PkiError::Pfx { reason }
        })?;
    let mut certificates: Vec<(Certificate, Option<String>)> = Vec::new();
    let mut add = |der: &[u8], key: Option<String>| -> PkiResult<()> {
        let certificate = Certificate::from_der(der.to_vec())?;
        match certificates
            .iter_mut()
            .find(|(c, _)| c.same_certificate(&certificate))
        {
            Some((_, existing)) => {
                if existing.is_none() {
                    *existing = key;
                }
            }
            None => certificates.push((certificate, key)),
        }
        Ok(())
    };
    for (_, entry) in store.entries() {
        match entry {
            KeyStoreEntry::PrivateKeyChain(chain) => {
                let key = pem::encode(&pem::Pem::new("PRIVATE KEY", chain.key().as_der()));
                for (index, certificate) in chain.certs().iter().enumerate() {
                    add(certificate.as_der(), (index == 0).then(|| key.clone()))?;
                }
            }
            KeyStoreEntry::Certificate(certificate) => add(certificate.as_der(), None)?,
            KeyStoreEntry::Secret(_) => {}
        }
    }
    if certificates.is_empty() {
        return Err(PkiError::Pfx {
            reason: "it holds no certificate".to_string(),
        });
    }
    Ok(PfxContents { certificates })
}

/// The DER of a `PRIVATE KEY` PEM block (the error never quotes the key).
fn private_key_der(pem_text: &str) -> Result<Vec<u8>, String> {
    let block = pem::parse(pem_text).map_err(|_| "is not readable PEM".to_string())?;
    if block.tag() != "PRIVATE KEY" {
        return Err(format!(
            "is a '{}' block, not a PKCS#8 'PRIVATE KEY'",
            block.tag()
        ));
    }
    Ok(block.into_contents())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::pki::issue::{KeyAlgorithm, Request, issue};

    fn issued() -> crate::pki::issue::Issued {
        let request = Request {
            subject: "CN=PFX test".into(),
            dns_names: vec!["pfx.contoso.example".into()],
            emails: Vec::new(),
            not_before: 1_700_000_000,
            not_after: 1_900_000_000,
            algorithm: KeyAlgorithm::EcdsaP256,
            key_usages: Vec::new(),
            ekus: Vec::new(),
            ca: None,
        };
        issue(&request, None).unwrap()
    }

    #[test]
    fn a_pfx_reads_back_with_its_password_only() {
        let issued = issued();
        for encryption in [PfxEncryption::Aes256Sha256, PfxEncryption::TripleDesSha1] {
            let entry = PfxEntry {
                certificate: &issued.certificate,
                private_key_pem: &issued.private_key_pem,
                chain: Vec::new(),
                friendly_name: "Lab".into(),
            };
            let bytes = encode(&[entry], "s3cret!", encryption).unwrap();
            let policy = p12_keystore::Pkcs12ImportPolicy::default();
            let back = KeyStore::from_pkcs12(&bytes, "s3cret!", policy).unwrap();
            let (alias, chain) = back.private_key_chain().unwrap();
            assert_eq!(alias, "Lab");
            assert_eq!(chain.certs()[0].as_der(), issued.certificate.raw_data());
            assert!(KeyStore::from_pkcs12(&bytes, "wrong", policy).is_err());
        }
    }

    #[test]
    fn a_bad_key_is_an_error_that_does_not_quote_it() {
        let issued = issued();
        let entry = PfxEntry {
            certificate: &issued.certificate,
            private_key_pem: "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n",
            chain: Vec::new(),
            friendly_name: String::new(),
        };
        let message = encode(&[entry], "x", PfxEncryption::Aes256Sha256)
            .unwrap_err()
            .to_string();
        assert!(message.contains("not a PKCS#8"), "{message}");
        assert!(!message.contains("AAAA"), "{message}");
        assert!(encode(&[], "x", PfxEncryption::Aes256Sha256).is_err());
    }

    #[test]
    fn decode_gives_the_certificate_its_key_and_its_chain() {
        let root = issued();
        let entry = PfxEntry {
            certificate: &root.certificate,
            private_key_pem: &root.private_key_pem,
            chain: vec![root.certificate.clone()],
            friendly_name: "Lab".into(),
        };
        let bytes = encode(&[entry], "pw", PfxEncryption::Aes256Sha256).unwrap();
        let contents = decode(&bytes, "pw").unwrap();
        assert_eq!(
            contents.certificates.len(),
            1,
            "the repeated certificate is kept once"
        );
        let (certificate, key) = &contents.certificates[0];
        assert!(certificate.same_certificate(&root.certificate));
        let key = key.as_deref().unwrap();
        assert_eq!(
            pem::parse(key).unwrap().contents(),
            pem::parse(&root.private_key_pem).unwrap().contents()
        );
        let Err(wrong) = decode(&bytes, "nope") else {
            panic!("a wrong password opened the file");
        };
        let wrong = wrong.to_string();
        assert!(wrong.contains("password is wrong"), "{wrong}");
        assert!(!wrong.contains("nope"));
        for bad in [&b""[..], b"\x30\x03\x02\x01", &bytes[..bytes.len() / 2]] {
            assert!(decode(bad, "pw").is_err());
        }
    }

    #[test]
    fn damaged_files_are_errors_never_panics() {
        let issued = issued();
        let key_der = private_key_der(&issued.private_key_pem).unwrap();
        let chain = PrivateKeyChain::new(
            vec![1u8],
            PrivateKey::from_der(&key_der).unwrap(),
            [p12_keystore::Certificate::from_der(issued.certificate.raw_data()).unwrap()],
        );
        let mut store = KeyStore::new();
        store.add_entry("x", KeyStoreEntry::PrivateKeyChain(chain));
        // One iteration each, so hundreds of damaged copies are cheap to try.
        let bytes = store
            .writer("pw")
            .encryption_iterations(1)
            .mac_iterations(1)
            .write()
            .unwrap();
        assert!(decode(&bytes, "pw").is_ok());
        for index in (0..bytes.len()).step_by(7) {
            let mut damaged = bytes.clone();
            damaged[index] ^= 0x5a;
            let _ = decode(&damaged, "pw");
            let _ = decode(&bytes[..index], "pw");
        }
    }

    #[test]
    fn windows_names_of_the_encryption() {
        assert_eq!(
            PfxEncryption::parse("aes256_sha256"),
            Some(PfxEncryption::Aes256Sha256)
        );
        assert_eq!(
            PfxEncryption::parse("TripleDES_SHA1"),
            Some(PfxEncryption::TripleDesSha1)
        );
        assert_eq!(PfxEncryption::parse("RC2"), None);
    }
}
