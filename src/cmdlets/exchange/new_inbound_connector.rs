//! L4 — New-InboundConnector: create an Inbound connector (the partner or on-premises mail it accepts, and how).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::model::InboundConnector;
use crate::value::PsType;

use super::ops::new_object;
use super::shared::with_settings;

/// `New-InboundConnector [-Name] <String> -SenderDomains <MultiValuedProperty> [-RequireTls <Boolean>] [-TlsSenderCertificateName <TlsCertificate>] …`
pub struct NewInboundConnector;

impl Cmdlet for NewInboundConnector {
    fn signature(&self) -> Signature {
        let signature = Signature::new(
            "New-InboundConnector",
            "Creates an Inbound connector in the cloud-based organization.",
        )
        .should_process()
        .param(
            Param::new("Name", PsType::String)
                .position(0)
                .mandatory()
                .help("A descriptive name for the connector."),
        );
        with_settings::<InboundConnector>(signature, true, &["SenderDomains"])
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "A partner connector restricted to an IP range (doc example 1)",
                r#"New-InboundConnector -Name "Contoso Inbound Connector" -SenderDomains *.contoso.com -SenderIPAddresses 192.168.0.1/25 -RestrictDomainsToIPAddresses $true | Format-List Name,SenderDomains,SenderIPAddresses,RestrictDomainsToIPAddresses,RequireTls"#,
                "
Name                         : Contoso Inbound Connector
SenderDomains                : {*.contoso.com}
SenderIPAddresses            : {192.168.0.1/25}
RestrictDomainsToIPAddresses : True
RequireTls                   : True

",
            ),
            Example::new(
                "An embedded wildcard is rejected and nothing is created",
                "New-InboundConnector -Name X -SenderDomains domain.*.contoso.com -ErrorAction SilentlyContinue; @(Get-InboundConnector).Count",
                "0
",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        new_object::<InboundConnector>(cx)
    }
}
