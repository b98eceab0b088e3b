//! L1 — `DirectoryError`: what went wrong talking to an LDAP directory, naming the server or
//! the entry and the LDAP result code by its RFC 4511 name. No message ever carries a password.

use miette::Diagnostic;
use thiserror::Error;

/// An error from the directory layer.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum DirectoryError {
    /// The server is not an `ldap://` or `ldaps://` URL.
    #[error("'{url}' is not an LDAP server URL: {reason}")]
    #[diagnostic(
        code(mailsec::directory::bad_url),
        help("give ldaps://host:636, or ldap://host:389 with -StartTls")
    )]
    BadUrl { url: String, reason: String },

    /// A simple bind would send the password in clear text.
    #[error(
        "refusing a simple bind to {server} over an unencrypted connection: the password would \
         cross the network in clear text"
    )]
    #[diagnostic(
        code(mailsec::directory::plaintext_bind),
        help(
            "use ldaps://, or ldap:// with -StartTls; pass -AllowUnencrypted only on a trusted test network"
        )
    )]
    PlaintextBind { server: String },

    /// The TCP connection could not be made.
    #[error("cannot connect to {server}: {reason}")]
    #[diagnostic(code(mailsec::directory::connect))]
    Connect { server: String, reason: String },

    /// StartTLS or the TLS handshake failed (certificate not trusted, wrong name, …).
    #[error("TLS with {server} failed: {reason}")]
    #[diagnostic(
        code(mailsec::directory::tls),
        help(
            "check -TrustStore (the root that issued the server's certificate) and the host name in -Server"
        )
    )]
    Tls { server: String, reason: String },

    /// The bind was refused.
    #[error("the bind to {server} as '{bind_dn}' failed: {reason}")]
    #[diagnostic(code(mailsec::directory::bind))]
    Bind {
        server: String,
        bind_dn: String,
        reason: String,
    },

    /// An operation returned an LDAP error code.
    #[error("{operation} of '{entry}' failed: {code_name} ({code}){detail}")]
    #[diagnostic(code(mailsec::directory::ldap))]
    Ldap {
        operation: &'static str,
        entry: String,
        code: u32,
        code_name: &'static str,
        /// `: server text`, or empty.
        detail: String,
    },

    /// The server did not answer in time.
    #[error("{operation} of '{entry}' timed out after {seconds} s")]
    #[diagnostic(code(mailsec::directory::timeout))]
    Timeout {
        operation: &'static str,
        entry: String,
        seconds: u64,
    },

    /// The connection went away (server stopped, network cut).
    #[error("the connection to {server} was lost during {operation} of '{entry}': {reason}")]
    #[diagnostic(
        code(mailsec::directory::connection_lost),
        help("connect again (Connect-Directory) and re-run: work already written is kept")
    )]
    ConnectionLost {
        server: String,
        operation: &'static str,
        entry: String,
        reason: String,
    },

    /// A search filter does not parse (RFC 4515).
    #[error("the LDAP filter '{filter}' is not valid (RFC 4515): {reason}")]
    #[diagnostic(
        code(mailsec::directory::bad_filter),
        help(
            "filters look like (mail=a@example.com) or (&(objectClass=person)(mail=*)); escape ( ) * \\ in values as \\28 \\29 \\2a \\5c"
        )
    )]
    BadFilter { filter: String, reason: String },

    /// A distinguished name does not parse (RFC 4514).
    #[error("'{dn}' is not a valid distinguished name (RFC 4514): {reason}")]
    #[diagnostic(
        code(mailsec::directory::bad_dn),
        help(
            "a DN looks like uid=jdoe,ou=people,dc=example,dc=com; escape , + \" \\ < > ; = in values with a backslash"
        )
    )]
    BadDn { dn: String, reason: String },

    /// The trust store could not be read.
    #[error("the trust store {path} cannot be used: {reason}")]
    #[diagnostic(code(mailsec::directory::trust_store))]
    TrustStore { path: String, reason: String },

    /// A reply from the server could not be understood.
    #[error("the server sent a reply mailsec cannot read for '{entry}': {reason}")]
    #[diagnostic(code(mailsec::directory::protocol))]
    Protocol { entry: String, reason: String },
}

/// A result type for the directory layer.
pub type DirectoryResult<T> = Result<T, DirectoryError>;

impl DirectoryError {
    /// True when the connection itself is gone: later operations on it will fail too.
    pub fn is_connection_lost(&self) -> bool {
        matches!(self, DirectoryError::ConnectionLost { .. })
    }

    /// The LDAP result code, when the server sent one.
    pub fn code(&self) -> Option<u32> {
        match self {
            DirectoryError::Ldap { code, .. } => Some(*code),
            _ => None,
        }
    }
}

/// The RFC 4511 name of an LDAP result code (`noSuchObject`).
pub fn code_name(code: u32) -> &'static str {
    match code {
        0 => "success",
        1 => "operationsError",
        2 => "protocolError",
        3 => "timeLimitExceeded",
        4 => "sizeLimitExceeded",
        7 => "authMethodNotSupported",
        8 => "strongerAuthRequired",
        10 => "referral",
        11 => "adminLimitExceeded",
        12 => "unavailableCriticalExtension",
        13 => "confidentialityRequired",
        16 => "noSuchAttribute",
        17 => "undefinedAttributeType",
        18 => "inappropriateMatching",
        19 => "constraintViolation",
        20 => "attributeOrValueExists",
        21 => "invalidAttributeSyntax",
        32 => "noSuchObject",
        33 => "aliasProblem",
        34 => "invalidDNSyntax",
        48 => "inappropriateAuthentication",
        49 => "invalidCredentials",
        50 => "insufficientAccessRights",
        51 => "busy",
        52 => "unavailable",
        53 => "unwillingToPerform",
        54 => "loopDetect",
        64 => "namingViolation",
        65 => "objectClassViolation",
        66 => "notAllowedOnNonLeaf",
        67 => "notAllowedOnRDN",
        68 => "entryAlreadyExists",
        69 => "objectClassModsProhibited",
        71 => "affectsMultipleDSAs",
        80 => "other",
        _ => "unknown result code",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ldap_errors_name_the_entry_and_the_code() {
        let error = DirectoryError::Ldap {
            operation: "modify",
            entry: "uid=a,dc=x".into(),
            code: 50,
            code_name: code_name(50),
            detail: String::new(),
        };
        assert_eq!(
            error.to_string(),
            "modify of 'uid=a,dc=x' failed: insufficientAccessRights (50)"
        );
        assert_eq!(error.code(), Some(50));
        assert_eq!(code_name(32), "noSuchObject");
        assert_eq!(code_name(999), "unknown result code");
    }
}
