//! L4 — Get-MobileDeviceMailboxPolicy: one mobile device mailbox policy (by name, GUID or DN)
//! or all of them.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::model::MobileDeviceMailboxPolicy;
use crate::value::PsType;

use super::ops::get_objects;
use super::shared::identity_param;

/// `Get-MobileDeviceMailboxPolicy [[-Identity] <MailboxPolicyIdParameter>] [-DomainController <Fqdn>]`
pub struct GetMobileDeviceMailboxPolicy;

impl Cmdlet for GetMobileDeviceMailboxPolicy {
    fn signature(&self) -> Signature {
        Signature::new(
            "Get-MobileDeviceMailboxPolicy",
            "Shows the settings of one or all mobile device mailbox policies.",
        )
        .param(identity_param(false, "MailboxPolicyIdParameter"))
        .param(
            Param::new("DomainController", PsType::String).help(
                "On-premises only: the domain controller to use (accepted and ignored here).",
            ),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "The built-in policy's S/MIME settings (doc example 2)",
            r#"Get-MobileDeviceMailboxPolicy -Identity "Default" | Format-List Name,IsDefault,*SMIME*"#,
            "\nName                                     : Default\nIsDefault                                : True\nRequireSignedSMIMEMessages               : False\nRequireEncryptedSMIMEMessages            : False\nAllowSMIMESoftCerts                      : True\nRequireSignedSMIMEAlgorithm              : SHA1\nRequireEncryptionSMIMEAlgorithm          : TripleDES\nAllowSMIMEEncryptionAlgorithmNegotiation : AllowAnyAlgorithmNegotiation\n\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        get_objects::<MobileDeviceMailboxPolicy>(cx, &|_| true)
    }
}
