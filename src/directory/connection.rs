//! L1 — one open LDAP connection (ldap3's async handle on a small single-threaded tokio
//! runtime): connecting securely (LDAPS or StartTLS, server certificate verified; a simple
//! bind in clear text is refused unless explicitly allowed), binding, and turning ldap3's
//! errors into [`DirectoryError`]s that name the entry. Every operation has a time limit.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use ldap3::tokio::runtime::{Builder, Runtime};
use ldap3::{Ldap, LdapConnAsync, LdapConnSettings, LdapError, Scope};

use super::entry::Entry;
use super::error::{DirectoryError, DirectoryResult, code_name};
use super::syntax::{ServerUrl, check_dn};
use super::tls::{TrustRoots, client_config};

/// How long one operation may take by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A password that never shows: its `Debug` and `Display` print `********`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(text: impl Into<String>) -> Secret {
        Secret(text.into())
    }

    /// The password itself, for the bind (and nothing else).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("********")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("********")
    }
}

/// Who to bind as.
#[derive(Debug, Clone)]
pub struct Credential {
    /// The bind DN (or a user name the server accepts for a simple bind).
    pub user: String,
    pub password: Secret,
}

/// Everything needed to open a connection.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// `ldap://host:389` or `ldaps://host:636`.
    pub server: String,
    /// Upgrade an `ldap://` connection with StartTLS.
    pub start_tls: bool,
    /// Where users live; `None`: the server's first naming context.
    pub base_dn: Option<String>,
    /// `None`: an anonymous connection.
    pub credential: Option<Credential>,
    pub trust: TrustRoots,
    /// Allow a simple bind over an unencrypted connection.
    pub allow_unencrypted: bool,
    /// The time limit of each operation (and of connecting).
    pub timeout: Duration,
}

impl ConnectOptions {
    /// Options for `server` with the defaults: no StartTLS, anonymous, system roots.
    pub fn new(server: &str) -> ConnectOptions {
        ConnectOptions {
            server: server.to_string(),
            start_tls: false,
            base_dn: None,
            credential: None,
            trust: TrustRoots::System,
            allow_unencrypted: false,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Check everything that can be checked without the network: the URL, the base DN, the
    /// bind DN's syntax, and that a password will not cross the network in clear text.
    pub fn check(&self) -> DirectoryResult<ServerUrl> {
        let url = ServerUrl::parse(&self.server)?;
        if let Some(base) = &self.base_dn {
            check_dn(base)?;
        }
        if self.start_tls && url.ldaps {
            return Err(DirectoryError::BadUrl {
                url: self.server.clone(),
                reason: "-StartTls is for ldap:// URLs; ldaps:// is already encrypted".to_string(),
            });
        }
        let encrypted = url.ldaps || self.start_tls;
        if self.credential.is_some() && !encrypted && !self.allow_unencrypted {
            return Err(DirectoryError::PlaintextBind {
                server: self.server.clone(),
            });
        }
        Ok(url)
    }
}

/// An open connection.
pub struct Directory {
    runtime: Runtime,
    ldap: Ldap,
    server: String,
    base_dn: String,
    encrypted: bool,
    bound_as: String,
    timeout: Duration,
    /// The server offers LDAP transactions (RFC 5805).
    offers_transactions: bool,
    /// Bulk writes use them.
    transactions: std::cell::Cell<bool>,
}

impl fmt::Debug for Directory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Directory")
            .field("server", &self.server)
            .field("base_dn", &self.base_dn)
            .field("encrypted", &self.encrypted)
            .field("bound_as", &self.bound_as)
            .finish()
    }
}

impl Directory {
    /// Connect, secure the connection, bind, and find the base DN.
    pub fn connect(options: &ConnectOptions) -> DirectoryResult<Directory> {
        let url = options.check()?;
        let encrypted = url.ldaps || options.start_tls;
        let server = options.server.clone();
        let runtime = Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| DirectoryError::Connect {
                server: server.clone(),
                reason: format!("cannot start the I/O runtime: {e}"),
            })?;
        let mut settings = LdapConnSettings::new()
            .set_conn_timeout(options.timeout)
            .set_starttls(options.start_tls);
        if encrypted {
            settings = settings.set_config(client_config(&options.trust)?);
        }
        let target = url.to_url();
        let connected = runtime.block_on(async {
            let (conn, ldap) = LdapConnAsync::with_settings(settings, &target).await?;
            ldap3::tokio::spawn(async move {
                let _ = conn.drive().await;
            });
            Ok::<Ldap, LdapError>(ldap)
        });
        let ldap = connected.map_err(|e| connect_error(&server, encrypted, e))?;
        let mut directory = Directory {
            runtime,
            ldap,
            server,
            base_dn: String::new(),
            encrypted,
            bound_as: String::new(),
            timeout: options.timeout,
            offers_transactions: false,
            transactions: std::cell::Cell::new(false),
        };
        if let Some(credential) = &options.credential {
            directory.bind(credential)?;
        }
        let root = directory
            .read_entry(
                "",
                &[
                    "namingContexts",
                    "defaultNamingContext",
                    "supportedExtension",
                ],
            )?
            .unwrap_or_default();
        directory.offers_transactions = root
            .texts("supportedExtension")
            .iter()
            .any(|oid| oid == super::transaction::START_TRANSACTION);
        directory.transactions.set(directory.offers_transactions);
        directory.base_dn = match &options.base_dn {
            Some(base) => base.clone(),
            None => default_naming_context(&root),
        };
        Ok(directory)
    }

    fn bind(&mut self, credential: &Credential) -> DirectoryResult<()> {
        let mut ldap = self.ldap.clone();
        let timeout = self.timeout;
        let result = self.runtime.block_on(async move {
            ldap.with_timeout(timeout)
                .simple_bind(&credential.user, credential.password.expose())
                .await?
                .success()
        });
        match result {
            Ok(_) => {
                self.bound_as = credential.user.clone();
                Ok(())
            }
            Err(LdapError::LdapResult { result }) => Err(DirectoryError::Bind {
                server: self.server.clone(),
                bind_dn: credential.user.clone(),
                reason: format!(
                    "{} ({}){}",
                    code_name(result.rc),
                    result.rc,
                    if result.rc == 49 {
                        ": the name or the password is wrong"
                    } else {
                        ""
                    }
                ),
            }),
            Err(e) => Err(self.error("bind", &credential.user, e)),
        }
    }

    /// The server as given (`ldaps://dc1:636`).
    pub fn server(&self) -> &str {
        &self.server
    }

    /// Where users are searched.
    pub fn base_dn(&self) -> &str {
        &self.base_dn
    }

    /// True when the connection is LDAPS or upgraded with StartTLS.
    pub fn is_encrypted(&self) -> bool {
        self.encrypted
    }

    /// The bind DN, empty when anonymous.
    pub fn bound_as(&self) -> &str {
        &self.bound_as
    }

    /// The time limit of each operation.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// True when bulk writes are grouped in LDAP transactions (the server offers them).
    pub fn supports_transactions(&self) -> bool {
        self.transactions.get()
    }

    /// Use (or stop using) LDAP transactions for bulk writes; only effective when the server
    /// offers them.
    pub fn use_transactions(&self, on: bool) {
        self.transactions.set(on && self.offers_transactions);
    }

    /// Run a future on this connection's runtime.
    pub(crate) fn run<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// A handle for one more operation on the connection.
    pub(crate) fn handle(&self) -> Ldap {
        self.ldap.clone()
    }

    /// Turn an ldap3 error of `operation` on `entry` into a [`DirectoryError`].
    pub fn error(&self, operation: &'static str, entry: &str, error: LdapError) -> DirectoryError {
        operation_error(&self.server, self.timeout, operation, entry, error)
    }

    /// Read one entry (base-scope search); `None` when it does not exist.
    pub fn read_entry(&self, dn: &str, attrs: &[&str]) -> DirectoryResult<Option<Entry>> {
        let mut ldap = self.handle();
        let timeout = self.timeout;
        let result = self.run(async move {
            ldap.with_timeout(timeout)
                .search(dn, Scope::Base, "(objectClass=*)", attrs.to_vec())
                .await
        });
        match result {
            Ok(found) => match found.1.rc {
                0 => Ok(found.0.into_iter().next().and_then(Entry::read)),
                32 => Ok(None),
                rc => Err(ldap_code_error("read", dn, rc, &found.1.text)),
            },
            Err(e) => Err(self.error("read", dn, e)),
        }
    }

    /// Unbind and close.
    pub fn close(self) {
        let mut ldap = self.ldap.clone();
        let _ = self.runtime.block_on(async move {
            ldap3::tokio::time::timeout(Duration::from_secs(2), ldap.unbind()).await
        });
    }
}

/// The root DSE's default naming context (Active Directory), else its first naming context.
fn default_naming_context(root: &Entry) -> String {
    let default = root.text("defaultNamingContext");
    if !default.is_empty() {
        return default;
    }
    root.texts("namingContexts")
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// An LDAP result code as an error about `entry`.
pub fn ldap_code_error(
    operation: &'static str,
    entry: &str,
    code: u32,
    text: &str,
) -> DirectoryError {
    DirectoryError::Ldap {
        operation,
        entry: entry.to_string(),
        code,
        code_name: code_name(code),
        detail: if text.trim().is_empty() {
            String::new()
        } else {
            format!(": {}", text.trim())
        },
    }
}

/// Classify an ldap3 error of an operation.
pub fn operation_error(
    server: &str,
    timeout: Duration,
    operation: &'static str,
    entry: &str,
    error: LdapError,
) -> DirectoryError {
    match error {
        LdapError::LdapResult { result } => {
            ldap_code_error(operation, entry, result.rc, &result.text)
        }
        LdapError::Timeout { .. } => DirectoryError::Timeout {
            operation,
            entry: entry.to_string(),
            seconds: timeout.as_secs(),
        },
        LdapError::Io { .. }
        | LdapError::OpSend { .. }
        | LdapError::ResultRecv { .. }
        | LdapError::IdScrubSend { .. }
        | LdapError::MiscSend { .. }
        | LdapError::EndOfStream => DirectoryError::ConnectionLost {
            server: server.to_string(),
            operation,
            entry: entry.to_string(),
            reason: error.to_string(),
        },
        LdapError::FilterParsing => DirectoryError::BadFilter {
            filter: entry.to_string(),
            reason: "it does not parse".to_string(),
        },
        other => DirectoryError::Protocol {
            entry: entry.to_string(),
            reason: other.to_string(),
        },
    }
}

/// Classify an error while connecting (TCP, StartTLS, TLS handshake).
fn connect_error(server: &str, encrypted: bool, error: LdapError) -> DirectoryError {
    let reason = error.to_string();
    let tls_failure = matches!(error, LdapError::Rustls { .. } | LdapError::DNSName { .. })
        || matches!(error, LdapError::LdapResult { .. })
        || (encrypted
            && matches!(&error, LdapError::Io { source } if source.get_ref().is_some_and(|inner| inner.is::<rustls::Error>())));
    if tls_failure {
        DirectoryError::Tls {
            server: server.to_string(),
            reason,
        }
    } else if matches!(error, LdapError::Timeout { .. }) {
        DirectoryError::Connect {
            server: server.to_string(),
            reason: "no answer in time".to_string(),
        }
    } else {
        DirectoryError::Connect {
            server: server.to_string(),
            reason,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn with_password(server: &str) -> ConnectOptions {
        let mut options = ConnectOptions::new(server);
        options.credential = Some(Credential {
            user: "cn=admin,dc=x".into(),
            password: Secret::new("hunter2-very-secret"),
        });
        options
    }

    #[test]
    fn a_plaintext_simple_bind_is_refused_unless_allowed() {
        let error = with_password("ldap://127.0.0.1:1").check().unwrap_err();
        assert!(matches!(error, DirectoryError::PlaintextBind { .. }));
        let mut allowed = with_password("ldap://127.0.0.1:1");
        allowed.allow_unencrypted = true;
        assert!(allowed.check().is_ok());
        let mut start_tls = with_password("ldap://127.0.0.1:1");
        start_tls.start_tls = true;
        assert!(start_tls.check().is_ok());
        assert!(with_password("ldaps://h").check().is_ok());
        assert!(
            ConnectOptions::new("ldap://h").check().is_ok(),
            "anonymous is fine"
        );
    }

    #[test]
    fn secrets_never_print() {
        let options = with_password("ldaps://h");
        let shown = format!("{options:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert_eq!(Secret::new("x").to_string(), "********");
    }

    #[test]
    fn a_closed_port_is_a_connect_error_naming_the_server() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut options = ConnectOptions::new(&format!("ldap://127.0.0.1:{port}"));
        options.timeout = Duration::from_secs(2);
        let error = Directory::connect(&options).unwrap_err();
        assert!(matches!(error, DirectoryError::Connect { .. }), "{error:?}");
        assert!(error.to_string().contains(&port.to_string()));
    }
}
