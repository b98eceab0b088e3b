//! L1 — signature checks with ring: one table from signature-algorithm OIDs to ring's
//! verification algorithms, used for certificates ([`signature_verifies`], chain building) and
//! for anything else an issuer signs (CRLs: [`verify_signed`]).

use ring::signature as sig;

use super::Certificate;

/// The Ed25519 algorithm (key and signature share the OID).
const ED25519: &str = "1.3.101.112";
/// Key algorithms.
const RSA_KEY: &str = "1.2.840.113549.1.1.1";
const EC_KEY: &str = "1.2.840.10045.2.1";

/// The key algorithm a signature algorithm of ring's table needs (RSA PKCS#1 v1.5, ECDSA,
/// Ed25519); `None` for others (RSA-PSS keys may carry their own OID).
fn key_family(algorithm_oid: &str) -> Option<&'static str> {
    match algorithm_oid {
        "1.2.840.113549.1.1.5"
        | "1.2.840.113549.1.1.11"
        | "1.2.840.113549.1.1.12"
        | "1.2.840.113549.1.1.13" => Some(RSA_KEY),
        "1.2.840.10045.4.3.2" | "1.2.840.10045.4.3.3" => Some(EC_KEY),
        ED25519 => Some(ED25519),
        _ => None,
    }
}

/// The ring algorithm for `algorithm_oid` signed by a key on `curve` (EC keys; empty for
/// others), or `None` when ring does not offer it.
fn ring_algorithm(
    algorithm_oid: &str,
    curve: &str,
) -> Option<&'static dyn sig::VerificationAlgorithm> {
    let algorithm: &'static dyn sig::VerificationAlgorithm = match (algorithm_oid, curve) {
        ("1.2.840.113549.1.1.5", _) => &sig::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
        ("1.2.840.113549.1.1.11", _) => &sig::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        ("1.2.840.113549.1.1.12", _) => &sig::RSA_PKCS1_2048_8192_SHA384,
        ("1.2.840.113549.1.1.13", _) => &sig::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        ("1.2.840.10045.4.3.2", "nistP256") => &sig::ECDSA_P256_SHA256_ASN1,
        ("1.2.840.10045.4.3.2", "nistP384") => &sig::ECDSA_P384_SHA256_ASN1,
        ("1.2.840.10045.4.3.3", "nistP256") => &sig::ECDSA_P256_SHA384_ASN1,
        ("1.2.840.10045.4.3.3", "nistP384") => &sig::ECDSA_P384_SHA384_ASN1,
        (ED25519, _) => &sig::ED25519,
        _ => return None,
    };
    Some(algorithm)
}

/// Does `issuer`'s public key verify `signature` over the `signed` bytes (a TBS structure's
/// DER) with the algorithm `algorithm_oid`? `None` when ring does not offer that algorithm
/// (for this key), so the caller can say it was not checked; `Some(false)` when the algorithm
/// needs another kind of key than the issuer's (an ECDSA signature and an RSA key).
pub fn verify_signed(
    signed: &[u8],
    signature: &[u8],
    algorithm_oid: &str,
    issuer: &Certificate,
) -> Option<bool> {
    let key_algorithm = issuer.public_key().algorithm.oid.as_str();
    if key_family(algorithm_oid).is_some_and(|family| family != key_algorithm) {
        return Some(false);
    }
    let curve = issuer.public_key().curve.as_deref().unwrap_or("");
    let algorithm = ring_algorithm(algorithm_oid, curve)?;
    let key = sig::UnparsedPublicKey::new(algorithm, &issuer.public_key().encoded_key);
    Some(key.verify(signed, signature).is_ok())
}

/// Does `issuer`'s key verify `cert`'s signature? `None` when the algorithm is one ring does
/// not offer (or a certificate cannot be parsed), so the caller can say it was not checked.
pub fn signature_verifies(cert: &Certificate, issuer: &Certificate) -> Option<bool> {
    let (_, parsed) = x509_parser::parse_x509_certificate(cert.raw_data()).ok()?;
    verify_signed(
        parsed.tbs_certificate.as_ref(),
        &parsed.signature_value.data,
        &cert.signature_algorithm().oid,
        issuer,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::test_support::sample_certificates;

    #[test]
    fn certificates_verify_against_their_issuer_only() {
        let chain = sample_certificates();
        assert_eq!(signature_verifies(&chain[1], &chain[0]), Some(true));
        assert_eq!(signature_verifies(&chain[2], &chain[1]), Some(true));
        assert_eq!(signature_verifies(&chain[0], &chain[0]), Some(true));
        assert_ne!(signature_verifies(&chain[2], &chain[0]), Some(true));
    }

    #[test]
    fn tampered_bytes_and_unknown_algorithms_do_not_verify() {
        let chain = sample_certificates();
        let (_, parsed) = x509_parser::parse_x509_certificate(chain[1].raw_data()).unwrap();
        let oid = chain[1].signature_algorithm().oid.clone();
        let tbs = parsed.tbs_certificate.as_ref();
        let signature = &parsed.signature_value.data;
        assert_eq!(verify_signed(tbs, signature, &oid, &chain[0]), Some(true));
        let mut tampered = tbs.to_vec();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        assert_eq!(
            verify_signed(&tampered, signature, &oid, &chain[0]),
            Some(false)
        );
        assert_eq!(verify_signed(tbs, signature, "1.2.3.4", &chain[0]), None);
        let key = chain[0].public_key().algorithm.oid.clone();
        let other = if key == RSA_KEY {
            "1.2.840.10045.4.3.2"
        } else {
            "1.2.840.113549.1.1.11"
        };
        assert_eq!(verify_signed(tbs, signature, other, &chain[0]), Some(false));
    }
}
