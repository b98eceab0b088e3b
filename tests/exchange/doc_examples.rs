//! Every command line of the public doc pages' Examples sections, run unchanged; the doc
//! examples that cannot run as written, and why.

use super::Org;

/// Every command line of the Examples sections of the public doc pages
/// (MicrosoftDocs/office-docs-powershell, exchange/exchange-ps/ExchangePowerShell/<Cmdlet>.md):
/// (page and example, objects it needs, the command line unchanged, a check that prints `True`).
const DOC_EXAMPLES: &[(&str, &str, &str, &str)] = &[
    (
        "Get-SmimeConfig 1",
        "",
        "Get-SmimeConfig",
        "(Get-SmimeConfig).OWAClearSign",
    ),
    (
        "Set-SmimeConfig 1",
        "",
        "Set-SmimeConfig -OWAAllowUserChoiceOfSigningCertificate $true -OWACRLRetrievalTimeout 10000 -OWAEncryptionAlgorithms 6602:128",
        "$c = Get-SmimeConfig; $c.OWAAllowUserChoiceOfSigningCertificate -and $c.OWACRLRetrievalTimeout -eq 10000 -and $c.OWAEncryptionAlgorithms -eq '6602:128'",
    ),
    (
        "New-InboundConnector 1",
        "",
        r#"New-InboundConnector -Name "Contoso Inbound Connector" -SenderDomains *.contoso.com -SenderIPAddresses 192.168.0.1/25 -RestrictDomainsToIPAddresses $true"#,
        r#"$c = Get-InboundConnector "Contoso Inbound Connector"; $c.SenderDomains -contains '*.contoso.com' -and $c.SenderIPAddresses -contains '192.168.0.1/25' -and $c.RestrictDomainsToIPAddresses"#,
    ),
    (
        "New-InboundConnector 2",
        "",
        r#"New-InboundConnector -Name "Contoso Inbound Secure Connector" -SenderDomains *.contoso.com -SenderIPAddresses 192.168.0.1/25 -RestrictDomainsToIPAddresses $true -RequireTLS $true -TlsSenderCertificateName *.contoso.com"#,
        r#"$c = Get-InboundConnector "Contoso Inbound Secure Connector"; $c.RequireTls -and $c.TlsSenderCertificateName -eq '*.contoso.com'"#,
    ),
    (
        "Set-InboundConnector 1",
        r#"New-InboundConnector "Contoso Inbound Connector" -SenderDomains contoso.com -RequireTls $false | Out-Null"#,
        r#"Set-InboundConnector "Contoso Inbound Connector" -RequireTls $true -TlsSenderCertificateName contoso.com"#,
        r#"$c = Get-InboundConnector "Contoso Inbound Connector"; $c.RequireTls -and $c.TlsSenderCertificateName -eq 'contoso.com'"#,
    ),
    (
        "Get-InboundConnector 1",
        r#"New-InboundConnector "Inbound Connector for Contoso.com" -SenderDomains contoso.com | Out-Null"#,
        r#"Get-InboundConnector "Inbound Connector for Contoso.com" | Format-List"#,
        "$true",
    ),
    (
        "Get-InboundConnector 2",
        r#"New-InboundConnector "Contoso Inbound Connector" -SenderDomains contoso.com | Out-Null"#,
        "Get-InboundConnector",
        "@(Get-InboundConnector).Count -eq 1",
    ),
    (
        "Remove-InboundConnector 1 (with -Confirm:$false added where no terminal can answer)",
        r#"New-InboundConnector "Contoso Inbound Connector" -SenderDomains contoso.com | Out-Null"#,
        r#"Remove-InboundConnector "Contoso Inbound Connector" -Confirm:$false"#,
        "@(Get-InboundConnector).Count -eq 0",
    ),
    (
        "New-OutboundConnector 1",
        "",
        r#"New-OutboundConnector -Name "Contoso Outbound Connector" -RecipientDomains *.contoso.com -TlsSettings DomainValidation -TlsDomain *.contoso.com"#,
        r#"$c = Get-OutboundConnector "Contoso Outbound Connector"; $c.TlsSettings -eq 'DomainValidation' -and $c.TlsDomain -eq '*.contoso.com' -and $c.RecipientDomains -contains '*.contoso.com'"#,
    ),
    (
        "Set-OutboundConnector 1",
        r#"New-OutboundConnector "Contoso Outbound Connector" -RecipientDomains contoso.com | Out-Null"#,
        r#"Set-OutboundConnector "Contoso Outbound Connector" -UseMxRecord $false -SmartHosts 192.168.0.1"#,
        r#"$c = Get-OutboundConnector "Contoso Outbound Connector"; -not $c.UseMXRecord -and $c.SmartHosts -contains '192.168.0.1'"#,
    ),
    (
        "Get-OutboundConnector 1",
        r#"New-OutboundConnector "Contoso Outbound Connector" -RecipientDomains contoso.com | Out-Null"#,
        r#"Get-OutboundConnector "Contoso Outbound Connector" | Format-List"#,
        "$true",
    ),
    (
        "Remove-OutboundConnector 1 (with -Confirm:$false added where no terminal can answer)",
        r#"New-OutboundConnector "Contoso Outbound Connector" | Out-Null"#,
        r#"Remove-OutboundConnector "Contoso Outbound Connector" -Confirm:$false"#,
        "@(Get-OutboundConnector).Count -eq 0",
    ),
    (
        "New-MobileDeviceMailboxPolicy 1",
        "",
        r#"New-MobileDeviceMailboxPolicy -Name "Sales Policy" -PasswordEnabled $true -AlphanumericPasswordRequired $true -PasswordRecoveryEnabled $true -IsDefault $false -AttachmentsEnabled $false -AllowStorageCard $true"#,
        r#"$p = Get-MobileDeviceMailboxPolicy "Sales Policy"; $p.PasswordEnabled -and -not $p.AttachmentsEnabled -and -not $p.IsDefault"#,
    ),
    (
        "New-MobileDeviceMailboxPolicy 2",
        "",
        "New-MobileDeviceMailboxPolicy -Name Management -AllowBluetooth $true -AllowBrowser $true -AllowCamera $true -AllowPOPIMAPEmail $false -PasswordEnabled $true -AlphanumericPasswordRequired $true -PasswordRecoveryEnabled $true -MaxEmailAgeFilter TwoWeeks -AllowWiFi $true -AllowStorageCard $true",
        "$p = Get-MobileDeviceMailboxPolicy Management; $p.AllowBluetooth -eq 'Allow' -and $p.MaxEmailAgeFilter -eq 'TwoWeeks' -and -not $p.AllowPOPIMAPEmail",
    ),
    (
        "New-MobileDeviceMailboxPolicy 3",
        "",
        r#"New-MobileDeviceMailboxPolicy -Name "Contoso Policy" -PasswordEnabled $true -AlphanumericPasswordRequired $true -PasswordRecoveryEnabled $true -MinPasswordComplexCharacters 3 -IsDefault $true -PasswordHistory 10"#,
        r#"(Get-MobileDeviceMailboxPolicy "Contoso Policy").IsDefault -and -not (Get-MobileDeviceMailboxPolicy Default).IsDefault"#,
    ),
    (
        "Set-MobileDeviceMailboxPolicy 2",
        "New-MobileDeviceMailboxPolicy -Name Management | Out-Null",
        "Set-MobileDeviceMailboxPolicy -Identity Management -PasswordEnabled $true -AlphanumericPasswordRequired $true -PasswordRecoveryEnabled $true -AllowCamera $true -AllowWiFi $false -AllowStorageCard $true -AllowPOPIMAPEmail $false",
        "$p = Get-MobileDeviceMailboxPolicy Management; $p.PasswordEnabled -and -not $p.AllowWiFi",
    ),
    (
        "Get-MobileDeviceMailboxPolicy 1",
        "New-MobileDeviceMailboxPolicy -Name SalesPolicy | Out-Null",
        r#"Get-MobileDeviceMailboxPolicy -Identity "SalesPolicy""#,
        "$true",
    ),
    (
        "Get-MobileDeviceMailboxPolicy 2",
        "",
        r#"Get-MobileDeviceMailboxPolicy -Identity "Default""#,
        "(Get-MobileDeviceMailboxPolicy -Identity Default).IsDefault",
    ),
    (
        "Remove-MobileDeviceMailboxPolicy 1 (with -Confirm:$false added where no terminal can answer)",
        "New-MobileDeviceMailboxPolicy -Name SalesPolicy | Out-Null",
        "Remove-MobileDeviceMailboxPolicy -Identity SalesPolicy -Confirm:$false",
        "@(Get-MobileDeviceMailboxPolicy).Count -eq 1",
    ),
    (
        "Remove-MobileDeviceMailboxPolicy 2",
        "New-MobileDeviceMailboxPolicy -Name Engineering | Out-Null",
        "Remove-MobileDeviceMailboxPolicy -Identity Engineering -Confirm:$false",
        "@(Get-MobileDeviceMailboxPolicy).Count -eq 1",
    ),
    (
        "Remove-MobileDeviceMailboxPolicy 3",
        "New-MobileDeviceMailboxPolicy -Name Management | Out-Null",
        "Remove-MobileDeviceMailboxPolicy -Identity Management -Force",
        "@(Get-MobileDeviceMailboxPolicy).Count -eq 1",
    ),
];

#[test]
fn every_doc_example_runs_unchanged_and_does_what_the_page_says() {
    let mut failures = Vec::new();
    for (page, setup, command, check) in DOC_EXAMPLES {
        let org = Org::new();
        if !setup.is_empty() {
            org.ok(setup);
        }
        let run = org.run(command);
        if !run.errors.is_empty() || run.stopped.is_some() {
            failures.push(format!(
                "{page}: {command}\n{}{:?}",
                run.errors, run.stopped
            ));
            continue;
        }
        let verdict = org.run(check);
        if verdict.output.trim() != "True" {
            failures.push(format!(
                "{page}: check `{check}` gave {:?} {}",
                verdict.output, verdict.errors
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} doc examples failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn remove_examples_prompt_at_a_terminal_and_obey_the_answer() {
    let org = Org::new();
    org.ok(
        r#"New-InboundConnector "Contoso Inbound Connector" -SenderDomains contoso.com | Out-Null"#,
    );
    // Remove-InboundConnector doc example 1, exactly as written.
    let command = r#"Remove-InboundConnector "Contoso Inbound Connector""#;
    let no = org.run_with(command, Some(vec!["N"]));
    assert_eq!(no.prompts.len(), 1);
    assert!(
        no.prompts[0].contains(r#"Removing Inbound connector "Contoso Inbound Connector"."#),
        "{:?}",
        no.prompts
    );
    assert_eq!(org.ok("@(Get-InboundConnector).Count"), "1\n");
    let yes = org.run_with(command, Some(vec!["Y"]));
    assert!(yes.errors.is_empty(), "{}", yes.errors);
    assert_eq!(org.ok("@(Get-InboundConnector).Count"), "0\n");

    org.ok("New-MobileDeviceMailboxPolicy -Name SalesPolicy | Out-Null");
    let run = org.run_with(
        "Remove-MobileDeviceMailboxPolicy -Identity SalesPolicy",
        Some(vec!["y"]),
    );
    assert!(run.errors.is_empty(), "{}", run.errors);
    assert_eq!(org.ok("(Get-MobileDeviceMailboxPolicy).Name"), "Default\n");
}

#[test]
fn doc_examples_that_cannot_run_as_written_say_why_and_change_nothing() {
    // Set-MobileDeviceMailboxPolicy example 1: `15:00` is fifteen hours as .NET reads a time
    // span, beyond the documented 00:01:00 to 01:00:00.
    let org = Org::new();
    org.ok(r#"New-MobileDeviceMailboxPolicy -Name "Sales Policy" | Out-Null"#);
    let before = org.bytes();
    let run = org.run(r#"Set-MobileDeviceMailboxPolicy -Identity "Sales Policy" -PasswordEnabled $true -AlphanumericPasswordRequired $true -PasswordRecoveryEnabled $true -AttachmentsEnabled $true -MaxInactivityTimeLock 15:00 -IsDefault $false"#);
    assert!(
        run.errors.contains("00:01:00 to 01:00:00"),
        "{}",
        run.errors
    );
    assert!(run.errors.contains("write 00:15:00"), "{}", run.errors);
    assert_eq!(org.bytes(), before);
    // The same line with 00:15:00 works.
    org.ok(r#"Set-MobileDeviceMailboxPolicy -Identity "Sales Policy" -PasswordEnabled $true -AlphanumericPasswordRequired $true -PasswordRecoveryEnabled $true -AttachmentsEnabled $true -MaxInactivityTimeLock 00:15:00 -IsDefault $false"#);
    assert_eq!(
        org.ok(r#"(Get-MobileDeviceMailboxPolicy "Sales Policy").MaxInactivityTimeLock"#),
        "00:15:00\n"
    );

    // Set-MobileDeviceMailboxPolicy example 3 writes `-Confirm $true`: a switch takes its value
    // only as -Confirm:$true, so `$true` is a stray positional argument (invalid PowerShell).
    let before = org.bytes();
    let run = org.run("Set-MobileDeviceMailboxPolicy -Identity Default -PasswordEnabled $true -AlphanumericPasswordRequired $true -PasswordRecoveryEnabled $true -AllowWiFi $false -AllowStorageCard $true -AllowPOPIMAPEmail $false -IsDefault $true -AllowTextMessaging $true -Confirm $true");
    assert!(
        run.errors
            .contains("A positional parameter cannot be found that accepts argument 'True'"),
        "{}",
        run.errors
    );
    assert_eq!(org.bytes(), before);
}
