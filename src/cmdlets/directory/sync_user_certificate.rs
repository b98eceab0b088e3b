//! L4 — Sync-UserCertificate: copy users' published certificates from one directory to another
//! (users matched by mail address), as Entra Connect carries them onward. Idempotent: a second
//! run changes nothing. `-WhatIf` prints the plan; certificates the source does not have are
//! removed from the target only with `-Prune`.

use crate::directory::apply_changes;
use crate::directory::certificates::plan_change;
use crate::directory::sync::plan_sync;
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::PsType;

use super::shared::{open_connection, report};
use super::writes::{throttle_param, throttle_window, what_if, write_outcomes};

/// `Sync-UserCertificate -Source <Object> -Target <Object> [-Prune] [-ThrottleLimit <Int32>]
/// [-WhatIf] [-Confirm]`
pub struct SyncUserCertificate;

impl Cmdlet for SyncUserCertificate {
    fn signature(&self) -> Signature {
        Signature::new(
            "Sync-UserCertificate",
            "Copies users' certificates (userCertificate, userSMIMECertificate) from one directory to another, matching users by mail address.",
        )
        .param(
            Param::new("Source", PsType::Object)
                .mandatory()
                .help("The connection to copy from (its -Name, or a connection object)."),
        )
        .param(
            Param::new("Target", PsType::Object)
                .mandatory()
                .help("The connection to copy to."),
        )
        .param(Param::switch("Prune").help(
            "Also remove from target users the certificates their source user does not publish.",
        ))
        .param(throttle_param("the target connection"))
        .should_process()
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Both connections must be open",
            "try { Sync-UserCertificate -Source Corp -Target Cloud } catch { $_.Exception.Message }",
            "No directory connection named 'Corp' is open. Open it with Connect-Directory -Name Corp.\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let source = open_connection(cx, "Source")?;
        let target = open_connection(cx, "Target")?;
        let prune = cx.args.switch("Prune");
        let plan = match plan_sync(&source, &target, prune) {
            Ok(plan) => plan,
            Err(error) => return report(cx, &error, target.server()),
        };
        let mut changes = Vec::new();
        for change in plan.changes {
            let (mods, action) = plan_change(&change.current, &change.wanted);
            if !mods.is_empty() {
                let description = format!(
                    "{} certificates of \"{}\" from {} ({}).",
                    action.name(),
                    change.dn,
                    source.server(),
                    change.identity
                );
                if !cx.should_process(&description)? {
                    continue;
                }
            }
            changes.push(change);
        }
        if what_if(cx) {
            return Ok(());
        }
        let window = throttle_window(cx);
        let mut outcomes = plan.unmatched;
        apply_changes(&target, changes, window, &mut |outcome| {
            outcomes.push(outcome)
        });
        write_outcomes(cx, &target, outcomes)
    }
}
