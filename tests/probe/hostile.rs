//! Test-CertificateEndpoint against hostile servers: each gives its finding within the time
//! budget, and one bad endpoint never stops the run (a good server probed in the same run
//! still passes).

use std::time::{Duration, Instant};

use crate::servers::hostile::{self, Behaviour};
use crate::servers::s_server::{self, Variant};

use super::{Probed, probe_script, quoted};

/// The per-endpoint budget the hostile runs use.
const TIMEOUT_SECONDS: u64 = 3;

/// The finding each hostile server must give.
fn expected_code(behaviour: Behaviour) -> &'static str {
    match behaviour {
        Behaviour::NeverAnswers | Behaviour::Drips => "Timeout",
        Behaviour::HugeBanner => "ProtocolError",
        Behaviour::Garbage | Behaviour::StartTlsThenGarbage => "HandshakeFailed",
        Behaviour::Reset | Behaviour::Closed => "ConnectionFailed",
        Behaviour::StartTlsRefused => "StartTlsRefused",
        Behaviour::StartTlsReadvertised => "StartTlsReadvertised",
    }
}

/// Probe every hostile server speaking `smtp` (or not) plus the good s_server, in one run, as
/// objects with ComputerName/Port/Protocol on the pipeline; the reports and the run's time.
fn run_all(smtp: bool) -> Option<(Vec<Probed>, Duration, u16)> {
    let good = s_server::shared(Variant::Good)?;
    let mut rows = Vec::new();
    for behaviour in Behaviour::ALL.iter().filter(|b| b.speaks_smtp() == smtp) {
        let protocol = if smtp { "Smtp" } else { "Tls" };
        rows.push(format!(
            "[pscustomobject]@{{ComputerName='127.0.0.1'; Port={}; Protocol='{protocol}'}}",
            hostile::shared(*behaviour).port
        ));
    }
    // The good server last: it must still be probed, and pass.
    rows.push(format!("'{}'", good.endpoint()));
    let started = Instant::now();
    let (reports, _) = probe_script(
        "",
        &format!(
            "@({}) | Test-CertificateEndpoint -TrustStore {} -TimeoutSeconds {TIMEOUT_SECONDS}",
            rows.join(", "),
            quoted(&good.leaf.root)
        ),
        false,
    );
    Some((reports, started.elapsed(), good.port))
}

fn check(smtp: bool) {
    let Some((reports, elapsed, good_port)) = run_all(smtp) else {
        return;
    };
    let behaviours: Vec<Behaviour> = Behaviour::ALL
        .iter()
        .copied()
        .filter(|b| b.speaks_smtp() == smtp)
        .collect();
    assert_eq!(reports.len(), behaviours.len() + 1, "{reports:?}");
    for behaviour in behaviours {
        let port = i64::from(hostile::shared(behaviour).port);
        let report = reports
            .iter()
            .find(|r| r.number("Port") == Some(port))
            .unwrap_or_else(|| panic!("no report for {behaviour:?}"));
        report.assert_codes(&[expected_code(behaviour)], &format!("{behaviour:?}"));
        assert!(!report.passed(), "{behaviour:?}");
        if matches!(
            behaviour,
            Behaviour::StartTlsRefused | Behaviour::StartTlsThenGarbage
        ) {
            assert_eq!(report.flag("StartTlsOffered"), Some(true), "{report}");
        }
    }
    let good = reports
        .iter()
        .find(|r| r.number("Port") == Some(i64::from(good_port)))
        .unwrap();
    good.assert_codes(&[], "the good server after the hostile ones");
    // All endpoints run concurrently, each within its budget (plus scheduling slack).
    assert!(
        elapsed < Duration::from_secs(TIMEOUT_SECONDS + 4),
        "the run took {elapsed:?}"
    );
}

#[test]
fn hostile_tls_servers_each_give_their_finding_and_the_run_goes_on() {
    check(false);
}

#[test]
fn hostile_smtp_servers_each_give_their_finding_and_the_run_goes_on() {
    check(true);
}

#[test]
fn a_silent_server_times_out_in_the_budget_given() {
    let Some(good) = s_server::shared(Variant::Good) else {
        return;
    };
    let silent = hostile::shared(Behaviour::NeverAnswers);
    let started = Instant::now();
    let (reports, _) = probe_script(
        "",
        &format!(
            "Test-CertificateEndpoint {} -TimeoutSeconds 1 -TrustStore {}",
            silent.endpoint(),
            quoted(&good.leaf.root)
        ),
        false,
    );
    let elapsed = started.elapsed();
    reports[0].assert_codes(&["Timeout"], "silent server, 1 s budget");
    assert!(
        elapsed >= Duration::from_millis(900) && elapsed < Duration::from_secs(4),
        "{elapsed:?}"
    );
}

#[test]
fn starttls_advertised_again_after_tls_is_a_warning() {
    let Some(good) = s_server::shared(Variant::Good) else {
        return;
    };
    let server = hostile::shared(Behaviour::StartTlsReadvertised);
    let (reports, _) = probe_script(
        "",
        &format!(
            "Test-CertificateEndpoint {} -Protocol Smtp -TrustStore {} -TimeoutSeconds 5",
            server.endpoint(),
            quoted(&good.leaf.root)
        ),
        false,
    );
    let report = &reports[0];
    report.assert_codes(
        &["StartTlsReadvertised"],
        "STARTTLS offered again after TLS",
    );
    assert_eq!(report.flag("StartTlsOffered"), Some(true));
    assert_eq!(report.flag("ChainTrusted"), Some(true));
    assert!(report.passed(), "a warning only: {report}");
}
