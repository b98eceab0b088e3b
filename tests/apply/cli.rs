//! The subcommands: exit codes 0/1/2/3, create/update/delete plans, a second apply that changes
//! nothing, saved plans refused after a concurrent change, a failure in the middle, export →
//! apply, and scripts and `-c` still working beside the subcommands.

use super::{Org, example};

#[test]
fn plan_apply_apply_again_and_plan_exit_codes() {
    let org = Org::new("cycle");
    let doc = example(&org);
    let plan = org.verb("plan", &doc, &[]);
    assert_eq!(plan.code, 2, "{plan:?}");
    assert!(
        plan.stdout
            .contains("+ InboundConnector \"Forced TLS from Fabrikam\""),
        "{}",
        plan.stdout
    );
    assert!(
        plan.stdout
            .contains("      SenderDomains: [fabrikam.com, *.fabrikam.com]"),
        "{}",
        plan.stdout
    );
    assert!(
        plan.stdout.contains("      OWAAlwaysSign: False -> True"),
        "{}",
        plan.stdout
    );
    assert!(
        plan.stdout
            .contains("Plan: 5 to add, 1 to change, 0 to destroy."),
        "{}",
        plan.stdout
    );
    assert!(!org.state().exists(), "plan never writes the store");
    let apply = org.verb("apply", &doc, &[]);
    assert_eq!(apply.code, 0, "{apply:?}");
    assert!(
        apply
            .stdout
            .contains("Apply: 6 applied, 0 failed, 0 skipped."),
        "{}",
        apply.stdout
    );
    let bytes = std::fs::read(org.state()).unwrap();
    let again = org.verb("apply", &doc, &[]);
    assert_eq!(again.code, 0, "{again:?}");
    assert!(again.stdout.contains("No changes."), "{}", again.stdout);
    assert_eq!(
        std::fs::read(org.state()).unwrap(),
        bytes,
        "a second apply writes nothing"
    );
    let plan = org.verb("plan", &doc, &[]);
    assert_eq!(
        (plan.code, plan.stdout.trim()),
        (0, "No changes. The store matches the desired state.")
    );
}

#[test]
fn updates_and_deletes_show_property_diffs() {
    let org = Org::new("diffs");
    let first = org.doc(
        "first.yaml",
        "InboundConnectors:\n  - Name: A\n    SenderDomains: [a.com, b.com]\n    RequireTls: true\n  - Name: B\n    SenderDomains: b.com\n",
    );
    assert_eq!(org.verb("apply", &first, &[]).code, 0);
    let second = org.doc(
        "second.yaml",
        "InboundConnectors:\n  - Name: A\n    SenderDomains: [a.com, c.com]\n    RequireTls: false\n    Comment: hello\n  - Name: B\n    Ensure: Absent\n",
    );
    let plan = org.verb("plan", &second, &[]);
    assert_eq!(plan.code, 2, "{plan:?}");
    let expected = "  ~ InboundConnector \"A\"\n      SenderDomains: + c.com, - b.com\n      RequireTls: True -> False\n      Comment: (empty) -> hello\n  - InboundConnector \"B\"\n";
    assert!(plan.stdout.contains(expected), "{}", plan.stdout);
    assert!(
        plan.stdout
            .contains("Plan: 0 to add, 1 to change, 1 to destroy."),
        "{}",
        plan.stdout
    );
    let json = org.verb("plan", &second, &["--json"]);
    assert_eq!(json.code, 2);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["Summary"]["Change"], 1);
    assert_eq!(value["Changes"][0]["Properties"][0]["Added"][0], "c.com");
    assert_eq!(value["Changes"][0]["Properties"][0]["Removed"][0], "b.com");
    assert_eq!(value["Changes"][1]["Action"], "Delete");
    let again = org.verb("plan", &second, &["--json"]);
    assert_eq!(again.stdout, json.stdout, "the JSON is stable");
    assert_eq!(org.verb("apply", &second, &[]).code, 0);
    assert_eq!(org.verb("plan", &second, &[]).code, 0);
}

#[test]
fn a_saved_plan_applies_only_to_the_state_it_was_made_against() {
    let org = Org::new("saved");
    let doc = org.doc(
        "d.yaml",
        "InboundConnectors:\n  - Name: A\n    SenderDomains: a.com\n",
    );
    let saved = org.dir.path().join("plan.json");
    let saved_arg = saved.display().to_string();
    let plan = org.verb("plan", &doc, &["-o", &saved_arg]);
    assert_eq!(plan.code, 2, "{plan:?}");
    // Someone changes the store in between.
    let (_, errors) =
        org.script("New-InboundConnector -Name Other -SenderDomains o.com | Out-Null");
    assert!(errors.is_empty(), "{errors}");
    let refused = org.mailsec(&["apply", &saved_arg]);
    assert_eq!(refused.code, 1, "{refused:?}");
    assert!(
        refused.stderr.contains("another state of the store"),
        "{}",
        refused.stderr
    );
    let (names, _) = org.script("(Get-InboundConnector).Name -join ','");
    assert_eq!(names.trim(), "Other", "nothing was applied");
    // A fresh plan applies.
    assert_eq!(org.verb("plan", &doc, &["-o", &saved_arg]).code, 2);
    let applied = org.mailsec(&["apply", &saved_arg]);
    assert_eq!(applied.code, 0, "{applied:?}");
    assert_eq!(org.verb("plan", &doc, &[]).code, 0);
}

/// The failure in the middle: a certificate file that is unreadable (garbage) while the rest of
/// the document applies; exit 3, what was applied stays, and once the file is fixed a re-run
/// converges and applies only what is left.
#[test]
fn a_failure_in_the_middle_is_partial_and_a_rerun_converges() {
    let org = Org::new("partial");
    let good = std::fs::read(org.dir.path().join("contoso-issuing-ca.pem")).unwrap();
    org.dir.file(
        "broken.pem",
        "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n",
    );
    let doc = org.doc(
        "d.yaml",
        "Certificates:\n  LocalMachine\\Root:\n    - FilePath: contoso-root.pem\n  LocalMachine\\CA:\n    - FilePath: broken.pem\nSmimeConfig:\n  OWAAlwaysSign: true\n  SMIMECertificateIssuingCA: ['Cert:\\LocalMachine\\CA']\nInboundConnectors:\n  - Name: A\n    SenderDomains: a.com\n",
    );
    let plan = org.verb("plan", &doc, &[]);
    assert_eq!(
        plan.code, 1,
        "an unreadable input makes the plan an error: {plan:?}"
    );
    assert!(
        plan.stdout
            .contains("? Certificate \"LocalMachine\\CA\\broken.pem\""),
        "{}",
        plan.stdout
    );
    let apply = org.verb("apply", &doc, &[]);
    assert_eq!(apply.code, 3, "{apply:?}");
    assert!(
        apply
            .stdout
            .contains("\"LocalMachine\\CA\\broken.pem\": FAILED"),
        "{}",
        apply.stdout
    );
    assert!(
        apply
            .stdout
            .contains("SmimeConfig \"SmimeConfiguration\": FAILED"),
        "{}",
        apply.stdout
    );
    assert!(
        apply.stdout.contains("+ InboundConnector \"A\": applied"),
        "{}",
        apply.stdout
    );
    let (kept, _) = org
        .script("(Get-InboundConnector A).Name; @(Get-ChildItem Cert:\\LocalMachine\\Root).Count");
    assert_eq!(kept, "A\n1\n");
    std::fs::write(org.dir.path().join("broken.pem"), good).unwrap();
    let rerun = org.verb("apply", &doc, &[]);
    assert_eq!(rerun.code, 0, "{rerun:?}");
    assert!(
        rerun
            .stdout
            .contains("Apply: 2 applied, 0 failed, 0 skipped."),
        "{}",
        rerun.stdout
    );
    assert_eq!(org.verb("plan", &doc, &[]).code, 0);
}

#[test]
fn export_then_apply_is_a_no_op_and_shows_hand_made_changes() {
    let org = Org::new("export");
    assert_eq!(org.verb("apply", &example(&org), &[]).code, 0);
    let exported = org.mailsec(&["export"]);
    assert_eq!(exported.code, 0, "{exported:?}");
    assert_eq!(
        org.mailsec(&["export"]).stdout,
        exported.stdout,
        "export is stable"
    );
    let doc = org.doc("exported.yaml", &exported.stdout);
    let bytes = std::fs::read(org.state()).unwrap();
    let apply = org.verb("apply", &doc, &[]);
    assert_eq!(apply.code, 0, "{apply:?}");
    assert!(apply.stdout.contains("No changes."), "{}", apply.stdout);
    assert_eq!(std::fs::read(org.state()).unwrap(), bytes);
    org.script("Set-OutboundConnector 'Forced TLS to Fabrikam' -TlsSettings EncryptionOnly");
    let plan = org.verb("plan", &doc, &[]);
    assert_eq!(plan.code, 2);
    assert!(plan.stdout.contains("  ~ OutboundConnector \"Forced TLS to Fabrikam\"\n      TlsSettings: EncryptionOnly -> DomainValidation\n"), "{}", plan.stdout);
    assert!(
        plan.stdout
            .contains("Plan: 0 to add, 1 to change, 0 to destroy."),
        "{}",
        plan.stdout
    );
}

#[test]
fn schema_errors_name_file_line_and_field_before_the_store_is_read() {
    let org = Org::new("schema");
    std::fs::write(org.state(), "{{{ not a state file").unwrap();
    let doc = org.doc(
        "bad.yaml",
        "InboundConnectors:\n  - Name: A\n    SenderDomains: a.com\n    RequireTsl: true\n",
    );
    let run = org.verb("plan", &doc, &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("bad.yaml:4:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("Did you mean 'RequireTls'?"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("state"),
        "the store was not read: {}",
        run.stderr
    );
    let apply = org.verb("apply", &doc, &[]);
    assert_eq!(apply.code, 1);
}

#[test]
fn scripts_and_commands_still_run_beside_the_subcommands() {
    let org = Org::new("compat");
    let script = org.doc("s.ps1", "\"args: $($args -join ',')\"");
    let run = org.mailsec(&[&script.display().to_string(), "plan", "x"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "args: plan,x\n"),
        "{run:?}"
    );
    let run = org.mailsec(&["-c", "'plan'"]);
    assert_eq!(run.stdout, "plan\n");
    let run = org.mailsec(&["plan"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("usage: mailsec"), "{}", run.stderr);
}
