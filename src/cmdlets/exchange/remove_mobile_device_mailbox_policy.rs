//! L4 — Remove-MobileDeviceMailboxPolicy: delete a mobile device mailbox policy, after confirmation (`-Confirm:$false` or `-Force` skips it); the default policy can't be removed.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::model::MobileDeviceMailboxPolicy;
use crate::value::PsType;

use super::ops::remove_object;
use super::shared::identity_param;

/// `Remove-MobileDeviceMailboxPolicy [-Identity] <MailboxPolicyIdParameter> [-Confirm] [-DomainController <Fqdn>] [-Force] [-WhatIf]`
pub struct RemoveMobileDeviceMailboxPolicy;

impl Cmdlet for RemoveMobileDeviceMailboxPolicy {
    fn signature(&self) -> Signature {
        Signature::new(
            "Remove-MobileDeviceMailboxPolicy",
            "Removes a mobile device mailbox policy.",
        )
        .confirm_high()
        .param(identity_param(true, "MailboxPolicyIdParameter"))
        .param(
            Param::new("DomainController", PsType::String).help(
                "On-premises only: the domain controller to use (accepted and ignored here).",
            ),
        )
        .param(Param::switch("Force").help("Removes without asking for confirmation."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Remove a policy without prompts (doc example 3)",
            "New-MobileDeviceMailboxPolicy -Name Management | Out-Null; Remove-MobileDeviceMailboxPolicy -Identity Management -Force; (Get-MobileDeviceMailboxPolicy).Name",
            "Default
",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        remove_object::<MobileDeviceMailboxPolicy>(cx, cx.args.switch("Force"))
    }
}
