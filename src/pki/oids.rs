//! L1 — the friendly names Windows (.NET's `Oid.FriendlyName`, en-US) gives to object
//! identifiers: enhanced key usages, signature and public-key algorithms, extensions, curves.

/// Look `oid` up in a table of (dotted OID, name).
fn lookup(table: &[(&str, &'static str)], oid: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(dotted, _)| *dotted == oid)
        .map(|(_, name)| *name)
}

/// Enhanced key usage (extendedKeyUsage) purposes.
const EKU: &[(&str, &str)] = &[
    ("1.3.6.1.5.5.7.3.1", "Server Authentication"),
    ("1.3.6.1.5.5.7.3.2", "Client Authentication"),
    ("1.3.6.1.5.5.7.3.3", "Code Signing"),
    ("1.3.6.1.5.5.7.3.4", "Secure Email"),
    ("1.3.6.1.5.5.7.3.5", "IP security end system"),
    ("1.3.6.1.5.5.7.3.6", "IP security tunnel termination"),
    ("1.3.6.1.5.5.7.3.7", "IP security user"),
    ("1.3.6.1.5.5.7.3.8", "Time Stamping"),
    ("1.3.6.1.5.5.7.3.9", "OCSP Signing"),
    ("1.3.6.1.5.5.8.2.2", "IP security IKE intermediate"),
    ("1.3.6.1.5.2.3.5", "KDC Authentication"),
    ("2.5.29.37.0", "Any Purpose"),
    ("1.3.6.1.4.1.311.10.3.1", "Microsoft Trust List Signing"),
    ("1.3.6.1.4.1.311.10.3.2", "Microsoft Time Stamping"),
    ("1.3.6.1.4.1.311.10.3.3", "Microsoft Server Gated Crypto"),
    ("1.3.6.1.4.1.311.10.3.4", "Encrypting File System"),
    ("1.3.6.1.4.1.311.10.3.4.1", "File Recovery"),
    (
        "1.3.6.1.4.1.311.10.3.5",
        "Windows Hardware Driver Verification",
    ),
    (
        "1.3.6.1.4.1.311.10.3.6",
        "Windows System Component Verification",
    ),
    (
        "1.3.6.1.4.1.311.10.3.7",
        "OEM Windows System Component Verification",
    ),
    (
        "1.3.6.1.4.1.311.10.3.8",
        "Embedded Windows System Component Verification",
    ),
    ("1.3.6.1.4.1.311.10.3.9", "Root List Signer"),
    ("1.3.6.1.4.1.311.10.3.10", "Qualified Subordination"),
    ("1.3.6.1.4.1.311.10.3.11", "Key Recovery"),
    ("1.3.6.1.4.1.311.10.3.12", "Document Signing"),
    ("1.3.6.1.4.1.311.10.3.13", "Lifetime Signing"),
    ("1.3.6.1.4.1.311.10.5.1", "Digital Rights"),
    ("1.3.6.1.4.1.311.10.6.1", "Key Pack Licenses"),
    ("1.3.6.1.4.1.311.10.6.2", "License Server Verification"),
    ("1.3.6.1.4.1.311.20.2.1", "Certificate Request Agent"),
    ("1.3.6.1.4.1.311.20.2.2", "Smart Card Logon"),
    ("1.3.6.1.4.1.311.21.5", "Private Key Archival"),
    ("1.3.6.1.4.1.311.21.6", "Key Recovery Agent"),
    (
        "1.3.6.1.4.1.311.21.19",
        "Directory Service Email Replication",
    ),
    ("1.3.6.1.4.1.311.80.1", "Document Encryption"),
    ("2.16.840.1.113730.4.1", "Netscape Server Gated Crypto"),
];

/// The Windows name of an enhanced key usage, e.g. "Secure Email".
pub fn eku_name(oid: &str) -> Option<&'static str> {
    lookup(EKU, oid)
}

/// Signature algorithms, as .NET names them (`sha256RSA`).
const SIGNATURE: &[(&str, &str)] = &[
    ("1.2.840.113549.1.1.2", "md2RSA"),
    ("1.2.840.113549.1.1.3", "md4RSA"),
    ("1.2.840.113549.1.1.4", "md5RSA"),
    ("1.2.840.113549.1.1.5", "sha1RSA"),
    ("1.3.14.3.2.29", "sha1RSA"),
    ("1.2.840.113549.1.1.10", "RSASSA-PSS"),
    ("1.2.840.113549.1.1.11", "sha256RSA"),
    ("1.2.840.113549.1.1.12", "sha384RSA"),
    ("1.2.840.113549.1.1.13", "sha512RSA"),
    ("1.2.840.113549.1.1.14", "sha224RSA"),
    ("1.2.840.10040.4.3", "sha1DSA"),
    ("2.16.840.1.101.3.4.3.2", "sha256DSA"),
    ("1.2.840.10045.4.1", "sha1ECDSA"),
    ("1.2.840.10045.4.3.1", "sha224ECDSA"),
    ("1.2.840.10045.4.3.2", "sha256ECDSA"),
    ("1.2.840.10045.4.3.3", "sha384ECDSA"),
    ("1.2.840.10045.4.3.4", "sha512ECDSA"),
    ("1.3.101.112", "Ed25519"),
    ("1.3.101.113", "Ed448"),
];

/// The .NET name of a signature algorithm, e.g. "sha256RSA".
pub fn signature_name(oid: &str) -> Option<&'static str> {
    lookup(SIGNATURE, oid)
}

/// Public-key algorithms (`PublicKey.Oid.FriendlyName`).
const PUBLIC_KEY: &[(&str, &str)] = &[
    ("1.2.840.113549.1.1.1", "RSA"),
    ("1.2.840.113549.1.1.10", "RSASSA-PSS"),
    ("1.2.840.10045.2.1", "ECC"),
    ("1.2.840.10040.4.1", "DSA"),
    ("1.2.840.10046.2.1", "DH"),
    ("1.3.101.110", "X25519"),
    ("1.3.101.111", "X448"),
    ("1.3.101.112", "Ed25519"),
    ("1.3.101.113", "Ed448"),
];

/// The .NET name of a public-key algorithm, e.g. "RSA" or "ECC".
pub fn public_key_name(oid: &str) -> Option<&'static str> {
    lookup(PUBLIC_KEY, oid)
}

/// Named elliptic curves: (OID, name, key size in bits).
const CURVES: &[(&str, &str, u32)] = &[
    ("1.2.840.10045.3.1.1", "nistP192", 192),
    ("1.3.132.0.33", "nistP224", 224),
    ("1.2.840.10045.3.1.7", "nistP256", 256),
    ("1.3.132.0.34", "nistP384", 384),
    ("1.3.132.0.35", "nistP521", 521),
    ("1.3.132.0.10", "secP256k1", 256),
    ("1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", 256),
    ("1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1", 384),
    ("1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1", 512),
];

/// A named curve's name and size in bits.
pub fn curve(oid: &str) -> Option<(&'static str, u32)> {
    CURVES
        .iter()
        .find(|(dotted, _, _)| *dotted == oid)
        .map(|(_, name, bits)| (*name, *bits))
}

/// Certificate extensions.
const EXTENSION: &[(&str, &str)] = &[
    ("2.5.29.14", "Subject Key Identifier"),
    ("2.5.29.15", "Key Usage"),
    ("2.5.29.16", "Private Key Usage Period"),
    ("2.5.29.17", "Subject Alternative Name"),
    ("2.5.29.18", "Issuer Alternative Name"),
    ("2.5.29.19", "Basic Constraints"),
    ("2.5.29.30", "Name Constraints"),
    ("2.5.29.31", "CRL Distribution Points"),
    ("2.5.29.32", "Certificate Policies"),
    ("2.5.29.33", "Policy Mappings"),
    ("2.5.29.35", "Authority Key Identifier"),
    ("2.5.29.36", "Policy Constraints"),
    ("2.5.29.37", "Enhanced Key Usage"),
    ("2.5.29.46", "Freshest CRL"),
    ("2.5.29.54", "Inhibit Any Policy"),
    ("1.3.6.1.5.5.7.1.1", "Authority Information Access"),
    ("1.3.6.1.5.5.7.1.11", "Subject Information Access"),
    ("1.3.6.1.5.5.7.1.3", "Qualified Certificate Statements"),
    ("1.3.6.1.4.1.11129.2.4.2", "SCT List"),
    ("1.3.6.1.5.5.7.48.1.5", "OCSP No Revocation Checking"),
    ("1.2.840.113549.1.9.15", "SMIME Capabilities"),
    ("1.3.6.1.4.1.311.20.2", "Certificate Template Name"),
    ("1.3.6.1.4.1.311.21.1", "CA Version"),
    ("1.3.6.1.4.1.311.21.2", "Previous CA Certificate Hash"),
    ("1.3.6.1.4.1.311.21.7", "Certificate Template Information"),
    ("1.3.6.1.4.1.311.21.10", "Application Policies"),
    ("2.16.840.1.113730.1.1", "Netscape Cert Type"),
    ("2.16.840.1.113730.1.13", "Netscape Comment"),
];

/// The Windows name of a certificate extension, e.g. "Basic Constraints".
pub fn extension_name(oid: &str) -> Option<&'static str> {
    lookup(EXTENSION, oid)
}

/// Distinguished-name attributes by the short names Windows prints (`S=` for a state).
const NAME_ATTRIBUTE: &[(&str, &str)] = &[
    ("2.5.4.3", "CN"),
    ("2.5.4.4", "SN"),
    ("2.5.4.5", "SERIALNUMBER"),
    ("2.5.4.6", "C"),
    ("2.5.4.7", "L"),
    ("2.5.4.8", "S"),
    ("2.5.4.9", "STREET"),
    ("2.5.4.10", "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.12", "T"),
    ("2.5.4.13", "Description"),
    ("2.5.4.17", "PostalCode"),
    ("2.5.4.18", "POBox"),
    ("2.5.4.20", "Phone"),
    ("2.5.4.24", "X21Address"),
    ("2.5.4.42", "G"),
    ("2.5.4.43", "I"),
    ("2.5.4.46", "dnQualifier"),
    ("1.2.840.113549.1.9.1", "E"),
    ("1.2.840.113549.1.9.2", "unstructuredName"),
    ("1.2.840.113549.1.9.8", "unstructuredAddress"),
    ("0.9.2342.19200300.100.1.25", "DC"),
];

/// The short name Windows prints for a name attribute; unknown ones print as `OID.<dotted>`.
pub fn name_attribute(oid: &str) -> Option<&'static str> {
    lookup(NAME_ATTRIBUTE, oid)
}

/// Authority-information-access methods.
pub const AIA_OCSP: &str = "1.3.6.1.5.5.7.48.1";
pub const AIA_CA_ISSUERS: &str = "1.3.6.1.5.5.7.48.2";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_oids_have_windows_names() {
        assert_eq!(eku_name("1.3.6.1.5.5.7.3.4"), Some("Secure Email"));
        assert_eq!(eku_name("1.3.6.1.5.5.7.3.1"), Some("Server Authentication"));
        assert_eq!(signature_name("1.2.840.113549.1.1.11"), Some("sha256RSA"));
        assert_eq!(signature_name("1.2.840.10045.4.3.2"), Some("sha256ECDSA"));
        assert_eq!(public_key_name("1.2.840.10045.2.1"), Some("ECC"));
        assert_eq!(curve("1.3.132.0.35"), Some(("nistP521", 521)));
        assert_eq!(extension_name("2.5.29.19"), Some("Basic Constraints"));
        assert_eq!(name_attribute("2.5.4.8"), Some("S"));
        assert_eq!(eku_name("1.2.3.4"), None);
    }
}
