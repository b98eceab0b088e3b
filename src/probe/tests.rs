//! L1 — loopback checks of the prober against small servers of our own (std threads): a fake
//! SMTP server with STARTTLS over rustls, and hostile servers (silent, dripping, a 10 MB
//! banner, garbage, STARTTLS refused). The real-server tests live in tests/probe.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};

use crate::pki::Certificate;

use super::{Code, EndpointReport, Policy, Prober, Protocol, Runner, Target, TrustStore};

/// A self-signed certificate for localhost/127.0.0.1 and a rustls server config using it.
fn server_identity() -> (Certificate, Arc<ServerConfig>) {
    let names = vec!["localhost".to_string(), "127.0.0.1".to_string()];
    let issued = rcgen::generate_simple_self_signed(names).unwrap();
    let der: CertificateDer<'static> = issued.cert.der().clone();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(issued.signing_key.serialize_der()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![der.clone()], key)
        .unwrap();
    (
        Certificate::from_der(der.as_ref().to_vec()).unwrap(),
        Arc::new(config),
    )
}

/// Serve every connection with `handle` on its own thread; returns the port.
fn serve(handle: impl Fn(TcpStream) + Send + Sync + 'static) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = Arc::new(handle);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let handle = handle.clone();
            thread::spawn(move || handle(stream));
        }
    });
    port
}

fn target(port: u16, protocol: Protocol, policy: Policy) -> Target {
    Target {
        computer_name: "127.0.0.1".into(),
        port,
        protocol,
        policy: Arc::new(policy),
    }
}

fn quick() -> Policy {
    Policy {
        legacy_probes: false,
        ..Policy::default()
    }
}

fn probe(trust: TrustStore, timeout: u64, target: &Target) -> EndpointReport {
    let prober = Prober::new(Arc::new(trust), Duration::from_secs(timeout)).unwrap();
    prober.probe(target)
}

fn codes(report: &EndpointReport) -> Vec<Code> {
    report.findings.iter().map(|f| f.code).collect()
}

/// An SMTP server: greeting, EHLO (with STARTTLS when `offer`), then `starttls_reply`; on
/// 220 the TLS handshake and one EHLO over TLS.
fn smtp_server(config: Arc<ServerConfig>, offer: bool, starttls_reply: &'static str) -> u16 {
    smtp_server_after_tls(
        config,
        offer,
        starttls_reply,
        "250-mx.test\r\n250 8BITMIME\r\n",
    )
}

/// [`smtp_server`] answering EHLO over TLS with `after_tls`.
fn smtp_server_after_tls(
    config: Arc<ServerConfig>,
    offer: bool,
    starttls_reply: &'static str,
    after_tls: &'static str,
) -> u16 {
    serve(move |stream| {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut out = stream;
        let _ = out.write_all(b"220-mx.test ESMTP\r\n220 second line\r\n");
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            let command = line.trim().to_ascii_uppercase();
            line.clear();
            if command.starts_with("EHLO") {
                let ext = if offer { "250-STARTTLS\r\n" } else { "" };
                let _ = out.write_all(format!("250-mx.test\r\n{ext}250 8BITMIME\r\n").as_bytes());
            } else if command == "STARTTLS" {
                let _ = out.write_all(starttls_reply.as_bytes());
                if !starttls_reply.starts_with("220") {
                    continue;
                }
                let connection = ServerConnection::new(config.clone()).unwrap();
                let mut tls = StreamOwned::new(connection, out);
                let mut buffer = [0u8; 512];
                if let Ok(n) = tls.read(&mut buffer)
                    && n > 0
                {
                    let _ = tls.write_all(after_tls.as_bytes());
                    let _ = tls.flush();
                    let _ = tls.read(&mut buffer);
                }
                return;
            } else {
                let _ = out.write_all(b"221 bye\r\n");
                return;
            }
        }
    })
}

#[test]
fn smtp_starttls_is_probed_and_judged() {
    let (cert, config) = server_identity();
    let port = smtp_server(config, true, "220 go ahead\r\n");
    let trusted = TrustStore::from_certificates(std::slice::from_ref(&cert), "test".into());
    let report = probe(trusted, 5, &target(port, Protocol::Smtp, quick()));
    assert_eq!(codes(&report), vec![], "{:?}", report.findings);
    assert_eq!(report.start_tls_offered, Some(true));
    assert_eq!(report.tls_version.as_deref(), Some("TLS 1.3"));
    assert_eq!(report.chain_trusted, Some(true));
    assert_eq!(report.name_matches, Some(true));
    assert!(report.passed());

    let untrusted = TrustStore::from_pem(b"", "an empty store".into());
    let report = probe(untrusted, 5, &target(port, Protocol::Smtp, quick()));
    assert_eq!(
        codes(&report),
        vec![Code::SelfSigned],
        "{:?}",
        report.findings
    );
    assert!(!report.passed());
}

#[test]
fn starttls_offered_again_after_tls_is_a_warning() {
    let (cert, config) = server_identity();
    let port = smtp_server_after_tls(
        config,
        true,
        "220 go\r\n",
        "250-mx.test\r\n250 STARTTLS\r\n",
    );
    let trusted = TrustStore::from_certificates(std::slice::from_ref(&cert), "test".into());
    let report = probe(trusted, 5, &target(port, Protocol::Smtp, quick()));
    assert_eq!(
        codes(&report),
        vec![Code::StartTlsReadvertised],
        "{:?}",
        report.findings
    );
    assert!(report.passed());
}

#[test]
fn starttls_missing_or_refused_is_a_finding() {
    let (_, config) = server_identity();
    let none = TrustStore::from_pem(b"", "none".into());
    let port = smtp_server(config.clone(), false, "220 go\r\n");
    let report = probe(none.clone(), 5, &target(port, Protocol::Smtp, quick()));
    assert_eq!(codes(&report), vec![Code::StartTlsNotOffered]);
    assert_eq!(report.start_tls_offered, Some(false));
    let port = smtp_server(config, true, "454 TLS not available\r\n");
    let report = probe(none, 5, &target(port, Protocol::Smtp, quick()));
    assert_eq!(codes(&report), vec![Code::StartTlsRefused]);
    assert_eq!(report.start_tls_offered, Some(true));
}

#[test]
fn hostile_servers_end_in_findings_within_the_timeout() {
    let none = TrustStore::from_pem(b"", "none".into());
    let silent = serve(|stream| {
        thread::sleep(Duration::from_secs(4));
        drop(stream);
    });
    let drip = serve(|mut stream| {
        for _ in 0..40 {
            if stream.write_all(b"2").is_err() {
                return;
            }
            thread::sleep(Duration::from_millis(100));
        }
    });
    let flood = serve(|mut stream| {
        let block = vec![b'a'; 64 * 1024];
        for _ in 0..160 {
            if stream.write_all(&block).is_err() {
                return;
            }
        }
    });
    let garbage = serve(|mut stream| {
        let _ = stream.write_all(b"HTTP/1.0 400 Bad Request\r\n\r\nnot tls at all");
        thread::sleep(Duration::from_millis(200));
    });
    let closing = serve(drop);
    let prober = Arc::new(Prober::new(Arc::new(none), Duration::from_secs(1)).unwrap());
    let mut runner = Runner::new(prober, 8);
    let started = Instant::now();
    let cases = [
        (silent, Protocol::Smtp, Code::Timeout),
        (drip, Protocol::Smtp, Code::Timeout),
        (flood, Protocol::Smtp, Code::ProtocolError),
        (garbage, Protocol::Tls, Code::HandshakeFailed),
        (closing, Protocol::Smtp, Code::ConnectionFailed),
        (silent, Protocol::Tls, Code::Timeout),
    ];
    let mut reports = Vec::new();
    for (port, protocol, _) in cases {
        reports.extend(runner.submit(target(port, protocol, Policy::default())));
    }
    while let Some(report) = runner.next_report() {
        reports.push(report);
    }
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(reports.len(), cases.len());
    for (port, protocol, code) in cases {
        let report = reports
            .iter()
            .find(|r| r.port == port && r.protocol == protocol)
            .unwrap();
        assert_eq!(
            codes(report),
            vec![code],
            "{port} {protocol}: {:?}",
            report.findings
        );
        assert!(!report.passed());
    }
}

/// Complete a server-side TLS handshake on `stream` and wait for the client to go.
fn serve_tls(config: Arc<ServerConfig>, stream: TcpStream) {
    let connection = ServerConnection::new(config).unwrap();
    let mut tls = StreamOwned::new(connection, stream);
    let mut buffer = [0u8; 512];
    let _ = tls.read(&mut buffer);
}

/// A line-based server: `greeting`, then for each command line the reply of the first step
/// whose prefix matches; the step marked `"TLS"` starts TLS after its reply.
fn dialog_server(
    config: Arc<ServerConfig>,
    greeting: &'static str,
    steps: &'static [(&'static str, &'static str)],
) -> u16 {
    serve(move |stream| {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut out = stream;
        let _ = out.write_all(greeting.as_bytes());
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            let command = line.trim().to_string();
            line.clear();
            let Some((_, reply)) = steps.iter().find(|(prefix, _)| command.contains(prefix)) else {
                return;
            };
            let (reply, tls) = match reply.strip_suffix("TLS") {
                Some(r) => (r, true),
                None => (*reply, false),
            };
            let _ = out.write_all(reply.as_bytes());
            if tls {
                return serve_tls(config.clone(), out);
            }
        }
    })
}

#[test]
fn imap_pop3_and_ldap_dialogs_reach_tls() {
    let (cert, config) = server_identity();
    let trusted = || TrustStore::from_certificates(std::slice::from_ref(&cert), "test".into());
    let imap = dialog_server(
        config.clone(),
        "* OK IMAP ready\r\n",
        &[
            (
                "CAPABILITY",
                "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\na1 OK done\r\n",
            ),
            ("STARTTLS", "a2 OK Begin TLS\r\nTLS"),
        ],
    );
    let pop3 = dialog_server(
        config.clone(),
        "+OK POP3 ready\r\n",
        &[
            ("CAPA", "+OK\r\nUSER\r\nSTLS\r\n.\r\n"),
            ("STLS", "+OK go\r\nTLS"),
        ],
    );
    let ldap_config = config.clone();
    let ldap = serve(move |mut stream| {
        let mut request = [0u8; 31];
        if stream.read_exact(&mut request).is_err()
            || request.to_vec() != super::preamble::ldap::request()
        {
            return;
        }
        let ok = [
            0x30, 0x0c, 0x02, 0x01, 0x01, 0x78, 0x07, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00,
        ];
        let _ = stream.write_all(&ok);
        serve_tls(ldap_config.clone(), stream);
    });
    for (port, protocol) in [
        (imap, Protocol::Imap),
        (pop3, Protocol::Pop3),
        (ldap, Protocol::Ldap),
    ] {
        let report = probe(trusted(), 5, &target(port, protocol, quick()));
        assert_eq!(codes(&report), vec![], "{protocol}: {:?}", report.findings);
        assert_eq!(report.start_tls_offered, Some(true), "{protocol}");
        assert_eq!(report.tls_version.as_deref(), Some("TLS 1.3"), "{protocol}");
    }
    let no_stls = dialog_server(
        config,
        "+OK POP3 ready\r\n",
        &[("CAPA", "+OK\r\nUSER\r\n.\r\n")],
    );
    let report = probe(trusted(), 5, &target(no_stls, Protocol::Pop3, quick()));
    assert_eq!(codes(&report), vec![Code::StartTlsNotOffered]);
}

#[test]
fn a_modern_rustls_server_is_not_reported_as_accepting_tls_1_0_or_1_1() {
    let (cert, config) = server_identity();
    let port = serve(move |stream| serve_tls(config.clone(), stream));
    let trusted = TrustStore::from_certificates(std::slice::from_ref(&cert), "test".into());
    let report = probe(trusted, 5, &target(port, Protocol::Tls, Policy::default()));
    assert_eq!(codes(&report), vec![], "{:?}", report.findings);
    assert!(report.deprecated_protocols.is_empty());
}
