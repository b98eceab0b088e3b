//! L4 — Get-OutboundConnector: one Outbound connector (by name, GUID or DN) or all of them,
//! optionally only those in test mode or scoped to transport rules.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::model::OutboundConnector;
use crate::model::param::PropertyType;
use crate::value::PsType;

use super::ops::get_objects;
use super::shared::{identity_param, report_problems};

/// `Get-OutboundConnector [[-Identity] <OutboundConnectorIdParameter>]
/// [-IncludeTestModeConnectors <Boolean>] [-IsTransportRuleScoped <Boolean>] [-ResultSize <Unlimited>]`
pub struct GetOutboundConnector;

impl Cmdlet for GetOutboundConnector {
    fn signature(&self) -> Signature {
        Signature::new(
            "Get-OutboundConnector",
            "Shows the Outbound connectors of the cloud-based organization.",
        )
        .param(identity_param(false, "OutboundConnectorIdParameter"))
        .param(
            Param::new("IncludeTestModeConnectors", PsType::Object)
                .help("<Boolean> $true: only connectors in test mode; $false: only those not in test mode."),
        )
        .param(
            Param::new("IsTransportRuleScoped", PsType::Object).help(
                "<Boolean> $true: only connectors scoped to transport rules; $false: only those that aren't.",
            ),
        )
        .param(
            Param::new("ResultSize", PsType::Object)
                .help("<Unlimited> The most connectors to return (default 1000), or Unlimited."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "One connector's settings (doc example 1)",
            r#"New-OutboundConnector "Contoso Outbound Connector" -RecipientDomains contoso.com | Out-Null; Get-OutboundConnector "Contoso Outbound Connector" | Format-List Name,Enabled,UseMXRecord,RecipientDomains,MtaStsMode,SmtpDaneMode"#,
            "\nName             : Contoso Outbound Connector\nEnabled          : True\nUseMXRecord      : True\nRecipientDomains : {contoso.com}\nMtaStsMode       : Opportunistic\nSmtpDaneMode     : Opportunistic\n\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let mut filters = Vec::new();
        for name in ["IncludeTestModeConnectors", "IsTransportRuleScoped"] {
            if let Some(value) = cx.args.get(name).cloned() {
                match bool::from_arg(name, &value) {
                    Ok(flag) => filters.push((name, flag)),
                    Err(problem) => return report_problems(cx, &[problem], ""),
                }
            }
        }
        let keep = |connector: &OutboundConnector| {
            filters.iter().all(|(name, flag)| match *name {
                "IncludeTestModeConnectors" => connector.test_mode == *flag,
                _ => connector.is_transport_rule_scoped == *flag,
            })
        };
        get_objects::<OutboundConnector>(cx, &keep)
    }
}
