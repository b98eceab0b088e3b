//! L1 — what a probe says about an endpoint: findings with a severity, a stable code and a
//! message that says exactly what is wrong.

use std::fmt;

/// How serious a finding is. An endpoint passes when it has no `Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Noted, not a problem under the policy in force.
    Info,
    /// Weaker than it should be, but the connection is still protected.
    Warning,
    /// The endpoint fails the test.
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "Info",
            Severity::Warning => "Warning",
            Severity::Error => "Error",
        }
    }
}

/// The stable codes of findings (what scripts match on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// The host name did not resolve, or TCP connect failed, or the connection was reset.
    ConnectionFailed,
    /// The endpoint's time budget (-TimeoutSeconds) ran out.
    Timeout,
    /// The server's dialog before TLS was not what the protocol says (garbage, an oversized
    /// banner or line, a 421/BYE greeting).
    ProtocolError,
    /// The server does not advertise STARTTLS/STLS (or LDAP StartTLS is unsupported).
    StartTlsNotOffered,
    /// The server advertised STARTTLS but refused the command (454, BAD, -ERR, LDAP error).
    StartTlsRefused,
    /// The server advertised STARTTLS again after TLS (RFC 3207 §4.2 forbids it).
    StartTlsReadvertised,
    /// The TLS handshake failed (alert, no common version or cipher, bytes that are not TLS).
    HandshakeFailed,
    /// The server's handshake signature does not verify with the certificate's key.
    HandshakeSignatureInvalid,
    CertificateExpired,
    CertificateNotYetValid,
    /// The leaf expires within 30 days.
    CertificateExpiresSoon,
    /// The certificate is not valid for the host name connected to.
    NameMismatch,
    /// The certificate does not hold -ExpectedCertificateName (or the connector's TlsDomain).
    CertificateNameMismatch,
    /// The chain does not reach a root of the trust store.
    UntrustedRoot,
    /// The leaf is self-signed and not in the trust store.
    SelfSigned,
    /// The chain reaches no root for another reason (bad signature, wrong usage, …).
    InvalidChain,
    /// The certificates are not sent in order (each one issued by the next).
    ChainOrder,
    /// The leaf's key is smaller than -MinimumKeySize (RSA/DSA) or 256 bits (EC).
    WeakKey,
    /// The server accepts TLS 1.0 or TLS 1.1 (RFC 8996), one finding per version.
    DeprecatedProtocol,
    /// The negotiated version is below -MinimumTlsVersion.
    TlsVersionBelowMinimum,
    /// The negotiated key exchange has no forward secrecy.
    NoForwardSecrecy,
    /// The chain's root is not -ExpectedRootIssuer.
    RootIssuerMismatch,
    /// -CheckRevocation: the revocation status is unknown: no CRL could be fetched or read,
    /// or none can be trusted (not signed by the leaf's issuer, stale or not yet valid).
    RevocationUnreachable,
    /// -CheckRevocation: a trusted CRL lists the leaf's serial number.
    CertificateRevoked,
}

impl Code {
    pub fn name(self) -> &'static str {
        match self {
            Code::ConnectionFailed => "ConnectionFailed",
            Code::Timeout => "Timeout",
            Code::ProtocolError => "ProtocolError",
            Code::StartTlsNotOffered => "StartTlsNotOffered",
            Code::StartTlsRefused => "StartTlsRefused",
            Code::StartTlsReadvertised => "StartTlsReadvertised",
            Code::HandshakeFailed => "HandshakeFailed",
            Code::HandshakeSignatureInvalid => "HandshakeSignatureInvalid",
            Code::CertificateExpired => "CertificateExpired",
            Code::CertificateNotYetValid => "CertificateNotYetValid",
            Code::CertificateExpiresSoon => "CertificateExpiresSoon",
            Code::NameMismatch => "NameMismatch",
            Code::CertificateNameMismatch => "CertificateNameMismatch",
            Code::UntrustedRoot => "UntrustedRoot",
            Code::SelfSigned => "SelfSigned",
            Code::InvalidChain => "InvalidChain",
            Code::ChainOrder => "ChainOrder",
            Code::WeakKey => "WeakKey",
            Code::DeprecatedProtocol => "DeprecatedProtocol",
            Code::TlsVersionBelowMinimum => "TlsVersionBelowMinimum",
            Code::NoForwardSecrecy => "NoForwardSecrecy",
            Code::RootIssuerMismatch => "RootIssuerMismatch",
            Code::RevocationUnreachable => "RevocationUnreachable",
            Code::CertificateRevoked => "CertificateRevoked",
        }
    }

    /// The severity a finding has unless the policy lowers it.
    pub fn default_severity(self) -> Severity {
        match self {
            Code::StartTlsReadvertised
            | Code::ChainOrder
            | Code::CertificateExpiresSoon
            | Code::DeprecatedProtocol
            | Code::NoForwardSecrecy
            | Code::RevocationUnreachable => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// Is this a verdict on the certificate (which TlsSettings EncryptionOnly does not ask
    /// for)?
    pub fn is_certificate_check(self) -> bool {
        matches!(
            self,
            Code::CertificateExpired
                | Code::CertificateNotYetValid
                | Code::CertificateExpiresSoon
                | Code::NameMismatch
                | Code::CertificateNameMismatch
                | Code::UntrustedRoot
                | Code::SelfSigned
                | Code::InvalidChain
                | Code::ChainOrder
                | Code::WeakKey
                | Code::RootIssuerMismatch
                | Code::CertificateRevoked
                | Code::RevocationUnreachable
        )
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One thing a probe found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
}

impl Finding {
    /// A finding with its code's default severity.
    pub fn new(code: Code, message: impl Into<String>) -> Finding {
        Finding {
            severity: code.default_severity(),
            code,
            message: message.into(),
        }
    }

    /// The same finding at another severity.
    pub fn at(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.severity.name(),
            self.code,
            self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_severities_and_display() {
        assert_eq!(
            Code::DeprecatedProtocol.default_severity(),
            Severity::Warning
        );
        assert_eq!(Code::UntrustedRoot.default_severity(), Severity::Error);
        let finding = Finding::new(Code::WeakKey, "RSA 1024 bits").at(Severity::Info);
        assert_eq!(finding.to_string(), "Info WeakKey: RSA 1024 bits");
        assert!(Code::NameMismatch.is_certificate_check());
        assert!(!Code::Timeout.is_certificate_check());
    }
}
