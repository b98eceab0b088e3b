//! Publish-SmimeCertificate, Set-Mailbox and Get-Mailbox against a real slapd: publishing,
//! a second run that changes nothing, Add/Remove, lint refusals, and `ldapsearch` confirming
//! the stored bytes.

use super::common::{assert_contains, ldif_values};
use super::harness::{Env, made_cert, now, smime_cert};
use crate::servers::slapd::Slapd;

#[test]
fn publishing_writes_der_and_pkcs7_and_a_second_run_changes_nothing() {
    let Some(env) = Env::new(5) else { return };
    let paths: Vec<String> = (0..3)
        .map(|n| format!("'{}'", smime_cert(&Slapd::user_mail(n)).display()))
        .collect();
    let script = format!(
        "{}{} | Publish-SmimeCertificate | ForEach-Object {{ \"$($_.Identity) $($_.Action)\" }}\n",
        env.connect("Corp"),
        paths.join(",")
    );
    let first = env.run(&script);
    assert_eq!(
        first.stdout,
        "user00000@example.com Added\nuser00001@example.com Added\nuser00002@example.com Added\n",
        "{}",
        first.stderr
    );
    // ldapsearch sees exactly the certificate's DER, and a PKCS#7 carrying it.
    let der = crate::servers::test_pki::smime_user_cert(&Slapd::user_mail(1))
        .unwrap()
        .1;
    let ldif = env
        .slapd
        .ldapsearch(
            "(uid=user00001)",
            &["userCertificate;binary", "userSMIMECertificate"],
        )
        .unwrap();
    assert_eq!(
        ldif_values(&ldif, "userCertificate;binary"),
        vec![der.clone()],
        "{ldif}"
    );
    let pkcs7 = ldif_values(&ldif, "userSMIMECertificate");
    assert_eq!(pkcs7.len(), 1, "{ldif}");
    let inside = mailsec::pki::p7b::decode(&pkcs7[0]).unwrap();
    assert_eq!(inside[0].raw_data(), der.as_slice());
    // The same run again writes nothing.
    let second = env.run(&script);
    assert_eq!(
        second.stdout,
        "user00000@example.com Unchanged\nuser00001@example.com Unchanged\nuser00002@example.com Unchanged\n",
        "{}",
        second.stderr
    );
    // Get-Mailbox shows them as certificate objects.
    let shown = env.run(&format!(
        "{}$m = Get-Mailbox user00001@example.com\n$m.UserCertificate[0].Thumbprint -eq $m.UserSMIMECertificate[0].Thumbprint\n$m.PrimarySmtpAddress\n",
        env.connect("Corp")
    ));
    assert_eq!(
        shown.stdout, "True\nuser00001@example.com\n",
        "{}",
        shown.stderr
    );
}

#[test]
fn one_attribute_only_and_replace() {
    let Some(env) = Env::new(3) else { return };
    let first = env.good_cert_file("first.pem", "user00000@example.com");
    let second = env.good_cert_file("second.pem", "user00000@example.com");
    let run = env.run(&format!(
        "{}'{}' | Publish-SmimeCertificate -Attribute UserCertificate | ForEach-Object Action\n'{}' | Publish-SmimeCertificate -Attribute UserCertificate | ForEach-Object Action\n'{}' | Publish-SmimeCertificate -Attribute UserCertificate -Replace | ForEach-Object Action\n",
        env.connect("Corp"),
        first.display(),
        second.display(),
        first.display()
    ));
    assert_eq!(run.stdout, "Added\nAdded\nReplaced\n", "{}", run.stderr);
    let ldif = env
        .slapd
        .ldapsearch(
            "(uid=user00000)",
            &["userCertificate;binary", "userSMIMECertificate"],
        )
        .unwrap();
    assert_eq!(
        ldif_values(&ldif, "userCertificate;binary").len(),
        1,
        "{ldif}"
    );
    assert!(
        ldif_values(&ldif, "userSMIMECertificate").is_empty(),
        "{ldif}"
    );
}

#[test]
fn the_smime_lint_refuses_bad_certificates_unless_forced() {
    let Some(env) = Env::new(10) else { return };
    let day = 86_400;
    let expired = env.files.file(
        "expired.pem",
        made_cert(
            "user00005@example.com",
            now() - 400 * day,
            now() - day,
            &["1.3.6.1.5.5.7.3.4"],
        ),
    );
    let server_only = env.files.file(
        "server.pem",
        made_cert(
            "user00006@example.com",
            now() - day,
            now() + 300 * day,
            &["1.3.6.1.5.5.7.3.1"],
        ),
    );
    let nobody = env.good_cert_file("nobody.pem", "nobody@example.com");
    let other = env.good_cert_file("other.pem", "user00008@example.com");
    let run = env.run(&format!(
        "{connect}$r = '{expired}','{server}','{nobody}' | Publish-SmimeCertificate\n\
         $r | ForEach-Object {{ \"$($_.Identity) $($_.Action): $($_.Reason)\" }}\n\
         $w = '{other}' | Publish-SmimeCertificate -Identity user00007\n\
         \"$($w.Action): $($w.Reason)\"\n\
         ('{expired}' | Publish-SmimeCertificate -Force).Action\n",
        connect = env.connect("Corp"),
        expired = expired.display(),
        server = server_only.display(),
        nobody = nobody.display(),
        other = other.display(),
    ));
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}\n{}", run.stdout, run.stderr);
    assert!(
        lines[0].starts_with("user00005@example.com Skipped: not published")
            && lines[0].contains("expired"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("user00006@example.com Skipped")
            && lines[1].contains("emailProtection"),
        "{}",
        lines[1]
    );
    assert_eq!(
        lines[2],
        "nobody@example.com Skipped: no user has the mail address nobody@example.com"
    );
    assert!(
        lines[3].starts_with("Skipped:") && lines[3].contains("san-address-mismatch"),
        "{}",
        lines[3]
    );
    assert_eq!(lines[4], "Added");
    // Only the forced one was written.
    let ldif = env
        .slapd
        .ldapsearch("(userCertificate=*)", &["uid"])
        .unwrap();
    assert_eq!(ldif.matches("uid: ").count(), 1, "{ldif}");
    assert!(ldif.contains("uid: user00005"), "{ldif}");
}

#[test]
fn bad_input_is_refused_before_anything_is_written() {
    let Some(env) = Env::new(3) else { return };
    let good = env.good_cert_file("good.pem", "user00000@example.com");
    let run = env.run(&format!(
        "{}'{}', [byte[]](1,2,3) | Publish-SmimeCertificate\n\
         Set-Mailbox user00001@example.com -UserCertificate ([byte[]](48,3,1,1,1))\n\
         Get-User -Filter '(mail=*'\n\
         Get-User -Identity 'cn=a<b,dc=example,dc=com'\n",
        env.connect("Corp"),
        good.display()
    ));
    assert_eq!(run.stdout, "", "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "Nothing was published: 1 input(s) are not certificates",
    );
    assert_contains(&run.stderr, "Cannot process argument 'UserCertificate'");
    assert_contains(&run.stderr, "the LDAP filter '(mail=*' is not valid");
    assert_contains(&run.stderr, "'<' at character 5 must be escaped");
    assert_eq!(super::harness::count_with(&env.slapd, "userCertificate"), 0);
}

#[test]
fn set_mailbox_adds_removes_and_replaces_values() {
    let Some(env) = Env::new(3) else { return };
    let one = env.good_cert_file("one.pem", "user00001@example.com");
    let two = env.good_cert_file("two.pem", "user00001@example.com");
    let script = format!(
        "{connect}$one = Import-Certificate -FilePath '{one}' -CertStoreLocation Cert:\\CurrentUser\\My\n\
         $two = [System.IO.File]::ReadAllBytes('{two}')\n\
         Set-Mailbox user00001@example.com -UserCertificate $one\n\
         (Get-Mailbox user00001@example.com).UserCertificate.Count\n\
         Set-Mailbox user00001@example.com -UserCertificate @{{Add=$two}} -UserSMIMECertificate @{{Add=$one,$two}}\n\
         $m = Get-Mailbox user00001@example.com\n\
         \"$($m.UserCertificate.Count) $($m.UserSMIMECertificate.Count)\"\n\
         Set-Mailbox user00001@example.com -UserCertificate @{{Remove=$one}}\n\
         (Get-Mailbox user00001@example.com).UserCertificate[0].Thumbprint -eq $one.Thumbprint\n\
         Set-Mailbox user00001@example.com -UserCertificate @{{Add=$two}}\n\
         Set-Mailbox user00001@example.com -UserCertificate $null -UserSMIMECertificate $null\n\
         $m = Get-Mailbox user00001@example.com\n\
         \"$($m.UserCertificate.Count) $($m.UserSMIMECertificate.Count)\"\n",
        connect = env.connect("Corp"),
        one = one.display(),
        two = two.display(),
    );
    let run = env.run(&script);
    assert_eq!(run.stdout, "1\n2 2\nFalse\n0 0\n", "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "no settings of 'user00001@example.com' have been modified",
    );
    assert_eq!(super::harness::count_with(&env.slapd, "userCertificate"), 0);
}
