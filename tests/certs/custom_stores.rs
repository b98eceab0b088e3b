//! Custom stores of the Cert: drive end to end, as the Certificate provider has them: New-Item
//! makes one under `Cert:\LocalMachine` (kept in the state, on the fast YAML path, absent from
//! the file when there is none), the certificate cmdlets use it like a standard store with
//! names compared case-insensitively, pwsh's refusals, and Remove-Item deleting it with its
//! certificates (`-Recurse`, `-WhatIf`, `-Confirm`).

use mailsec::model::OrgState;
use mailsec::{Session, SessionOptions};

use super::{Captured, Org, chain_sst};
use crate::support::ScratchDir;

/// A session whose state holds `Cert:\LocalMachine\CustomStore` with the Contoso chain (four
/// certificates, imported under another case of the name); the chain's thumbprints.
fn org_with_custom_store(label: &str) -> (Org, Vec<String>) {
    let mut org = Org::new(label);
    let dir = ScratchDir::new(&format!("{label}-files"));
    let (sst, certificates) = chain_sst(&dir);
    org.ok("$null = New-Item -Path Cert:\\LocalMachine\\CustomStore");
    assert_eq!(
        org.ok(&format!(
            "(Import-Certificate '{}' -CertStoreLocation Cert:\\LocalMachine\\customstore).Count",
            sst.display()
        )),
        "4\n"
    );
    let thumbprints = certificates
        .iter()
        .map(|c| c.thumbprint().to_string())
        .collect();
    (org, thumbprints)
}

fn state_text(org: &Org) -> String {
    String::from_utf8(org.state_bytes()).unwrap()
}

#[test]
fn new_item_makes_a_store_that_is_listed_and_kept_in_the_state() {
    let mut org = Org::new("certs-custom-new");
    // A store made and removed leaves no CertificateStores key: older files stay unchanged.
    org.ok(
        "$null = New-Item -Path Cert:\\LocalMachine\\Probe; Remove-Item Cert:\\LocalMachine\\Probe",
    );
    assert!(!state_text(&org).contains("CertificateStores"));
    // -WhatIf says what would be made and makes nothing.
    let before = org.state_bytes();
    assert_eq!(
        org.ok("New-Item -Path Cert:\\LocalMachine\\CustomStore -WhatIf"),
        "What if: Performing the operation \"Create store\" on target \"Item: LocalMachine\\CustomStore\".\n"
    );
    assert_eq!(org.state_bytes(), before);
    // New-Item returns the store; the location lists it after the standard stores.
    assert_eq!(
        org.ok(
            "$s = New-Item -Path Cert:\\LocalMachine\\CustomStore -ItemType Store; $s.Name; $s.Location"
        ),
        "CustomStore\nLocalMachine\n"
    );
    let standard_and_custom = "My,Root,CA,Disallowed,TrustedPublisher,CustomStore\n";
    assert_eq!(
        org.ok("(Get-ChildItem Cert:\\LocalMachine | ForEach-Object Name) -join ','"),
        standard_and_custom
    );
    assert_eq!(
        org.ok("(Get-Item Cert:\\LocalMachine).StoreNames -join ','"),
        standard_and_custom
    );
    assert_eq!(
        org.ok("(Get-Item cert:/localmachine/customstore).Name"),
        "CustomStore\n"
    );
    assert_eq!(
        org.ok("(Get-ChildItem Cert:\\CurrentUser | ForEach-Object Name) -join ','"),
        "My,Root,CA,Disallowed,TrustedPublisher\n"
    );
    // -Name joins the path; a relative name follows a Cert: location.
    org.ok("$null = New-Item -Path Cert:\\LocalMachine -Name Second");
    org.ok("Set-Location Cert:\\LocalMachine; $null = New-Item Third; Set-Location Cert:\\");
    // Kept in the state, read on the fast YAML path like the rest of it.
    let text = state_text(&org);
    assert!(
        text.contains(
            "CertificateStores:\n- Location: LocalMachine\n  Name: CustomStore\n- Location: LocalMachine\n  Name: Second\n- Location: LocalMachine\n  Name: Third\n"
        ),
        "{text}"
    );
    let fast: OrgState =
        mailsec::store::fast_document::read_fast(&text, std::marker::PhantomData::<OrgState>)
            .expect("the fast YAML path reads the state");
    assert_eq!(fast, serde_yaml::from_str::<OrgState>(&text).unwrap());
    assert_eq!(fast.certificate_stores.len(), 3);
}

#[test]
fn the_certificate_cmdlets_use_a_custom_store_like_a_standard_one() {
    let (mut org, thumbprints) = org_with_custom_store("certs-custom-use");
    let [a, b] = [&thumbprints[0], &thumbprints[1]];
    assert_eq!(
        org.ok("@(Get-ChildItem Cert:\\LocalMachine\\CUSTOMSTORE).Count"),
        "4\n"
    );
    assert_eq!(
        org.ok(&format!(
            "(Get-ChildItem Cert:\\LocalMachine\\CustomStore\\{a}).PSParentPath"
        )),
        "Microsoft.PowerShell.Security\\Certificate::LocalMachine\\CustomStore\n"
    );
    org.ok(&format!(
        "Move-Item Cert:\\LocalMachine\\CustomStore\\{a} -Destination Cert:\\LocalMachine\\Root"
    ));
    org.ok(&format!(
        "Move-Item Cert:\\LocalMachine\\Root\\{a} -Destination cert:\\localmachine\\customstore"
    ));
    assert_eq!(
        org.ok(
            "@(Get-ChildItem Cert:\\LocalMachine\\Root).Count; @(Get-ChildItem Cert:\\ -Recurse | Where-Object Thumbprint).Count"
        ),
        "0\n4\n"
    );
    org.ok(&format!(
        "Remove-Item Cert:\\LocalMachine\\CustomStore\\{b}"
    ));
    // Export reads it too.
    let sst = org.dir.path().join("custom.sst");
    org.ok(&format!(
        "Get-ChildItem Cert:\\LocalMachine\\CustomStore | Export-Certificate -FilePath '{}' -Type SST",
        sst.display()
    ));
    let exported = mailsec::pki::decode_any(&std::fs::read(&sst).unwrap()).unwrap();
    assert_eq!(exported.len(), 3);
    // A new session on the same state file sees the store and what it holds.
    let host = Captured::default();
    let options = SessionOptions {
        state_path: Some(org.dir.path().join("state.yaml")),
    };
    let session = Session::new(Box::new(host.clone()), options);
    let mut again = Org {
        dir: ScratchDir::new("certs-custom-use-again"),
        host,
        session,
    };
    assert_eq!(
        again.ok("@(Get-ChildItem Cert:\\LocalMachine\\CustomStore).Count"),
        "3\n"
    );
}

#[test]
fn bad_names_existing_stores_and_other_locations_are_refused_as_pwsh_does() {
    let (mut org, _) = org_with_custom_store("certs-custom-refusals");
    let before = org.state_bytes();
    for (script, expected) in [
        (
            "New-Item Cert:\\LocalMachine\\customSTORE",
            "Cert:\\LocalMachine\\CustomStore already exists",
        ),
        (
            "New-Item Cert:\\LocalMachine\\root",
            "Cert:\\LocalMachine\\Root already exists",
        ),
        (
            "New-Item Cert:\\CurrentUser\\Mine",
            "only under Cert:\\LocalMachine",
        ),
        ("New-Item Cert:\\LocalMachine\\CA\\ABCD", "stores only"),
        ("New-Item Cert:\\LocalMachine", "stores only"),
        ("New-Item Cert:\\Nowhere\\X", "does not exist"),
        (
            "New-Item Cert:\\LocalMachine -Name 'a\\b'",
            "cannot contain '\\'",
        ),
        (
            "New-Item Cert:\\LocalMachine -Name 'a/b'",
            "cannot contain '/'",
        ),
        ("New-Item Cert:\\LocalMachine -Name ''", "cannot be empty"),
        (
            "New-Item 'Cert:\\LocalMachine\\Web*'",
            "wildcard character '*'",
        ),
        (
            "New-Item 'Cert:\\LocalMachine\\W?b'",
            "wildcard character '?'",
        ),
        (
            "New-Item 'Cert:\\LocalMachine\\[x]'",
            "wildcard character '['",
        ),
        (
            "Import-Certificate x.cer -CertStoreLocation Cert:\\CurrentUser\\CustomStore",
            "does not exist",
        ),
        (
            "New-SelfSignedCertificate -DnsName x.example -CertStoreLocation Cert:\\LocalMachine\\CustomStore",
            "only in Cert:\\CurrentUser\\My or Cert:\\LocalMachine\\My",
        ),
        (
            "Remove-Item Cert:\\LocalMachine\\My",
            "Cannot remove the system store 'My'",
        ),
        (
            "Remove-Item Cert:\\CurrentUser\\Root",
            "only under Cert:\\LocalMachine",
        ),
        ("Remove-Item Cert:\\LocalMachine", "is a store location"),
        (
            "Remove-Item Cert:\\LocalMachine\\CustomStore",
            "holds 4 certificate(s) and -Recurse was not given",
        ),
    ] {
        let (_, errors) = org.run(script);
        assert!(errors.contains(expected), "{script}\n{errors}");
    }
    assert_eq!(org.state_bytes(), before, "a refusal changes nothing");
}

#[test]
fn remove_item_deletes_a_custom_store_with_its_certificates() {
    let (mut org, _) = org_with_custom_store("certs-custom-remove");
    // -WhatIf says what would go and keeps everything; -Confirm without a terminal refuses.
    let before = org.state_bytes();
    let output = org.ok("Remove-Item Cert:\\LocalMachine\\CustomStore -Recurse -WhatIf");
    assert_eq!(
        output.matches("\"Remove certificate\"").count(),
        4,
        "{output}"
    );
    assert!(
        output.ends_with(
            "What if: Performing the operation \"Remove store\" on target \"Item: LocalMachine\\CustomStore\".\n"
        ),
        "{output}"
    );
    assert_eq!(org.state_bytes(), before);
    let (_, errors) = org.run("Remove-Item Cert:\\LocalMachine\\CustomStore -Recurse -Confirm");
    assert!(errors.contains("-Confirm:$false"), "{errors}");
    assert_eq!(org.state_bytes(), before);
    // -Recurse removes the store and its certificates.
    org.ok("Remove-Item cert:\\localmachine\\customstore -Recurse");
    assert_eq!(
        org.ok(
            "@(Get-ChildItem Cert:\\LocalMachine).Count; @(Get-ChildItem Cert:\\ -Recurse | Where-Object Thumbprint).Count"
        ),
        "5\n0\n"
    );
    let (_, errors) = org.run("Get-ChildItem Cert:\\LocalMachine\\CustomStore");
    assert!(errors.contains("does not exist"), "{errors}");
    // Made again under the same name, it starts empty; empty, it goes without -Recurse.
    org.ok("$null = New-Item Cert:\\LocalMachine -Name CustomStore");
    assert_eq!(
        org.ok("@(Get-ChildItem Cert:\\LocalMachine\\CustomStore).Count"),
        "0\n"
    );
    org.ok("Remove-Item Cert:\\LocalMachine\\CustomStore");
    assert!(!state_text(&org).contains("CertificateStores"));
}
