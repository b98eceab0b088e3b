//! L4 — the Exchange cmdlets for the organization's mail-security configuration, one per file:
//! Get-/Set-SmimeConfig; New-/Set-/Get-/Remove-InboundConnector, -OutboundConnector and
//! -MobileDeviceMailboxPolicy. They share `shared` (identity, store, messages) and `ops` (the
//! four verbs on a named collection); the rules live in the model.

pub mod get_inbound_connector;
pub mod get_mobile_device_mailbox_policy;
pub mod get_outbound_connector;
pub mod get_smime_config;
pub mod new_inbound_connector;
pub mod new_mobile_device_mailbox_policy;
pub mod new_outbound_connector;
pub mod ops;
pub mod remove_inbound_connector;
pub mod remove_mobile_device_mailbox_policy;
pub mod remove_outbound_connector;
pub mod set_inbound_connector;
pub mod set_mobile_device_mailbox_policy;
pub mod set_outbound_connector;
pub mod set_smime_config;
pub mod shared;

use crate::engine::Cmdlet;

/// Every Exchange cmdlet.
pub fn all() -> Vec<Box<dyn Cmdlet>> {
    vec![
        Box::new(get_smime_config::GetSmimeConfig),
        Box::new(set_smime_config::SetSmimeConfig),
        Box::new(new_inbound_connector::NewInboundConnector),
        Box::new(set_inbound_connector::SetInboundConnector),
        Box::new(get_inbound_connector::GetInboundConnector),
        Box::new(remove_inbound_connector::RemoveInboundConnector),
        Box::new(new_outbound_connector::NewOutboundConnector),
        Box::new(set_outbound_connector::SetOutboundConnector),
        Box::new(get_outbound_connector::GetOutboundConnector),
        Box::new(remove_outbound_connector::RemoveOutboundConnector),
        Box::new(new_mobile_device_mailbox_policy::NewMobileDeviceMailboxPolicy),
        Box::new(set_mobile_device_mailbox_policy::SetMobileDeviceMailboxPolicy),
        Box::new(get_mobile_device_mailbox_policy::GetMobileDeviceMailboxPolicy),
        Box::new(remove_mobile_device_mailbox_policy::RemoveMobileDeviceMailboxPolicy),
    ]
}
