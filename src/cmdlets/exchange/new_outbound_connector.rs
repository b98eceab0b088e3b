//! L4 — New-OutboundConnector: create an Outbound connector (where mail to some domains goes, and how strictly TLS is enforced).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::model::OutboundConnector;
use crate::value::PsType;

use super::ops::new_object;
use super::shared::with_settings;

/// `New-OutboundConnector [-Name] <String> [-RecipientDomains <MultiValuedProperty>] [-TlsSettings <TlsAuthLevel>] [-TlsDomain <SmtpDomainWithSubdomains>] [-UseMXRecord <Boolean>] [-SmartHosts <MultiValuedProperty>] …`
pub struct NewOutboundConnector;

impl Cmdlet for NewOutboundConnector {
    fn signature(&self) -> Signature {
        let signature = Signature::new(
            "New-OutboundConnector",
            "Creates an Outbound connector in the cloud-based organization.",
        )
        .should_process()
        .param(
            Param::new("Name", PsType::String)
                .position(0)
                .mandatory()
                .help("The unique name of the connector (at most 64 characters)."),
        );
        with_settings::<OutboundConnector>(signature, true, &[])
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "TLS with domain validation to a partner (doc example 1)",
            r#"New-OutboundConnector -Name "Contoso Outbound Connector" -RecipientDomains *.contoso.com -TlsSettings DomainValidation -TlsDomain *.contoso.com | Format-List Name,RecipientDomains,TlsSettings,TlsDomain,UseMXRecord"#,
            "
Name             : Contoso Outbound Connector
RecipientDomains : {*.contoso.com}
TlsSettings      : DomainValidation
TlsDomain        : *.contoso.com
UseMXRecord      : True

",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        new_object::<OutboundConnector>(cx)
    }
}
