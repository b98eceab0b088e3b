//! L1 — saved directory connections: what `Connect-Directory -Name` keeps in the state so a
//! script can connect again by name. Never a secret: a password is either asked for, given as
//! a credential, or read from an environment variable whose *name* is kept here.

use serde::{Deserialize, Serialize};

/// The settings of one named LDAP connection (no password, ever).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DirectoryConnection {
    /// The name scripts use (`Connect-Directory -Name Corp`).
    #[serde(rename = "Name")]
    pub name: String,
    /// `ldap://host:389` or `ldaps://host:636`.
    #[serde(rename = "Server")]
    pub server: String,
    /// Upgrade an `ldap://` connection with StartTLS.
    #[serde(rename = "StartTls")]
    pub start_tls: bool,
    /// Where users are searched (empty: the server's first naming context).
    #[serde(rename = "BaseDN")]
    pub base_dn: String,
    /// The DN (or user name) to bind as; empty for an anonymous bind.
    #[serde(rename = "BindDN")]
    pub bind_dn: String,
    /// The environment variable that holds the password (its name, not its value).
    #[serde(rename = "PasswordVariable")]
    pub password_variable: String,
    /// A file of trusted root certificates (PEM, DER, PKCS#7 or SST); empty: the system's.
    #[serde(rename = "TrustStore")]
    pub trust_store: String,
    /// A simple bind over an unencrypted connection was explicitly allowed.
    #[serde(rename = "AllowUnencrypted")]
    pub allow_unencrypted: bool,
}

impl DirectoryConnection {
    /// Every problem with these settings (a name and an `ldap://`/`ldaps://` server).
    pub fn validate(&self) -> Vec<super::Problem> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push(super::Problem::new(
                "Name",
                &self.name,
                "A saved directory connection needs a name.",
            ));
        }
        let server = self.server.to_ascii_lowercase();
        if !server.starts_with("ldap://") && !server.starts_with("ldaps://") {
            problems.push(super::Problem::new(
                "Server",
                &self.server,
                "The server must be an ldap:// or ldaps:// URL.",
            ));
        }
        problems
    }
}

/// Find a saved connection by name (case-insensitively).
pub fn find<'a>(saved: &'a [DirectoryConnection], name: &str) -> Option<&'a DirectoryConnection> {
    saved.iter().find(|c| c.name.eq_ignore_ascii_case(name))
}

/// Save `connection`, replacing one of the same name; true when anything changed.
pub fn save(saved: &mut Vec<DirectoryConnection>, connection: DirectoryConnection) -> bool {
    match saved
        .iter_mut()
        .find(|c| c.name.eq_ignore_ascii_case(&connection.name))
    {
        Some(existing) if *existing == connection => false,
        Some(existing) => {
            *existing = connection;
            true
        }
        None => {
            saved.push(connection);
            true
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn corp() -> DirectoryConnection {
        DirectoryConnection {
            name: "Corp".into(),
            server: "ldaps://dc1.corp.example:636".into(),
            bind_dn: "cn=admin,dc=corp".into(),
            ..DirectoryConnection::default()
        }
    }

    #[test]
    fn saving_replaces_by_name_and_reports_changes() {
        let mut saved = Vec::new();
        assert!(save(&mut saved, corp()));
        assert!(!save(&mut saved, corp()));
        let mut changed = corp();
        changed.name = "CORP".into();
        changed.start_tls = true;
        assert!(save(&mut saved, changed));
        assert_eq!(saved.len(), 1);
        assert!(find(&saved, "corp").unwrap().start_tls);
    }

    #[test]
    fn validation_wants_a_name_and_an_ldap_url() {
        assert!(corp().validate().is_empty());
        let bad = DirectoryConnection {
            server: "http://x".into(),
            ..DirectoryConnection::default()
        };
        let fields: Vec<String> = bad.validate().iter().map(|p| p.parameter.clone()).collect();
        assert_eq!(fields, vec!["Name", "Server"]);
    }
}
