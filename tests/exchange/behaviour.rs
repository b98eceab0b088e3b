//! The cmdlets' behaviour as Exchange defines it: pipeline binding, identities, -WhatIf and
//! -Confirm, the no-change warning, rejected input leaving the state byte-identical,
//! multi-valued Add/Remove, the default policy, views, -ResultSize, filters, S/MIME CA bytes.

use super::Org;
use crate::support::ScratchDir;

#[test]
fn piped_connectors_bind_to_identity() {
    let org = Org::new();
    org.ok("New-InboundConnector A -SenderDomains a.com -RequireTls $false | Out-Null; New-InboundConnector B -SenderDomains b.com -RequireTls $false | Out-Null");
    org.ok("Get-InboundConnector | Set-InboundConnector -RequireTls $true");
    assert_eq!(
        org.ok("(Get-InboundConnector | Where-Object RequireTls).Count"),
        "2\n"
    );
    // By property name: objects with an Identity property.
    org.ok("[pscustomobject]@{ Identity = 'A' } | Set-InboundConnector -Comment 'piped'");
    assert_eq!(org.ok("(Get-InboundConnector A).Comment"), "piped\n");
    // Names piped in bind by value.
    org.ok("'A','B' | Remove-InboundConnector -Confirm:$false");
    assert_eq!(org.ok("@(Get-InboundConnector).Count"), "0\n");
}

#[test]
fn identities_are_names_guids_or_distinguished_names() {
    let org = Org::new();
    org.ok("New-OutboundConnector 'Contoso Outbound' | Out-Null");
    assert_eq!(
        org.ok("(Get-OutboundConnector 'contoso outbound').Name"),
        "Contoso Outbound\n"
    );
    assert_eq!(
        org.ok("$g = (Get-OutboundConnector).Guid; (Get-OutboundConnector $g).Name"),
        "Contoso Outbound\n"
    );
    assert_eq!(
        org.ok("$dn = (Get-OutboundConnector).DistinguishedName; (Get-OutboundConnector -Identity $dn).Name"),
        "Contoso Outbound\n"
    );
    let run = org.run("Get-OutboundConnector Fabrikam");
    let expected = format!(
        "The operation couldn't be performed because object 'Fabrikam' couldn't be found on '{}'.",
        org.path().display()
    );
    assert!(run.errors.contains(&expected), "{}", run.errors);
    assert!(
        run.errors.contains("test.ps1:1:1"),
        "the error points at the command: {}",
        run.errors
    );
    // $null returns everything.
    assert_eq!(
        org.ok("@(Get-OutboundConnector -Identity $null).Count"),
        "1\n"
    );
}

#[test]
fn what_if_prints_and_changes_nothing() {
    let org = Org::new();
    org.ok("New-InboundConnector Contoso -SenderDomains contoso.com | Out-Null");
    let before = org.bytes();
    let run = org.run(
        "New-InboundConnector Fabrikam -SenderDomains fabrikam.com -WhatIf\nSet-InboundConnector Contoso -RequireTls $false -WhatIf\nRemove-InboundConnector Contoso -WhatIf\nSet-SmimeConfig -OWAAlwaysSign $true -WhatIf",
    );
    assert_eq!(
        run.output,
        "What if: Creating Inbound connector \"Fabrikam\".\nWhat if: Setting Inbound connector \"Contoso\".\nWhat if: Removing Inbound connector \"Contoso\".\nWhat if: Setting S/MIME configuration \"SmimeConfiguration\".\n"
    );
    assert!(run.errors.is_empty(), "{}", run.errors);
    assert_eq!(org.bytes(), before);
    // -WhatIf still reports bad input.
    let run = org.run("Set-InboundConnector Contoso -SenderDomains a.*.b -WhatIf");
    assert!(run.output.is_empty());
    assert!(run.errors.contains("a.*.b"), "{}", run.errors);
}

#[test]
fn remove_without_a_terminal_needs_confirm_false() {
    let org = Org::new();
    org.ok("New-MobileDeviceMailboxPolicy Sales | Out-Null");
    let before = org.bytes();
    let run = org.run("Remove-MobileDeviceMailboxPolicy Sales; 'next'");
    assert!(
        run.errors.contains("Pass -Confirm:$false"),
        "{}",
        run.errors
    );
    assert_eq!(run.output, "next\n", "the script goes on after the error");
    assert_eq!(org.bytes(), before);
    org.ok("Remove-MobileDeviceMailboxPolicy Sales -Confirm:$false");
    assert_eq!(org.ok("@(Get-MobileDeviceMailboxPolicy).Count"), "1\n");
    // -Confirm on a Set asks too.
    let run = org.run("Set-MobileDeviceMailboxPolicy Default -AllowCamera $false -Confirm");
    assert!(
        run.errors.contains("Pass -Confirm:$false"),
        "{}",
        run.errors
    );
}

#[test]
fn a_set_that_changes_nothing_warns_and_leaves_the_file_untouched() {
    let org = Org::new();
    org.ok("New-InboundConnector Contoso -SenderDomains contoso.com,fabrikam.com -RequireTls $true | Out-Null");
    let before = org.bytes();
    let modified = std::fs::metadata(org.path()).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    for command in [
        "Set-InboundConnector Contoso -RequireTls $true",
        "Set-InboundConnector Contoso -SenderDomains FABRIKAM.com,Contoso.COM",
        "Set-InboundConnector Contoso -SenderDomains @{Add='contoso.com'; Remove='nothere.com'}",
        "Set-InboundConnector Contoso",
    ] {
        let run = org.run(command);
        assert_eq!(
            run.errors,
            "WARNING: The command completed successfully but no settings of 'Contoso' have been modified.\n",
            "{command}"
        );
    }
    let run = org.run("Set-SmimeConfig -OWAClearSign $true");
    assert!(
        run.errors
            .contains("no settings of 'SmimeConfiguration' have been modified"),
        "{}",
        run.errors
    );
    assert_eq!(org.bytes(), before);
    assert_eq!(
        std::fs::metadata(org.path()).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn rejected_input_says_what_and_leaves_the_state_byte_identical() {
    let org = Org::new();
    org.ok("New-InboundConnector Contoso -SenderDomains contoso.com | Out-Null; New-OutboundConnector Out -RecipientDomains contoso.com | Out-Null");
    let before = org.bytes();
    let cases: &[(&str, &[&str])] = &[
        (
            "Set-OutboundConnector Out -TlsSettings Strict",
            &[
                "TlsSettings",
                "EncryptionOnly, CertificateValidation, DomainValidation",
            ],
        ),
        (
            "Set-InboundConnector Contoso -SenderDomains domain.*.contoso.com",
            &["domain.*.contoso.com", "leading \"*.\""],
        ),
        (
            "Set-OutboundConnector Out -UseMXRecord $false",
            &["UseMXRecord", "-SmartHosts"],
        ),
        (
            "Set-InboundConnector Contoso -TreatMessagesAsInternal $true",
            &["TreatMessagesAsInternal", "OnPremises"],
        ),
        (
            "New-InboundConnector Contoso -SenderDomains x.com",
            &["already exists"],
        ),
        (
            "New-OutboundConnector Out2 -TlsSettings DomainValidation",
            &["TlsDomain"],
        ),
        (
            "Set-InboundConnector Contoso -SenderIPAddresses 10.0.0.0/16",
            &["/24 to /32"],
        ),
        (
            "Set-InboundConnector Contoso -SenderIPAddresses 2001:db8::1",
            &["IPv6"],
        ),
        (
            "Set-InboundConnector Contoso -RequireTls maybe",
            &["Boolean parameters accept only"],
        ),
        (
            "Set-SmimeConfig -OWAEncryptionAlgorithms 6604",
            &["6604", "6610 (AES256)"],
        ),
        (
            "Set-SmimeConfig -OWACRLRetrievalTimeout -1",
            &["OWACRLRetrievalTimeout"],
        ),
        (
            "Set-MobileDeviceMailboxPolicy Default -RequireEncryptionSMIMEAlgorithm AES",
            &["TripleDES, DES, RC2128bit, RC264bit, RC240bit"],
        ),
        (
            "Set-MobileDeviceMailboxPolicy Default -PasswordHistory 51",
            &["0 to 50"],
        ),
        (
            "Set-MobileDeviceMailboxPolicy Default -IsDefault $false",
            &["must always be one"],
        ),
        (
            "Remove-MobileDeviceMailboxPolicy Default -Confirm:$false",
            &["can't be removed"],
        ),
        (
            "Set-OutboundConnector Out -Name ('x' * 65)",
            &["at most 64"],
        ),
    ];
    for (command, needles) in cases {
        let run = org.run(command);
        for needle in *needles {
            assert!(
                run.errors.contains(needle),
                "{command}: expected {needle:?} in\n{}",
                run.errors
            );
        }
        assert!(
            run.errors.contains("test.ps1:1:"),
            "{command}: no location in\n{}",
            run.errors
        );
        assert_eq!(org.bytes(), before, "{command} changed the state");
    }
    // Every problem of one command is reported at once.
    let run = org.run("Set-InboundConnector Contoso -SenderDomains a.*.com,'b c' -SenderIPAddresses 10.0.0.0/8 -ConnectorType Hybrid");
    for needle in ["a.*.com", "'b c'", "10.0.0.0/8", "Hybrid"] {
        assert!(
            run.errors.contains(needle),
            "expected {needle:?} in\n{}",
            run.errors
        );
    }
    assert_eq!(org.bytes(), before);
}

#[test]
fn error_action_stop_makes_rejections_catchable() {
    let org = Org::new();
    let output = org.ok(
        "try { New-OutboundConnector Bad -UseMXRecord $false -ErrorAction Stop } catch { 'caught: ' + ($_.Exception.Message -split \"`n\")[0] }",
    );
    assert!(
        output.starts_with("caught: UseMXRecord $false requires at least one smart host"),
        "{output}"
    );
}

#[test]
fn multi_valued_properties_add_and_remove() {
    let org = Org::new();
    org.ok("New-InboundConnector Contoso -SenderDomains contoso.com -TrustedOrganizations a.onmicrosoft.com | Out-Null");
    org.ok("Set-InboundConnector Contoso -TrustedOrganizations @{Add='b.onmicrosoft.com','c.onmicrosoft.com'; Remove='A.ONMICROSOFT.COM'}");
    assert_eq!(
        org.ok("(Get-InboundConnector Contoso).TrustedOrganizations -join ','"),
        "b.onmicrosoft.com,c.onmicrosoft.com\n"
    );
    org.ok("Set-InboundConnector Contoso -SenderDomains @{Add='*.fabrikam.com'}");
    assert_eq!(
        org.ok("(Get-InboundConnector Contoso).SenderDomains -join ','"),
        "*.fabrikam.com,contoso.com\n"
    );
    org.ok("Set-InboundConnector Contoso -EFSkipIPs 192.168.0.1-192.168.0.254,10.1.1.1");
    org.ok("Set-InboundConnector Contoso -EFSkipIPs @{Remove='10.1.1.1'}");
    assert_eq!(
        org.ok("(Get-InboundConnector Contoso).EFSkipIPs"),
        "192.168.0.1-192.168.0.254\n"
    );
    org.ok("New-OutboundConnector Out -UseMXRecord $false -SmartHosts mail.contoso.com | Out-Null");
    org.ok("Set-OutboundConnector Out -SmartHosts @{Add='10.10.1.1'; Remove='MAIL.contoso.com'}");
    assert_eq!(
        org.ok("(Get-OutboundConnector Out).SmartHosts"),
        "10.10.1.1\n"
    );
    // Removing the last smart host of a smart-host connector is rejected.
    let run = org.run("Set-OutboundConnector Out -SmartHosts @{Remove='10.10.1.1'}");
    assert!(run.errors.contains("-SmartHosts"), "{}", run.errors);
    let run = org.run("Set-InboundConnector Contoso -SenderDomains @{Append='x.com'}");
    assert!(
        run.errors.contains("Only the keys Add and Remove"),
        "{}",
        run.errors
    );
}

#[test]
fn one_policy_is_always_the_default() {
    let org = Org::new();
    org.ok("New-MobileDeviceMailboxPolicy A -IsDefault $true | Out-Null; New-MobileDeviceMailboxPolicy B | Out-Null");
    assert_eq!(
        org.ok("(Get-MobileDeviceMailboxPolicy | Where-Object IsDefault).Name"),
        "A\n"
    );
    org.ok("Set-MobileDeviceMailboxPolicy B -IsDefault $true");
    assert_eq!(
        org.ok("(Get-MobileDeviceMailboxPolicy | Where-Object IsDefault).Name"),
        "B\n"
    );
    let run = org.run("Remove-MobileDeviceMailboxPolicy B -Force");
    assert!(run.errors.contains("can't be removed"), "{}", run.errors);
    org.ok("Remove-MobileDeviceMailboxPolicy Default -Force");
    assert_eq!(
        org.ok("(Get-MobileDeviceMailboxPolicy).Name -join ','"),
        "A,B\n"
    );
}

#[test]
fn new_returns_the_object_and_get_shows_a_table_or_every_property() {
    let org = Org::new();
    let created =
        org.ok("New-OutboundConnector Contoso -RecipientDomains contoso.com,*.contoso.net");
    assert!(
        created.contains("Name ") && created.contains("Contoso"),
        "{created}"
    );
    let table = org.ok("Get-OutboundConnector");
    let header = table.lines().nth(1).unwrap_or_default();
    assert!(
        header.starts_with("Name")
            && header.contains("UseMXRecord")
            && header.contains("RecipientDomains"),
        "{table}"
    );
    assert!(table.contains("{contoso.com, *.contoso.net}"), "{table}");
    let list = org.ok("Get-OutboundConnector | Format-List");
    for property in [
        "TlsSettings",
        "MtaStsMode",
        "SmtpDaneMode",
        "Identity",
        "Guid",
        "DistinguishedName",
        "WhenChangedUTC",
        "IsValid",
    ] {
        assert!(
            list.contains(&format!("\n{property} ")),
            "{property} missing from\n{list}"
        );
    }
    let json = org.ok("Get-OutboundConnector | ConvertTo-Json");
    for property in [
        "\"UseMXRecord\": true",
        "\"TlsSettings\": null",
        "\"RecipientDomains\": [",
        "\"SmtpDaneMode\": \"Opportunistic\"",
    ] {
        assert!(json.contains(property), "{property} missing from\n{json}");
    }
    let smime = org.ok("Get-SmimeConfig");
    assert!(
        smime.contains("OWAClearSign") && smime.contains(": True"),
        "{smime}"
    );
}

#[test]
fn result_size_limits_listings() {
    let org = Org::new();
    org.ok("1..3 | ForEach-Object { New-InboundConnector \"C$_\" -SenderDomains contoso.com | Out-Null }");
    let run = org.run("(Get-InboundConnector -ResultSize 2).Count");
    assert_eq!(run.output, "2\n");
    assert!(
        run.errors
            .contains("increase the value for the ResultSize parameter"),
        "{}",
        run.errors
    );
    assert_eq!(
        org.ok("(Get-InboundConnector -ResultSize Unlimited).Count"),
        "3\n"
    );
}

#[test]
fn get_outbound_connector_filters_test_mode_and_rule_scoped_connectors() {
    let org = Org::new();
    org.ok("New-OutboundConnector A | Out-Null; New-OutboundConnector B -TestMode $true | Out-Null; New-OutboundConnector C -IsTransportRuleScoped $true | Out-Null");
    assert_eq!(org.ok("(Get-OutboundConnector).Name -join ','"), "A,B,C\n");
    assert_eq!(
        org.ok("(Get-OutboundConnector -IncludeTestModeConnectors $true).Name"),
        "B\n"
    );
    assert_eq!(
        org.ok("(Get-OutboundConnector -IsTransportRuleScoped $false).Name -join ','"),
        "A,B\n"
    );
}

#[test]
fn smime_issuing_ca_takes_file_bytes() {
    let org = Org::new();
    let dir = ScratchDir::new("exchange-sst");
    // An empty serialized store: the header, then the 12-byte end marker.
    let mut empty = vec![0u8, 0, 0, 0, b'C', b'E', b'R', b'T'];
    empty.extend([0u8; 12]);
    let sst = dir.file("store.sst", empty);
    org.ok(&format!(
        "Set-SmimeConfig -SMIMECertificateIssuingCA ([System.IO.File]::ReadAllBytes('{}'))",
        sst.display()
    ));
    assert_eq!(
        org.ok("(Get-SmimeConfig).SMIMECertificateIssuingCA.Count"),
        "20\n"
    );
    let text = String::from_utf8(org.bytes()).unwrap();
    assert!(
        text.contains("SMIMECertificateIssuingCA: AAAAAENFUlQAAAAA"),
        "{text}"
    );
    org.ok("Set-SmimeConfig -SMIMECertificateIssuingCA $null");
    assert_eq!(
        org.ok("$null -eq (Get-SmimeConfig).SMIMECertificateIssuingCA"),
        "True\n"
    );
}

#[test]
fn the_state_file_is_readable_and_keeps_exchange_names() {
    let org = Org::new();
    org.ok("New-InboundConnector 'Partner In' -SenderDomains *.contoso.com -RequireTls $true -TlsSenderCertificateName mail.contoso.com -RestrictDomainsToCertificate $true | Out-Null");
    let text = String::from_utf8(org.bytes()).unwrap();
    for line in [
        "InboundConnectors:",
        "- Name: Partner In",
        "  SenderDomains:\n  - '*.contoso.com'",
        "  TlsSenderCertificateName: mail.contoso.com",
        "  RestrictDomainsToCertificate: true",
        "MobileDeviceMailboxPolicies:\n- Name: Default",
    ] {
        assert!(text.contains(line), "{line:?} missing from\n{text}");
    }
}
