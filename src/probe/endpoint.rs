//! L1 — probing one endpoint from start to end: resolve, connect, preamble, handshake, EHLO
//! after TLS, chain judgement, TLS 1.0/1.1 probes, revocation; everything under one deadline,
//! every failure a finding on the report (never a panic, never a hang).

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::pki::Certificate;
use crate::pki::system::unix_now;

use super::finding::{Code, Finding, Severity};
use super::judge::Judge;
use super::legacy::{self, LegacyAnswer};
use super::net::{BoundedStream, Deadline, Step, connect, resolve};
use super::policy::{Policy, TlsVersion};
use super::preamble;
use super::protocol::Protocol;
use super::revocation::{self, CrlCache};
use super::tls::TlsClient;
use super::trust::TrustStore;

/// One endpoint to probe and the policy to judge it by.
#[derive(Debug, Clone)]
pub struct Target {
    pub computer_name: String,
    pub port: u16,
    pub protocol: Protocol,
    pub policy: Arc<Policy>,
}

/// Everything learnt about one endpoint. `None` means "not known" (the probe stopped before).
#[derive(Debug, Clone)]
pub struct EndpointReport {
    pub computer_name: String,
    pub port: u16,
    pub protocol: Protocol,
    /// STARTTLS protocols: was it offered? Implicit TLS: `None`.
    pub start_tls_offered: Option<bool>,
    pub tls_version: Option<String>,
    pub cipher_suite: Option<String>,
    pub key_exchange: Option<String>,
    pub forward_secrecy: Option<bool>,
    /// The chain as sent, leaf first.
    pub chain: Vec<Certificate>,
    pub root_issuer: Option<String>,
    pub chain_trusted: Option<bool>,
    pub name_matches: Option<bool>,
    pub key_size: Option<u32>,
    pub days_until_expiry: Option<i64>,
    /// `TLS 1.0`, `TLS 1.1` when the server accepts them.
    pub deprecated_protocols: Vec<String>,
    pub revocation_endpoints: Vec<String>,
    pub findings: Vec<Finding>,
    /// How long the probe took.
    pub elapsed: Duration,
}

impl EndpointReport {
    fn new(target: &Target) -> EndpointReport {
        EndpointReport {
            computer_name: target.computer_name.clone(),
            port: target.port,
            protocol: target.protocol,
            start_tls_offered: None,
            tls_version: None,
            cipher_suite: None,
            key_exchange: None,
            forward_secrecy: None,
            chain: Vec::new(),
            root_issuer: None,
            chain_trusted: None,
            name_matches: None,
            key_size: None,
            days_until_expiry: None,
            deprecated_protocols: Vec::new(),
            revocation_endpoints: Vec::new(),
            findings: Vec::new(),
            elapsed: Duration::ZERO,
        }
    }

    /// No finding is an error.
    pub fn passed(&self) -> bool {
        !self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The leaf certificate, when one was received.
    pub fn certificate(&self) -> Option<&Certificate> {
        self.chain.first()
    }
}

/// What every probe of a run shares: the TLS client, the trust store, the CRL cache, the
/// time budget per endpoint.
#[derive(Debug)]
pub struct Prober {
    pub tls: TlsClient,
    pub trust: Arc<TrustStore>,
    pub crls: CrlCache,
    pub timeout: Duration,
}

impl Prober {
    pub fn new(trust: Arc<TrustStore>, timeout: Duration) -> Result<Prober, String> {
        Ok(Prober {
            tls: TlsClient::new()?,
            trust,
            crls: CrlCache::default(),
            timeout,
        })
    }

    /// A report with nothing learnt yet.
    pub fn empty_report(&self, target: &Target) -> EndpointReport {
        EndpointReport::new(target)
    }

    /// Probe one endpoint.
    pub fn probe(&self, target: &Target) -> EndpointReport {
        let started = Instant::now();
        let deadline = Deadline::after(self.timeout);
        let mut report = EndpointReport::new(target);
        let handshake_ok = match self.main_connection(target, deadline, &mut report) {
            Ok(()) => true,
            Err(failure) => {
                let failed_tls = failure.code == Code::HandshakeFailed;
                report.findings.push(failure);
                if failed_tls {
                    // Say why when we can: only static-RSA suites, or only TLS 1.0/1.1.
                    self.static_rsa(target, deadline, &mut report);
                    if target.policy.legacy_probes {
                        self.legacy(target, deadline, &mut report, false);
                    }
                }
                false
            }
        };
        if handshake_ok && target.policy.legacy_probes {
            self.legacy(target, deadline, &mut report, true);
        }
        if handshake_ok && target.policy.check_revocation {
            let found = revocation::check(&report.chain, &self.crls, deadline, unix_now());
            report.findings.extend(found);
        }
        target.policy.apply(&mut report.findings);
        report.elapsed = started.elapsed();
        report
    }

    /// Connect, run the preamble; `StartTlsOffered` is set from its outcome.
    fn open(
        &self,
        target: &Target,
        deadline: Deadline,
        report: Option<&mut EndpointReport>,
    ) -> Step<BoundedStream> {
        let addrs = resolve(&target.computer_name, target.port, deadline)?;
        let tcp = connect(&addrs, deadline)?;
        let mut stream = BoundedStream::new(tcp, deadline);
        let outcome = preamble::run(target.protocol, &mut stream);
        if let Some(report) = report
            && target.protocol.is_starttls()
        {
            report.start_tls_offered = match &outcome {
                Ok(_) => Some(true),
                Err(f) if f.code == Code::StartTlsNotOffered => Some(false),
                Err(f) if f.code == Code::StartTlsRefused => Some(true),
                Err(_) => None,
            };
        }
        outcome.map(|_| stream)
    }

    /// The real handshake and everything judged from it.
    fn main_connection(
        &self,
        target: &Target,
        deadline: Deadline,
        report: &mut EndpointReport,
    ) -> Step<()> {
        let stream = self.open(target, deadline, Some(report))?;
        let (negotiated, mut tls) = self.tls.handshake(stream, &target.computer_name)?;
        // RFC 3207 §4.2: after STARTTLS, EHLO again; STARTTLS must not be offered twice.
        if target.protocol == Protocol::Smtp
            && let Some(finding) = preamble::smtp::after_tls(&mut tls)
        {
            report.findings.push(finding);
        }
        drop(tls);
        let policy = &target.policy;
        report.tls_version = Some(negotiated.version.clone());
        report.cipher_suite = Some(negotiated.cipher_suite.clone());
        report.key_exchange = negotiated.key_exchange.clone();
        report.forward_secrecy = Some(negotiated.forward_secrecy);
        if !negotiated.forward_secrecy {
            report.findings.push(Finding::new(
                Code::NoForwardSecrecy,
                format!(
                    "The negotiated suite {} has no forward secrecy.",
                    negotiated.cipher_suite
                ),
            ));
        }
        if let Some(minimum) = policy.minimum_tls_version
            && let Some(version) = TlsVersion::parse(&negotiated.version)
            && version < minimum
        {
            report.findings.push(Finding::new(
                Code::TlsVersionBelowMinimum,
                format!(
                    "The server negotiated {}, below the minimum {}.",
                    version.name(),
                    minimum.name()
                ),
            ));
        }
        let judge = Judge {
            trust: &self.trust,
            algorithms: self.tls.algorithms(),
            policy,
            now: unix_now(),
        };
        let chain = judge.chain(&negotiated.chain, &target.computer_name);
        if let Some(error) = &negotiated.signature_error {
            let weak = chain.findings.iter().any(|f| f.code == Code::WeakKey);
            if !weak {
                report.findings.push(Finding::new(
                    Code::HandshakeSignatureInvalid,
                    format!("The server's handshake signature does not verify with its certificate's key: {error}."),
                ));
            }
        }
        report.chain = chain.certificates;
        report.root_issuer = chain.root_issuer;
        report.chain_trusted = chain.trusted;
        report.name_matches = chain.name_matches;
        report.key_size = chain.key_size;
        report.days_until_expiry = chain.days_until_expiry;
        report.revocation_endpoints = chain.revocation_endpoints;
        report.findings.extend(chain.findings);
        Ok(())
    }

    /// After a failed handshake: does the server speak TLS 1.2 with static-RSA key exchange
    /// only (which rustls refuses)? Then that is the reason, and it has no forward secrecy.
    fn static_rsa(&self, target: &Target, deadline: Deadline, report: &mut EndpointReport) {
        let answer = self.open(target, deadline, None).and_then(|mut stream| {
            legacy::probe(
                &mut stream,
                TlsVersion::Tls12,
                &target.computer_name,
                legacy::STATIC_RSA_SUITES,
            )
        });
        if let Ok(LegacyAnswer::Accepted { suite }) = answer
            && legacy::is_static_rsa(suite)
        {
            let name = legacy::suite_name(suite);
            report.findings.push(Finding::new(
                Code::NoForwardSecrecy,
                format!("The server offers only key exchange without forward secrecy (it chose {name} with TLS 1.2), which modern clients refuse."),
            ));
            report.tls_version = Some(TlsVersion::Tls12.name().to_string());
            report.cipher_suite = Some(name);
            report.forward_secrecy = Some(false);
        }
    }

    /// TLS 1.0 and TLS 1.1, each on a fresh connection after the same preamble. A timeout is
    /// noted (Info) only when `note_timeouts` (the real handshake worked).
    fn legacy(
        &self,
        target: &Target,
        deadline: Deadline,
        report: &mut EndpointReport,
        note_timeouts: bool,
    ) {
        for version in [TlsVersion::Tls10, TlsVersion::Tls11] {
            let answer = self.open(target, deadline, None).and_then(|mut stream| {
                legacy::probe(
                    &mut stream,
                    version,
                    &target.computer_name,
                    legacy::LEGACY_SUITES,
                )
            });
            match answer {
                Ok(LegacyAnswer::Accepted { suite }) => {
                    report.deprecated_protocols.push(version.name().to_string());
                    let below = target
                        .policy
                        .minimum_tls_version
                        .is_some_and(|m| version < m);
                    let mut finding = Finding::new(
                        Code::DeprecatedProtocol,
                        format!(
                            "The server accepts {}, which RFC 8996 retired.",
                            version.name()
                        ),
                    );
                    if below {
                        finding = finding.at(Severity::Error);
                    }
                    report.findings.push(finding);
                    if legacy::is_static_rsa(suite) {
                        report.findings.push(Finding::new(
                            Code::NoForwardSecrecy,
                            format!("With {} the server chooses {} (static RSA key exchange), which has no forward secrecy.", version.name(), legacy::suite_name(suite)),
                        ));
                    }
                }
                Ok(LegacyAnswer::Refused) => {}
                Err(failure) if failure.code == Code::Timeout && !note_timeouts => return,
                Err(failure) if failure.code == Code::Timeout => {
                    report.findings.push(
                        Finding::new(
                            Code::Timeout,
                            format!(
                                "Could not tell whether the server accepts {}: {}",
                                version.name(),
                                failure.message
                            ),
                        )
                        .at(Severity::Info),
                    );
                    return;
                }
                Err(_) => {}
            }
        }
    }
}
