//! The certificate checks end to end with certificates made by openssl: Test-SmimeCertificate
//! on a good S/MIME leaf and on leaves that each break one rule, and Test-Certificate on a chain
//! whose root is in `Cert:\LocalMachine\Root` and intermediate in `CA` (True), without the root
//! or with an expired leaf (False, with the reason under -Verbose). A missing `openssl` skips
//! loudly (fails under CI).

use std::path::Path;
use std::time::Duration;

use crate::support::{Ending, ScratchDir, openssl, run_script};

const EXTENSIONS: &str = "\
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[good]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyAgreement
extendedKeyUsage = emailProtection
subjectAltName = email:alice@tailspin.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://crl.tailspin.test/issuing.crl
authorityInfoAccess = caIssuers;URI:http://crl.tailspin.test/issuing.cer

[noeku]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyAgreement
subjectAltName = email:alice@tailspin.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://crl.tailspin.test/issuing.crl
authorityInfoAccess = caIssuers;URI:http://crl.tailspin.test/issuing.cer

[nosan]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyAgreement
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://crl.tailspin.test/issuing.crl
authorityInfoAccess = caIssuers;URI:http://crl.tailspin.test/issuing.cer

[rsa]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = emailProtection
subjectAltName = email:alice@tailspin.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://crl.tailspin.test/issuing.crl
authorityInfoAccess = caIssuers;URI:http://crl.tailspin.test/issuing.cer
";

const EC: [&str; 4] = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];

/// A root, an intermediate and leaves: `good`, `noeku`, `nosan`, `rsa1024`, `expired` (all
/// from the intermediate) and `fromroot` (straight from the root), as `<name>.pem` in `dir`.
fn make_certificates(dir: &Path) -> Option<()> {
    std::fs::write(dir.join("ext.cnf"), EXTENSIONS).ok()?;
    let mut root = vec!["req", "-x509", "-nodes"];
    root.extend(EC);
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
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    openssl(dir, &root)?;
    sign(
        dir,
        "inter",
        "/O=Tailspin/CN=Tailspin Issuing CA",
        &EC,
        "root",
        "ca",
        "1825",
    )?;
    let rsa1024 = ["-newkey", "rsa:1024"];
    let leaves: [(&str, &[&str], &str, &str, &str); 6] = [
        ("good", &EC, "inter", "good", "365"),
        ("noeku", &EC, "inter", "noeku", "365"),
        ("nosan", &EC, "inter", "nosan", "365"),
        ("rsa1024", &rsa1024, "inter", "rsa", "365"),
        ("expired", &EC, "inter", "good", "-1"),
        ("fromroot", &EC, "root", "good", "365"),
    ];
    for (name, key, issuer, section, days) in leaves {
        sign(dir, name, "/CN=Alice Tailspin", key, issuer, section, days)?;
    }
    Some(())
}

/// Make `<name>.pem` for `subject` with a new key, signed by `<issuer>.pem`.
fn sign(
    dir: &Path,
    name: &str,
    subject: &str,
    key: &[&str],
    issuer: &str,
    section: &str,
    days: &str,
) -> Option<()> {
    let (key_file, csr, pem) = (
        format!("{name}.key"),
        format!("{name}.csr"),
        format!("{name}.pem"),
    );
    let mut request = vec!["req", "-new", "-nodes"];
    request.extend(key);
    request.extend(["-keyout", &key_file, "-subj", subject, "-out", &csr]);
    openssl(dir, &request)?;
    let (ca, ca_key) = (format!("{issuer}.pem"), format!("{issuer}.key"));
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            &ca,
            "-CAkey",
            &ca_key,
            "-CAcreateserial",
            "-days",
            days,
            "-extfile",
            "ext.cnf",
            "-extensions",
            section,
            "-out",
            &pem,
        ],
    )
    .map(drop)
}

/// Run `script` in a fresh session after importing the root into LocalMachine\Root (unless
/// `without_root`) and the intermediate into LocalMachine\CA; (stdout, stderr).
fn run(dir: &Path, script: &str, without_root: bool) -> (String, String) {
    let root = if without_root {
        String::new()
    } else {
        format!(
            "$null = Import-Certificate '{}' -CertStoreLocation Cert:\\LocalMachine\\Root\n",
            dir.join("root.pem").display()
        )
    };
    let text = format!(
        "{root}$null = Import-Certificate '{}' -CertStoreLocation Cert:\\LocalMachine\\CA\n{script}",
        dir.join("inter.pem").display()
    );
    let outcome = run_script("lint.ps1", &text, Vec::new(), Duration::from_secs(60));
    assert_eq!(outcome.ending, Ending::Finished(None), "{}", outcome.stderr);
    (outcome.stdout, outcome.stderr)
}

/// Test-SmimeCertificate on `<name>.pem`: (IsValid, the findings joined by newlines).
fn smime(dir: &Path, name: &str, options: &str) -> (bool, String) {
    let script = format!(
        "$r = Test-SmimeCertificate -FilePath '{}' {options}\n$r.IsValid\n$r.Findings",
        dir.join(format!("{name}.pem")).display()
    );
    let (output, errors) = run(dir, &script, false);
    assert!(errors.is_empty(), "{errors}");
    let (valid, findings) = output.split_once('\n').unwrap_or((output.as_str(), ""));
    (valid.trim() == "True", findings.to_string())
}

#[test]
fn s_mime_leaves_are_linted_rule_by_rule() {
    let scratch = ScratchDir::new("lint-smime");
    let dir = scratch.path();
    if make_certificates(dir).is_none() {
        return;
    }
    let (valid, findings) = smime(dir, "good", "");
    assert!(valid, "{findings}");
    assert_eq!(findings.trim(), "", "a good leaf has no findings");
    let (valid, findings) = smime(dir, "good", "-EmailAddress ALICE@tailspin.com");
    assert!(valid && findings.trim().is_empty(), "{findings}");
    let (valid, findings) = smime(
        dir,
        "good",
        "-EmailAddress bob@tailspin.com -RequirePrivateKey",
    );
    assert!(!valid);
    assert!(findings.contains("san-address-mismatch: "), "{findings}");
    assert!(findings.contains("private-key-missing: "), "{findings}");
    for (name, rule, error) in [
        ("noeku", "eku-email-protection: ", true),
        ("nosan", "san-email: ", true),
        ("rsa1024", "rsa-key-size: ", true),
        ("expired", "expired: ", true),
        ("fromroot", "issued-by-root: ", false),
    ] {
        let (valid, findings) = smime(dir, name, "");
        assert!(
            findings.lines().any(|line| line.starts_with(rule)),
            "{name}: {findings}"
        );
        assert_eq!(valid, !error, "{name}: {findings}");
    }
}

#[test]
fn test_certificate_follows_the_chain_into_the_stores() {
    let scratch = ScratchDir::new("lint-chain");
    let dir = scratch.path();
    if make_certificates(dir).is_none() {
        return;
    }
    let test = |name: &str| {
        format!(
            "Import-Certificate '{}' -CertStoreLocation Cert:\\CurrentUser\\My | Test-Certificate -Verbose",
            dir.join(format!("{name}.pem")).display()
        )
    };
    let (output, errors) = run(dir, &test("good"), false);
    assert_eq!(output.trim(), "True", "{errors}");
    assert_eq!(errors, "");

    let (output, errors) = run(dir, &test("good"), true);
    assert_eq!(output.trim(), "False");
    assert!(
        errors.contains("VERBOSE: ") && errors.contains("does not reach a trusted root"),
        "{errors}"
    );
    let allowed = format!("{} -AllowUntrustedRoot", test("good"));
    let (output, _) = run(dir, &allowed, true);
    assert_eq!(output.trim(), "True");

    let (output, errors) = run(dir, &test("expired"), false);
    assert_eq!(output.trim(), "False");
    assert!(errors.contains("expired"), "{errors}");

    let ssl = format!("{} -DNSName mail.tailspin.com", test("good"));
    let (output, errors) = run(dir, &ssl, false);
    assert_eq!(output.trim(), "False");
    assert!(
        errors.contains("not valid for the DNS name 'mail.tailspin.com'"),
        "{errors}"
    );
}
