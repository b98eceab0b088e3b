//! The Cert: drive and the S/MIME CA collection end to end, through `mailsec::Session` with a
//! state file in a scratch directory: the seed's Export-Certificate → Set-SmimeConfig lines
//! after one New-PSDrive (CA certificates made by openssl), the expired-CA refusal leaving the
//! state byte-identical, the unmapped-drive error, and the Windows-made store imported into
//! `Cert:\LocalMachine\Disallowed`. A missing `openssl` or fixture skips loudly (fails under CI).
//! Custom stores (New-Item, Remove-Item of a store) are in `custom_stores`.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use mailsec::engine::Host;
use mailsec::pki;
use mailsec::syntax::Source;
use mailsec::{Session, SessionOptions};

use crate::support::{ScratchDir, crate_root, openssl, skip};

mod custom_stores;

/// A host keeping what a script writes.
#[derive(Clone, Default)]
struct Captured {
    output: Rc<RefCell<String>>,
    errors: Rc<RefCell<String>>,
}

impl Host for Captured {
    fn write_output(&mut self, text: &str) {
        self.output.borrow_mut().push_str(text);
    }

    fn write_error(&mut self, text: &str) {
        self.errors.borrow_mut().push_str(text);
    }
}

/// One session with its state file in a scratch directory.
struct Org {
    dir: ScratchDir,
    host: Captured,
    session: Session,
}

impl Org {
    fn new(label: &str) -> Org {
        let dir = ScratchDir::new(label);
        let host = Captured::default();
        let options = SessionOptions {
            state_path: Some(dir.path().join("state.yaml")),
        };
        let session = Session::new(Box::new(host.clone()), options);
        Org { dir, host, session }
    }

    /// Run `script`: (stdout, stderr) of this run only.
    fn run(&mut self, script: &str) -> (String, String) {
        self.host.output.borrow_mut().clear();
        self.host.errors.borrow_mut().clear();
        let source = Source::new("<test>", script);
        if let Err(error) = self.session.run(&source, Vec::new()) {
            self.host
                .errors
                .borrow_mut()
                .push_str(&format!("terminating: {error}\n"));
        }
        let output = self.host.output.borrow().clone();
        let errors = self.host.errors.borrow().clone();
        (output, errors)
    }

    /// Run `script`, which must write no error; its output.
    fn ok(&mut self, script: &str) -> String {
        let (output, errors) = self.run(script);
        assert!(errors.is_empty(), "{script}\nerrors: {errors}");
        output
    }

    fn state_bytes(&self) -> Vec<u8> {
        std::fs::read(self.dir.path().join("state.yaml")).unwrap_or_default()
    }
}

/// A root and an intermediate CA made by openssl (EC keys, quick): their PEM paths.
fn make_cas(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    std::fs::write(
        dir.join("ext.cnf"),
        "[ca]\nbasicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n",
    )
    .ok()?;
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    let mut root = vec!["req", "-x509"];
    root.extend(ec);
    root.extend([
        "-keyout",
        "root.key",
        "-subj",
        "/O=Tailspin/CN=Tailspin Root",
        "-days",
        "3650",
        "-out",
        "root.pem",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
    ]);
    openssl(dir, &root)?;
    let mut request = vec!["req", "-new"];
    request.extend(ec);
    request.extend([
        "-keyout",
        "inter.key",
        "-subj",
        "/O=Tailspin/CN=Tailspin Issuing CA",
        "-out",
        "inter.csr",
    ]);
    openssl(dir, &request)?;
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "inter.csr",
            "-CA",
            "root.pem",
            "-CAkey",
            "root.key",
            "-CAcreateserial",
            "-days",
            "1825",
            "-extfile",
            "ext.cnf",
            "-extensions",
            "ca",
            "-out",
            "inter.pem",
        ],
    )?;
    Some((dir.join("root.pem"), dir.join("inter.pem")))
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

#[test]
fn the_seed_lines_export_the_ca_store_and_upload_it() {
    let mut org = Org::new("certs-seed");
    let cas = ScratchDir::new("certs-openssl");
    let Some((root, inter)) = make_cas(cas.path()) else {
        return;
    };
    let drive = ScratchDir::new("certs-drive");
    std::fs::create_dir_all(drive.path().join("My Documents")).unwrap();
    org.ok(&format!(
        "$null = Import-Certificate -FilePath '{}' -CertStoreLocation Cert:\\LocalMachine\\CA\n$null = Import-Certificate '{}' -CertStoreLocation cert:/localmachine/ca",
        root.display(),
        inter.display()
    ));
    let thumbprints = lines(&org.ok("(Get-ChildItem Cert:\\LocalMachine\\CA).Thumbprint"));
    assert_eq!(thumbprints.len(), 2);
    let seed = format!(
        "New-PSDrive -Name C -PSProvider FileSystem -Root '{}' | Out-Null\n\
         Get-ChildItem -Path cert:\\LocalMachine\\CA | Export-Certificate -FilePath \"C:\\My Documents\\Exported Certificate Store.sst\" -Type SST\n\
         Set-SmimeConfig -SMIMECertificateIssuingCA ([System.IO.File]::ReadAllBytes('C:\\My Documents\\Exported Certificate Store.sst'))",
        drive.path().display()
    );
    let output = org.ok(&seed);
    assert!(
        output.contains("Exported Certificate Store.sst"),
        "{output}"
    );
    let file = drive
        .path()
        .join("My Documents/Exported Certificate Store.sst");
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(pki::detect(&bytes), pki::Format::Sst);
    let written: Vec<String> = pki::decode_any(&bytes)
        .unwrap()
        .iter()
        .map(|c| c.thumbprint().to_string())
        .collect();
    assert_eq!(written, thumbprints, "the SST keeps pipeline order");
    // Re-import the SST elsewhere: same certificates, same order.
    let again = lines(&org.ok(
        "(Import-Certificate 'C:\\My Documents\\Exported Certificate Store.sst' -CertStoreLocation Cert:\\CurrentUser\\CA).Thumbprint",
    ));
    assert_eq!(again, thumbprints);
    // The state keeps the uploaded bytes and Get-SmimeConfig lists the collection.
    assert_eq!(
        org.ok("(Get-SmimeConfig).SMIMECertificateIssuingCA.Count"),
        format!("{}\n", bytes.len())
    );
    let shown =
        lines(&org.ok(
            "(Get-SmimeConfig).SMIMECertificateIssuingCACertificates | ForEach-Object Thumbprint",
        ));
    assert_eq!(shown, thumbprints);
    let subjects = org.ok("(Get-SmimeConfig).SMIMECertificateIssuingCACertificates.Subject");
    assert!(subjects.contains("CN=Tailspin Issuing CA"), "{subjects}");
}

#[test]
fn an_expired_ca_refuses_the_whole_collection_and_changes_nothing() {
    let mut org = Org::new("certs-expired");
    org.ok("Set-SmimeConfig -OWAAlwaysSign $true");
    let before = org.state_bytes();
    let pem = std::fs::read(crate_root().join("src/pki/testdata/contoso-chain.pem")).unwrap();
    let certificates = pki::decode_any(&pem).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let expired: Vec<_> = certificates
        .iter()
        .filter(|c| c.is_expired_at(now))
        .collect();
    assert!(!expired.is_empty(), "the test chain has expired leaves");
    let dir = ScratchDir::new("certs-expired-file");
    let sst = dir.file("chain.sst", pki::sst::encode(&certificates).unwrap());
    let (_, errors) = org.run(&format!(
        "Set-SmimeConfig -SMIMECertificateIssuingCA ([System.IO.File]::ReadAllBytes('{}'))",
        sst.display()
    ));
    assert!(errors.contains("refused"), "{errors}");
    for certificate in &expired {
        assert!(
            errors.contains(&certificate.thumbprint().to_string()),
            "{errors}"
        );
    }
    assert_eq!(org.state_bytes(), before, "the state is byte-identical");
    assert_eq!(
        org.ok("$null -eq (Get-SmimeConfig).SMIMECertificateIssuingCA"),
        "True\n"
    );
}

#[test]
fn a_windows_path_without_a_drive_says_how_to_map_it() {
    let mut org = Org::new("certs-nodrive");
    let (_, errors) = org.run("[System.IO.File]::ReadAllBytes('Z:\\My Documents\\x.sst')");
    assert!(
        errors.contains("New-PSDrive -Name Z -PSProvider FileSystem -Root"),
        "{errors}"
    );
    let (_, errors) = org.run(
        "Get-ChildItem Cert:\\LocalMachine\\CA | Export-Certificate -FilePath 'Z:\\out.sst' -Type SST; Import-Certificate 'Z:\\in.sst' -CertStoreLocation Cert:\\LocalMachine\\CA",
    );
    assert_eq!(errors.matches("New-PSDrive -Name Z").count(), 1, "{errors}");
}

#[test]
fn the_windows_disallowed_store_imports_into_the_cert_drive() {
    let fixture = crate_root().join("../shared/fixtures/windows/disallowedcert.sst");
    if !fixture.exists() {
        skip(&format!("Windows fixture {} is missing", fixture.display()));
        return;
    }
    let mut org = Org::new("certs-disallowed");
    let imported = org.ok(&format!(
        "(Import-Certificate -FilePath '{}' -CertStoreLocation Cert:\\LocalMachine\\Disallowed).Count",
        fixture.display()
    ));
    assert_eq!(imported, "71\n");
    // Importing again adds nothing (deduplicated by thumbprint).
    org.ok(&format!(
        "$null = Import-Certificate '{}' -CertStoreLocation Cert:\\LocalMachine\\Disallowed",
        fixture.display()
    ));
    assert_eq!(
        org.ok("@(Get-ChildItem cert:\\localmachine\\disallowed).Count"),
        "71\n"
    );
    let first = org.ok("(Get-ChildItem Cert:\\LocalMachine\\Disallowed)[0].PSParentPath");
    assert_eq!(
        first,
        "Microsoft.PowerShell.Security\\Certificate::LocalMachine\\Disallowed\n"
    );
    let thumbprint = org.ok("(Get-ChildItem Cert:\\LocalMachine\\Disallowed)[0].Thumbprint");
    let one = org.ok(&format!(
        "@(Get-ChildItem Cert:/LocalMachine/Disallowed/{}).Count",
        thumbprint.trim().to_lowercase()
    ));
    assert_eq!(one, "1\n");
    let text = String::from_utf8(org.state_bytes()).unwrap();
    assert!(
        text.contains("Location: LocalMachine"),
        "certificates are in the state"
    );
    assert!(!text.contains("PRIVATE KEY"));
}

#[test]
fn the_cert_drive_lists_filters_gets_and_exports() {
    let mut org = Org::new("certs-drive-ops");
    let pem = std::fs::read(crate_root().join("src/pki/testdata/contoso-chain.pem")).unwrap();
    let certificates = pki::decode_any(&pem).unwrap();
    let dir = ScratchDir::new("certs-drive-files");
    let sst = dir.file("chain.sst", pki::sst::encode(&certificates).unwrap());
    let imported = org.ok(&format!(
        "(Import-Certificate '{}' -CertStoreLocation Cert:\\CurrentUser\\My).Count",
        sst.display()
    ));
    assert_eq!(imported, "4\n");
    assert_eq!(org.ok("@(Get-ChildItem Cert:\\ -Recurse).Count"), "16\n");
    assert_eq!(
        org.ok("(Get-ChildItem Cert:\\CurrentUser\\My -EKU 'Secure Email').Subject"),
        format!("{}\n", certificates[2].subject())
    );
    assert_eq!(
        org.ok("(Get-ChildItem Cert:\\ -Recurse -DnsName 'smtp.contoso.com').Subject"),
        "CN=smtp.contoso.com\n"
    );
    let thumbprint = certificates[1].thumbprint().to_string();
    assert_eq!(
        org.ok(&format!(
            "(Get-Item Cert:\\CurrentUser\\My\\{thumbprint}).Subject"
        )),
        format!("{}\n", certificates[1].subject())
    );
    let (_, errors) = org.run(&format!(
        "Get-ChildItem Cert:\\CurrentUser\\My | Export-Certificate -FilePath '{}' -Type CERT",
        dir.path().join("x.cer").display()
    ));
    assert!(
        errors.contains("-Type CERT holds one certificate"),
        "{errors}"
    );
    assert!(!dir.path().join("x.cer").exists());
    let p7b = dir.path().join("chain.p7b");
    org.ok(&format!(
        "$null = Get-ChildItem Cert:\\CurrentUser\\My | Export-Certificate -FilePath '{}' -Type P7B",
        p7b.display()
    ));
    let back = pki::decode_any(&std::fs::read(&p7b).unwrap()).unwrap();
    assert_eq!(back.len(), 4);
    let (_, errors) = org.run(&format!(
        "Export-Certificate -Cert Cert:\\CurrentUser\\My -FilePath '{}' -NoClobber",
        p7b.display()
    ));
    assert!(errors.contains("already exists"), "{errors}");
}

/// The Contoso test chain as an SST in `dir`, and its certificates.
fn chain_sst(dir: &ScratchDir) -> (PathBuf, Vec<pki::Certificate>) {
    let pem = std::fs::read(crate_root().join("src/pki/testdata/contoso-chain.pem")).unwrap();
    let certificates = pki::decode_any(&pem).unwrap();
    let sst = dir.file("chain.sst", pki::sst::encode(&certificates).unwrap());
    (sst, certificates)
}

#[test]
fn set_location_moves_into_the_cert_drive_and_relative_paths_follow() {
    let mut org = Org::new("certs-location");
    let dir = ScratchDir::new("certs-location-files");
    let (_, certificates) = chain_sst(&dir);
    // A relative file path resolves against the directory Set-Location chose.
    org.ok(&format!("Set-Location '{}'", dir.path().display()));
    assert_eq!(
        org.ok("(Get-Location).Path"),
        format!("{}\n", dir.path().display())
    );
    org.ok("Set-Location Cert:\\CurrentUser\\My");
    assert_eq!(org.ok("(Import-Certificate chain.sst).Count"), "4\n");
    assert_eq!(org.ok("@(Get-ChildItem).Count"), "4\n");
    assert_eq!(
        org.ok("Get-Location"),
        "\nPath\n----\nCert:\\CurrentUser\\My\n\n"
    );
    org.ok("Set-Location ..");
    assert_eq!(org.ok("(Get-Location).Path"), "Cert:\\CurrentUser\n");
    assert_eq!(
        org.ok("(Get-ChildItem | ForEach-Object Name) -join ','"),
        "My,Root,CA,Disallowed,TrustedPublisher\n"
    );
    let thumbprint = certificates[0].thumbprint().to_string();
    assert_eq!(
        org.ok(&format!("(Get-Item My\\{thumbprint}).Subject")),
        format!("{}\n", certificates[0].subject())
    );
    // The state still says where things are from the drive root.
    org.ok("Set-Location Cert:\\");
    assert_eq!(org.ok("@(Get-ChildItem -Recurse).Count"), "16\n");
    let (_, errors) = org.run(&format!(
        "Set-Location CurrentUser\\My\\{thumbprint}; Set-Location Cert:\\Nowhere; Set-Location '{}'",
        dir.path().join("missing").display()
    ));
    assert!(errors.contains("not a container"), "{errors}");
    assert!(
        errors.contains("Cannot find path 'Cert:\\Nowhere'"),
        "{errors}"
    );
    assert!(
        errors.contains("missing' because it does not exist"),
        "{errors}"
    );
    assert_eq!(org.ok("(Get-Location).Path"), "Cert:\\\n");
    // Push-Location remembers only when the move succeeds; Pop-Location goes back.
    org.ok("Push-Location Cert:\\LocalMachine\\CA");
    let (_, errors) = org.run("Push-Location Cert:\\Nowhere");
    assert!(errors.contains("does not exist"), "{errors}");
    assert_eq!(
        org.ok("Pop-Location -PassThru | ForEach-Object Path"),
        "Cert:\\\n"
    );
}

#[test]
fn remove_item_and_move_item_change_the_stores_as_the_provider_does() {
    let mut org = Org::new("certs-remove-move");
    let dir = ScratchDir::new("certs-remove-move-files");
    let (sst, certificates) = chain_sst(&dir);
    org.ok(&format!(
        "$null = Import-Certificate '{}' -CertStoreLocation Cert:\\LocalMachine\\Root",
        sst.display()
    ));
    let [a, b] = [0, 1].map(|i| certificates[i].thumbprint().to_string());
    // -WhatIf changes nothing and says what would go.
    let before = org.state_bytes();
    let output = org.ok(&format!(
        "Remove-Item Cert:\\LocalMachine\\Root\\{a} -WhatIf"
    ));
    assert!(
        output.starts_with(&format!(
            "What if: Performing the operation \"Remove certificate\" on target \"Item: LocalMachine\\Root\\{a} ("
        )),
        "{output}"
    );
    assert_eq!(org.state_bytes(), before);
    // Without a terminal, -Confirm refuses rather than guessing yes.
    let (_, errors) = org.run(&format!(
        "Remove-Item Cert:\\LocalMachine\\Root\\{a} -Confirm"
    ));
    assert!(errors.contains("-Confirm:$false"), "{errors}");
    assert_eq!(org.state_bytes(), before);
    assert_eq!(
        org.ok(&format!(
            "Test-Path Cert:\\LocalMachine\\Root\\{a} -PathType Leaf"
        )),
        "True\n"
    );
    org.ok(&format!("Remove-Item Cert:\\LocalMachine\\Root\\{a}"));
    assert_eq!(
        org.ok("@(Get-ChildItem Cert:\\LocalMachine\\Root).Count"),
        "3\n"
    );
    assert_eq!(
        org.ok(&format!(
            "Test-Path Cert:\\LocalMachine\\Root\\{a}; Test-Path Cert:\\LocalMachine\\Root -PathType Container; Test-Path Cert:\\LocalMachine\\Nope"
        )),
        "False\nTrue\nFalse\n"
    );
    // Moves stay within a store location; piped certificates bind by PSPath.
    let (_, errors) = org.run(&format!(
        "Move-Item Cert:\\LocalMachine\\Root\\{b} -Destination Cert:\\CurrentUser\\CA"
    ));
    assert!(errors.contains("same store location"), "{errors}");
    org.ok(&format!(
        "Get-ChildItem Cert:\\LocalMachine\\Root | Where-Object Thumbprint -ne '{b}' | Move-Item -Destination Cert:\\LocalMachine\\CA"
    ));
    assert_eq!(
        org.ok("@(Get-ChildItem Cert:\\LocalMachine\\CA).Count"),
        "2\n"
    );
    assert_eq!(
        org.ok("(Get-ChildItem Cert:\\LocalMachine\\Root).Thumbprint"),
        format!("{b}\n")
    );
    // Wildcards in the thumbprint; a store itself is not removed.
    org.ok("Remove-Item Cert:\\LocalMachine\\CA\\*");
    assert_eq!(
        org.ok("@(Get-ChildItem Cert:\\LocalMachine\\CA).Count"),
        "0\n"
    );
    let (_, errors) = org.run("Remove-Item Cert:\\LocalMachine\\CA");
    assert!(
        errors.contains("Cannot remove the system store 'CA'"),
        "{errors}"
    );
    let (_, errors) = org.run(&format!("Remove-Item Cert:\\LocalMachine\\CA\\{a}"));
    assert!(errors.contains("does not exist"), "{errors}");
}

#[test]
fn remove_item_delete_key_deletes_the_private_key_too() {
    let mut org = Org::new("certs-delete-key");
    let thumbprints = org.ok(
        "$a = New-SelfSignedCertificate -DnsName a.contoso.example -KeyAlgorithm ECDSA_nistP256 -CertStoreLocation Cert:\\CurrentUser\\My\n\
         $b = New-SelfSignedCertificate -DnsName b.contoso.example -KeyAlgorithm ECDSA_nistP256 -CertStoreLocation Cert:\\CurrentUser\\My\n\
         $a.Thumbprint; $b.Thumbprint",
    );
    let [a, b]: [&str; 2] = thumbprints.lines().collect::<Vec<_>>().try_into().unwrap();
    let keys = org.dir.path().join("keys");
    org.ok(&format!(
        "Get-Item Cert:\\CurrentUser\\My\\{a} | Remove-Item"
    ));
    assert!(
        keys.join(format!("{a}.key")).exists(),
        "without -DeleteKey the key stays"
    );
    org.ok(&format!(
        "Remove-Item Cert:\\CurrentUser\\My\\{b} -DeleteKey"
    ));
    assert!(!keys.join(format!("{b}.key")).exists());
    assert_eq!(
        org.ok("@(Get-ChildItem Cert:\\CurrentUser\\My).Count"),
        "0\n"
    );
}

#[test]
fn new_item_and_remove_item_handle_files() {
    let mut org = Org::new("certs-new-item");
    let dir = ScratchDir::new("certs-new-item-files");
    let root = dir.path().display().to_string();
    org.ok(&format!(
        "$null = New-Item -ItemType Directory -Path '{root}/sub'; $null = New-Item -Path '{root}/sub' -Name a.txt -Value 'hi'"
    ));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sub/a.txt")).unwrap(),
        "hi"
    );
    let (_, errors) = org.run(&format!("Remove-Item '{root}/sub'"));
    assert!(errors.contains("-Recurse"), "{errors}");
    org.ok(&format!("Remove-Item '{root}/sub' -Recurse"));
    assert!(!dir.path().join("sub").exists());
}
