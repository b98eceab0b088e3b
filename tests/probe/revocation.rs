//! Test-CertificateEndpoint's revocation view: the CRL/OCSP/CA-issuer URLs listed from the
//! certificate, and -CheckRevocation fetching the CRL over HTTP from a loopback server of our
//! own (good leaf, revoked leaf, unreachable CRL, and CRLs that must not be believed: one
//! forged with the intermediate's name but another key, one corrupted in transit).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::servers::s_server::{SERVER_NAMES, SServer, Variant, free_port};
use crate::servers::test_pki::{self, LeafSpec, TestPki};

use super::{Probed, probe_one, quoted};

/// An HTTP/1.0 server on 127.0.0.1 answering every GET with the current CRL bytes.
struct CrlServer {
    port: u16,
    body: Arc<Mutex<Vec<u8>>>,
    requests: Arc<AtomicUsize>,
}

impl CrlServer {
    fn start() -> CrlServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let body = Arc::new(Mutex::new(Vec::new()));
        let requests = Arc::new(AtomicUsize::new(0));
        let (served, counted) = (body.clone(), requests.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut request = [0u8; 2048];
                let _ = stream.read(&mut request);
                counted.fetch_add(1, Ordering::SeqCst);
                let bytes = served.lock().unwrap().clone();
                let head = format!(
                    "HTTP/1.0 200 OK\r\nContent-Type: application/pkix-crl\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    bytes.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&bytes);
            }
        });
        CrlServer {
            port,
            body,
            requests,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/intermediate.crl", self.port)
    }

    fn publish(&self, pki: &TestPki) {
        self.serve(pki.crl_der());
    }

    fn serve(&self, bytes: Vec<u8>) {
        *self.body.lock().unwrap() = bytes;
    }
}

/// A server presenting a fresh leaf named `label` whose CRL is `crl_url`.
fn server_with_crl(pki: &TestPki, label: &str, crl_url: &str) -> SServer {
    let mut names = vec![label];
    names.extend_from_slice(SERVER_NAMES);
    let spec = LeafSpec::new(&names).with_urls(
        Some(crl_url),
        Some("http://127.0.0.1:9/ocsp"),
        Some("http://127.0.0.1:9/intermediate.cer"),
    );
    SServer::start_with(Variant::Good, pki.leaf(&spec)).unwrap()
}

fn probe_with(server: &SServer, extra: &str) -> Probed {
    probe_one(&format!(
        "{} -TrustStore {} -TimeoutSeconds 5 {extra}",
        server.endpoint(),
        quoted(&server.leaf.root)
    ))
}

#[test]
fn revocation_endpoints_are_listed_and_crls_are_checked() {
    let Some(pki) = test_pki::pki() else { return };
    let crls = CrlServer::start();
    let good = server_with_crl(pki, "crl-good.test", &crls.url());
    let revoked = server_with_crl(pki, "crl-revoked.test", &crls.url());
    pki.revoke(&revoked.leaf);
    crls.publish(pki);

    // Without -CheckRevocation nothing is fetched, but the URLs are listed.
    let listed = probe_with(&revoked, "");
    listed.assert_codes(&[], "revoked leaf, no revocation check");
    assert_eq!(
        listed.list("RevocationEndpoints"),
        [
            crls.url(),
            "http://127.0.0.1:9/ocsp".to_string(),
            "http://127.0.0.1:9/intermediate.cer".to_string()
        ]
    );
    assert_eq!(crls.requests.load(Ordering::SeqCst), 0);

    let fine = probe_with(&good, "-CheckRevocation");
    fine.assert_codes(&[], "good leaf, CRL checked");
    assert!(
        crls.requests.load(Ordering::SeqCst) >= 1,
        "the CRL was fetched"
    );

    let bad = probe_with(&revoked, "-CheckRevocation");
    bad.assert_codes(&["CertificateRevoked"], "revoked leaf, CRL checked");
    assert!(!bad.passed());
}

#[test]
fn an_unreachable_crl_is_a_finding_within_the_budget() {
    let Some(pki) = test_pki::pki() else { return };
    let nowhere = format!("http://127.0.0.1:{}/gone.crl", free_port());
    let server = server_with_crl(pki, "crl-unreachable.test", &nowhere);
    let report = probe_with(&server, "-CheckRevocation");
    report.assert_codes(&["RevocationUnreachable"], "CRL on a closed port");
}

/// A CRL naming the intermediate CA as its issuer and revoking `leaf_der`, but signed with a
/// key of its own: what an attacker on the CRL's HTTP path could serve.
fn forged_crl(intermediate: &std::path::Path, leaf_der: &[u8]) -> Vec<u8> {
    use rcgen::{
        CertificateRevocationListParams, Issuer, KeyIdMethod, KeyPair, RevokedCertParams,
        SerialNumber,
    };
    use time::{Duration, OffsetDateTime};
    let ca_der = test_pki::pem_to_der(intermediate);
    let issuer = Issuer::from_ca_cert_der(&ca_der.into(), KeyPair::generate().unwrap()).unwrap();
    let (_, leaf) = x509_parser::parse_x509_certificate(leaf_der).unwrap();
    let now = OffsetDateTime::now_utc();
    let params = CertificateRevocationListParams {
        this_update: now - Duration::days(1),
        next_update: now + Duration::days(7),
        crl_number: SerialNumber::from(1u64),
        issuing_distribution_point: None,
        revoked_certs: vec![RevokedCertParams {
            serial_number: SerialNumber::from(leaf.raw_serial().to_vec()),
            revocation_time: now - Duration::days(1),
            reason_code: None,
            invalidity_date: None,
        }],
        key_identifier_method: KeyIdMethod::Sha256,
    };
    params.signed_by(&issuer).unwrap().der().to_vec()
}

#[test]
fn a_forged_or_corrupted_crl_is_not_believed() {
    let Some(pki) = test_pki::pki() else { return };
    let crls = CrlServer::start();
    let server = server_with_crl(pki, "crl-forged.test", &crls.url());
    crls.serve(forged_crl(&server.leaf.intermediate, &server.leaf.der));
    let forged = probe_with(&server, "-CheckRevocation");
    forged.assert_codes(&["RevocationUnreachable"], "CRL signed by another key");
    let (severity, _, message) = forged.findings().remove(0);
    assert_eq!(severity, "Warning");
    assert!(message.contains("signature does not verify"), "{message}");
    assert!(
        forged.passed(),
        "an unverifiable CRL is a warning: {forged}"
    );

    let corrupted_crls = CrlServer::start();
    let server = server_with_crl(pki, "crl-corrupted.test", &corrupted_crls.url());
    let mut corrupted = pki.crl_der();
    let last = corrupted.len() - 1;
    corrupted[last] ^= 0x55;
    corrupted_crls.serve(corrupted);
    let report = probe_with(&server, "-CheckRevocation");
    report.assert_codes(&["RevocationUnreachable"], "CRL with a damaged signature");
    let (_, _, message) = report.findings().remove(0);
    assert!(message.contains("signature does not verify"), "{message}");
}
