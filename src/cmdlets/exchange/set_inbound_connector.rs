//! L4 — Set-InboundConnector: change an Inbound connector; a change that changes nothing writes nothing and warns.

use crate::engine::{Cmdlet, Context, Eval, Example, Signature};
use crate::model::InboundConnector;

use super::ops::set_object;
use super::shared::{identity_param, with_settings};

/// `Set-InboundConnector [-Identity] <InboundConnectorIdParameter> [-RequireTls <Boolean>] [-TlsSenderCertificateName <TlsCertificate>] …`
pub struct SetInboundConnector;

impl Cmdlet for SetInboundConnector {
    fn signature(&self) -> Signature {
        let signature = Signature::new(
            "Set-InboundConnector",
            "Changes an existing Inbound connector in the cloud-based organization.",
        )
        .should_process()
        .param(identity_param(true, "InboundConnectorIdParameter"));
        with_settings::<InboundConnector>(signature, false, &[])
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Require TLS with the partner's certificate name (doc example 1)",
            r#"New-InboundConnector "Contoso Inbound Connector" -SenderDomains contoso.com -RequireTls $false | Out-Null; Set-InboundConnector "Contoso Inbound Connector" -RequireTls $true -TlsSenderCertificateName contoso.com; Get-InboundConnector | Format-Table Name,RequireTls,TlsSenderCertificateName"#,
            "
Name                      RequireTls TlsSenderCertificateName
----                      ---------- ------------------------
Contoso Inbound Connector       True contoso.com

",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        set_object::<InboundConnector>(cx)
    }
}
