//! The cmdlets: Invoke-MailConfig (-WhatIf, -AsScript, results), Test-MailConfig (drift as
//! objects), Export-MailConfig.

use super::{Org, example};

#[test]
fn invoke_test_and_export_through_the_engine() {
    let org = Org::new("cmdlets");
    let doc = example(&org).display().to_string();
    let (plan, _) = org.script(&format!(
        "Invoke-MailConfig -Path '{doc}' -WhatIf | Select-Object -Last 1"
    ));
    assert_eq!(plan, "Plan: 5 to add, 1 to change, 0 to destroy.\n");
    let (drift, _) = org.script(&format!(
        "Test-MailConfig '{doc}' | Where-Object Kind -eq OutboundConnector | ForEach-Object {{ \"$($_.Action) $($_.Property)=$($_.After)\" }}"
    ));
    assert!(
        drift.contains("Create TlsSettings=DomainValidation\n"),
        "{drift}"
    );
    let (results, errors) = org.script(&format!(
        "Invoke-MailConfig '{doc}' | ForEach-Object {{ \"$($_.Kind) $($_.Status)\" }}"
    ));
    assert!(errors.is_empty(), "{errors}");
    assert!(results.contains("SmimeConfig Applied\n"), "{results}");
    let (none, _) = org.script(&format!(
        "@(Test-MailConfig '{doc}').Count; @(Invoke-MailConfig '{doc}').Count"
    ));
    assert_eq!(none, "0\n0\n");
    let exported = org.dir.path().join("export.yaml").display().to_string();
    let (_, errors) = org.script(&format!("Export-MailConfig '{exported}'"));
    assert!(errors.is_empty(), "{errors}");
    let (drift, _) = org.script(&format!("@(Test-MailConfig '{exported}').Count"));
    assert_eq!(drift, "0\n");
    let (_, errors) = org.script(&format!("Test-MailConfig '{doc}' -Strict"));
    assert!(
        errors.is_empty(),
        "no warnings in the worked example: {errors}"
    );
}
