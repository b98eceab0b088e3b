//! L4 — Get-InboundConnector: one Inbound connector (by name, GUID or DN) or all of them.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::model::InboundConnector;
use crate::value::PsType;

use super::ops::get_objects;
use super::shared::identity_param;

/// `Get-InboundConnector [[-Identity] <InboundConnectorIdParameter>] [-ResultSize <Unlimited>]`
pub struct GetInboundConnector;

impl Cmdlet for GetInboundConnector {
    fn signature(&self) -> Signature {
        Signature::new(
            "Get-InboundConnector",
            "Shows the Inbound connectors of the cloud-based organization.",
        )
        .param(identity_param(false, "InboundConnectorIdParameter"))
        .param(
            Param::new("ResultSize", PsType::Object)
                .help("<Unlimited> The most connectors to return (default 1000), or Unlimited."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "All Inbound connectors, as a table (doc example 2)",
                r#"New-InboundConnector "Contoso Inbound Connector" -SenderDomains *.contoso.com | Out-Null; Get-InboundConnector"#,
                "\nName                           Enabled ConnectorType RequireTls SenderDomains\n----                           ------- ------------- ---------- -------------\nContoso Inbound Connector      True    Partner       True       {*.contoso.com}\n\n",
            ),
            Example::new(
                "A connector that does not exist is an error naming it",
                r#"Get-InboundConnector "Fabrikam" -ErrorAction SilentlyContinue; $Error[0].Exception.Message -like "*'Fabrikam' couldn't be found*""#,
                "True\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        get_objects::<InboundConnector>(cx, &|_| true)
    }
}
