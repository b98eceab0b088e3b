//! L4 — Test-MailConfig: the drift between the store and a desired-state document, as objects
//! for scripts (one per drifted property, or per object to create, delete or that is unknown);
//! nothing is changed. Policy warnings are written as warnings (errors with `-Strict`).

use crate::apply::{self, Change, PropertyChange};
use crate::engine::{Cmdlet, Context, Eval, Example, Signature};
use crate::value::Value;
use crate::value::builtin::{string_array, typed};

use super::shared::{INVALID, document_path, path_param, report, store, strict_param};

/// `Test-MailConfig [-Path] <String> [-Strict]`
pub struct TestMailConfig;

fn text(value: &Option<String>) -> Value {
    value.as_deref().map(Value::str).unwrap_or(Value::Null)
}

fn drift(change: &Change, property: Option<&PropertyChange>) -> Value {
    let field = |f: fn(&PropertyChange) -> Value| property.map(f).unwrap_or(Value::Null);
    typed(
        "Mailsec.MailConfigDrift",
        vec![
            ("Action", Value::str(format!("{:?}", change.action))),
            ("Kind", Value::str(change.kind.noun())),
            ("Name", Value::str(change.name.as_str())),
            ("Property", field(|p| Value::str(p.name.as_str()))),
            ("Before", field(|p| text(&p.before))),
            ("After", field(|p| text(&p.after))),
            ("Added", field(|p| string_array(p.added.clone()))),
            ("Removed", field(|p| string_array(p.removed.clone()))),
            ("Error", text(&change.error)),
        ],
        Some(change.name.clone()),
    )
}

impl Cmdlet for TestMailConfig {
    fn signature(&self) -> Signature {
        Signature::new(
            "Test-MailConfig",
            "Returns the drift between the configuration store and a desired-state document.",
        )
        .param(path_param())
        .param(strict_param())
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "What a new organization lacks, then no drift once applied",
            "$drift = Test-MailConfig scripts/desired-state/mail-security.yaml\n$drift | Where-Object Kind -eq SmimeConfig | ForEach-Object Property\n$null = Invoke-MailConfig scripts/desired-state/mail-security.yaml\n@(Test-MailConfig scripts/desired-state/mail-security.yaml).Count",
            "OWAEncryptionAlgorithms\nOWASigningAlgorithms\nOWACheckCRLOnSend\nOWAAlwaysSign\nOWAIncludeCertificateChainWithoutRootCertificate\nSMIMECertificateIssuingCA\n0\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let path = document_path(cx);
        let store = store(cx)?;
        let plan = match apply::plan_file(store.as_ref(), &path, cx.args.switch("Strict"), false) {
            Ok(plan) => plan,
            Err(error) => return report(cx, &error, &path.display().to_string()),
        };
        for warning in &plan.warnings {
            if plan.strict {
                cx.write_error(
                    &warning.message,
                    INVALID,
                    Value::str(warning.object.as_str()),
                )?;
            } else {
                cx.write_warning(&warning.message);
            }
        }
        for error in &plan.errors {
            cx.write_error(error, INVALID, Value::str(plan.document.as_str()))?;
        }
        for change in &plan.changes {
            if change.properties.is_empty() {
                cx.emit(drift(change, None))?;
            }
            for property in &change.properties {
                cx.emit(drift(change, Some(property)))?;
            }
        }
        Ok(())
    }
}
