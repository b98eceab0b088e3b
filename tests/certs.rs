//! The Cert: drive and the S/MIME CA collection end to end, through `mailsec::Session` with a
//! state file in a scratch directory: the seed's Export-Certificate → Set-SmimeConfig lines
//! after one New-PSDrive (CA certificates made by openssl), the expired-CA refusal leaving the
//! state byte-identical, the unmapped-drive error, and the Windows-made store imported into
//! `Cert:\LocalMachine\Disallowed`. A missing `openssl` or fixture skips loudly (fails under CI).

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use mailsec::engine::Host;
use mailsec::pki;
use mailsec::syntax::Source;
use mailsec::{Session, SessionOptions};

use crate::support::{ScratchDir, crate_root, openssl, skip};

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
