//! New-SelfSignedCertificate end to end: a lab root CA, an intermediate it signs and an S/MIME
//! user certificate the intermediate signs, all made inside mailsec; OpenSSL verifies the chain
//! (a missing `openssl` skips loudly, and fails under `CI=true`); private keys live only in the
//! key directory (0600), never in the state file; `-WhatIf` creates nothing.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use mailsec::engine::Host;
use mailsec::pki::{self, Certificate};
use mailsec::syntax::Source;
use mailsec::{Session, SessionOptions};

use crate::support::{ScratchDir, openssl_output, self_signed_args};

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

/// Run `script` with its state in `dir/state.yaml`; its output (errors fail the test).
fn run(dir: &Path, script: &str) -> String {
    let host = Captured::default();
    let options = SessionOptions {
        state_path: Some(dir.join("state.yaml")),
    };
    let mut session = Session::new(Box::new(host.clone()), options);
    let result = session.run(&Source::new("<selfsigned>", script), Vec::new());
    let errors = host.errors.borrow().clone();
    assert!(result.is_ok() && errors.is_empty(), "{result:?}\n{errors}");
    host.output.borrow().clone()
}

const CHAIN_SCRIPT: &str = r#"
$root = New-SelfSignedCertificate -Subject 'CN=Lab Root CA, O=Contoso, C=US' -Type Custom -KeyUsage CertSign,CRLSign -TextExtension '2.5.29.19={text}CA=1' -KeyAlgorithm ECDSA_nistP384 -NotAfter '2035-01-01'
$inter = New-SelfSignedCertificate -Subject 'CN=Lab Issuing CA, O=Contoso, C=US' -Signer $root -Type Custom -KeyUsage CertSign,CRLSign -TextExtension '2.5.29.19={text}CA=1&pathlength=0'
$user = New-SelfSignedCertificate -Subject 'CN=Alice' -Signer "Cert:\LocalMachine\My\$($inter.Thumbprint)" -Type Custom -KeyUsage DigitalSignature,KeyEncipherment -TextExtension '2.5.29.37={text}1.3.6.1.5.5.7.3.4','2.5.29.17={text}email=alice@contoso.com' -CertStoreLocation Cert:\CurrentUser\My -FriendlyName 'Alice S/MIME'
Export-Certificate -Cert $root -FilePath "DIR/root.cer" | Out-Null
Export-Certificate -Cert $inter -FilePath "DIR/inter.cer" | Out-Null
Export-Certificate -Cert $user -FilePath "DIR/user.cer" | Out-Null
$user.HasPrivateKey
$user.Thumbprint
$user.Issuer
@(Get-ChildItem Cert:\LocalMachine\My).Count
(Get-ChildItem Cert:\CurrentUser\My).HasPrivateKey
"#;

fn read_cer(dir: &Path, name: &str) -> Certificate {
    let bytes = std::fs::read(dir.join(name)).unwrap();
    pki::decode_any(&bytes).unwrap().remove(0)
}

#[test]
fn a_lab_chain_made_in_mailsec_verifies_and_keeps_keys_private() {
    let dir = ScratchDir::new("selfsigned-chain");
    let script = CHAIN_SCRIPT.replace("DIR", &dir.path().display().to_string());
    let output = run(dir.path(), &script);
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), 5, "{output}");
    assert_eq!(lines[0], "True");
    let thumbprint = lines[1];
    assert_eq!(lines[2], "CN=Lab Issuing CA, O=Contoso, C=US");
    assert_eq!(lines[3], "2");
    assert_eq!(lines[4], "True");

    let [root, inter, user] =
        ["root.cer", "inter.cer", "user.cer"].map(|n| read_cer(dir.path(), n));
    assert!(root.is_self_signed() && root.is_ca());
    assert!(inter.is_ca() && !inter.is_self_signed());
    assert_eq!(user.email_addresses(), ["alice@contoso.com"]);
    assert!(user.allows_purpose("1.3.6.1.5.5.7.3.4"));
    assert_eq!(
        user.authority_key_identifier(),
        inter.subject_key_identifier()
    );
    assert_eq!(user.thumbprint().to_string(), thumbprint);

    let key = dir.path().join("keys").join(format!("{thumbprint}.key"));
    let pem = std::fs::read_to_string(&key).unwrap();
    assert!(pem.contains("BEGIN PRIVATE KEY"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&key), 0o600);
        assert_eq!(mode(&dir.path().join("keys")), 0o700);
    }
    let state = std::fs::read_to_string(dir.path().join("state.yaml")).unwrap();
    assert!(!state.contains("PRIVATE KEY"), "{state}");
    assert!(state.contains("HasPrivateKey: true"), "{state}");

    for (name, certificate) in [
        ("root.pem", &root),
        ("inter.pem", &inter),
        ("user.pem", &user),
    ] {
        dir.file(name, pki::pem::encode(std::slice::from_ref(certificate)));
    }
    let verify = openssl_output(
        dir.path(),
        &[
            "verify",
            "-CAfile",
            "root.pem",
            "-untrusted",
            "inter.pem",
            "user.pem",
        ],
    );
    if let Some((ok, out)) = verify {
        assert!(ok, "openssl verify refused the chain: {out}");
    }
}

#[test]
fn what_if_creates_nothing_and_a_weak_rsa_length_says_why() {
    let dir = ScratchDir::new("selfsigned-whatif");
    let output = run(
        dir.path(),
        "New-SelfSignedCertificate -DnsName mail.contoso.com -WhatIf; @(Get-ChildItem Cert:\\LocalMachine\\My).Count",
    );
    assert_eq!(
        output,
        "What if: Creating a certificate for 'CN=mail.contoso.com' in Cert:\\LocalMachine\\My.\n0\n"
    );
    assert!(!dir.path().join("keys").exists());

    let output = run(
        dir.path(),
        "try { New-SelfSignedCertificate -DnsName x.contoso.com -KeyAlgorithm RSA -KeyLength 1024 } catch { $_.Exception.Message }",
    );
    assert!(output.contains("from 2048 to 8192"), "{output}");
    assert!(!dir.path().join("keys").exists());
}

/// Run `script` in a session with its state in `dir`: (output, errors), errors allowed.
fn run_with_errors(dir: &Path, script: &str) -> (String, String) {
    let host = Captured::default();
    let options = SessionOptions {
        state_path: Some(dir.join("state.yaml")),
    };
    let mut session = Session::new(Box::new(host.clone()), options);
    if let Err(error) = session.run(&Source::new("<pfx>", script), Vec::new()) {
        host.errors
            .borrow_mut()
            .push_str(&format!("terminating: {error}\n"));
    }
    let output = host.output.borrow().clone();
    let errors = host.errors.borrow().clone();
    (output, errors)
}

/// `openssl pkcs12 -info -nodes` on `file` in `dir` with `password`: (success, what it says);
/// `None` (after a loud skip) when openssl cannot run.
fn pkcs12_info(dir: &Path, file: &str, password: &str) -> Option<(bool, String)> {
    let passin = format!("pass:{password}");
    openssl_output(
        dir,
        &["pkcs12", "-info", "-in", file, "-passin", &passin, "-nodes"],
    )
}

const PFX_SCRIPT: &str = r#"
$root = New-SelfSignedCertificate -Subject 'CN=Pfx Root CA' -Type Custom -KeyUsage CertSign,CRLSign -TextExtension '2.5.29.19={text}CA=1'
$user = New-SelfSignedCertificate -Subject 'CN=Bob' -Signer $root -Type Custom -TextExtension '2.5.29.37={text}1.3.6.1.5.5.7.3.4' -CertStoreLocation Cert:\CurrentUser\My -FriendlyName 'Bob S/MIME'
$password = ConvertTo-SecureString -String 'Pfx-s3cret 42' -AsPlainText -Force
$password
(Export-PfxCertificate -Cert "Cert:\CurrentUser\My\$($user.Thumbprint)" -FilePath 'DIR/bob.pfx' -Password $password).Name
$user | Export-PfxCertificate -FilePath 'DIR/bob-3des.pfx' -Password $password -ChainOption EndEntityCertOnly -CryptoAlgorithmOption TripleDES_SHA1 | Out-Null
$user.Thumbprint
"#;

#[test]
fn export_pfx_certificate_writes_a_protected_pkcs12_openssl_reads() {
    let dir = ScratchDir::new("selfsigned-pfx");
    let script = PFX_SCRIPT.replace("DIR", &dir.path().display().to_string());
    let output = run(dir.path(), &script);
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(
        lines[..2],
        ["System.Security.SecureString", "bob.pfx"],
        "{output}"
    );
    let thumbprint = lines[2];
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("bob.pfx"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let Some((ok, info)) = pkcs12_info(dir.path(), "bob.pfx", "Pfx-s3cret 42") else {
        return;
    };
    assert!(ok, "{info}");
    assert!(info.contains("BEGIN PRIVATE KEY"), "{info}");
    assert!(
        info.contains("subject=CN = Bob") || info.contains("subject=CN=Bob"),
        "{info}"
    );
    assert_eq!(
        info.matches("BEGIN CERTIFICATE").count(),
        2,
        "the chain is in: {info}"
    );
    assert!(info.contains("friendlyName: Bob S/MIME"), "{info}");
    assert!(info.contains("AES-256-CBC"), "{info}");
    let key =
        std::fs::read_to_string(dir.path().join("keys").join(format!("{thumbprint}.key"))).unwrap();
    let body: String = key.lines().filter(|l| !l.starts_with("-----")).collect();
    assert!(
        info.replace('\n', "").contains(&body),
        "the exported key is the stored one"
    );

    let (ok, wrong) = pkcs12_info(dir.path(), "bob.pfx", "wrong").unwrap_or((false, String::new()));
    assert!(!ok, "a wrong password must not open it: {wrong}");

    let (ok, info) = pkcs12_info(dir.path(), "bob-3des.pfx", "Pfx-s3cret 42").unwrap_or_default();
    assert!(ok, "{info}");
    assert!(
        info.contains("3DES") || info.contains("TripleDES"),
        "{info}"
    );
    assert_eq!(
        info.matches("BEGIN CERTIFICATE").count(),
        1,
        "EndEntityCertOnly: {info}"
    );
}

#[test]
fn export_pfx_certificate_needs_a_secure_password_and_a_key_and_never_shows_it() {
    let dir = ScratchDir::new("selfsigned-pfx-errors");
    let script = r#"
$user = New-SelfSignedCertificate -DnsName nopass.contoso.example -CertStoreLocation Cert:\CurrentUser\My
$user | Export-PfxCertificate -FilePath 'DIR/a.pfx' -Password 'PlainTextSecret'
$user | Export-PfxCertificate -FilePath 'DIR/b.pfx'
$null = Import-Certificate -FilePath 'ROOT/src/pki/testdata/contoso-chain.pem' -CertStoreLocation Cert:\CurrentUser\CA
$s = ConvertTo-SecureString 'AnotherSecret' -AsPlainText
Get-ChildItem Cert:\CurrentUser\CA | Export-PfxCertificate -FilePath 'DIR/c.pfx' -Password $s
$s | ConvertTo-Json
"#
    .replace("DIR", &dir.path().display().to_string())
    .replace("ROOT", env!("CARGO_MANIFEST_DIR"));
    let (output, errors) = run_with_errors(dir.path(), &script);
    assert!(
        errors.contains("-Password must be a SecureString"),
        "{errors}"
    );
    assert!(errors.contains("Give -Password"), "{errors}");
    assert!(errors.contains("has no private key"), "{errors}");
    assert_eq!(output, "\"System.Security.SecureString\"\n");
    // The rendered errors echo the script's source line; the messages never quote a secret.
    let messages: Vec<&str> = errors.lines().filter(|l| l.starts_with("<pfx>:")).collect();
    assert_eq!(messages.len(), 3, "{errors}");
    for secret in ["PlainTextSecret", "AnotherSecret"] {
        assert!(messages.iter().all(|m| !m.contains(secret)), "{errors}");
    }
    for name in ["a.pfx", "b.pfx", "c.pfx"] {
        assert!(!dir.path().join(name).exists(), "{name} written");
    }
}

#[test]
fn rsa_2048_is_the_default_as_on_windows_and_openssl_verifies_the_chain() {
    let dir = ScratchDir::new("selfsigned-rsa");
    if openssl_output(dir.path(), &["version"]).is_none() {
        return;
    }
    let script = r#"
$root = New-SelfSignedCertificate -Subject 'CN=RSA Root' -Type Custom -KeyUsage CertSign,CRLSign -TextExtension '2.5.29.19={text}CA=1'
$leaf = New-SelfSignedCertificate -DnsName rsa.contoso.example -Signer $root -KeyAlgorithm RSA -KeyLength 3072
$root.PublicKey.KeySize, $root.SignatureAlgorithm.FriendlyName, $leaf.PublicKey.KeySize -join ' '
Export-Certificate -Cert $root -FilePath 'DIR/root.cer' | Out-Null
Export-Certificate -Cert $leaf -FilePath 'DIR/leaf.cer' | Out-Null
"#
    .replace("DIR", &dir.path().display().to_string());
    let output = run(dir.path(), &script);
    let root = read_cer(dir.path(), "root.cer");
    let leaf = read_cer(dir.path(), "leaf.cer");
    assert_eq!(root.public_key().key_size, 2048, "{output}");
    assert_eq!(leaf.public_key().key_size, 3072, "{output}");
    assert_eq!(root.signature_algorithm().oid, "1.2.840.113549.1.1.11");
    dir.file("root.pem", pki::pem::encode(std::slice::from_ref(&root)));
    dir.file("leaf.pem", pki::pem::encode(std::slice::from_ref(&leaf)));
    let (ok, out) = openssl_output(dir.path(), &["verify", "-CAfile", "root.pem", "leaf.pem"])
        .unwrap_or_default();
    assert!(ok, "{out}");
}

#[test]
fn import_pfx_certificate_reads_mailsec_and_openssl_pfx_files_with_their_keys() {
    let dir = ScratchDir::new("selfsigned-pfx-import");
    // A PFX as Windows writes them by default (3DES, SHA-1 MAC), made by openssl.
    let Some((ok, out)) = openssl_output(
        dir.path(),
        &self_signed_args(("win.key", "win.crt"), "/CN=windows.contoso.example", "30"),
    ) else {
        return;
    };
    assert!(ok, "{out}");
    let (ok, out) = openssl_output(
        dir.path(),
        &[
            "pkcs12",
            "-export",
            "-inkey",
            "win.key",
            "-in",
            "win.crt",
            "-out",
            "win.pfx",
            "-passout",
            "pass:Imp0rt!",
            "-certpbe",
            "PBE-SHA1-3DES",
            "-keypbe",
            "PBE-SHA1-3DES",
            "-macalg",
            "sha1",
        ],
    )
    .unwrap_or_default();
    assert!(ok, "{out}");
    let script = r#"
$p = ConvertTo-SecureString 'Imp0rt!' -AsPlainText -Force
$c = Import-PfxCertificate -FilePath 'DIR/win.pfx' -CertStoreLocation Cert:\CurrentUser\My -Password $p
$c.Subject; $c.HasPrivateKey
(Get-ChildItem Cert:\CurrentUser\My).HasPrivateKey
$c | Export-PfxCertificate -FilePath 'DIR/again.pfx' -Password $p | Out-Null
Set-Location Cert:\LocalMachine\My
(Import-PfxCertificate 'DIR/again.pfx' -Password $p).Thumbprint -eq $c.Thumbprint
"#
    .replace("DIR", &dir.path().display().to_string());
    let output = run(dir.path(), &script);
    assert_eq!(
        output, "CN=windows.contoso.example\nTrue\nTrue\nTrue\n",
        "{output}"
    );
    let keys: Vec<_> = std::fs::read_dir(dir.path().join("keys"))
        .unwrap()
        .collect();
    assert_eq!(keys.len(), 1, "one key, kept once");
    let (_, errors) = run_with_errors(
        dir.path(),
        &format!(
            "Import-PfxCertificate '{}' -CertStoreLocation Cert:\\CurrentUser\\CA -Password (ConvertTo-SecureString 'Wrong-guess' -AsPlainText)",
            dir.path().join("win.pfx").display()
        ),
    );
    assert!(errors.contains("password is wrong"), "{errors}");
    let messages: Vec<&str> = errors.lines().filter(|l| l.starts_with("<pfx>:")).collect();
    assert!(
        messages.iter().all(|m| !m.contains("Wrong-guess")),
        "{errors}"
    );
}
