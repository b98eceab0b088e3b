//! L4 — what the directory cmdlets share: finding the open connection a command works on,
//! reporting directory errors (non-terminating, naming the entry, never a secret), the user and
//! result objects they write, and turning parameter values (certificate objects, byte arrays,
//! Cert:\ paths) into certificates, refusing anything else before a write is sent.

use std::rc::Rc;

use crate::directory::certificates::certificates_in;
use crate::directory::{DirectoryError, DirectoryUser, Outcome, UserCertificates, sessions};
use crate::engine::{Context, Eval, Param};
use crate::pki::{Certificate, p7b};
use crate::value::object_methods::bytes_of;
use crate::value::{PsType, Value, access, convert};

use super::super::common::{items, terminating, typed_object};
use super::super::pki::inputs::input_certificates;

/// The .NET-like type names of the objects written here.
pub const CONNECTION_TYPE: &str = "Mailsec.Directory.Connection";
pub const USER_TYPE: &str = "Microsoft.Exchange.Data.Directory.Management.User";
pub const MAILBOX_TYPE: &str = "Microsoft.Exchange.Data.Directory.Management.Mailbox";
pub const RESULT_TYPE: &str = "Mailsec.Directory.PublishResult";

/// `-Connection`: which open connection (by name; the current one when omitted).
pub fn connection_param() -> Param {
    Param::new("Connection", PsType::Object).help(
        "The directory connection to use: its -Name from Connect-Directory, or a connection object (default: the last connected).",
    )
}

/// The connection name a value gives: a string, or an object with a `Name`.
pub fn connection_name(value: &Value) -> String {
    match value {
        Value::Object(_) => convert::to_string(&access::get_member(value, "Name"), " "),
        other => convert::to_string(other, " "),
    }
}

/// The open connection `param` names (the current one when the parameter is absent); a
/// terminating error when there is none.
pub fn open_connection(cx: &Context<'_, '_>, param: &str) -> Eval<Rc<crate::directory::Directory>> {
    let name = cx.args.get(param).map(connection_name);
    match sessions::get(name.as_deref()) {
        Some(directory) => Ok(directory),
        None => {
            let message = match name {
                Some(name) => format!(
                    "No directory connection named '{name}' is open. Open it with Connect-Directory -Name {name}."
                ),
                None => "No directory connection is open. Run Connect-Directory first.".to_string(),
            };
            Err(terminating(cx, "System.InvalidOperationException", message))
        }
    }
}

/// The exception type a directory error is reported with.
pub fn exception_type(error: &DirectoryError) -> &'static str {
    match error {
        DirectoryError::BadUrl { .. }
        | DirectoryError::BadDn { .. }
        | DirectoryError::BadFilter { .. }
        | DirectoryError::TrustStore { .. } => "System.ArgumentException",
        DirectoryError::PlaintextBind { .. } | DirectoryError::Tls { .. } => {
            "System.Security.Authentication.AuthenticationException"
        }
        DirectoryError::Bind { .. } => "System.UnauthorizedAccessException",
        DirectoryError::Timeout { .. } => "System.TimeoutException",
        _ => "System.DirectoryServices.Protocols.LdapException",
    }
}

/// Report a directory error as a non-terminating error about `target`.
pub fn report(cx: &mut Context<'_, '_>, error: &DirectoryError, target: &str) -> Eval<()> {
    let mut message = error.to_string();
    if let Some(help) = miette::Diagnostic::help(error) {
        message.push_str(&format!(" ({help})"));
    }
    cx.write_error(&message, exception_type(error), Value::str(target))
}

/// A terminating error for a directory failure.
pub fn fail(cx: &Context<'_, '_>, error: &DirectoryError) -> crate::engine::Flow {
    terminating(cx, exception_type(error), error.to_string())
}

/// A user as Get-User (`USER_TYPE`) or Get-Mailbox (`MAILBOX_TYPE`) writes it.
pub fn user_value(user: &DirectoryUser, type_name: &str) -> Value {
    // A certificate published in both attributes becomes one shared object.
    let mut made: Vec<(crate::pki::Thumbprint, Value)> = Vec::new();
    let mut object_of = |cert: Certificate| -> Value {
        let print = cert.thumbprint();
        if let Some((_, value)) = made.iter().find(|(p, _)| *p == print) {
            return value.clone();
        }
        let value = cert.to_value(None);
        made.push((print, value.clone()));
        value
    };
    let der: Vec<Value> = certificates_in(&UserCertificates {
        user_certificate: user.user_certificate.clone(),
        user_smime_certificate: Vec::new(),
    })
    .into_iter()
    .map(&mut object_of)
    .collect();
    let smime: Vec<Value> = user
        .user_smime_certificate
        .iter()
        .flat_map(|blob| p7b::decode(blob).unwrap_or_default())
        .map(&mut object_of)
        .collect();
    let name = if user.name.is_empty() {
        user.identity().to_string()
    } else {
        user.name.clone()
    };
    typed_object(
        type_name,
        vec![
            ("Name", Value::str(name.as_str())),
            ("DisplayName", Value::str(user.display_name.as_str())),
            ("PrimarySmtpAddress", Value::str(user.mail.as_str())),
            ("SamAccountName", Value::str(user.account.as_str())),
            (
                "UserPrincipalName",
                Value::str(user.user_principal_name.as_str()),
            ),
            ("DistinguishedName", Value::str(user.dn.as_str())),
            ("Identity", Value::str(user.identity())),
            ("UserCertificate", Value::array(der)),
            ("UserSMIMECertificate", Value::array(smime)),
        ],
        Some(name),
    )
}

/// The result object of one user (Publish-SmimeCertificate, Sync-UserCertificate, Set-Mailbox).
pub fn outcome_value(outcome: &Outcome) -> Value {
    typed_object(
        RESULT_TYPE,
        vec![
            ("Identity", Value::str(outcome.identity.as_str())),
            ("Action", Value::str(outcome.action.name())),
            ("Reason", Value::str(outcome.reason.as_str())),
            ("DistinguishedName", Value::str(outcome.dn.as_str())),
        ],
        Some(outcome.identity.clone()),
    )
}

/// The certificates one parameter item gives: a certificate object (its RawData), a byte
/// array (DER, PEM, PKCS#7 or SST), or a Cert:\ path. `Err(reason)` for anything else.
pub fn item_certificates(
    cx: &mut Context<'_, '_>,
    item: &Value,
) -> Eval<Result<Vec<Certificate>, String>> {
    if let Value::String(text) = item {
        if !text.to_ascii_lowercase().starts_with("cert:") {
            let path = super::super::common::paths::resolve(text);
            return Ok(match std::fs::read(&path) {
                Ok(bytes) => crate::pki::decode_any(&bytes)
                    .map_err(|e| format!("'{text}' is not a certificate file: {e}")),
                Err(_) => Err(format!(
                    "'{text}' is neither a certificate, a certificate file nor a Cert:\\ path"
                )),
            });
        }
        let found = input_certificates(cx, item)?;
        return Ok(if found.is_empty() {
            Err(format!("'{text}' names no certificate"))
        } else {
            Ok(found)
        });
    }
    let raw = access::get_member(item, "RawData");
    if !raw.is_null() {
        return Ok(bytes_of(&raw)
            .map_err(|e| e.to_string())
            .and_then(|der| Certificate::from_der(der).map_err(|e| e.to_string()))
            .map(|c| vec![c]));
    }
    match bytes_of(item) {
        Ok(bytes) => Ok(crate::pki::decode_any(&bytes)
            .map_err(|e| format!("the bytes are not a certificate: {e}"))
            .and_then(|certs| {
                if certs.is_empty() {
                    Err("the bytes hold no certificate".to_string())
                } else {
                    Ok(certs)
                }
            })),
        Err(_) => Ok(Err(format!(
            "a {} is not a certificate",
            crate::value::PsType::of(item).name()
        ))),
    }
}

/// Every certificate a parameter value gives (arrays unrolled); `Err(reason)` naming the
/// first item that is not a certificate.
pub fn value_certificates(
    cx: &mut Context<'_, '_>,
    value: &Value,
) -> Eval<Result<Vec<Certificate>, String>> {
    let mut out = Vec::new();
    let list = match value {
        Value::Array(array)
            if matches!(array.kind, crate::value::ArrayKind::Fixed(PsType::Byte)) =>
        {
            vec![value.clone()]
        }
        _ => items(value),
    };
    for (index, item) in list.iter().enumerate() {
        match item_certificates(cx, item)? {
            Ok(certs) => out.extend(certs),
            Err(reason) => return Ok(Err(format!("item {}: {reason}", index + 1))),
        }
    }
    Ok(Ok(out))
}
