//! L1 — connection options from a saved directory connection (the model's
//! [`DirectoryConnection`]): what Connect-Directory and apply's `Users` section both open. The
//! password and the trust roots come from elsewhere (a saved connection holds neither).

use crate::model::DirectoryConnection;

use super::connection::{ConnectOptions, Credential};
use super::tls::TrustRoots;

impl ConnectOptions {
    /// Options for the saved settings `saved` (server, StartTLS, base DN, whether an
    /// unencrypted bind is allowed), binding with `credential` and trusting `trust`; the
    /// default time limit.
    pub fn from_saved(
        saved: &DirectoryConnection,
        credential: Option<Credential>,
        trust: TrustRoots,
    ) -> ConnectOptions {
        ConnectOptions {
            start_tls: saved.start_tls,
            base_dn: (!saved.base_dn.is_empty()).then(|| saved.base_dn.clone()),
            credential,
            trust,
            allow_unencrypted: saved.allow_unencrypted,
            ..ConnectOptions::new(&saved.server)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::Secret;
    use crate::directory::connection::DEFAULT_TIMEOUT;

    #[test]
    fn saved_settings_become_options() {
        let saved = DirectoryConnection {
            name: "Corp".into(),
            server: "ldap://dc1:389".into(),
            start_tls: true,
            base_dn: "dc=corp,dc=example".into(),
            bind_dn: "cn=admin,dc=corp,dc=example".into(),
            allow_unencrypted: true,
            ..DirectoryConnection::default()
        };
        let credential = Credential {
            user: saved.bind_dn.clone(),
            password: Secret::new("x"),
        };
        let options = ConnectOptions::from_saved(&saved, Some(credential), TrustRoots::System);
        assert_eq!(options.server, "ldap://dc1:389");
        assert!(options.start_tls && options.allow_unencrypted);
        assert_eq!(options.base_dn.as_deref(), Some("dc=corp,dc=example"));
        assert_eq!(
            options.credential.map(|c| c.user).as_deref(),
            Some("cn=admin,dc=corp,dc=example")
        );
        assert_eq!(options.timeout, DEFAULT_TIMEOUT);
    }

    #[test]
    fn an_empty_base_dn_means_the_naming_context() {
        let saved = DirectoryConnection {
            server: "ldaps://dc1".into(),
            ..DirectoryConnection::default()
        };
        let options = ConnectOptions::from_saved(&saved, None, TrustRoots::System);
        assert_eq!(options.base_dn, None);
        assert!(options.credential.is_none() && !options.start_tls);
    }
}
