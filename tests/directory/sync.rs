//! Sync-UserCertificate between two real slapd servers: matched by mail, -WhatIf shows the plan
//! and writes nothing, additions without -Prune, removals only with -Prune, idempotent.

use super::common::{assert_contains, published_der};
use super::harness::{Env, smime_cert};
use crate::servers::slapd::Slapd;

#[test]
fn sync_copies_by_mail_and_removes_only_with_prune() {
    let Some(source) = Env::new(4) else { return };
    let Some(target) = Env::new(4) else { return };
    // The source publishes certificates for users 0-2; the target's user 1 has another one.
    let source_certs: Vec<String> = (0..3)
        .map(|n| format!("'{}'", smime_cert(&Slapd::user_mail(n)).display()))
        .collect();
    let extra = target.good_cert_file("extra.pem", "user00001@example.com");
    let setup_source = source.run(&format!(
        "{}{} | Publish-SmimeCertificate | Out-Null\n",
        source.connect("Src"),
        source_certs.join(",")
    ));
    assert_eq!(setup_source.stderr, "");
    let setup_target = target.run(&format!(
        "{}'{}' | Publish-SmimeCertificate | Out-Null\n",
        target.connect("Dst"),
        extra.display()
    ));
    assert_eq!(setup_target.stderr, "");
    // Both connections in one script (saved settings live in the target env's state).
    let both = format!("{}{}", source.connect("Src"), target.connect("Dst"));
    let report = "ForEach-Object { \"$($_.Identity) $($_.Action)\" }";
    let plan = target.run(&format!(
        "{both}Sync-UserCertificate -Source Src -Target Dst -WhatIf\n"
    ));
    assert_eq!(
        plan.stdout
            .lines()
            .filter(|l| l.starts_with("What if: "))
            .count(),
        3,
        "{}\n{}",
        plan.stdout,
        plan.stderr
    );
    assert_contains(
        &plan.stdout,
        &format!(
            "What if: Added certificates of \"{}\"",
            target.slapd.user_dn(1)
        ),
    );
    assert_eq!(
        super::harness::count_with(&target.slapd, "userSMIMECertificate"),
        1
    );
    let first = target.run(&format!(
        "{both}Sync-UserCertificate -Source Src -Target Dst | {report}\n"
    ));
    assert_eq!(
        first.stdout,
        "user00000@example.com Added\nuser00001@example.com Added\nuser00002@example.com Added\nuser00003@example.com Unchanged\n",
        "{}",
        first.stderr
    );
    assert_eq!(published_der(&target.slapd, "(uid=user00001)").len(), 2);
    let again = target.run(&format!(
        "{both}Sync-UserCertificate -Source Src -Target Dst | {report}\n"
    ));
    assert!(
        again.stdout.lines().all(|l| l.ends_with(" Unchanged")),
        "{}",
        again.stdout
    );
    let pruned = target.run(&format!(
        "{both}Sync-UserCertificate -Source Src -Target Dst -Prune | {report}\n"
    ));
    assert!(
        pruned.stdout.contains("user00001@example.com Removed"),
        "{}\n{}",
        pruned.stdout,
        pruned.stderr
    );
    let kept = published_der(&target.slapd, "(uid=user00001)");
    assert_eq!(kept.len(), 1);
    assert_eq!(
        published_der(&source.slapd, "(uid=user00001)").first(),
        kept.first()
    );
}
