//! Faults: slapd killed in the middle of a bulk publish. The run reports which users were done
//! and which were not, nothing written is lost, and a re-run after the restart converges.
//! LDAP result codes become errors naming the entry.

use std::time::{Duration, Instant};

use super::common::assert_contains;
use super::harness::{Env, count_with, good_cert, run_session};
use crate::servers::slapd::Slapd;

const USERS: usize = 3000;

#[test]
fn a_server_killed_mid_publish_loses_nothing_and_a_rerun_converges() {
    let Some(mut env) = Env::new(USERS) else {
        return;
    };
    let bundle: String = (0..USERS)
        .map(|n| good_cert(&Slapd::user_mail(n)))
        .collect();
    let bundle = env.files.file("all.pem", bundle);
    let script = format!(
        "{}$r = '{}' | Publish-SmimeCertificate -ThrottleLimit 64\n\
         \"Added=$(($r | Where-Object Action -eq 'Added').Count) Failed=$(($r | Where-Object Action -eq 'Failed').Count) Unchanged=$(($r | Where-Object Action -eq 'Unchanged').Count)\"\n",
        env.connect("Corp"),
        bundle.display()
    );
    let state = env.state_file();
    let thread_script = script.clone();
    let publisher =
        std::thread::spawn(move || run_session(&thread_script, state, Duration::from_secs(120)));
    // Kill the server once part of the work is written.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let written = count_with(&env.slapd, "userCertificate");
        if written >= 200 {
            break;
        }
        assert!(
            Instant::now() < deadline && !publisher.is_finished(),
            "the publish never got going ({written} written)"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    env.slapd.kill();
    let first = publisher.join().unwrap();
    let counts = parse_counts(&first.stdout);
    assert!(
        counts.0 >= 200 && counts.1 > 0,
        "{}\n{}",
        first.stdout,
        first.stderr
    );
    assert_eq!(counts.0 + counts.1, USERS, "{}", first.stdout);
    assert!(
        first.stderr.contains("was lost")
            && first.stderr.contains("run the same command to finish"),
        "{}",
        first.stderr
    );
    env.slapd.restart();
    let written_before = count_with(&env.slapd, "userCertificate");
    assert!(
        written_before >= counts.0,
        "reported {} added, {written_before} stored",
        counts.0
    );
    let second = env.run(&script);
    let again = parse_counts(&second.stdout);
    assert_eq!(again.1, 0, "{}\n{}", second.stdout, second.stderr);
    assert_eq!(again.0 + again.2, USERS, "{}", second.stdout);
    assert_eq!(again.2, written_before, "{}", second.stdout);
    assert_eq!(count_with(&env.slapd, "userCertificate"), USERS);
    assert_eq!(count_with(&env.slapd, "userSMIMECertificate"), USERS);
}

/// (Added, Failed, Unchanged) from the script's summary line.
fn parse_counts(stdout: &str) -> (usize, usize, usize) {
    let line = stdout.lines().last().unwrap_or_default();
    let mut values = line.split_whitespace().map(|part| {
        part.split('=')
            .nth(1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    });
    (
        values.next().unwrap_or(0),
        values.next().unwrap_or(0),
        values.next().unwrap_or(0),
    )
}

#[test]
fn ldap_result_codes_become_errors_naming_the_entry() {
    let Some(env) = Env::new(2) else { return };
    let cert = env.good_cert_file("c.pem", "user00001@example.com");
    // An anonymous connection may read but not write (insufficientAccessRights / strongerAuthRequired).
    let run = env.run(&format!(
        "$c = Connect-Directory {} -StartTls -TrustStore '{}' -BaseDN '{}'\n\
         '{}' | Publish-SmimeCertificate | ForEach-Object {{ \"$($_.Identity) $($_.Action)\" }}\n\
         Get-User -Identity 'uid=nobody,ou=people,dc=example,dc=com'\n",
        env.slapd.url(),
        env.slapd.ca_pem_path.display(),
        env.slapd.base_dn,
        cert.display()
    ));
    assert_eq!(
        run.stdout, "user00001@example.com Failed\n",
        "{}",
        run.stderr
    );
    assert_contains(
        &run.stderr,
        &format!("modify of '{}' failed: ", env.slapd.user_dn(1)),
    );
    assert_contains(&run.stderr, "couldn't be found");
}
