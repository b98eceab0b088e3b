//! L1 — what an endpoint is judged against: the names and root it must present, the minimum
//! key size and TLS version, revocation, and how strict the validation is (full, or as an
//! Outbound connector's TlsSettings asks: CertificateValidation, EncryptionOnly).

use super::finding::{Code, Finding, Severity};

/// How much of the certificate counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Validation {
    /// Chain, dates, key and the host name (what a TLS client checks).
    #[default]
    Full,
    /// Chain, dates and key; the name is not checked (TlsSettings CertificateValidation).
    Certificate,
    /// Any TLS will do; certificate problems are only noted (TlsSettings EncryptionOnly).
    Encryption,
}

/// A TLS protocol version, ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TlsVersion {
    Tls10,
    Tls11,
    Tls12,
    Tls13,
}

impl TlsVersion {
    /// `TLS 1.0` … `TLS 1.3`.
    pub fn name(self) -> &'static str {
        match self {
            TlsVersion::Tls10 => "TLS 1.0",
            TlsVersion::Tls11 => "TLS 1.1",
            TlsVersion::Tls12 => "TLS 1.2",
            TlsVersion::Tls13 => "TLS 1.3",
        }
    }

    /// Read `1.2`, `TLS 1.2`, `Tls12`, `TLSv1.2`, `tls1_2` (case-insensitive).
    pub fn parse(text: &str) -> Option<TlsVersion> {
        let compact: String = text
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_digit())
            .collect();
        match compact.as_str() {
            "10" | "1" => Some(TlsVersion::Tls10),
            "11" => Some(TlsVersion::Tls11),
            "12" => Some(TlsVersion::Tls12),
            "13" => Some(TlsVersion::Tls13),
            _ => None,
        }
    }

    /// The wire version (`0x0301` …).
    pub fn wire(self) -> u16 {
        match self {
            TlsVersion::Tls10 => 0x0301,
            TlsVersion::Tls11 => 0x0302,
            TlsVersion::Tls12 => 0x0303,
            TlsVersion::Tls13 => 0x0304,
        }
    }
}

/// The checks for one endpoint.
#[derive(Debug, Clone)]
pub struct Policy {
    /// A name the certificate must hold instead of the host name (`*.contoso.com` allowed:
    /// then any name under contoso.com will do, as TlsDomain means it).
    pub expected_name: Option<String>,
    /// The root the chain must end in: its full name or its CN (wildcards allowed).
    pub expected_root_issuer: Option<String>,
    /// Smallest RSA/DSA key accepted, in bits.
    pub minimum_key_size: u32,
    /// Versions below this are errors (the negotiated one, and TLS 1.0/1.1 when offered).
    pub minimum_tls_version: Option<TlsVersion>,
    /// Fetch the CRLs and look for the leaf.
    pub check_revocation: bool,
    pub validation: Validation,
    /// Probe TLS 1.0 and 1.1 with ClientHellos of our own.
    pub legacy_probes: bool,
    /// Warn when the leaf expires within this many days.
    pub expiry_warning_days: i64,
    /// Why the validation is what it is (`Outbound connector 'X' (TlsSettings EncryptionOnly)`).
    pub validation_source: Option<String>,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            expected_name: None,
            expected_root_issuer: None,
            minimum_key_size: 2048,
            minimum_tls_version: None,
            check_revocation: false,
            validation: Validation::Full,
            legacy_probes: true,
            expiry_warning_days: 30,
            validation_source: None,
        }
    }
}

impl Policy {
    /// Lower the findings this policy does not ask for to Info, saying why.
    pub fn apply(&self, findings: &mut [Finding]) {
        let why = self
            .validation_source
            .clone()
            .unwrap_or_else(|| "the validation in force".to_string());
        for finding in findings.iter_mut() {
            let relaxed = match self.validation {
                Validation::Full => false,
                Validation::Certificate => finding.code == Code::NameMismatch,
                Validation::Encryption => finding.code.is_certificate_check(),
            };
            if relaxed && finding.severity > Severity::Info {
                finding.severity = Severity::Info;
                finding.message = format!("{} (Not required by {why}.)", finding.message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_order() {
        assert_eq!(TlsVersion::parse("1.2"), Some(TlsVersion::Tls12));
        assert_eq!(TlsVersion::parse("TLS 1.3"), Some(TlsVersion::Tls13));
        assert_eq!(TlsVersion::parse("Tls11"), Some(TlsVersion::Tls11));
        assert_eq!(TlsVersion::parse("TLSv1.0"), Some(TlsVersion::Tls10));
        assert_eq!(TlsVersion::parse("ssl3"), None);
        assert!(TlsVersion::Tls10 < TlsVersion::Tls12);
    }

    #[test]
    fn encryption_only_relaxes_certificate_findings() {
        let policy = Policy {
            validation: Validation::Encryption,
            ..Policy::default()
        };
        let mut findings = vec![
            Finding::new(Code::UntrustedRoot, "x"),
            Finding::new(Code::HandshakeFailed, "y"),
        ];
        policy.apply(&mut findings);
        assert_eq!(findings[0].severity, Severity::Info);
        assert_eq!(findings[1].severity, Severity::Error);
    }
}
