//! The `Users` section against a real slapd: users' published certificates planned and
//! published, a directory that goes away in the middle of an apply (exit 3, the rest applied)
//! and a re-run that converges once it is back; the S/MIME lint warning.

use crate::directory::common::{assert_contains, published_der};
use crate::servers::slapd::Slapd;
use crate::servers::test_pki;

use super::Org;

const PASSWORD_VARIABLE: &str = "MAILSEC_TEST_LDAP_PASSWORD";

fn document(slapd: &Slapd, certificate: &str) -> String {
    format!(
        "InboundConnectors:\n  - Name: From Partner\n    SenderDomains: partner.example\nUsers:\n  Directory:\n    Server: {}\n    StartTls: true\n    BaseDN: {}\n    BindDN: {}\n    PasswordVariable: {PASSWORD_VARIABLE}\n    TrustStore: ldap-ca.pem\n  Items:\n    - Identity: {}\n      Certificates: [{certificate}]\n",
        slapd.url(),
        slapd.base_dn,
        slapd.admin_dn,
        Slapd::user_mail(0)
    )
}

#[test]
fn users_certificates_publish_and_a_directory_that_goes_away_is_partial() {
    let Some(mut slapd) = Slapd::with_users(2) else {
        return;
    };
    let Some((_, der)) = test_pki::smime_user_cert(&Slapd::user_mail(0)) else {
        crate::support::skip("the test PKI could not make an S/MIME certificate");
        return;
    };
    let org = Org::new("users");
    org.dir
        .file("ldap-ca.pem", std::fs::read(&slapd.ca_pem_path).unwrap());
    org.dir.file("user0.cer", &der);
    let doc = org.doc("d.yaml", &document(&slapd, "user0.cer"));
    let path = doc.display().to_string();
    let password = slapd.admin_password.clone();
    let env = [(PASSWORD_VARIABLE, password.as_str())];
    let plan = org.mailsec_env(&["plan", &path], &env);
    assert_eq!(plan.code, 2, "{plan:?}");
    let user = format!(
        "  ~ User \"{}\"\n      Certificates: + ",
        Slapd::user_mail(0)
    );
    assert_contains(&plan.stdout, &user);
    assert!(!plan.stdout.contains(&password), "no secret in the plan");
    // The directory goes away: the connector is applied, the user fails, exit 3.
    slapd.kill();
    let apply = org.mailsec_env(&["apply", &path], &env);
    assert_eq!(apply.code, 3, "{apply:?}");
    assert_contains(
        &apply.stdout,
        "+ InboundConnector \"From Partner\": applied",
    );
    assert_contains(
        &apply.stdout,
        &format!("? User \"{}\": FAILED", Slapd::user_mail(0)),
    );
    // Back again: a re-run publishes the certificate and nothing else.
    slapd.restart();
    let rerun = org.mailsec_env(&["apply", &path], &env);
    assert_eq!(rerun.code, 0, "{rerun:?}");
    assert_contains(&rerun.stdout, "Apply: 1 applied, 0 failed, 0 skipped.");
    let published = published_der(&slapd, &format!("(mail={})", Slapd::user_mail(0)));
    assert_eq!(published, [der]);
    let again = org.mailsec_env(&["plan", &path], &env);
    assert_eq!(again.code, 0, "{again:?}");
    // Without the password variable the users are unknown, never absent.
    let missing = org.mailsec(&["plan", &path]);
    assert_eq!(missing.code, 1, "{missing:?}");
    assert_contains(&missing.stdout, PASSWORD_VARIABLE);
}

#[test]
fn a_published_certificate_that_fails_the_smime_lint_is_a_warning() {
    let org = Org::new("lint");
    let doc = org.doc(
        "d.yaml",
        "Users:\n  Directory:\n    Server: ldap://127.0.0.1:1\n  Items:\n    - Identity: alice@contoso.com\n      Certificates: [contoso-root.pem]\n",
    );
    let plan = org.verb("plan", &doc, &[]);
    assert_contains(
        &plan.stdout,
        "Warning: [UserCertificateLint] The certificate CN=Contoso Root",
    );
    assert!(
        plan.stdout.contains("? User \"alice@contoso.com\""),
        "an unreachable directory makes the user unknown: {}",
        plan.stdout
    );
    assert_eq!(plan.code, 1);
}

#[test]
fn passwords_are_refused_in_documents() {
    let org = Org::new("nopassword");
    let doc = org.doc(
        "d.yaml",
        "Users:\n  Directory:\n    Server: ldaps://x.example\n    BindPassword: hunter2\n  Items: []\n",
    );
    let plan = org.verb("plan", &doc, &[]);
    assert_eq!(plan.code, 1);
    assert_contains(&plan.stderr, "d.yaml:4:");
    assert_contains(&plan.stderr, "PasswordVariable");
    assert!(!plan.stderr.contains("hunter2"), "{}", plan.stderr);
}
