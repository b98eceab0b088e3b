//! L4 — Remove-OutboundConnector: delete an Outbound connector, after confirmation (`-Confirm:$false` skips it).

use crate::engine::{Cmdlet, Context, Eval, Example, Signature};
use crate::model::OutboundConnector;

use super::ops::remove_object;
use super::shared::identity_param;

/// `Remove-OutboundConnector [-Identity] <OutboundConnectorIdParameter> [-Confirm] [-WhatIf]`
pub struct RemoveOutboundConnector;

impl Cmdlet for RemoveOutboundConnector {
    fn signature(&self) -> Signature {
        Signature::new(
            "Remove-OutboundConnector",
            "Deletes an Outbound connector from the cloud-based organization.",
        )
        .confirm_high()
        .param(identity_param(true, "OutboundConnectorIdParameter"))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Preview a deletion with -WhatIf",
            r#"New-OutboundConnector "Contoso Outbound Connector" | Out-Null; Remove-OutboundConnector "Contoso Outbound Connector" -WhatIf; @(Get-OutboundConnector).Count"#,
            r#"What if: Removing Outbound connector "Contoso Outbound Connector".
1
"#,
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        remove_object::<OutboundConnector>(cx, false)
    }
}
