//! L4 — New-MobileDeviceMailboxPolicy: create a mobile device mailbox policy (device password, encryption and S/MIME requirements).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::model::MobileDeviceMailboxPolicy;
use crate::value::PsType;

use super::ops::new_object;
use super::shared::with_settings;

/// `New-MobileDeviceMailboxPolicy [-Name] <String> [-IsDefault <Boolean>] [-RequireSignedSMIMEMessages <Boolean>] [-RequireEncryptedSMIMEMessages <Boolean>] …`
pub struct NewMobileDeviceMailboxPolicy;

impl Cmdlet for NewMobileDeviceMailboxPolicy {
    fn signature(&self) -> Signature {
        let signature =
            Signature::new(
                "New-MobileDeviceMailboxPolicy",
                "Creates a mobile device mailbox policy.",
            )
            .should_process()
            .param(
                Param::new("Name", PsType::String)
                    .position(0)
                    .mandatory()
                    .help("The name of the policy (the built-in policy is Default)."),
            )
            .param(Param::new("DomainController", PsType::String).help(
                "On-premises only: the domain controller to use (accepted and ignored here).",
            ));
        with_settings::<MobileDeviceMailboxPolicy>(signature, true, &[])
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "A policy requiring signed and encrypted S/MIME",
                r#"New-MobileDeviceMailboxPolicy -Name "SMIME Policy" -RequireSignedSMIMEMessages $true -RequireEncryptedSMIMEMessages $true -RequireEncryptionSMIMEAlgorithm TripleDES | Format-List Name,IsDefault,RequireSignedSMIMEMessages,RequireEncryptedSMIMEMessages,RequireEncryptionSMIMEAlgorithm"#,
                "
Name                            : SMIME Policy
IsDefault                       : False
RequireSignedSMIMEMessages      : True
RequireEncryptedSMIMEMessages   : True
RequireEncryptionSMIMEAlgorithm : TripleDES

",
            ),
            Example::new(
                "A new default policy takes over from Default (doc example 3)",
                r#"New-MobileDeviceMailboxPolicy -Name "Contoso Policy" -PasswordEnabled $true -AlphanumericPasswordRequired $true -PasswordRecoveryEnabled $true -MinPasswordComplexCharacters 3 -IsDefault $true -PasswordHistory 10 | Out-Null; Get-MobileDeviceMailboxPolicy | Format-Table Name,IsDefault"#,
                "
Name           IsDefault
----           ---------
Default            False
Contoso Policy      True

",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        new_object::<MobileDeviceMailboxPolicy>(cx)
    }
}
