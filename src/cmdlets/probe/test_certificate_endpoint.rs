//! L4 — Test-CertificateEndpoint: probe the TLS of live mail endpoints (SMTP/IMAP/POP3/LDAP
//! STARTTLS or implicit TLS), many at once, and say exactly what is wrong with each: one
//! `Mailsec.EndpointTestResult` per endpoint as it finishes, or True/False with -Quiet.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::probe::protocol::ALL_PROTOCOLS;
use crate::probe::{EndpointReport, Policy, Prober, Protocol, Runner, TlsVersion, TrustStore};
use crate::value::{PsType, Value};

use super::super::common::{arg_int, argument_error, object_array};
use super::super::pki::inputs::input_certificates;
use super::super::pki::stores::{decode_file, read_file, resolve_file};
use super::endpoints::{Defaults, targets};
use super::report_value::report_value;

/// `Test-CertificateEndpoint [-ComputerName] <host[:port]> [-Port] [-Protocol]
/// [-ExpectedCertificateName] [-ExpectedRootIssuer] [-MinimumKeySize] [-MinimumTlsVersion]
/// [-TrustStore] [-CheckRevocation] [-TimeoutSeconds] [-ThrottleLimit] [-Quiet]`
pub struct TestCertificateEndpoint;

/// What one call keeps between begin, process and end.
struct Run {
    runner: Runner,
    defaults: Defaults,
    quiet: bool,
    progress: Option<Progress>,
}

/// The per-call state slot (`Context::state` needs `Default`).
#[derive(Default)]
struct RunSlot(Option<Run>);

impl Cmdlet for TestCertificateEndpoint {
    fn signature(&self) -> Signature {
        let protocols: Vec<&str> = ALL_PROTOCOLS.iter().map(|p| p.name()).collect();
        Signature::new(
            "Test-CertificateEndpoint",
            "Tests the TLS of mail endpoints (STARTTLS or implicit TLS) and reports each one's version, cipher, chain and findings (Error: fails; Warning: weak; Info: noted).",
        )
            .param(
                Param::new("ComputerName", object_array())
                    .position(0)
                    .mandatory()
                    .from_pipeline()
                    .alias("Endpoint")
                    .alias("CN")
                    .help("host, host:port or [v6]:port; or objects with ComputerName (and Port, Protocol); or Outbound connectors from Get-OutboundConnector (each smart host is probed on 25 and judged by TlsSettings/TlsDomain)."),
            )
            .param(Param::new("Port", PsType::Int).help("The port for hosts given without one."))
            .param(
                Param::new("Protocol", PsType::String)
                    .accepts(&protocols)
                    .help("The dialog before TLS; by default from the port: 25/587 Smtp, 465 Smtps, 143 Imap, 993 Imaps, 110 Pop3, 995 Pop3s, 389 Ldap, 636 Ldaps, else Tls."),
            )
            .param(Param::new("ExpectedCertificateName", PsType::String).help("A name the certificate must hold, checked instead of the host name (`*.contoso.com`: any name under contoso.com). Missing: CertificateNameMismatch."))
            .param(Param::new("ExpectedRootIssuer", PsType::String).help("The root the chain must end in: its full name, its CN, or a wildcard pattern. Otherwise: RootIssuerMismatch."))
            .param(Param::new("MinimumKeySize", PsType::Int).help("Smallest RSA/DSA key accepted, in bits (default 2048); EC keys need 256. Smaller: WeakKey."))
            .param(Param::new("MinimumTlsVersion", PsType::String).help("1.0, 1.1, 1.2 or 1.3: a lower negotiated version is TlsVersionBelowMinimum, and an accepted TLS 1.0/1.1 below it makes DeprecatedProtocol an Error."))
            .param(Param::new("TrustStore", PsType::String).help("The roots to trust instead of the system CA bundle: a Cert:\\ path (store or certificate) or a .sst/.p7b/.pem/.cer file."))
            .param(Param::switch("CheckRevocation").help("Fetch the leaf's CRLs over HTTP; a CRL counts only if the leaf's issuer signed it and it is current. CertificateRevoked, or RevocationUnreachable when the status is unknown (no CRL fetched, or none verifies or is current)."))
            .param(Param::new("TimeoutSeconds", PsType::Int).help("The time budget of each endpoint, all phases together (default 10)."))
            .param(Param::new("ThrottleLimit", PsType::Int).help("At most this many endpoints at once (default 32)."))
            .param(Param::switch("Quiet").help("Output True/False per endpoint (Passed) instead of the result object."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Nothing listens on the port: a finding, not an exception",
                "(Test-CertificateEndpoint 127.0.0.1:1 -TimeoutSeconds 2).Findings.Code",
                "ConnectionFailed\n",
            ),
            Example::new(
                "-Quiet answers True or False",
                "Test-CertificateEndpoint 127.0.0.1:1 -TimeoutSeconds 2 -Quiet",
                "False\n",
            ),
        ]
    }

    fn begin(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let run = start(cx)?;
        cx.state::<RunSlot>().0 = Some(run);
        Ok(())
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let given = cx
            .input()
            .cloned()
            .or_else(|| cx.args.get("ComputerName").cloned())
            .unwrap_or(Value::Null);
        let Some(mut run) = cx.state::<RunSlot>().0.take() else {
            return Ok(());
        };
        let (found, problems) = targets(&given, &run.defaults);
        let mut result = Ok(());
        for message in problems {
            result = cx.write_error(&message, "System.ArgumentException", given.clone());
            if result.is_err() {
                break;
            }
        }
        if result.is_ok() {
            for target in found {
                if cx.interp.host.interrupted() {
                    break;
                }
                if let Some(progress) = &mut run.progress {
                    progress.submitted += 1;
                }
                let done = run.runner.submit(target);
                result = emit_all(cx, &mut run, done);
                if result.is_err() {
                    break;
                }
            }
        }
        cx.state::<RunSlot>().0 = Some(run);
        result
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let Some(mut run) = cx.state::<RunSlot>().0.take() else {
            return Ok(());
        };
        while let Some(report) = run.runner.next_report() {
            emit_all(cx, &mut run, vec![report])?;
        }
        if let Some(progress) = &run.progress {
            progress.clear(cx);
        }
        Ok(())
    }
}

/// Emit finished reports (objects, or booleans with -Quiet) and move the progress bar.
fn emit_all(cx: &mut Context<'_, '_>, run: &mut Run, done: Vec<EndpointReport>) -> Eval<()> {
    for report in done {
        let summary = format!(
            "{}:{} {}: {} {} in {} ms; findings: {}",
            report.computer_name,
            report.port,
            report.protocol,
            report.tls_version.as_deref().unwrap_or("no TLS"),
            report.cipher_suite.as_deref().unwrap_or(""),
            report.elapsed.as_millis(),
            if report.findings.is_empty() {
                "none".to_string()
            } else {
                report
                    .findings
                    .iter()
                    .map(|f| f.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        );
        cx.write_verbose(&summary);
        if let Some(progress) = &mut run.progress {
            progress.finished += 1;
            progress.show(cx, &report);
        }
        let value = if run.quiet {
            Value::Bool(report.passed())
        } else {
            report_value(&report)
        };
        cx.emit(value)?;
    }
    Ok(())
}

/// Read the parameters, load the trust store, start the runner.
fn start(cx: &mut Context<'_, '_>) -> Eval<Run> {
    let port = checked(
        cx,
        arg_int(cx, "Port"),
        |p| u16::try_from(*p).ok().filter(|p| *p != 0),
        |p| format!("-Port {p} is not a port number (1-65535)."),
    )?;
    let protocol = checked(
        cx,
        cx.args.string("Protocol"),
        |name| Protocol::parse(name),
        |name| {
            format!(
                "-Protocol '{name}' is not one of Smtp, Smtps, Imap, Imaps, Pop3, Pop3s, Ldap, Ldaps, Tls."
            )
        },
    )?;
    let minimum_tls_version = checked(
        cx,
        cx.args.string("MinimumTlsVersion"),
        |text| TlsVersion::parse(text),
        |text| format!("-MinimumTlsVersion '{text}' is not one of 1.0, 1.1, 1.2, 1.3."),
    )?;
    let minimum_key_size = checked(
        cx,
        arg_int(cx, "MinimumKeySize"),
        |bits| u32::try_from(*bits).ok().filter(|b| *b > 0),
        |bits| format!("-MinimumKeySize {bits} must be a positive number of bits."),
    )?
    .unwrap_or(2048);
    let timeout = checked(
        cx,
        arg_int(cx, "TimeoutSeconds"),
        |s| (1..=3600).contains(s).then_some(*s),
        |s| format!("-TimeoutSeconds {s} must be between 1 and 3600."),
    )?
    .unwrap_or(10);
    let throttle = checked(
        cx,
        arg_int(cx, "ThrottleLimit"),
        |n| (1..=1024).contains(n).then_some(*n),
        |n| format!("-ThrottleLimit {n} must be between 1 and 1024."),
    )?
    .unwrap_or(32);
    let text_arg = |name: &str| {
        cx.args
            .string(name)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let policy = Policy {
        expected_name: text_arg("ExpectedCertificateName"),
        expected_root_issuer: text_arg("ExpectedRootIssuer"),
        minimum_key_size,
        minimum_tls_version,
        check_revocation: cx.args.switch("CheckRevocation"),
        ..Policy::default()
    };
    let trust = trust_store(cx)?;
    let prober = Prober::new(trust, Duration::from_secs(timeout.unsigned_abs()))
        .map_err(|message| argument_error(cx, message))?;
    let interactive = std::io::stderr().is_terminal() && cx.interp.host.is_interactive();
    Ok(Run {
        runner: Runner::new(Arc::new(prober), usize::try_from(throttle).unwrap_or(32)),
        defaults: Defaults {
            port,
            protocol,
            policy: Arc::new(policy),
        },
        quiet: cx.args.switch("Quiet"),
        progress: interactive.then(Progress::default),
    })
}

/// An optional argument checked: `None` when it is absent, its value as `parse` reads it, or
/// an argument error saying `problem` when `parse` refuses it.
fn checked<A, T>(
    cx: &Context<'_, '_>,
    given: Option<A>,
    parse: impl FnOnce(&A) -> Option<T>,
    problem: impl FnOnce(&A) -> String,
) -> Eval<Option<T>> {
    match given {
        None => Ok(None),
        Some(given) => match parse(&given) {
            Some(value) => Ok(Some(value)),
            None => Err(argument_error(cx, problem(&given))),
        },
    }
}

/// -TrustStore (a Cert: path or a certificate file), else the system bundle.
fn trust_store(cx: &mut Context<'_, '_>) -> Eval<Arc<TrustStore>> {
    let Some(path) = cx
        .args
        .string("TrustStore")
        .filter(|p| !p.trim().is_empty())
    else {
        return TrustStore::system_shared().map_err(|message| argument_error(cx, message));
    };
    let certificates = if path.trim().to_ascii_lowercase().starts_with("cert:") {
        input_certificates(cx, &Value::str(path.as_str()))?
    } else {
        let Some(file) = resolve_file(cx, &path)? else {
            return Err(argument_error(
                cx,
                format!("-TrustStore '{path}' cannot be used."),
            ));
        };
        let Some(bytes) = read_file(cx, &file)? else {
            return Err(argument_error(
                cx,
                format!("-TrustStore '{path}' cannot be read."),
            ));
        };
        decode_file(cx, &file, &bytes)?.unwrap_or_default()
    };
    let store = TrustStore::from_certificates(&certificates, format!("the trust store {path}"));
    if store.is_empty() {
        return Err(argument_error(
            cx,
            format!("-TrustStore '{path}' holds no usable certificate."),
        ));
    }
    Ok(Arc::new(store))
}

/// A one-line progress bar on stderr (only when a person watches a terminal).
#[derive(Default)]
struct Progress {
    submitted: usize,
    finished: usize,
}

impl Progress {
    fn show(&self, cx: &mut Context<'_, '_>, last: &EndpointReport) {
        let line = format!(
            "\rTest-CertificateEndpoint: {}/{} done (last {}:{})\x1b[K",
            self.finished, self.submitted, last.computer_name, last.port
        );
        cx.interp.host.write_error(&line);
    }

    fn clear(&self, cx: &mut Context<'_, '_>) {
        cx.interp.host.write_error("\r\x1b[K");
    }
}
