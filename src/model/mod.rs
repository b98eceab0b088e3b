//! L1 — the organization's configuration as a typed model: S/MIME settings, inbound and
//! outbound connectors, mobile device mailbox policies; their value types, defaults and
//! validation rules, as Exchange defines them.
//!
//! Value types: [`domain`] (SMTP domains with a leading `*.`, certificate names, addresses),
//! [`ip`] (addresses, ranges, CIDR blocks, smart hosts), [`enums`], [`quantity`] (time spans,
//! byte sizes, `Unlimited`), [`algorithms`] (OWA algorithm lists), [`timestamp`]. Objects:
//! [`smime_config`], [`inbound_connector`], [`outbound_connector`], [`mobile_policy`]; what
//! they share is in [`object`] (generated fields, settings tables, identity, output) and
//! [`collection`] (create, change, remove). Arguments become typed values in [`param`]
//! (including `@{Add=…; Remove=…}`); every problem is a [`problem::Problem`].

pub mod algorithms;
pub mod cert_store;
pub mod collection;
pub mod directory;
pub mod domain;
pub mod enums;
pub mod inbound_connector;
pub mod ip;
pub mod mobile_policy;
pub mod object;
pub mod outbound_connector;
pub mod param;
pub mod problem;
pub mod quantity;
pub mod smime_config;
pub mod timestamp;

use serde::{Deserialize, Deserializer, Serialize};

pub use cert_store::{CustomStore, StoredCertificate};
pub use directory::DirectoryConnection;
pub use inbound_connector::InboundConnector;
pub use mobile_policy::MobileDeviceMailboxPolicy;
pub use object::ConfigObject;
pub use outbound_connector::OutboundConnector;
pub use problem::Problem;
pub use smime_config::SmimeConfig;

/// The organization name a new state starts with.
pub const DEFAULT_ORGANIZATION: &str = "First Organization";

/// Everything the configuration store keeps, in one document. Fields carry Exchange's names;
/// every field has a default, so older or partial files load.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrgState {
    /// The organization's name (part of every distinguished name).
    #[serde(rename = "Organization")]
    pub organization: String,
    #[serde(rename = "SmimeConfig")]
    pub smime_config: SmimeConfig,
    #[serde(rename = "InboundConnectors")]
    pub inbound_connectors: Vec<InboundConnector>,
    #[serde(rename = "OutboundConnectors")]
    pub outbound_connectors: Vec<OutboundConnector>,
    #[serde(rename = "MobileDeviceMailboxPolicies")]
    pub mobile_device_mailbox_policies: Vec<MobileDeviceMailboxPolicy>,
    /// The Cert: drive's stores (public certificates only).
    #[serde(rename = "Certificates")]
    pub certificates: Vec<StoredCertificate>,
    /// The custom stores New-Item made on the Cert: drive (none: the key is left out).
    #[serde(rename = "CertificateStores", skip_serializing_if = "Vec::is_empty")]
    pub certificate_stores: Vec<CustomStore>,
    /// Saved directory connections (`Connect-Directory -Name`), without secrets.
    #[serde(rename = "DirectoryConnections", skip_serializing_if = "Vec::is_empty")]
    pub directory_connections: Vec<DirectoryConnection>,
}

impl Default for OrgState {
    /// A new organization: default S/MIME settings, no connectors, the built-in policy
    /// `Default`.
    fn default() -> OrgState {
        OrgState {
            organization: DEFAULT_ORGANIZATION.to_string(),
            smime_config: SmimeConfig::default(),
            inbound_connectors: Vec::new(),
            outbound_connectors: Vec::new(),
            mobile_device_mailbox_policies: vec![MobileDeviceMailboxPolicy::built_in_default()],
            certificates: Vec::new(),
            certificate_stores: Vec::new(),
            directory_connections: Vec::new(),
        }
    }
}

/// What a state file holds, before the organization's invariants are restored.
#[derive(Deserialize)]
#[serde(default)]
struct StoredOrgState {
    #[serde(rename = "Organization")]
    organization: String,
    #[serde(rename = "SmimeConfig")]
    smime_config: SmimeConfig,
    #[serde(rename = "InboundConnectors")]
    inbound_connectors: Vec<InboundConnector>,
    #[serde(rename = "OutboundConnectors")]
    outbound_connectors: Vec<OutboundConnector>,
    #[serde(rename = "MobileDeviceMailboxPolicies")]
    mobile_device_mailbox_policies: Vec<MobileDeviceMailboxPolicy>,
    #[serde(rename = "Certificates")]
    certificates: Vec<StoredCertificate>,
    #[serde(rename = "CertificateStores")]
    certificate_stores: Vec<CustomStore>,
    #[serde(rename = "DirectoryConnections")]
    directory_connections: Vec<DirectoryConnection>,
}

impl Default for StoredOrgState {
    fn default() -> StoredOrgState {
        let state = OrgState::default();
        StoredOrgState {
            organization: state.organization,
            smime_config: state.smime_config,
            inbound_connectors: state.inbound_connectors,
            outbound_connectors: state.outbound_connectors,
            mobile_device_mailbox_policies: state.mobile_device_mailbox_policies,
            certificates: state.certificates,
            certificate_stores: state.certificate_stores,
            directory_connections: state.directory_connections,
        }
    }
}

impl<'de> Deserialize<'de> for OrgState {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OrgState, D::Error> {
        let stored = StoredOrgState::deserialize(deserializer)?;
        let mut state = OrgState {
            organization: stored.organization,
            smime_config: stored.smime_config,
            inbound_connectors: stored.inbound_connectors,
            outbound_connectors: stored.outbound_connectors,
            mobile_device_mailbox_policies: stored.mobile_device_mailbox_policies,
            certificates: stored.certificates,
            certificate_stores: stored.certificate_stores,
            directory_connections: stored.directory_connections,
        };
        state.restore_invariants();
        Ok(state)
    }
}

impl OrgState {
    /// Fill in what a hand-written or older file may lack: the organization's name, the S/MIME
    /// configuration's identity, the built-in policy, exactly one default policy.
    pub fn restore_invariants(&mut self) {
        if self.organization.trim().is_empty() {
            self.organization = DEFAULT_ORGANIZATION.to_string();
        }
        let built_in = SmimeConfig::default();
        if self.smime_config.meta.name.trim().is_empty() {
            self.smime_config.meta.name = built_in.meta.name;
        }
        if self.smime_config.meta.guid.is_nil() {
            self.smime_config.meta.guid = built_in.meta.guid;
        }
        let policies = &mut self.mobile_device_mailbox_policies;
        if policies.is_empty() {
            policies.push(MobileDeviceMailboxPolicy::built_in_default());
        }
        let first_default = policies.iter().position(|p| p.is_default);
        let chosen = first_default
            .or_else(|| {
                policies.iter().position(|p| {
                    p.meta
                        .name
                        .eq_ignore_ascii_case(mobile_policy::DEFAULT_POLICY_NAME)
                })
            })
            .unwrap_or(0);
        for (i, policy) in policies.iter_mut().enumerate() {
            policy.is_default = i == chosen;
        }
        cert_store::tidy_custom_stores(&mut self.certificate_stores);
    }

    /// Every rule the whole state breaks (each object's own rules, unique names, one default
    /// policy).
    pub fn validate(&self) -> Vec<Problem> {
        fn names<T: ConfigObject>(items: &[T], problems: &mut Vec<Problem>) {
            for (i, item) in items.iter().enumerate() {
                problems.extend(item.validate());
                if items[..i]
                    .iter()
                    .any(|other| other.name().eq_ignore_ascii_case(item.name()))
                {
                    problems.push(Problem::new(
                        "Name",
                        item.name(),
                        format!(
                            "Two objects of kind {} are named '{}'.",
                            T::KIND.noun,
                            item.name()
                        ),
                    ));
                }
            }
        }
        let mut problems = self.smime_config.validate();
        names(&self.inbound_connectors, &mut problems);
        names(&self.outbound_connectors, &mut problems);
        names(&self.mobile_device_mailbox_policies, &mut problems);
        let defaults = self
            .mobile_device_mailbox_policies
            .iter()
            .filter(|p| p.is_default)
            .count();
        if defaults != 1 {
            problems.push(Problem::new(
                "IsDefault",
                &defaults.to_string(),
                format!(
                    "Exactly one mobile device mailbox policy must be the default; {defaults} are."
                ),
            ));
        }
        problems
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::value::Value;

    #[test]
    fn a_new_state_has_the_built_in_objects() {
        let state = OrgState::default();
        assert_eq!(state.mobile_device_mailbox_policies.len(), 1);
        assert_eq!(state.mobile_device_mailbox_policies[0].meta.name, "Default");
        assert!(state.mobile_device_mailbox_policies[0].is_default);
        assert!(state.validate().is_empty());
    }

    #[test]
    fn an_empty_file_loads_as_a_new_state() {
        let state: OrgState = serde_yaml::from_str("{}").unwrap();
        assert_eq!(state, OrgState::default());
    }

    #[test]
    fn state_round_trips_through_yaml_in_a_stable_order() {
        let mut state = OrgState::default();
        let mut connector = InboundConnector::new("Contoso");
        object::set_parameter(
            &mut connector,
            "SenderDomains",
            &Value::str("*.contoso.com"),
        )
        .unwrap();
        state.inbound_connectors.push(connector);
        state
            .outbound_connectors
            .push(OutboundConnector::new("Out"));
        let text = serde_yaml::to_string(&state).unwrap();
        let keys: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with([' ', '-']))
            .collect();
        assert_eq!(
            keys,
            vec![
                "Organization: First Organization",
                "SmimeConfig:",
                "InboundConnectors:",
                "OutboundConnectors:",
                "MobileDeviceMailboxPolicies:",
                "Certificates: []"
            ]
        );
        let back: OrgState = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, state);
        assert_eq!(serde_yaml::to_string(&back).unwrap(), text);
    }

    #[test]
    fn older_files_get_their_invariants_back() {
        let text = "MobileDeviceMailboxPolicies:\n- Name: Sales\n- Name: Default\n";
        let state: OrgState = serde_yaml::from_str(text).unwrap();
        let defaults: Vec<&str> = state
            .mobile_device_mailbox_policies
            .iter()
            .filter(|p| p.is_default)
            .map(|p| p.meta.name.as_str())
            .collect();
        assert_eq!(defaults, vec!["Default"]);
        assert_eq!(state.smime_config.meta.name, "SmimeConfiguration");
        assert!(state.mobile_device_mailbox_policies[0].allow_smime_soft_certs);
    }

    #[test]
    fn bad_values_in_a_file_are_errors() {
        let text = "InboundConnectors:\n- Name: X\n  SenderDomains: ['a.*.b']\n";
        let error = serde_yaml::from_str::<OrgState>(text)
            .unwrap_err()
            .to_string();
        assert!(error.contains("a.*.b"), "{error}");
    }

    #[test]
    fn whole_state_validation_finds_duplicates() {
        let mut state = OrgState::default();
        state
            .mobile_device_mailbox_policies
            .push(MobileDeviceMailboxPolicy::new("default"));
        let problems = state.validate();
        assert!(problems.iter().any(|p| p.message.contains("Two objects")));
    }
}
