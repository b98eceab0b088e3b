//! L4 — Set-Mailbox: change a mailbox's published certificates. `-UserCertificate` and
//! `-UserSMIMECertificate` take certificate objects, byte arrays or Cert:\ paths and replace
//! the attribute, or `@{Add=…; Remove=…}` to add and remove values, as Exchange's multi-valued
//! parameters do. Every value is checked before anything is written; nothing is written when
//! nothing would change (with Exchange's warning).

use crate::directory::certificates::{Attributes, plan_change, with_published, without};
use crate::directory::publish::user_certificates;
use crate::directory::{Change, UserCertificates, apply_changes, find_user};
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::pki::Certificate;
use crate::value::{PsType, Value, access, convert};

use super::shared::{connection_param, open_connection, report, value_certificates};

/// `Set-Mailbox [-Identity] <MailboxIdParameter> [-UserCertificate <MultiValuedProperty>]
/// [-UserSMIMECertificate <MultiValuedProperty>] [-Connection <Object>] [-WhatIf] [-Confirm]`
pub struct SetMailbox;

/// What one parameter asks for.
enum Edit {
    Replace(Vec<Certificate>),
    AddRemove {
        add: Vec<Certificate>,
        remove: Vec<Certificate>,
    },
}

impl Cmdlet for SetMailbox {
    fn signature(&self) -> Signature {
        Signature::new(
            "Set-Mailbox",
            "Changes the certificates published on a mailbox (userCertificate, userSMIMECertificate).",
        )
        .param(
            Param::new("Identity", PsType::Object)
                .position(0)
                .mandatory()
                .from_pipeline()
                .from_pipeline_by_property_name()
                .shown_as("MailboxIdParameter")
                .help("The mailbox: distinguished name, mail address, account name, or a Get-Mailbox object."),
        )
        .param(
            Param::new("UserCertificate", PsType::Object)
                .shown_as("MultiValuedProperty")
                .help("DER certificates for userCertificate: values to replace with, or @{Add=…; Remove=…}."),
        )
        .param(
            Param::new("UserSMIMECertificate", PsType::Object)
                .shown_as("MultiValuedProperty")
                .help("Certificates for userSMIMECertificate (written as PKCS#7): values to replace with, or @{Add=…; Remove=…}."),
        )
        .param(connection_param())
        .should_process()
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "A value that is not a certificate is refused before anything is sent",
            "Set-Mailbox alice@contoso.com -UserCertificate 'hello' -ErrorAction SilentlyContinue\n$Error[0].Exception.Message",
            "Cannot process argument 'UserCertificate': item 1: 'hello' is neither a certificate, a certificate file nor a Cert:\\ path. Nothing was changed.\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let Some(identity) = identity_text(cx) else {
            return Ok(());
        };
        let mut edits = Vec::new();
        for (param, attributes) in [
            (
                "UserCertificate",
                Attributes {
                    user_certificate: true,
                    user_smime_certificate: false,
                },
            ),
            (
                "UserSMIMECertificate",
                Attributes {
                    user_certificate: false,
                    user_smime_certificate: true,
                },
            ),
        ] {
            let Some(value) = cx.args.get(param).cloned() else {
                continue;
            };
            match edit_of(cx, &value)? {
                Ok(edit) => edits.push((attributes, edit)),
                Err(reason) => {
                    let message = format!(
                        "Cannot process argument '{param}': {reason}. Nothing was changed."
                    );
                    return cx.write_error(&message, "System.ArgumentException", value);
                }
            }
        }
        let directory = open_connection(cx, "Connection")?;
        let user = match find_user(&directory, &identity) {
            Ok(Some(user)) => user,
            Ok(None) => {
                let message = format!(
                    "The operation couldn't be performed because object '{identity}' couldn't be found on '{}'.",
                    directory.server()
                );
                return cx.write_error(
                    &message,
                    "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
                    Value::str(identity.as_str()),
                );
            }
            Err(error) => return report(cx, &error, &identity),
        };
        let current = user_certificates(&user);
        let mut wanted = current.clone();
        for (attributes, edit) in &edits {
            wanted = match apply_edit(&wanted, edit, *attributes) {
                Ok(wanted) => wanted,
                Err(error) => return report(cx, &error, &user.dn),
            };
        }
        let (mods, _) = plan_change(&current, &wanted);
        if mods.is_empty() {
            cx.write_warning(&format!(
                "The command completed successfully but no settings of '{}' have been modified.",
                user.identity()
            ));
            return Ok(());
        }
        if !cx.should_process(&format!("Setting certificates of mailbox \"{}\".", user.dn))? {
            return Ok(());
        }
        let mut outcomes = Vec::new();
        apply_changes(
            &directory,
            vec![Change::for_user(&user, wanted)],
            1,
            &mut |o| outcomes.push(o),
        );
        // Set-Mailbox writes no object on success, as in Exchange; a failure is reported.
        for outcome in outcomes {
            if let Some(error) = &outcome.error {
                report(cx, error, &outcome.dn)?;
            }
        }
        Ok(())
    }
}

/// The mailbox `-Identity` (or the piped object) names.
fn identity_text(cx: &Context<'_, '_>) -> Option<String> {
    let value = cx
        .args
        .get("Identity")
        .cloned()
        .or_else(|| cx.input().cloned())?;
    let text = match &value {
        Value::Object(_) => {
            let dn = access::get_member(&value, "DistinguishedName");
            convert::to_string(if dn.is_null() { &value } else { &dn }, " ")
        }
        other => convert::to_string(other, " "),
    };
    (!text.trim().is_empty()).then_some(text)
}

/// What a parameter value asks for: `@{Add=…; Remove=…}` or values to replace with.
fn edit_of(cx: &mut Context<'_, '_>, value: &Value) -> Eval<Result<Edit, String>> {
    if let Value::Dict(dict) = value {
        let mut add = Vec::new();
        let mut remove = Vec::new();
        for (key, item) in dict.pairs() {
            let key = convert::to_string(&key, " ");
            let target = if key.eq_ignore_ascii_case("Add") {
                &mut add
            } else if key.eq_ignore_ascii_case("Remove") {
                &mut remove
            } else {
                return Ok(Err(format!("'{key}' is not Add or Remove")));
            };
            match value_certificates(cx, &item)? {
                Ok(certs) => target.extend(certs),
                Err(reason) => return Ok(Err(format!("{key} {reason}"))),
            }
        }
        return Ok(Ok(Edit::AddRemove { add, remove }));
    }
    if value.is_null() {
        return Ok(Ok(Edit::Replace(Vec::new())));
    }
    Ok(value_certificates(cx, value)?.map(Edit::Replace))
}

/// Apply one edit to the chosen attribute.
fn apply_edit(
    current: &UserCertificates,
    edit: &Edit,
    attributes: Attributes,
) -> crate::directory::DirectoryResult<UserCertificates> {
    match edit {
        Edit::Replace(certs) => with_published(current, certs, attributes, true),
        Edit::AddRemove { add, remove } => {
            let added = with_published(current, add, attributes, false)?;
            let removed = without(&added, remove);
            Ok(UserCertificates {
                user_certificate: if attributes.user_certificate {
                    removed.user_certificate
                } else {
                    added.user_certificate
                },
                user_smime_certificate: if attributes.user_smime_certificate {
                    removed.user_smime_certificate
                } else {
                    added.user_smime_certificate
                },
            })
        }
    }
}
