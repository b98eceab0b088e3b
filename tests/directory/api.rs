//! The directory layer's own API against a real slapd: connect (StartTLS, LDAPS, refusals),
//! paged searches, pipelined publishing with only what differs written.

use std::time::Duration;

use mailsec::directory::certificates::{Attributes, with_published};
use mailsec::directory::{
    Action, Change, ConnectOptions, Credential, Directory, DirectoryError, Secret, TrustRoots,
    apply_changes, read_user_certificates, search_users,
};
use mailsec::pki::Certificate;

use crate::servers::slapd::Slapd;
use crate::servers::test_pki;

/// Options to bind as the admin of `slapd` at `url`, trusting the test root.
pub fn admin_options(slapd: &Slapd, url: &str, start_tls: bool) -> ConnectOptions {
    let root = std::fs::read(&slapd.ca_pem_path).unwrap();
    let mut options = ConnectOptions::new(url);
    options.start_tls = start_tls;
    options.base_dn = Some(slapd.base_dn.clone());
    options.credential = Some(Credential {
        user: slapd.admin_dn.clone(),
        password: Secret::new(slapd.admin_password.clone()),
    });
    options.trust = TrustRoots::Certificates(mailsec::pki::decode_any(&root).unwrap());
    options.timeout = Duration::from_secs(10);
    options
}

#[test]
fn starttls_and_ldaps_connect_and_verify_the_server() {
    let Some(slapd) = Slapd::start() else { return };
    let directory = Directory::connect(&admin_options(&slapd, &slapd.url(), true)).unwrap();
    assert!(directory.is_encrypted());
    assert_eq!(directory.bound_as(), slapd.admin_dn);
    let ldaps = Directory::connect(&admin_options(&slapd, &slapd.ldaps_url(), false)).unwrap();
    assert_eq!(ldaps.base_dn(), slapd.base_dn);
    // Without the test root the server is not trusted.
    let mut untrusted = admin_options(&slapd, &slapd.ldaps_url(), false);
    untrusted.trust = TrustRoots::Certificates(vec![
        Certificate::from_der(test_pki::smime_user_cert("x@example.com").unwrap().1).unwrap(),
    ]);
    let error = Directory::connect(&untrusted).unwrap_err();
    assert!(matches!(error, DirectoryError::Tls { .. }), "{error:?}");
    // A wrong password names the DN, never the password.
    let mut wrong = admin_options(&slapd, &slapd.url(), true);
    wrong.credential.as_mut().unwrap().password = Secret::new("wrong-password-123");
    let message = Directory::connect(&wrong).unwrap_err().to_string();
    assert!(message.contains("invalidCredentials"), "{message}");
    assert!(!message.contains("wrong-password-123"), "{message}");
}

#[test]
fn searches_page_through_every_user() {
    let Some(slapd) = Slapd::with_users(1200) else {
        return;
    };
    let directory = Directory::connect(&admin_options(&slapd, &slapd.url(), true)).unwrap();
    let mut seen = 0;
    let summary = search_users(&directory, None, None, &mut |_| {
        seen += 1;
        true
    })
    .unwrap();
    assert_eq!((seen, summary.returned, summary.more), (1200, 1200, false));
    let limited = search_users(&directory, Some("mail=*"), Some(10), &mut |_| true).unwrap();
    assert_eq!((limited.returned, limited.more), (10, true));
    // The connection is still usable after an abandoned search.
    assert!(
        read_user_certificates(&directory, "user00007@example.com")
            .unwrap()
            .is_some()
    );
}

#[test]
fn pipelined_publishing_writes_only_what_differs() {
    let Some(slapd) = Slapd::start() else { return };
    let directory = Directory::connect(&admin_options(&slapd, &slapd.url(), true)).unwrap();
    let mut changes = Vec::new();
    for n in 0..5 {
        let mail = Slapd::user_mail(n);
        let der = test_pki::smime_user_cert(&mail).unwrap().1;
        let cert = Certificate::from_der(der).unwrap();
        let (user, current) = read_user_certificates(&directory, &mail).unwrap().unwrap();
        let wanted = with_published(&current, &[cert], Attributes::BOTH, false).unwrap();
        changes.push(Change::for_user(&user, wanted));
    }
    let mut outcomes = Vec::new();
    apply_changes(&directory, changes.clone(), 3, &mut |o| outcomes.push(o));
    assert_eq!(outcomes.len(), 5);
    assert!(
        outcomes.iter().all(|o| o.action == Action::Added),
        "{outcomes:?}"
    );
    let (_, stored) = read_user_certificates(&directory, &Slapd::user_mail(2))
        .unwrap()
        .unwrap();
    assert_eq!(stored.user_certificate.len(), 1);
    assert_eq!(stored.user_smime_certificate.len(), 1);
    // Re-reading gives the same values: a second run is all Unchanged.
    let mut again = Vec::new();
    for change in &changes {
        let (user, current) = read_user_certificates(&directory, &change.dn)
            .unwrap()
            .unwrap();
        again.push(Change::for_user(
            &user,
            with_published(&current, &[], Attributes::BOTH, false).unwrap(),
        ));
        assert_eq!(current, change.wanted);
    }
    let mut second = Vec::new();
    apply_changes(&directory, again, 3, &mut |o| second.push(o.action));
    assert!(second.iter().all(|a| *a == Action::Unchanged), "{second:?}");
}

#[test]
fn a_refused_entry_in_a_transaction_batch_fails_alone() {
    let Some(slapd) = Slapd::with_users(40) else {
        return;
    };
    let directory = Directory::connect(&admin_options(&slapd, &slapd.url(), true)).unwrap();
    assert!(
        directory.supports_transactions(),
        "slapd 2.5 offers RFC 5805 transactions"
    );
    for transactions in [true, false] {
        directory.use_transactions(transactions);
        let mut changes = Vec::new();
        for n in 0..20 {
            let mail = Slapd::user_mail(n + if transactions { 0 } else { 20 });
            let cert = Certificate::from_der(test_pki::smime_user_cert(&mail).unwrap().1).unwrap();
            let (user, current) = read_user_certificates(&directory, &mail).unwrap().unwrap();
            let wanted = with_published(&current, &[cert], Attributes::BOTH, false).unwrap();
            changes.push(Change::for_user(&user, wanted));
        }
        changes[7].dn = format!("uid=ghost,{}", slapd.people_dn);
        let mut outcomes = Vec::new();
        apply_changes(&directory, changes, 8, &mut |o| outcomes.push(o));
        let failed: Vec<_> = outcomes
            .iter()
            .filter(|o| o.action == Action::Failed)
            .collect();
        assert_eq!(failed.len(), 1, "{outcomes:?}");
        assert!(
            failed[0].reason.contains("noSuchObject"),
            "{}",
            failed[0].reason
        );
        assert_eq!(
            outcomes
                .iter()
                .filter(|o| o.action == Action::Added)
                .count(),
            19
        );
    }
    assert!(!directory.supports_transactions());
}
