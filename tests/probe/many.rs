//! Test-CertificateEndpoint with many endpoints: arguments and pipeline input of every shape,
//! -ThrottleLimit bounding the connections open at once, results streaming out as they
//! finish, bad inputs reported without stopping the run.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::servers::hostile::{Behaviour, HostileServer};
use crate::servers::s_server::{self, Variant};

use super::{probe, probe_script, quoted};

#[test]
fn sixty_endpoints_all_get_a_report() {
    let Some(good) = s_server::shared(Variant::Good) else {
        return;
    };
    let servers = [
        good,
        s_server::shared(Variant::Tls12Only).unwrap(),
        s_server::shared(Variant::Ecdsa).unwrap(),
    ];
    let endpoints: Vec<String> = (0..20)
        .flat_map(|_| servers.iter().map(|s| format!("'{}'", s.endpoint())))
        .collect();
    let reports = probe(&format!(
        "{} -TrustStore {} -ThrottleLimit 8",
        endpoints.join(","),
        quoted(&good.leaf.root)
    ));
    assert_eq!(reports.len(), 60);
    let mut per_port: HashMap<i64, usize> = HashMap::new();
    for report in &reports {
        report.assert_codes(&[], "repeated good endpoints");
        *per_port.entry(report.number("Port").unwrap()).or_default() += 1;
    }
    for server in servers {
        assert_eq!(per_port[&i64::from(server.port)], 20);
    }
}

#[test]
fn throttle_limit_bounds_the_endpoints_probed_at_once() {
    let Some(good) = s_server::shared(Variant::Good) else {
        return;
    };
    let root = quoted(&good.leaf.root);
    // A silent server of its own, so that its connection counts are this test's alone.
    let silent = HostileServer::start(Behaviour::NeverAnswers);
    let eight = vec![format!("'{}'", silent.endpoint()); 8].join(",");
    let started = Instant::now();
    let reports = probe(&format!(
        "{eight} -TrustStore {root} -TimeoutSeconds 1 -ThrottleLimit 2"
    ));
    let throttled = started.elapsed();
    assert_eq!(reports.len(), 8);
    assert!(reports.iter().all(|r| r.codes() == ["Timeout"]));
    // Two at a time, one second each: four rounds.
    assert!(throttled >= Duration::from_millis(3800), "{throttled:?}");
    let peak = silent.peak_connections();
    assert!((2..=3).contains(&peak), "peak {peak} with -ThrottleLimit 2");

    let wide = HostileServer::start(Behaviour::NeverAnswers);
    let eight = vec![format!("'{}'", wide.endpoint()); 8].join(",");
    let started = Instant::now();
    let reports = probe(&format!(
        "{eight} -TrustStore {root} -TimeoutSeconds 1 -ThrottleLimit 8"
    ));
    let parallel = started.elapsed();
    assert_eq!(reports.len(), 8);
    assert!(parallel < Duration::from_millis(3500), "{parallel:?}");
    assert!(
        wide.peak_connections() >= 6,
        "peak {}",
        wide.peak_connections()
    );
}

#[test]
fn results_stream_out_as_endpoints_finish() {
    let Some(good) = s_server::shared(Variant::Good) else {
        return;
    };
    let silent = HostileServer::start(Behaviour::NeverAnswers);
    // The slow endpoint comes first; the fast one's report comes out first.
    let reports = probe(&format!(
        "'{}','{}' -TrustStore {} -TimeoutSeconds 2",
        silent.endpoint(),
        good.endpoint(),
        quoted(&good.leaf.root)
    ));
    let ports: Vec<i64> = reports.iter().map(|r| r.number("Port").unwrap()).collect();
    assert_eq!(
        ports,
        [i64::from(good.port), i64::from(silent.port)],
        "completion order"
    );
}

#[test]
fn pipeline_input_of_every_shape_is_probed() {
    let Some(good) = s_server::shared(Variant::Good) else {
        return;
    };
    let root = quoted(&good.leaf.root);
    let port = good.port;
    let (reports, outcome) = probe_script(
        "",
        &format!(
            "@('127.0.0.1:{port}', [pscustomobject]@{{ComputerName='127.0.0.1'; Port={port}}}, \
             @{{ComputerName='localhost'; Port={port}}}) | Test-CertificateEndpoint -TrustStore {root}"
        ),
        false,
    );
    assert_eq!(reports.len(), 3, "{}", outcome.stderr);
    for report in &reports {
        report.assert_codes(&[], "pipeline input");
        assert_eq!(report.number("Port"), Some(i64::from(port)));
    }
    assert!(
        reports
            .iter()
            .any(|r| r.text("ComputerName") == "localhost")
    );
    // A host without a port takes -Port.
    let reports = probe(&format!("127.0.0.1 -Port {port} -TrustStore {root}"));
    reports[0].assert_codes(&[], "-Port");
}

#[test]
fn bad_inputs_are_reported_and_the_run_goes_on() {
    let Some(good) = s_server::shared(Variant::Good) else {
        return;
    };
    let (reports, outcome) = probe_script(
        "",
        &format!(
            "Test-CertificateEndpoint 'no-port-given','no-such-host.invalid:443','{}' \
             -TrustStore {} -TimeoutSeconds 3",
            good.endpoint(),
            quoted(&good.leaf.root)
        ),
        true,
    );
    // The host without a port is an error record, not a report.
    assert!(
        outcome.stderr.contains("no-port-given"),
        "{}",
        outcome.stderr
    );
    assert_eq!(reports.len(), 2, "{reports:?}");
    let unresolved = reports
        .iter()
        .find(|r| r.text("ComputerName") == "no-such-host.invalid")
        .unwrap();
    unresolved.assert_codes(&["ConnectionFailed"], "unresolvable name");
    let good_report = reports
        .iter()
        .find(|r| r.number("Port") == Some(i64::from(good.port)))
        .unwrap();
    good_report.assert_codes(&[], "good server after bad inputs");
}
