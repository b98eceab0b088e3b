//! L2 — a plan as the mailsec cmdlet lines that carry it out (`-AsScript`): New-/Set-/Remove-
//! for connectors and policies, Set-SmimeConfig (the CA collection as its SST bytes),
//! New-Item for custom Cert:\ stores, Import-Certificate for certificates read from files. Running the script leads to a plan
//! with no changes. Changes no cmdlet can make are written as comments.

use std::fmt::Write as _;

use super::doc_value::DocValue;
use super::kind::Kind;
use super::plan::{Action, Change, Plan};
use super::schema::ISSUING_CA;

/// A PowerShell single-quoted string.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A value as a command argument.
fn literal(value: &DocValue) -> String {
    match value {
        DocValue::Null => "$null".into(),
        DocValue::Bool(true) => "$true".into(),
        DocValue::Bool(false) => "$false".into(),
        DocValue::Int(n) => n.to_string(),
        DocValue::Float(x) => x.to_string(),
        DocValue::Text(text) => quote(text),
        DocValue::List(items) if items.is_empty() => "$null".into(),
        DocValue::List(items) => items.iter().map(literal).collect::<Vec<_>>().join(","),
    }
}

fn arguments(change: &Change, skip: &[&str]) -> String {
    let mut out = String::new();
    for argument in &change.arguments {
        if skip.iter().any(|s| s.eq_ignore_ascii_case(&argument.name)) {
            continue;
        }
        let value = match (
            &argument.value,
            argument.name.eq_ignore_ascii_case(ISSUING_CA),
        ) {
            (DocValue::Text(base64), true) => {
                format!("([System.Convert]::FromBase64String({}))", quote(base64))
            }
            (value, _) => literal(value),
        };
        let _ = write!(out, " -{} {value}", argument.name);
    }
    out
}

fn change_line(change: &Change) -> String {
    let noun = change.kind.noun();
    let name = quote(&change.name);
    match (change.kind, change.action) {
        (_, Action::Unknown) => format!(
            "# {noun} {name} is not planned: {}",
            change.error.as_deref().unwrap_or("unknown")
        ),
        (Kind::SmimeConfig, _) => format!("Set-SmimeConfig{}", arguments(change, &[])),
        (Kind::User, _) => format!(
            "# User {name}: publish {} certificate(s) in the directory with mailsec apply",
            change
                .argument("Certificates")
                .map_or(0, |c| c.items().len())
        ),
        (Kind::CertificateStore, Action::Create) => format!(
            "New-Item -Path {} | Out-Null",
            quote(&format!("Cert:\\{}", change.name))
        ),
        (Kind::CertificateStore, _) => {
            format!("# CertificateStore {name}: mailsec apply only creates stores")
        }
        (Kind::Certificate, Action::Create) => {
            let store = change.name.rsplit_once('\\').map_or("", |(s, _)| s);
            match change.argument("FilePath") {
                Some(DocValue::Text(path)) => {
                    let mut line = format!(
                        "Import-Certificate -FilePath {} -CertStoreLocation {} | Out-Null",
                        quote(path),
                        quote(&format!("Cert:\\{store}"))
                    );
                    if let Some(friendly) = change.argument("FriendlyName") {
                        let _ = write!(
                            line,
                            "\n# FriendlyName {} of {name}: no cmdlet sets it yet (mailsec apply does)",
                            quote(&friendly.text())
                        );
                    }
                    line
                }
                _ => format!(
                    "# Certificate {name}: no cmdlet imports inline RawData; import it from a file"
                ),
            }
        }
        (Kind::Certificate, _) => format!(
            "# Certificate {name}: no mailsec cmdlet can {} a stored certificate yet",
            if change.action == Action::Delete {
                "remove"
            } else {
                "rename"
            }
        ),
        (_, Action::Create) => format!(
            "New-{noun} -Name {name}{} | Out-Null",
            arguments(change, &[])
        ),
        (_, Action::Update) => format!("Set-{noun} -Identity {name}{}", arguments(change, &[])),
        (_, Action::Delete) => format!("Remove-{noun} -Identity {name} -Confirm:$false"),
    }
}

/// The plan as a mailsec script.
pub fn plan_script(plan: &Plan) -> String {
    let mut out = format!(
        "# mailsec plan for {} as commands ({} to add, {} to change, {} to destroy)\n",
        plan.document, plan.summary.add, plan.summary.change, plan.summary.destroy
    );
    for change in &plan.changes {
        out.push_str(&change_line(change));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apply::plan::Argument;

    #[test]
    fn changes_become_cmdlet_lines() {
        let mut change = Change::new(Action::Create, Kind::InboundConnector, "It's");
        change.arguments = vec![
            Argument {
                name: "SenderDomains".into(),
                value: DocValue::List(vec![
                    DocValue::Text("a.com".into()),
                    DocValue::Text("*.a.com".into()),
                ]),
            },
            Argument {
                name: "RequireTls".into(),
                value: DocValue::Bool(true),
            },
        ];
        assert_eq!(
            change_line(&change),
            "New-InboundConnector -Name 'It''s' -SenderDomains 'a.com','*.a.com' -RequireTls $true | Out-Null"
        );
        let delete = Change::new(Action::Delete, Kind::OutboundConnector, "X");
        assert_eq!(
            change_line(&delete),
            "Remove-OutboundConnector -Identity 'X' -Confirm:$false"
        );
        let store = Change::new(Action::Create, Kind::CertificateStore, "LocalMachine\\Lab");
        assert_eq!(
            change_line(&store),
            "New-Item -Path 'Cert:\\LocalMachine\\Lab' | Out-Null"
        );
    }
}
