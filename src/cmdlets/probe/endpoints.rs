//! L4 — what Test-CertificateEndpoint probes: endpoints from arguments or the pipeline
//! (`host`, `host:port`, objects with ComputerName/Port/Protocol) and Outbound connectors
//! (each smart host on port 25, judged by the connector's TlsSettings and TlsDomain).

use std::sync::Arc;

use crate::probe::{Policy, Protocol, Target, Validation, split_host_port};
use crate::value::{Value, access, convert};

use super::super::common::items;

/// The endpoint options shared by all inputs of one call.
pub struct Defaults {
    /// -Port: for hosts given without one.
    pub port: Option<u16>,
    /// -Protocol: else chosen by port.
    pub protocol: Option<Protocol>,
    pub policy: Arc<Policy>,
}

/// The Outbound connector type name (objects from Get-OutboundConnector).
const OUTBOUND_CONNECTOR: &str = "TenantOutboundConnector";

/// The targets one input value names, and the messages for the parts that name none.
pub fn targets(value: &Value, defaults: &Defaults) -> (Vec<Target>, Vec<String>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for item in items(value) {
        if is_connector(&item) {
            connector_targets(&item, defaults, &mut found, &mut problems);
            continue;
        }
        let (text, port, protocol) = match &item {
            Value::Object(_) | Value::Dict(_) => {
                let name = access::get_member(&item, "ComputerName");
                if name.is_null() {
                    problems.push(format!(
                        "The input object '{}' has no ComputerName property.",
                        convert::to_string(&item, " ")
                    ));
                    continue;
                }
                (
                    convert::to_string(&name, " "),
                    port_of(&access::get_member(&item, "Port")),
                    Protocol::parse(&convert::to_string(
                        &access::get_member(&item, "Protocol"),
                        " ",
                    )),
                )
            }
            _ => (convert::to_string(&item, " "), None, None),
        };
        match endpoint(&text, port, protocol, defaults, defaults.policy.clone()) {
            Ok(target) => found.push(target),
            Err(message) => problems.push(message),
        }
    }
    (found, problems)
}

/// One `host[:port]` with the call's defaults.
fn endpoint(
    text: &str,
    port: Option<u16>,
    protocol: Option<Protocol>,
    defaults: &Defaults,
    policy: Arc<Policy>,
) -> Result<Target, String> {
    let (host, inline_port) = split_host_port(text)?;
    let port = inline_port.or(port).or(defaults.port).ok_or_else(|| {
        format!("'{text}' has no port: write host:port or give -Port (25 for SMTP).")
    })?;
    let protocol = protocol
        .or(defaults.protocol)
        .unwrap_or_else(|| Protocol::for_port(port));
    Ok(Target {
        computer_name: host,
        port,
        protocol,
        policy,
    })
}

fn port_of(value: &Value) -> Option<u16> {
    convert::to_i64(value)
        .ok()
        .and_then(|p| u16::try_from(p).ok())
        .filter(|p| *p != 0)
}

fn is_connector(item: &Value) -> bool {
    match item {
        Value::Object(object) => object.type_name.ends_with(OUTBOUND_CONNECTOR),
        _ => false,
    }
}

/// Each smart host of an Outbound connector on port 25, judged by its TlsSettings.
fn connector_targets(
    item: &Value,
    defaults: &Defaults,
    found: &mut Vec<Target>,
    problems: &mut Vec<String>,
) {
    let name = convert::to_string(&access::get_member(item, "Name"), " ");
    let settings = convert::to_string(&access::get_member(item, "TlsSettings"), " ");
    let tls_domain = convert::to_string(&access::get_member(item, "TlsDomain"), " ");
    let mut policy = (*defaults.policy).clone();
    let source = format!(
        "the Outbound connector '{name}' (TlsSettings {})",
        if settings.is_empty() {
            "not set"
        } else {
            settings.as_str()
        }
    );
    policy.validation_source = Some(source);
    match settings.to_ascii_lowercase().as_str() {
        "domainvalidation" => {
            policy.validation = Validation::Full;
            if !tls_domain.is_empty() {
                policy.expected_name = Some(tls_domain);
            }
        }
        "certificatevalidation" => policy.validation = Validation::Certificate,
        _ => policy.validation = Validation::Encryption,
    }
    let policy = Arc::new(policy);
    let hosts: Vec<String> = items(&access::get_member(item, "SmartHosts"))
        .iter()
        .map(|h| convert::to_string(h, " "))
        .filter(|h| !h.trim().is_empty())
        .collect();
    if hosts.is_empty() {
        problems.push(format!(
            "The Outbound connector '{name}' has no smart hosts (it uses MX records): probe the MX hosts of its recipient domains by name."
        ));
        return;
    }
    for host in hosts {
        if host.contains('/') {
            problems.push(format!(
                "The smart host '{host}' of the Outbound connector '{name}' is an address block, not one endpoint: probe its addresses by name."
            ));
            continue;
        }
        let port = defaults.port.unwrap_or(25);
        let protocol = defaults.protocol.unwrap_or(Protocol::Smtp);
        match endpoint(&host, Some(port), Some(protocol), defaults, policy.clone()) {
            Ok(target) => found.push(target),
            Err(message) => problems.push(message),
        }
    }
}
