//! L4 — Connect-Directory: open an LDAP connection (LDAPS, or StartTLS with -StartTls; the
//! server's certificate verified against -TrustStore or the system roots) and keep it open for
//! the session under -Name. The settings, never the password, are saved in the state, so a
//! script can later run `Connect-Directory -Name Corp`.

use std::time::Duration;

use crate::directory::tls::read_trust_store;
use crate::directory::{ConnectOptions, Credential, Directory, TrustRoots, sessions};
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::model::DirectoryConnection;
use crate::model::directory::{find, save};
use crate::value::{PsType, Value};

use super::super::common::{argument_error, paths, typed_object};
use super::super::pki::inputs::input_certificates;
use super::credential::{environment_password, from_value, is_missing, prompt_password};
use super::shared::{CONNECTION_TYPE, report};

/// `Connect-Directory [-Server] <String> [-StartTls] [-BaseDN <String>] [-Credential <PSCredential>]
/// [-PasswordVariable <String>] [-TrustStore <String>] [-AllowUnencrypted] [-Name <String>]`
pub struct ConnectDirectory;

impl Cmdlet for ConnectDirectory {
    fn signature(&self) -> Signature {
        Signature::new(
            "Connect-Directory",
            "Connects to an LDAP directory (Active Directory, OpenLDAP) securely, for the user and certificate cmdlets.",
        )
        .param(Param::new("Server", PsType::String).position(0).help(
            "ldaps://host:636, or ldap://host:389 with -StartTls. Omit it to reconnect a saved connection by -Name.",
        ))
        .param(Param::switch("StartTls").help("Upgrade the ldap:// connection with StartTLS before binding."))
        .param(Param::new("BaseDN", PsType::String).help(
            "Where users are searched (default: the server's naming context).",
        ))
        .param(Param::new("Credential", PsType::Object).shown_as("PSCredential").help(
            "Who to bind as: Get-Credential, a PSCredential, or a user name (the password is then read from -PasswordVariable or asked for).",
        ))
        .param(Param::new("PasswordVariable", PsType::String).help(
            "The name of an environment variable holding the bind password (its name is saved, never its value).",
        ))
        .param(Param::new("TrustStore", PsType::String).help(
            "The roots to trust: a file (PEM, DER, .p7b, .sst) or a Cert:\\ path (default: the system's CA bundle).",
        ))
        .param(Param::switch("AllowUnencrypted").help(
            "Allow a simple bind over an unencrypted ldap:// connection (the password crosses the network in clear text).",
        ))
        .param(Param::new("Name", PsType::String).help(
            "The connection's name (default: Default); other cmdlets take it as -Connection.",
        ))
        .param(Param::new("TimeoutSec", PsType::Int).help(
            "The time limit of each LDAP operation, in seconds (default 30).",
        ))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "A password is never sent in clear text unless you say so",
            "$password = ConvertTo-SecureString 'Secret-1' -AsPlainText -Force\n$admin = [pscustomobject]@{ UserName = 'cn=admin,dc=example,dc=com'; Password = $password }\nConnect-Directory ldap://127.0.0.1:1 -Credential $admin -ErrorAction SilentlyContinue\n$Error[0].Exception.Message",
            "refusing a simple bind to ldap://127.0.0.1:1 over an unencrypted connection: the password would cross the network in clear text (use ldaps://, or ldap:// with -StartTls; pass -AllowUnencrypted only on a trusted test network)\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let name = cx
            .args
            .string("Name")
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| sessions::DEFAULT_NAME.to_string());
        let Some(settings) = settings(cx, &name)? else {
            return Ok(());
        };
        let Some(credential) = credential(cx, &settings)? else {
            return Ok(());
        };
        let trust = match trust_roots(cx, &settings.trust_store)? {
            Ok(trust) => trust,
            Err(error) => return report(cx, &error, &settings.trust_store),
        };
        let timeout = cx
            .args
            .get("TimeoutSec")
            .map(|v| crate::value::convert::to_i64(v).unwrap_or(30))
            .filter(|s| *s > 0)
            .unwrap_or(30);
        let options = ConnectOptions {
            timeout: Duration::from_secs(u64::try_from(timeout).unwrap_or(30)),
            ..ConnectOptions::from_saved(&settings, credential, trust)
        };
        if let Err(error) = options.check() {
            return report(cx, &error, &settings.server);
        }
        let mode = mode_name(&options);
        let who = options
            .credential
            .as_ref()
            .map(|c| c.user.clone())
            .unwrap_or_else(|| "anonymous".to_string());
        cx.write_verbose(&format!(
            "Connecting to {} ({mode}) as {who}.",
            settings.server
        ));
        let directory = match Directory::connect(&options) {
            Ok(directory) => directory,
            Err(error) => return report(cx, &error, &settings.server),
        };
        let value = connection_value(&name, &directory, mode);
        sessions::open(&name, directory);
        save_settings(cx, settings);
        cx.emit(value)
    }
}

/// The connection's settings: the saved ones of `name`, overridden by the parameters given.
fn settings(cx: &mut Context<'_, '_>, name: &str) -> Eval<Option<DirectoryConnection>> {
    let saved = match cx.interp.config_store(cx.span) {
        Ok(store) => store
            .load()
            .ok()
            .and_then(|state| find(&state.directory_connections, name).cloned()),
        Err(_) => None,
    };
    let server = cx.args.string("Server").filter(|s| !s.trim().is_empty());
    let mut settings = match (saved, server) {
        (_, Some(server)) => DirectoryConnection {
            name: name.to_string(),
            server,
            ..DirectoryConnection::default()
        },
        (Some(saved), None) => saved,
        (None, None) => {
            return Err(argument_error(
                cx,
                format!(
                    "There is no saved directory connection named '{name}'. Give -Server (ldaps://host:636, or ldap://host:389 with -StartTls)."
                ),
            ));
        }
    };
    let args = cx.args;
    if args.contains("StartTls") {
        settings.start_tls = args.switch("StartTls");
    }
    if args.contains("AllowUnencrypted") {
        settings.allow_unencrypted = args.switch("AllowUnencrypted");
    }
    for (param, field) in [
        ("BaseDN", &mut settings.base_dn),
        ("TrustStore", &mut settings.trust_store),
        ("PasswordVariable", &mut settings.password_variable),
    ] {
        if let Some(value) = args.string(param) {
            *field = value;
        }
    }
    if let Some(base) = Some(settings.base_dn.clone()).filter(|b| !b.is_empty())
        && let Err(error) = crate::directory::syntax::check_dn(&base)
    {
        report(cx, &error, &base)?;
        return Ok(None);
    }
    Ok(Some(settings))
}

/// Who to bind as, and the password: `-Credential`, else the saved bind DN with the password
/// from the environment variable or a prompt; `Ok(Some(None))` for an anonymous connection.
fn credential(
    cx: &mut Context<'_, '_>,
    settings: &DirectoryConnection,
) -> Eval<Option<Option<Credential>>> {
    let given = cx.args.get("Credential").cloned();
    let user = match &given {
        Some(value @ Value::Object(_)) => {
            let credential = from_value(cx, value)?;
            return Ok(Some(Some(credential)));
        }
        Some(value) if !is_missing(Some(value)) => crate::value::convert::to_string(value, " "),
        _ => settings.bind_dn.clone(),
    };
    if user.trim().is_empty() {
        return Ok(Some(None));
    }
    let mut password = None;
    if !settings.password_variable.is_empty() {
        password = environment_password(cx, &settings.password_variable);
        if password.is_none() {
            let message = format!(
                "The environment variable '{}' that should hold the password of '{user}' is not set.",
                settings.password_variable
            );
            cx.write_error(
                &message,
                "System.ArgumentException",
                Value::str(settings.password_variable.as_str()),
            )?;
            return Ok(None);
        }
    }
    let password = match password.or_else(|| prompt_password(cx, &user)) {
        Some(password) => password,
        None => {
            let message = format!(
                "Connect-Directory needs the password of '{user}': give -Credential (a PSCredential), or -PasswordVariable NAME with the password in $env:NAME, or run it at a terminal to be asked."
            );
            cx.write_error(
                &message,
                "System.ArgumentException",
                Value::str(user.as_str()),
            )?;
            return Ok(None);
        }
    };
    Ok(Some(Some(Credential { user, password })))
}

/// The roots `-TrustStore` names (a file or a Cert:\ path), else the system's.
fn trust_roots(
    cx: &mut Context<'_, '_>,
    store: &str,
) -> Eval<Result<TrustRoots, crate::directory::DirectoryError>> {
    if store.trim().is_empty() {
        return Ok(Ok(TrustRoots::System));
    }
    if store.to_ascii_lowercase().starts_with("cert:") {
        let certs = input_certificates(cx, &Value::str(store))?;
        if certs.is_empty() {
            return Ok(Err(crate::directory::DirectoryError::TrustStore {
                path: store.to_string(),
                reason: "it holds no certificate".to_string(),
            }));
        }
        return Ok(Ok(TrustRoots::Certificates(certs)));
    }
    Ok(read_trust_store(&paths::resolve(store)).map(TrustRoots::Certificates))
}

/// How the connection is protected.
fn mode_name(options: &ConnectOptions) -> &'static str {
    if options.server.to_ascii_lowercase().starts_with("ldaps:") {
        "LDAPS"
    } else if options.start_tls {
        "StartTLS"
    } else {
        "Unencrypted"
    }
}

/// The object Connect-Directory writes.
fn connection_value(name: &str, directory: &Directory, mode: &str) -> Value {
    typed_object(
        CONNECTION_TYPE,
        vec![
            ("Name", Value::str(name)),
            ("Server", Value::str(directory.server())),
            ("Encryption", Value::str(mode)),
            ("BaseDN", Value::str(directory.base_dn())),
            ("BoundAs", Value::str(directory.bound_as())),
        ],
        Some(name.to_string()),
    )
}

/// Keep the settings (no secret) in the state, when the session has a store.
fn save_settings(cx: &mut Context<'_, '_>, mut settings: DirectoryConnection) {
    if let Some(credential) = cx.args.get("Credential").cloned()
        && let Ok(credential) = from_value(cx, &credential)
    {
        settings.bind_dn = credential.user;
    } else if let Some(user) = cx.args.get("Credential").filter(|v| !v.is_null()) {
        settings.bind_dn = crate::value::convert::to_string(user, " ");
    }
    let Ok(store) = cx.interp.config_store(cx.span) else {
        return;
    };
    let result =
        store.update(&mut |state| Ok(save(&mut state.directory_connections, settings.clone())));
    if let Err(error) = result {
        cx.write_warning(&format!(
            "The connection works, but its settings could not be saved: {error}"
        ));
    }
}
