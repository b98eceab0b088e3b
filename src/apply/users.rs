//! L2 — the `Users` section against a live directory: connecting (a saved connection by name
//! or declared settings; the password only from the environment variable they name), planning
//! each user's published certificates (compared as the set of certificates they carry, by DER
//! hash), publishing them at apply, and linting the certificates to publish. A directory that
//! can't be reached makes its users unknown — never "absent".

use std::path::Path;

use crate::directory::certificates::{Attributes, certificates_in, with_published};
use crate::directory::publish::user_certificates;
use crate::directory::tls::read_trust_store;
use crate::directory::{
    Change as DirectoryChange, ConnectOptions, Credential, Directory, Secret, TrustRoots,
    find_user, publish,
};
use crate::model::{DirectoryConnection, OrgState};
use crate::pki::Certificate;
use crate::pki::lint::{self, ChainContext, Severity};
use crate::value::Value;
use crate::value::static_convert::base64_encode;

use super::diff::between;
use super::doc_value::DocValue;
use super::document::{DirectoryRef, Document, Ensure};
use super::kind::Kind;
use super::plan::{Action, Argument, Change, Plan, Warning};
use super::planner_certs::describe;
use super::resolve::{Inputs, from_base64};

/// The directory a plan or an apply works with, opened at most once.
pub enum Link {
    /// The document declares no users.
    Unused,
    Connected(Box<Directory>),
    /// Why the directory can't be used (every user is then unknown).
    Failed(String),
}

impl Link {
    /// The open directory, if any.
    pub fn directory(&self) -> Option<&Directory> {
        match self {
            Link::Connected(directory) => Some(directory),
            _ => None,
        }
    }
}

/// The connection settings of the document's `Users` section (a trust store path made
/// absolute from the document's directory).
pub fn settings(
    document: &Document,
    state: &OrgState,
) -> Option<Result<DirectoryConnection, String>> {
    let section = document.users.as_ref()?;
    let mut connection = match &section.directory {
        DirectoryRef::Inline(connection) => connection.clone(),
        DirectoryRef::Saved(name) => {
            match crate::model::directory::find(&state.directory_connections, name) {
                Some(saved) => saved.clone(),
                None => {
                    return Some(Err(format!(
                        "Users.Directory: no saved directory connection is named '{name}' (save one with Connect-Directory -Name {name})"
                    )));
                }
            }
        }
    };
    if !connection.trust_store.is_empty() {
        connection.trust_store = document
            .base_dir()
            .join(&connection.trust_store)
            .display()
            .to_string();
    }
    Some(Ok(connection))
}

/// Open the directory `connection` describes.
pub fn connect(connection: &DirectoryConnection) -> Result<Directory, String> {
    let mut credential = None;
    if !connection.bind_dn.is_empty() {
        let variable = &connection.password_variable;
        let password = std::env::var(variable).map_err(|_| {
            format!(
                "the directory password is read from the environment variable '{variable}', which is not set"
            )
        })?;
        credential = Some(Credential {
            user: connection.bind_dn.clone(),
            password: Secret::new(password),
        });
    }
    let trust = if connection.trust_store.is_empty() {
        TrustRoots::System
    } else {
        read_trust_store(Path::new(&connection.trust_store))
            .map(TrustRoots::Certificates)
            .map_err(|e| e.to_string())?
    };
    let options = ConnectOptions::from_saved(connection, credential, trust);
    Directory::connect(&options).map_err(|e| format!("the directory can't be used: {e}"))
}

/// Open the link for `settings` (nothing when there are no users).
pub fn open(settings: Option<&Result<DirectoryConnection, String>>) -> Link {
    match settings {
        None => Link::Unused,
        Some(Err(error)) => Link::Failed(error.clone()),
        Some(Ok(connection)) => match connect(connection) {
            Ok(directory) => Link::Connected(Box::new(directory)),
            Err(error) => Link::Failed(error),
        },
    }
}

fn attributes(name: &str) -> Attributes {
    Attributes {
        user_certificate: !name.eq_ignore_ascii_case("UserSMIMECertificate"),
        user_smime_certificate: !name.eq_ignore_ascii_case("UserCertificate"),
    }
}

fn unknown(identity: &str, error: String) -> Change {
    let mut change = Change::new(Action::Unknown, Kind::User, identity);
    change.error = Some(error);
    change
}

/// Plan the declared users' published certificates.
pub fn plan_users(document: &Document, inputs: &Inputs, link: &Link, plan: &mut Plan) {
    let Some(section) = &document.users else {
        return;
    };
    for (user, read) in section.items.iter().zip(&inputs.users) {
        let certificates = match read {
            Ok(certificates) => certificates,
            Err(error) => {
                plan.changes.push(unknown(&user.identity, error.clone()));
                continue;
            }
        };
        let directory = match link {
            Link::Connected(directory) => directory,
            Link::Failed(error) => {
                plan.changes.push(unknown(&user.identity, error.clone()));
                continue;
            }
            Link::Unused => continue,
        };
        let found = match find_user(directory, &user.identity) {
            Ok(Some(found)) => found,
            Ok(None) => {
                plan.errors.push(format!(
                    "User '{}' is not in the directory (mailsec publishes certificates; it does not create users).",
                    user.identity
                ));
                continue;
            }
            Err(error) => {
                plan.changes
                    .push(unknown(&user.identity, error.to_string()));
                continue;
            }
        };
        let wanted: &[Certificate] = if user.ensure == Ensure::Absent {
            &[]
        } else {
            certificates
        };
        let current = user_certificates(&found);
        let target = match with_published(&current, wanted, attributes(&user.attribute), true) {
            Ok(target) => target,
            Err(error) => {
                plan.errors
                    .push(format!("User '{}': {error}", user.identity));
                continue;
            }
        };
        let (mods, _) = crate::directory::certificates::plan_change(&current, &target);
        if mods.is_empty() {
            continue;
        }
        let now: Vec<String> = certificates_in(&current).iter().map(describe).collect();
        let after: Vec<String> = wanted.iter().map(describe).collect();
        let as_list =
            |items: &[String]| Value::array(items.iter().map(|s| Value::str(s.as_str())).collect());
        let mut change = Change::new(Action::Update, Kind::User, &user.identity);
        change.properties.push(between(
            "Certificates",
            Some(&as_list(&now)),
            &as_list(&after),
        ));
        change.arguments.push(Argument {
            name: "Certificates".into(),
            value: DocValue::List(
                wanted
                    .iter()
                    .map(|c| DocValue::Text(base64_encode(c.raw_data())))
                    .collect(),
            ),
        });
        change.arguments.push(Argument {
            name: "Attribute".into(),
            value: DocValue::Text(user.attribute.clone()),
        });
        plan.changes.push(change);
    }
}

/// The S/MIME lint of every certificate the document publishes: a certificate that breaks
/// a MUST rule is a warning (an error with `-Strict`).
pub fn lint_warnings(document: &Document, inputs: &Inputs) -> Vec<Warning> {
    let Some(section) = &document.users else {
        return Vec::new();
    };
    let now = crate::model::timestamp::Timestamp::now().unix();
    let mut found = Vec::new();
    for (user, read) in section.items.iter().zip(&inputs.users) {
        let (Ensure::Present, Ok(certificates)) = (user.ensure, read) else {
            continue;
        };
        for certificate in certificates {
            let context = ChainContext {
                issuer: None,
                email_address: user
                    .identity
                    .contains('@')
                    .then_some(user.identity.as_str()),
                needs_private_key: false,
            };
            let errors: Vec<String> = lint::smime(certificate, now, context)
                .into_iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| f.message)
                .collect();
            if !errors.is_empty() {
                found.push(Warning {
                    rule: "UserCertificateLint".into(),
                    object: format!("User:{}", user.identity),
                    message: format!(
                        "The certificate {} published for '{}' fails the S/MIME lint: {}",
                        describe(certificate),
                        user.identity,
                        errors.join("; ")
                    ),
                });
            }
        }
    }
    found
}

/// Publish one planned user change.
pub fn apply_user(change: &Change, directory: Option<&Directory>) -> Result<(), String> {
    let directory = directory.ok_or("the directory is not connected")?;
    let user = find_user(directory, &change.name)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("user '{}' is no longer in the directory", change.name))?;
    let mut certificates = Vec::new();
    if let Some(value) = change.argument("Certificates") {
        for item in value.items() {
            certificates.push(from_base64(&item.text())?);
        }
    }
    let attribute = change
        .argument("Attribute")
        .map(DocValue::text)
        .unwrap_or_default();
    let current = user_certificates(&user);
    let wanted = with_published(&current, &certificates, attributes(&attribute), true)
        .map_err(|e| e.to_string())?;
    publish(directory, DirectoryChange::for_user(&user, wanted))
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::apply::document::parse;

    #[test]
    fn settings_come_from_the_document_or_a_saved_connection() {
        let text = "Users:\n  Directory: Corp\n  Items: []\n";
        let document = parse(std::path::Path::new("/docs/d.yaml"), text).unwrap();
        let mut state = OrgState::default();
        let missing = settings(&document, &state).unwrap().unwrap_err();
        assert!(
            missing.contains("Connect-Directory -Name Corp"),
            "{missing}"
        );
        state.directory_connections.push(DirectoryConnection {
            name: "corp".into(),
            server: "ldaps://dc.example".into(),
            trust_store: "ca.pem".into(),
            ..DirectoryConnection::default()
        });
        let found = settings(&document, &state).unwrap().unwrap();
        assert_eq!(found.server, "ldaps://dc.example");
        assert_eq!(found.trust_store, "/docs/ca.pem");
        assert!(matches!(open(None), Link::Unused));
        let failed = open(Some(&Err("no".into())));
        assert!(failed.directory().is_none());
        let only_smime = attributes("usersmimecertificate");
        assert!(only_smime.user_smime_certificate && !only_smime.user_certificate);
    }
}
