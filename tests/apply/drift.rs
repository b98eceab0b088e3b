//! Canonical comparison and ownership: no false drift for reordered lists, case changes and
//! null vs empty; `Ensure: Absent`; `Prune`; the `-AsScript` plan, run through the real engine,
//! leading to a plan with no changes.

use super::{Org, example};

#[test]
fn reordered_lists_case_changes_and_null_vs_empty_are_not_drift() {
    let org = Org::new("canonical");
    let (_, errors) = org.script(
        "New-InboundConnector -Name 'From Fabrikam' -SenderDomains fabrikam.com,'*.fabrikam.com' -SenderIPAddresses 192.0.2.10,198.51.100.0/24 -TlsSenderCertificateName '*.fabrikam.com' | Out-Null\n\
         New-OutboundConnector -Name 'To Fabrikam' -RecipientDomains fabrikam.com -SmartHosts mail.fabrikam.com -UseMXRecord $false | Out-Null",
    );
    assert!(errors.is_empty(), "{errors}");
    let doc = org.doc(
        "d.yaml",
        "InboundConnectors:\n  - Name: FROM FABRIKAM\n    SenderDomains: ['*.FABRIKAM.COM', Fabrikam.Com]\n    SenderIPAddresses: [198.51.100.0/24, 192.0.2.10]\n    TlsSenderCertificateName: '*.Fabrikam.com'\n    Comment: ''\n    TrustedOrganizations: []\n    EFUsers: ~\nOutboundConnectors:\n  - Name: to fabrikam\n    RecipientDomains: [FABRIKAM.com]\n    SmartHosts: [MAIL.fabrikam.com]\n    TlsDomain: null\n    UseMXRecord: 'false'\n",
    );
    let plan = org.verb("plan", &doc, &[]);
    assert_eq!(plan.code, 0, "{plan:?}");
    assert!(
        plan.stdout
            .starts_with("No changes. The store matches the desired state.\n"),
        "{}",
        plan.stdout
    );
}

#[test]
fn ensure_absent_removes_and_is_quiet_when_already_gone() {
    let org = Org::new("absent");
    org.script("New-InboundConnector -Name Old -SenderDomains old.com | Out-Null");
    let doc = org.doc("d.yaml", "InboundConnectors:\n  - Name: old\n    Ensure: Absent\n  - Name: NeverWas\n    Ensure: absent\n");
    let plan = org.verb("plan", &doc, &[]);
    assert!(
        plan.stdout.contains("  - InboundConnector \"Old\"\n"),
        "{}",
        plan.stdout
    );
    assert!(!plan.stdout.contains("NeverWas"), "{}", plan.stdout);
    assert_eq!(org.verb("apply", &doc, &[]).code, 0);
    assert_eq!(org.verb("plan", &doc, &[]).code, 0);
    let (count, _) = org.script("@(Get-InboundConnector).Count");
    assert_eq!(count, "0\n");
}

#[test]
fn prune_removes_only_what_its_section_does_not_declare_and_never_by_default() {
    let org = Org::new("prune");
    org.script(
        "New-InboundConnector -Name Keep -SenderDomains k.com | Out-Null\n\
         New-InboundConnector -Name Stray -SenderDomains s.com | Out-Null\n\
         New-OutboundConnector -Name Elsewhere -RecipientDomains e.com -SmartHosts mx.e.com -UseMXRecord $false | Out-Null",
    );
    let without = org.doc("keep.yaml", "InboundConnectors:\n  - Name: Keep\n");
    assert_eq!(
        org.verb("plan", &without, &[]).code,
        0,
        "no pruning unless asked"
    );
    let pruning = org.doc(
        "prune.yaml",
        "InboundConnectors:\n  Prune: true\n  Items:\n    - Name: Keep\n",
    );
    let plan = org.verb("plan", &pruning, &[]);
    assert!(
        plan.stdout.contains("  - InboundConnector \"Stray\"\n"),
        "{}",
        plan.stdout
    );
    assert!(
        !plan.stdout.contains("Elsewhere"),
        "other sections are untouched: {}",
        plan.stdout
    );
    assert!(
        plan.stdout
            .contains("Plan: 0 to add, 0 to change, 1 to destroy.")
    );
    assert_eq!(org.verb("apply", &pruning, &[]).code, 0);
    let (names, _) =
        org.script("(Get-InboundConnector).Name -join ','; (Get-OutboundConnector).Name");
    assert_eq!(names, "Keep\nElsewhere\n");
    // The built-in default mobile policy can't be pruned away without another default.
    let policies = org.doc(
        "policies.yaml",
        "MobileDeviceMailboxPolicies:\n  Prune: true\n  Items:\n    - Name: Strict\n",
    );
    let refused = org.verb("plan", &policies, &[]);
    assert_eq!(refused.code, 1, "{refused:?}");
    assert!(
        refused
            .stdout
            .contains("is the default and can't be removed"),
        "{}",
        refused.stdout
    );
    let switched = org.doc("switch.yaml", "MobileDeviceMailboxPolicies:\n  Prune: true\n  Items:\n    - Name: Strict\n      IsDefault: true\n");
    assert_eq!(org.verb("apply", &switched, &[]).code, 0);
    let (names, _) = org.script("(Get-MobileDeviceMailboxPolicy).Name");
    assert_eq!(names, "Strict\n");
}

#[test]
fn the_plan_as_a_script_run_by_the_engine_leads_to_no_changes() {
    let org = Org::new("asscript");
    org.script(
        "New-InboundConnector -Name 'Forced TLS from Fabrikam' -SenderDomains fabrikam.com -RequireTls $false | Out-Null\n\
         New-InboundConnector -Name Leftover -SenderDomains l.com | Out-Null",
    );
    let text = std::fs::read_to_string(example(&org))
        .unwrap()
        .replace(
            "InboundConnectors:\n",
            "InboundConnectors:\n  - Name: Leftover\n    Ensure: Absent\n",
        )
        // No cmdlet sets a stored certificate's friendly name yet (the script says so).
        .replace("      FriendlyName: Contoso Root\n", "")
        .replace("      FriendlyName: Contoso Issuing CA\n", "");
    let doc = org.doc("d.yaml", &text);
    let script = org.verb("plan", &doc, &["--as-script"]);
    assert_eq!(script.code, 2, "{script:?}");
    assert!(script.stdout.contains("Set-InboundConnector -Identity 'Forced TLS from Fabrikam' -SenderDomains 'fabrikam.com','*.fabrikam.com' -RequireTls $true"), "{}", script.stdout);
    assert!(
        script
            .stdout
            .contains("Remove-InboundConnector -Identity 'Leftover' -Confirm:$false"),
        "{}",
        script.stdout
    );
    assert!(
        script
            .stdout
            .contains("Set-SmimeConfig -OWAEncryptionAlgorithms '6610;660E;6603'"),
        "{}",
        script.stdout
    );
    assert!(
        script
            .stdout
            .contains("-SMIMECertificateIssuingCA ([System.Convert]::FromBase64String('"),
        "{}",
        script.stdout
    );
    assert!(
        script.stdout.contains("Import-Certificate -FilePath"),
        "{}",
        script.stdout
    );
    let (_, errors) = org.script(&script.stdout);
    assert!(errors.is_empty(), "the script ran cleanly: {errors}");
    let plan = org.verb("plan", &doc, &[]);
    assert_eq!(plan.code, 0, "{plan:?}");
}
