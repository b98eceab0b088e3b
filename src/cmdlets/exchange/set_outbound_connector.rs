//! L4 — Set-OutboundConnector: change an Outbound connector; a change that changes nothing writes nothing and warns.

use crate::engine::{Cmdlet, Context, Eval, Example, Signature};
use crate::model::OutboundConnector;

use super::ops::set_object;
use super::shared::{identity_param, with_settings};

/// `Set-OutboundConnector [-Identity] <OutboundConnectorIdParameter> [-UseMXRecord <Boolean>] [-SmartHosts <MultiValuedProperty>] [-TlsSettings <TlsAuthLevel>] …`
pub struct SetOutboundConnector;

impl Cmdlet for SetOutboundConnector {
    fn signature(&self) -> Signature {
        let signature = Signature::new(
            "Set-OutboundConnector",
            "Changes an existing Outbound connector in the cloud-based organization.",
        )
        .should_process()
        .param(identity_param(true, "OutboundConnectorIdParameter"));
        with_settings::<OutboundConnector>(signature, false, &[])
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Route through a smart host (doc example 1)",
            r#"New-OutboundConnector "Contoso Outbound Connector" -RecipientDomains contoso.com | Out-Null; Set-OutboundConnector "Contoso Outbound Connector" -UseMxRecord $false -SmartHosts 192.168.0.1; (Get-OutboundConnector "Contoso Outbound Connector").SmartHosts"#,
            "192.168.0.1
",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        set_object::<OutboundConnector>(cx)
    }
}
