//! L4 — Remove-InboundConnector: delete an Inbound connector, after confirmation (`-Confirm:$false` skips it).

use crate::engine::{Cmdlet, Context, Eval, Example, Signature};
use crate::model::InboundConnector;

use super::ops::remove_object;
use super::shared::identity_param;

/// `Remove-InboundConnector [-Identity] <InboundConnectorIdParameter> [-Confirm] [-WhatIf]`
pub struct RemoveInboundConnector;

impl Cmdlet for RemoveInboundConnector {
    fn signature(&self) -> Signature {
        Signature::new(
            "Remove-InboundConnector",
            "Deletes an Inbound connector from the cloud-based organization.",
        )
        .confirm_high()
        .param(identity_param(true, "InboundConnectorIdParameter"))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Delete a connector without the confirmation prompt",
            r#"New-InboundConnector "Contoso Inbound Connector" -SenderDomains contoso.com | Out-Null; Remove-InboundConnector "Contoso Inbound Connector" -Confirm:$false; @(Get-InboundConnector).Count"#,
            "0
",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        remove_object::<InboundConnector>(cx, false)
    }
}
