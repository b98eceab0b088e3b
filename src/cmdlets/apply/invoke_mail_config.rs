//! L4 — Invoke-MailConfig: converge the store on a desired-state document (in dependency
//! order, under the store's lock), or with `-WhatIf` show the plan (`-AsScript`: as cmdlet
//! lines). Emits one result per object (applied, failed, skipped).

use crate::apply::{self, Status, render, script};
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::Value;
use crate::value::builtin::typed;

use super::shared::{document_path, emit_lines, path_param, report, store, strict_param};

/// `Invoke-MailConfig [-Path] <String> [-Strict] [-AsScript] [-WhatIf]`
pub struct InvokeMailConfig;

impl Cmdlet for InvokeMailConfig {
    fn signature(&self) -> Signature {
        Signature::new(
            "Invoke-MailConfig",
            "Converges the configuration store on a desired-state document; -WhatIf shows the plan.",
        )
        .should_process()
        .param(path_param())
        .param(strict_param())
        .param(Param::switch("AsScript").help("With -WhatIf: the plan as the mailsec cmdlet lines that make it."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Plan, apply, and apply again (the second run changes nothing)",
            "Invoke-MailConfig scripts/desired-state/mail-security.yaml -WhatIf | Select-Object -Last 1\n(Invoke-MailConfig scripts/desired-state/mail-security.yaml | Where-Object Status -eq Applied).Count\n@(Invoke-MailConfig scripts/desired-state/mail-security.yaml).Count",
            "Plan: 5 to add, 1 to change, 0 to destroy.\n6\n0\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let path = document_path(cx);
        let shown = path.display().to_string();
        let strict = cx.args.switch("Strict");
        let store = store(cx)?;
        let what_if = cx.args.common.what_if
            || crate::value::convert::to_bool(&cx.interp.get_var("WhatIfPreference"));
        if what_if {
            return match apply::plan_file(store.as_ref(), &path, strict, false) {
                Ok(plan) if cx.args.switch("AsScript") => {
                    emit_lines(cx, &script::plan_script(&plan))
                }
                Ok(plan) => emit_lines(cx, &render::plan_text(&plan)),
                Err(error) => report(cx, &error, &shown),
            };
        }
        let report_result = match apply::apply_file(store.as_ref(), &path, strict) {
            Ok(result) => result,
            Err(error) => return report(cx, &error, &shown),
        };
        for warning in &report_result.plan.warnings {
            cx.write_warning(&warning.message);
        }
        for result in &report_result.results {
            let status = format!("{:?}", result.status);
            let object = typed(
                "Mailsec.MailConfigResult",
                vec![
                    ("Action", Value::str(format!("{:?}", result.action))),
                    ("Kind", Value::str(result.kind.noun())),
                    ("Name", Value::str(result.name.as_str())),
                    ("Status", Value::str(status.as_str())),
                    (
                        "Message",
                        result
                            .message
                            .as_deref()
                            .map(Value::str)
                            .unwrap_or(Value::Null),
                    ),
                ],
                Some(format!("{} {}", result.name, status)),
            );
            cx.emit(object)?;
            if result.status == Status::Failed {
                let message = format!(
                    "{} '{}' was not applied: {}",
                    result.kind.noun(),
                    result.name,
                    result.message.as_deref().unwrap_or("failed")
                );
                cx.write_error(
                    &message,
                    super::shared::INVALID,
                    Value::str(result.name.as_str()),
                )?;
            }
        }
        Ok(())
    }
}
