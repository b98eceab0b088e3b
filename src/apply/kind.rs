//! L2 — the kinds of objects a desired-state document manages, in dependency order
//! (certificates before the S/MIME configuration that uses them, policies before connectors),
//! with their section names, cmdlet nouns and the model's parameter tables.

use serde::{Deserialize, Serialize};

use crate::model::object::{ConfigObject, set_parameter};
use crate::model::{
    InboundConnector, MobileDeviceMailboxPolicy, OutboundConnector, Problem, SmimeConfig,
};
use crate::value::Value;

/// A kind of managed object. The order of the variants is the order creates and updates run
/// in; deletes run in the reverse order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// A custom Cert:\ store (`LocalMachine\Lab`), made before the certificates it holds.
    CertificateStore,
    Certificate,
    SmimeConfig,
    MobileDeviceMailboxPolicy,
    InboundConnector,
    OutboundConnector,
    /// A directory user's published certificates (last: the directory is the slowest part).
    User,
}

/// Every kind, in dependency order.
pub const KINDS: &[Kind] = &[
    Kind::CertificateStore,
    Kind::Certificate,
    Kind::SmimeConfig,
    Kind::MobileDeviceMailboxPolicy,
    Kind::InboundConnector,
    Kind::OutboundConnector,
    Kind::User,
];

impl Kind {
    /// The document's section for this kind.
    pub fn section(self) -> &'static str {
        match self {
            Kind::CertificateStore | Kind::Certificate => "Certificates",
            Kind::SmimeConfig => "SmimeConfig",
            Kind::MobileDeviceMailboxPolicy => "MobileDeviceMailboxPolicies",
            Kind::InboundConnector => "InboundConnectors",
            Kind::OutboundConnector => "OutboundConnectors",
            Kind::User => "Users",
        }
    }

    /// The noun of its cmdlets (`New-InboundConnector`).
    pub fn noun(self) -> &'static str {
        match self {
            Kind::CertificateStore => "CertificateStore",
            Kind::Certificate => "Certificate",
            Kind::SmimeConfig => "SmimeConfig",
            Kind::MobileDeviceMailboxPolicy => "MobileDeviceMailboxPolicy",
            Kind::InboundConnector => "InboundConnector",
            Kind::OutboundConnector => "OutboundConnector",
            Kind::User => "User",
        }
    }

    /// The settable properties a document may declare (the parameters of the kind's New-/Set-
    /// cmdlets, except the rename parameter `Name`, which is the identity here).
    pub fn setting_names(self) -> Vec<&'static str> {
        match self {
            Kind::CertificateStore => Vec::new(),
            Kind::Certificate => vec!["FriendlyName"],
            Kind::User => vec!["Certificates", "Attribute"],
            Kind::SmimeConfig => names::<SmimeConfig>(),
            Kind::MobileDeviceMailboxPolicy => names::<MobileDeviceMailboxPolicy>(),
            Kind::InboundConnector => names::<InboundConnector>(),
            Kind::OutboundConnector => names::<OutboundConnector>(),
        }
    }

    /// Judge one declared value with the model's own parser for `property` (on a scratch
    /// object; nothing is stored).
    pub fn check(self, property: &str, value: &Value) -> Result<(), Vec<Problem>> {
        match self {
            Kind::CertificateStore | Kind::Certificate | Kind::User => Ok(()),
            Kind::SmimeConfig => set_parameter(&mut SmimeConfig::default(), property, value),
            Kind::MobileDeviceMailboxPolicy => check::<MobileDeviceMailboxPolicy>(property, value),
            Kind::InboundConnector => check::<InboundConnector>(property, value),
            Kind::OutboundConnector => check::<OutboundConnector>(property, value),
        }
    }
}

fn names<T: ConfigObject>() -> Vec<&'static str> {
    T::settings()
        .iter()
        .map(|s| s.name)
        .filter(|name| *name != "Name")
        .collect()
}

fn check<T: ConfigObject + Default>(property: &str, value: &Value) -> Result<(), Vec<Problem>> {
    set_parameter(&mut T::default(), property, value)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn kinds_know_their_settings_and_parse_with_the_model() {
        let names = Kind::InboundConnector.setting_names();
        assert!(names.contains(&"RequireTls"));
        assert!(!names.contains(&"Name"));
        assert!(
            Kind::InboundConnector
                .check("SenderDomains", &Value::str("a.*.b"))
                .is_err()
        );
        assert!(
            Kind::OutboundConnector
                .check("TlsSettings", &Value::str("domainvalidation"))
                .is_ok()
        );
        assert!(KINDS.windows(2).all(|w| w[0] < w[1]));
    }
}
