//! L4 — Set-MobileDeviceMailboxPolicy: change a mobile device mailbox policy (including the built-in `Default`).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::model::MobileDeviceMailboxPolicy;
use crate::value::PsType;

use super::ops::set_object;
use super::shared::{identity_param, with_settings};

/// `Set-MobileDeviceMailboxPolicy [-Identity] <MailboxPolicyIdParameter> [-RequireSignedSMIMEMessages <Boolean>] [-RequireEncryptedSMIMEMessages <Boolean>] [-IsDefault <Boolean>] …`
pub struct SetMobileDeviceMailboxPolicy;

impl Cmdlet for SetMobileDeviceMailboxPolicy {
    fn signature(&self) -> Signature {
        let signature =
            Signature::new(
                "Set-MobileDeviceMailboxPolicy",
                "Changes a mobile device mailbox policy.",
            )
            .should_process()
            .param(identity_param(true, "MailboxPolicyIdParameter"))
            .param(Param::new("DomainController", PsType::String).help(
                "On-premises only: the domain controller to use (accepted and ignored here).",
            ));
        with_settings::<MobileDeviceMailboxPolicy>(signature, false, &[])
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Require signed S/MIME on the built-in policy",
            "Set-MobileDeviceMailboxPolicy -Identity Default -RequireSignedSMIMEMessages $true -RequireSignedSMIMEAlgorithm SHA1; (Get-MobileDeviceMailboxPolicy Default).RequireSignedSMIMEMessages",
            "True
",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        set_object::<MobileDeviceMailboxPolicy>(cx)
    }
}
