//! L1 — the DER codec (`.cer`, Export-Certificate -Type CERT): exactly one certificate.

use super::certificate::{Certificate, Origin};
use super::error::{PkiError, PkiResult};

/// Read a DER file: one certificate, nothing after it.
pub fn decode(bytes: &[u8]) -> PkiResult<Vec<Certificate>> {
    if bytes.is_empty() {
        return Err(PkiError::Empty { format: "DER" });
    }
    Ok(vec![Certificate::read(bytes.to_vec(), Origin::DER)?])
}

/// Write a DER file; it holds exactly one certificate.
pub fn encode(certificates: &[Certificate]) -> PkiResult<Vec<u8>> {
    match certificates {
        [one] => Ok(encode_one(one)),
        _ => Err(PkiError::Encode {
            format: "DER (.cer)",
            reason: format!(
                "a DER file holds exactly one certificate, and {} were given; use -Type SST or \
                 P7B for several",
                certificates.len()
            ),
        }),
    }
}

/// The DER of one certificate.
pub fn encode_one(certificate: &Certificate) -> Vec<u8> {
    certificate.raw_data().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::test_support::sample_certificates;

    #[test]
    fn one_certificate_round_trips() {
        let certs = sample_certificates();
        let bytes = encode(&certs[..1]).unwrap();
        assert_eq!(bytes, certs[0].raw_data());
        let back = decode(&bytes).unwrap();
        assert_eq!(back.len(), 1);
        assert!(back[0].same_certificate(&certs[0]));
    }

    #[test]
    fn several_or_none_cannot_be_written() {
        let certs = sample_certificates();
        let error = encode(&certs[..2]).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("exactly one certificate, and 2 were given")
        );
        assert!(encode(&[]).is_err());
    }

    #[test]
    fn malformed_input_is_an_error() {
        assert_eq!(decode(&[]).unwrap_err(), PkiError::Empty { format: "DER" });
        let certs = sample_certificates();
        let der = certs[0].raw_data();
        let truncated = decode(&der[..der.len() - 1]).unwrap_err();
        assert!(matches!(
            truncated,
            PkiError::NotACertificate { number: 1, .. }
        ));
        let mut longer = der.to_vec();
        longer.push(0);
        let trailing = decode(&longer).unwrap_err();
        assert!(
            trailing
                .to_string()
                .contains("1 unexpected bytes follow the certificate")
        );
        assert!(decode(b"hello world").is_err());
        assert!(decode(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF]).is_err());
    }
}
