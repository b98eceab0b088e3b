//! L4 — an endpoint report as the shell sees it: a `Mailsec.EndpointTestResult` object with
//! the properties issue 5 names, in that order, and `Mailsec.EndpointFinding` objects.

use crate::probe::{EndpointReport, Finding};
use crate::value::Value;

use super::super::common::typed_object;

/// The result object's type name.
pub const RESULT_TYPE: &str = "Mailsec.EndpointTestResult";
/// A finding's type name.
pub const FINDING_TYPE: &str = "Mailsec.EndpointFinding";

fn text(value: &Option<String>) -> Value {
    value.as_deref().map(Value::str).unwrap_or(Value::Null)
}

fn flag(value: Option<bool>) -> Value {
    value.map(Value::Bool).unwrap_or(Value::Null)
}

/// An Int32, or `$null` when unknown (or out of range).
fn int<N: TryInto<i32>>(value: Option<N>) -> Value {
    value
        .and_then(|n| n.try_into().ok())
        .map(Value::Int)
        .unwrap_or(Value::Null)
}

fn strings(values: &[String]) -> Value {
    Value::array(values.iter().map(|s| Value::str(s.as_str())).collect())
}

/// A finding object; it reads as its code in a table cell.
pub fn finding_value(finding: &Finding) -> Value {
    typed_object(
        FINDING_TYPE,
        vec![
            ("Severity", Value::str(finding.severity.name())),
            ("Code", Value::str(finding.code.name())),
            ("Message", Value::str(finding.message.as_str())),
        ],
        Some(finding.code.name().to_string()),
    )
}

/// The result object of one endpoint.
pub fn report_value(report: &EndpointReport) -> Value {
    let display = format!("{}:{}", report.computer_name, report.port);
    typed_object(
        RESULT_TYPE,
        vec![
            ("ComputerName", Value::str(report.computer_name.as_str())),
            ("Port", Value::Int(i32::from(report.port))),
            ("Protocol", Value::str(report.protocol.name())),
            ("StartTlsOffered", flag(report.start_tls_offered)),
            ("TlsVersion", text(&report.tls_version)),
            ("CipherSuite", text(&report.cipher_suite)),
            ("KeyExchange", text(&report.key_exchange)),
            ("ForwardSecrecy", flag(report.forward_secrecy)),
            (
                "Certificate",
                report
                    .certificate()
                    .map(|c| c.to_value(None))
                    .unwrap_or(Value::Null),
            ),
            (
                "CertificateChain",
                Value::array(report.chain.iter().map(|c| c.to_value(None)).collect()),
            ),
            ("RootIssuer", text(&report.root_issuer)),
            ("ChainTrusted", flag(report.chain_trusted)),
            ("NameMatches", flag(report.name_matches)),
            ("KeySize", int(report.key_size)),
            ("DaysUntilExpiry", int(report.days_until_expiry)),
            ("DeprecatedProtocols", strings(&report.deprecated_protocols)),
            ("RevocationEndpoints", strings(&report.revocation_endpoints)),
            (
                "Findings",
                Value::array(report.findings.iter().map(finding_value).collect()),
            ),
            ("Passed", Value::Bool(report.passed())),
        ],
        Some(display),
    )
}
