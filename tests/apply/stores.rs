//! Custom Cert:\ stores in desired-state documents: export writes them (empty ones too) and
//! their certificates, so export → apply is a no-op, even on an empty store; a certificate
//! declared in a store that does not exist yet creates the store first (also as `-AsScript`);
//! store names compare ignoring case; a store key Windows would refuse is a schema error with
//! its file and line.

use super::Org;

#[test]
fn an_export_with_custom_stores_applies_as_a_no_op_and_rebuilds_them_elsewhere() {
    let org = Org::new("stores-export");
    let root = org.dir.path().join("contoso-root.pem");
    let (_, errors) = org.script(&format!(
        "New-Item -Path Cert:\\LocalMachine\\CustomStore | Out-Null\n\
         New-Item -Path Cert:\\LocalMachine\\Empty | Out-Null\n\
         Import-Certificate -FilePath '{}' -CertStoreLocation Cert:\\LocalMachine\\CustomStore | Out-Null",
        root.display()
    ));
    assert!(errors.is_empty(), "{errors}");
    let exported = org.mailsec(&["export"]);
    assert_eq!(exported.code, 0, "{exported:?}");
    assert!(
        exported.stdout.contains("LocalMachine\\CustomStore:")
            && exported.stdout.contains("LocalMachine\\Empty: []"),
        "{}",
        exported.stdout
    );
    let doc = org.doc("exported.yaml", &exported.stdout);
    let plan = org.verb("plan", &doc, &[]);
    assert_eq!(plan.code, 0, "{plan:?}");
    assert_eq!(org.verb("apply", &doc, &[]).code, 0);

    let fresh = Org::new("stores-export-fresh");
    let doc = fresh.doc("exported.yaml", &exported.stdout);
    let plan = fresh.verb("plan", &doc, &[]);
    assert_eq!(plan.code, 2, "{plan:?}");
    assert!(
        plan.stdout
            .contains("  + CertificateStore \"LocalMachine\\CustomStore\"\n")
            && plan
                .stdout
                .contains("  + CertificateStore \"LocalMachine\\Empty\"\n"),
        "{}",
        plan.stdout
    );
    let applied = fresh.verb("apply", &doc, &[]);
    assert_eq!(applied.code, 0, "{applied:?}");
    assert_eq!(fresh.verb("plan", &doc, &[]).code, 0);
    let body = |text: &str| text.split_once("Version:").map(|(_, b)| b.to_string());
    assert_eq!(
        body(&fresh.mailsec(&["export"]).stdout),
        body(&exported.stdout),
        "the rebuilt store exports the same document"
    );
}

#[test]
fn a_certificate_in_a_new_custom_store_creates_the_store_first() {
    let org = Org::new("stores-new");
    let doc = org.doc(
        "d.yaml",
        "Certificates:\n  localmachine\\Lab:\n    - FilePath: contoso-root.pem\n      FriendlyName: Lab root\n",
    );
    let plan = org.verb("plan", &doc, &[]);
    assert_eq!(plan.code, 2, "{plan:?}");
    let store = plan
        .stdout
        .find("  + CertificateStore \"LocalMachine\\Lab\"\n")
        .unwrap_or_else(|| panic!("{}", plan.stdout));
    let certificate = plan
        .stdout
        .find("  + Certificate \"LocalMachine\\Lab\\")
        .unwrap_or_else(|| panic!("{}", plan.stdout));
    assert!(store < certificate, "{}", plan.stdout);
    assert!(
        plan.stdout
            .contains("Plan: 2 to add, 0 to change, 0 to destroy."),
        "{}",
        plan.stdout
    );

    let script = org.verb("plan", &doc, &["--as-script"]);
    assert!(
        script
            .stdout
            .contains("New-Item -Path 'Cert:\\LocalMachine\\Lab' | Out-Null\nImport-Certificate "),
        "{}",
        script.stdout
    );

    let applied = org.verb("apply", &doc, &[]);
    assert_eq!(applied.code, 0, "{applied:?}");
    let again = org.verb("plan", &doc, &[]);
    assert_eq!(again.code, 0, "{again:?}");
    let (count, errors) = org.script("@(Get-ChildItem Cert:\\LocalMachine\\LAB).Count");
    assert_eq!((count.as_str(), errors.as_str()), ("1\n", ""));

    let other_case = org.doc(
        "case.yaml",
        "Certificates:\n  Cert:\\LOCALMACHINE\\LAB:\n    - FilePath: contoso-root.pem\n",
    );
    let plan = org.verb("plan", &other_case, &[]);
    assert_eq!(plan.code, 0, "store names ignore case: {plan:?}");
}

#[test]
fn the_as_script_plan_of_a_new_store_runs_to_a_no_op() {
    let org = Org::new("stores-script");
    let doc = org.doc(
        "d.yaml",
        "Certificates:\n  LocalMachine\\Lab:\n    - FilePath: contoso-root.pem\n",
    );
    let script = org.verb("plan", &doc, &["--as-script"]);
    assert_eq!(script.code, 2, "{script:?}");
    let (_, errors) = org.script(&script.stdout);
    assert!(errors.is_empty(), "{errors}");
    let plan = org.verb("plan", &doc, &[]);
    assert_eq!(plan.code, 0, "{plan:?}");
}

#[test]
fn store_keys_windows_would_refuse_are_schema_errors_with_their_line() {
    let org = Org::new("stores-invalid");
    for (key, why) in [
        ("CurrentUser\\Lab", "only under LocalMachine"),
        ("LocalMachine\\Web*", "wildcard character '*'"),
        ("Nowhere\\Lab", "not a store location"),
    ] {
        let doc = org.doc(
            "bad.yaml",
            &format!("Version: 1\nCertificates:\n  LocalMachine\\CA: []\n  {key}: []\n"),
        );
        let plan = org.verb("plan", &doc, &[]);
        assert_eq!(plan.code, 1, "{plan:?}");
        assert!(
            plan.stderr.contains("bad.yaml:4:") && plan.stderr.contains(why),
            "{key}: {}",
            plan.stderr
        );
    }
    assert!(!org.state().exists(), "nothing was written");
}

#[test]
fn a_ca_collection_takes_a_custom_store_declared_beside_it_but_not_a_missing_one() {
    let org = Org::new("stores-ca");
    let doc = org.doc(
        "d.yaml",
        "Certificates:\n  LocalMachine\\Issuers:\n    - FilePath: contoso-root.pem\nSmimeConfig:\n  SMIMECertificateIssuingCA: [Cert:\\LocalMachine\\issuers]\n",
    );
    let applied = org.verb("apply", &doc, &[]);
    assert_eq!(applied.code, 0, "{applied:?}");
    assert_eq!(org.verb("plan", &doc, &[]).code, 0);
    let missing = org.doc(
        "missing.yaml",
        "SmimeConfig:\n  SMIMECertificateIssuingCA: [Cert:\\LocalMachine\\Nowhere]\n",
    );
    let plan = org.verb("plan", &missing, &[]);
    assert_ne!(plan.code, 0, "{plan:?}");
    assert!(
        plan.stdout
            .contains("Cert:\\LocalMachine\\Nowhere does not exist"),
        "{plan:?}"
    );
}
