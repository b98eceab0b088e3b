//! L1 — certificates and their files: `Certificate` (x509-parser), `Thumbprint`, and the codecs
//! for DER (`.cer`), PEM, PKCS#7 (`.p7b`) and Microsoft's serialized store (`.sst`).
//!
//! Every codec has `decode(&[u8]) -> PkiResult<Vec<Certificate>>` and `encode(&[Certificate])`;
//! [`detect`] tells the format from the bytes (never from a file name) and [`decode_any`]
//! reads whichever it is. Nothing here panics on any input: bad bytes give a [`PkiError`] that
//! says what and where.

pub mod certificate;
pub mod der;
pub mod error;
pub mod format;
pub mod info;
pub mod issue;
pub mod key_usage;
pub mod keys;
pub mod lint;
pub mod names;
pub mod oids;
pub mod p7b;
pub mod pem;
pub mod pfx;
pub mod property;
pub mod rsa_keygen;
pub mod signature;
pub mod sst;
pub mod system;
pub mod thumbprint;
mod to_value;

#[cfg(test)]
mod test_support;

pub use certificate::{Certificate, Origin};
pub use error::{PkiError, PkiResult};
pub use format::{Format, decode, decode_any, detect, encode};
pub use info::{BasicConstraints, CertificateInfo, ExtensionInfo, NamedOid, PublicKeyInfo};
pub use key_usage::KeyUsageFlags;
pub use property::StoreProperty;
pub use thumbprint::{Thumbprint, sha1, sha256};
pub use to_value::X509_CERTIFICATE2;
