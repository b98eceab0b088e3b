//! Integration tests for Test-CertificateEndpoint against real servers on loopback (s_server
//! variants, a private Postfix, slapd, hostile servers of our own), driven through mailsec
//! scripts; this file holds the shared plumbing: run the cmdlet, read its objects back as
//! JSON, compare findings.

mod hostile;
mod ldap;
mod mail_access;
mod many;
mod postfix;
mod revocation;
mod s_client;
mod variants;

use std::time::Duration;

use serde_json::Value;

use crate::support::{Ending, Outcome, run_script};

/// The longest one probe script may run in these tests.
pub const SCRIPT_LIMIT: Duration = Duration::from_secs(60);

/// One output object of Test-CertificateEndpoint, read back through ConvertTo-Json.
#[derive(Debug, Clone)]
pub struct Probed(pub Value);

impl Probed {
    /// A property as text (`""` when null or missing).
    pub fn text(&self, name: &str) -> String {
        match &self.0[name] {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }

    /// A Boolean property (`None` when null or missing).
    pub fn flag(&self, name: &str) -> Option<bool> {
        self.0[name].as_bool()
    }

    /// A whole-number property (`None` when null or missing).
    pub fn number(&self, name: &str) -> Option<i64> {
        self.0[name].as_i64()
    }

    /// A list-of-text property.
    pub fn list(&self, name: &str) -> Vec<String> {
        match &self.0[name] {
            Value::Array(items) => items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect(),
            Value::Null => Vec::new(),
            Value::String(s) => vec![s.clone()],
            other => vec![other.to_string()],
        }
    }

    /// The finding codes, sorted.
    pub fn codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self.findings().into_iter().map(|f| f.1).collect();
        codes.sort();
        codes
    }

    /// The findings as (severity, code, message).
    pub fn findings(&self) -> Vec<(String, String, String)> {
        let Value::Array(findings) = &self.0["Findings"] else {
            return Vec::new();
        };
        findings
            .iter()
            .map(|f| {
                let part = |key: &str| f[key].as_str().unwrap_or_default().to_string();
                (part("Severity"), part("Code"), part("Message"))
            })
            .collect()
    }

    /// `Passed` must be exactly "no Error finding"; the value of Passed.
    pub fn passed(&self) -> bool {
        let passed = self.flag("Passed").expect("Passed is a Boolean");
        let errors = self.findings().iter().any(|f| f.0 == "Error");
        assert_eq!(
            passed, !errors,
            "Passed disagrees with the severities: {self}"
        );
        passed
    }

    /// Assert the findings' codes are exactly `expected` (order free, repeats counted).
    pub fn assert_codes(&self, expected: &[&str], context: &str) {
        let mut wanted: Vec<String> = expected.iter().map(|c| c.to_string()).collect();
        wanted.sort();
        assert_eq!(self.codes(), wanted, "{context}: {self}");
        for (severity, code, message) in self.findings() {
            assert!(
                ["Error", "Warning", "Info"].contains(&severity.as_str()),
                "{context}: severity of {code} is {severity:?}"
            );
            assert!(
                !message.trim().is_empty(),
                "{context}: {code} has no message"
            );
        }
    }
}

impl std::fmt::Display for Probed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = serde_json::to_string_pretty(&self.0).unwrap_or_default();
        f.write_str(&text)
    }
}

/// The projection each result object is turned into before ConvertTo-Json: every contract
/// property except the certificate objects, which are summarized.
const PROJECTION: &str = r#"ForEach-Object {
  [pscustomobject]@{
    ComputerName = $_.ComputerName
    Port = $_.Port
    Protocol = [string]$_.Protocol
    StartTlsOffered = $_.StartTlsOffered
    TlsVersion = $_.TlsVersion
    CipherSuite = $_.CipherSuite
    KeyExchange = $_.KeyExchange
    ForwardSecrecy = $_.ForwardSecrecy
    CertificateSubject = [string]$_.Certificate.Subject
    CertificateThumbprint = [string]$_.Certificate.Thumbprint
    ChainLength = @($_.CertificateChain).Count
    RootIssuer = $_.RootIssuer
    ChainTrusted = $_.ChainTrusted
    NameMatches = $_.NameMatches
    KeySize = $_.KeySize
    DaysUntilExpiry = $_.DaysUntilExpiry
    DeprecatedProtocols = @($_.DeprecatedProtocols | ForEach-Object { [string]$_ })
    RevocationEndpoints = @($_.RevocationEndpoints | ForEach-Object { [string]$_ })
    Findings = @($_.Findings | ForEach-Object {
      [pscustomobject]@{ Severity = [string]$_.Severity; Code = [string]$_.Code; Message = [string]$_.Message }
    })
    Passed = $_.Passed
  }
} | ConvertTo-Json -Depth 4 -AsArray"#;

/// Run `prefix` (setup statements, may be empty) then `pipeline | <PROJECTION>`, where
/// `pipeline` ends with a Test-CertificateEndpoint call; the objects it wrote. Fails the test
/// when the script fails, times out or writes errors (unless `allow_errors`).
pub fn probe_script(prefix: &str, pipeline: &str, allow_errors: bool) -> (Vec<Probed>, Outcome) {
    let script = format!("{prefix}\n{pipeline} | {PROJECTION}\n");
    let outcome = run_script("probe.ps1", &script, Vec::new(), SCRIPT_LIMIT);
    assert_eq!(
        outcome.ending,
        Ending::Finished(None),
        "script:\n{script}\nstdout:\n{}\nstderr:\n{}",
        outcome.stdout,
        outcome.stderr
    );
    if !allow_errors {
        assert!(
            outcome.stderr.trim().is_empty(),
            "errors from:\n{script}\n{}",
            outcome.stderr
        );
    }
    let text = outcome.stdout.trim();
    let parsed: Value = if text.is_empty() {
        Value::Array(Vec::new())
    } else {
        serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}\nstderr:\n{}", outcome.stderr))
    };
    let objects = match parsed {
        Value::Array(items) => items.into_iter().map(Probed).collect(),
        single => vec![Probed(single)],
    };
    (objects, outcome)
}

/// `Test-CertificateEndpoint <arguments>`: its objects (no errors allowed).
pub fn probe(arguments: &str) -> Vec<Probed> {
    probe_script("", &format!("Test-CertificateEndpoint {arguments}"), false).0
}

/// `Test-CertificateEndpoint <arguments>` for one endpoint: its one object.
pub fn probe_one(arguments: &str) -> Probed {
    let mut objects = probe(arguments);
    assert_eq!(objects.len(), 1, "one object expected from {arguments}");
    objects.remove(0)
}

/// `path` as a single-quoted mailsec string.
pub fn quoted(path: &std::path::Path) -> String {
    format!("'{}'", path.to_string_lossy().replace('\'', "''"))
}
