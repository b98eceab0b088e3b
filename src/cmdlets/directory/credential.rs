//! L4 — where a bind password comes from: a `PSCredential` (or any object with `UserName` and a
//! SecureString `Password`), an environment variable the user names (`-PasswordVariable`), or a
//! prompt through the host. The password is only ever held as a [`Secret`]; it is never put in
//! a message, the state or the output.

use crate::directory::{Credential, Secret};
use crate::engine::{Context, Eval};
use crate::value::static_new::ps_credential;
use crate::value::{Value, access, convert};

use super::super::common::argument_error;
use super::super::common::secure_string::{SECURE_STRING, secure_string, secure_string_text};

/// The .NET type of a credential object.
pub use crate::value::static_new::PS_CREDENTIAL;

/// A `PSCredential` value holding `user` and a SecureString of `password`.
pub fn credential_value(user: &str, password: &str) -> Value {
    ps_credential(user, secure_string(password))
}

/// The credential a `-Credential` value gives. A plain-text password is refused: it would
/// already have been typed into the script or history.
pub fn from_value(cx: &Context<'_, '_>, value: &Value) -> Eval<Credential> {
    let user = convert::to_string(&access::get_member(value, "UserName"), " ");
    if user.trim().is_empty() {
        return Err(argument_error(
            cx,
            "-Credential needs a PSCredential: Get-Credential, or New-Object System.Management.Automation.PSCredential('cn=admin,dc=example,dc=com', (ConvertTo-SecureString '…' -AsPlainText -Force)).",
        ));
    }
    let password = access::get_member(value, "Password");
    match secure_string_text(&password) {
        Some(text) => Ok(Credential {
            user,
            password: Secret::new(text),
        }),
        None => Err(argument_error(
            cx,
            format!(
                "The credential's Password must be a {SECURE_STRING} (ConvertTo-SecureString … -AsPlainText -Force), not plain text."
            ),
        )),
    }
}

/// The value of environment variable `name` (the session's `$env:` overrides first); `None`
/// when it is unset or empty.
pub fn environment_password(cx: &Context<'_, '_>, name: &str) -> Option<Secret> {
    let key = format!("env:{}", name.to_lowercase());
    let from_session = cx
        .interp
        .scopes
        .lookup_in(0, &key)
        .map(|v| convert::to_string(&v.value, " "));
    let text = from_session.or_else(|| std::env::var(name).ok())?;
    (!text.is_empty()).then(|| Secret::new(text))
}

/// Ask for a password through the host (a terminal); `None` when nobody can answer.
pub fn prompt_password(cx: &mut Context<'_, '_>, user: &str) -> Option<Secret> {
    if !cx.interp.host.is_interactive() {
        return None;
    }
    let line = cx
        .interp
        .host
        .read_secret(&format!("Password for user {user}: "))?;
    let line = line.trim_end_matches(['\r', '\n']);
    Some(Secret::new(line))
}

/// `true` when a value is `$null` or absent.
pub fn is_missing(value: Option<&Value>) -> bool {
    value.is_none_or(Value::is_null)
}
