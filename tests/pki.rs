//! Certificates against the outside world: the Windows-made serialized store in
//! `../shared/fixtures/windows/`, and OpenSSL reading what mailsec writes and writing what
//! mailsec reads. A missing fixture or `openssl` skips loudly, and fails under `CI=true`.

use std::path::{Path, PathBuf};

use mailsec::pki::{self, Certificate, Format, sst};

use crate::support::{ScratchDir, crate_root, openssl, request_args, self_signed_args, skip};

fn fixture_path() -> PathBuf {
    crate_root().join("../shared/fixtures/windows/disallowedcert.sst")
}

/// The Windows-made store, or `None` (after a loud skip) when the fixture folder is absent.
fn windows_store() -> Option<Vec<u8>> {
    let path = fixture_path();
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            skip(&format!(
                "Windows fixture {} unreadable ({e})",
                path.display()
            ));
            None
        }
    }
}

/// One element of a serialized store, walked independently of the codec: (id, encoding, length).
fn elements(bytes: &[u8]) -> Vec<(u32, u32, u32)> {
    let word = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    let mut out = Vec::new();
    let mut offset = 8;
    loop {
        let element = (word(offset), word(offset + 4), word(offset + 8));
        out.push(element);
        if element.0 == 0 {
            return out;
        }
        offset += 12 + element.2 as usize;
    }
}

#[test]
fn the_windows_store_imports_as_71_certificates_with_their_sha1() {
    let Some(bytes) = windows_store() else { return };
    assert_eq!(bytes.len(), 99_369);
    assert_eq!(pki::detect(&bytes), Format::Sst);
    let certificates = pki::decode_any(&bytes).unwrap();
    assert_eq!(certificates.len(), 71);
    for (n, certificate) in certificates.iter().enumerate() {
        // Windows stored each certificate's SHA-1 (property 3) before it.
        let stored = certificate.property(3).unwrap();
        assert_eq!(stored, pki::sha1(certificate.raw_data()), "certificate {n}");
        assert_eq!(
            stored,
            certificate.thumbprint().as_bytes(),
            "certificate {n}"
        );
        assert!(!certificate.subject().is_empty(), "certificate {n}");
        assert_eq!(certificate.thumbprint().to_string().len(), 40);
    }
}

#[test]
fn the_windows_store_exports_again_with_the_same_layout() {
    let Some(bytes) = windows_store() else { return };
    let certificates = sst::decode(&bytes).unwrap();
    let written = sst::encode(&certificates).unwrap();
    assert_eq!(elements(&written), elements(&bytes));
    assert_eq!(
        written, bytes,
        "the re-exported store differs from Windows' bytes"
    );
    let again = sst::decode(&written).unwrap();
    assert_eq!(again, certificates);
    // Without their properties the writer adds the hash property Windows wrote.
    let bare: Vec<Certificate> = certificates
        .iter()
        .map(|c| c.clone().with_properties(Vec::new()))
        .collect();
    assert_eq!(sst::encode(&bare).unwrap(), bytes);
}

#[test]
fn the_windows_certificates_survive_every_format() {
    let Some(bytes) = windows_store() else { return };
    let certificates = sst::decode(&bytes).unwrap();
    let same = |read: Vec<Certificate>| {
        assert_eq!(read.len(), certificates.len());
        assert!(
            read.iter()
                .zip(&certificates)
                .all(|(a, b)| a.same_certificate(b))
        );
    };
    same(pki::decode_any(&pki::encode(Format::Pkcs7, &certificates).unwrap()).unwrap());
    same(pki::decode_any(&pki::encode(Format::Pem, &certificates).unwrap()).unwrap());
    for certificate in &certificates {
        let der = pki::encode(Format::Der, std::slice::from_ref(certificate)).unwrap();
        assert!(pki::decode_any(&der).unwrap()[0].same_certificate(certificate));
    }
}

#[test]
fn cut_or_damaged_windows_stores_are_errors() {
    let Some(bytes) = windows_store() else { return };
    for cut in (0..bytes.len())
        .step_by(1009)
        .chain([7, 8, 19, 20, 100, bytes.len() - 1])
    {
        assert!(sst::decode(&bytes[..cut]).is_err(), "prefix of {cut} bytes");
    }
    let mut damaged = bytes.clone();
    damaged[19] = 0x7F; // the high byte of the first element's length
    let error = sst::decode(&damaged).unwrap_err().to_string();
    assert!(error.contains("truncated at byte 8"), "{error}");
}

const EXTENSIONS: &str = "\
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = email:bob@fabrikam.com
";

/// A root (`req -x509`), an intermediate and an S/MIME leaf (`x509 -req`), made by openssl in
/// `dir`; the PEM chain file names, leaf first.
fn make_chain(dir: &ScratchDir) -> Option<[&'static str; 3]> {
    dir.file("ext.cnf", EXTENSIONS);
    let d = dir.path();
    let mut root = self_signed_args(
        ("root.key", "root.pem"),
        "/C=US/O=Fabrikam/CN=Fabrikam Root",
        "3650",
    );
    root.extend([
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    openssl(d, &root)?;
    openssl(
        d,
        &[
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-384",
            "-nodes",
            "-keyout",
            "inter.key",
            "-subj",
            "/C=US/O=Fabrikam/CN=Fabrikam Issuing CA",
            "-out",
            "inter.csr",
        ],
    )?;
    openssl(
        d,
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
            "-sha256",
            "-extfile",
            "ext.cnf",
            "-extensions",
            "ca",
            "-out",
            "inter.pem",
        ],
    )?;
    openssl(
        d,
        &request_args(("leaf.key", "leaf.csr"), "/CN=Bob Fabrikam"),
    )?;
    openssl(
        d,
        &[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "inter.pem",
            "-CAkey",
            "inter.key",
            "-CAcreateserial",
            "-days",
            "365",
            "-sha384",
            "-extfile",
            "ext.cnf",
            "-extensions",
            "leaf",
            "-out",
            "leaf.pem",
        ],
    )?;
    Some(["leaf.pem", "inter.pem", "root.pem"])
}

/// openssl's SHA-1 fingerprint of a certificate file, as 40 hex digits.
fn openssl_sha1(dir: &Path, args: &[&str]) -> Option<String> {
    let mut all = vec!["x509", "-noout", "-fingerprint", "-sha1"];
    all.extend_from_slice(args);
    let out = String::from_utf8(openssl(dir, &all)?).unwrap();
    Some(out.trim().rsplit('=').next().unwrap().replace(':', ""))
}

#[test]
fn openssl_chains_import_with_openssl_thumbprints() {
    let dir = ScratchDir::new("pki-chain");
    let Some(files) = make_chain(&dir) else {
        return;
    };
    let mut chain = Vec::new();
    for file in files {
        chain.extend(std::fs::read(dir.path().join(file)).unwrap());
    }
    let certificates = pki::decode_any(&chain).unwrap();
    assert_eq!(certificates.len(), 3);
    for (certificate, file) in certificates.iter().zip(files) {
        let expected = openssl_sha1(dir.path(), &["-in", file]).unwrap();
        assert_eq!(certificate.thumbprint().to_string(), expected, "{file}");
    }
    let [leaf, inter, root] = &certificates[..] else {
        unreachable!()
    };
    assert_eq!(leaf.subject(), "CN=Bob Fabrikam");
    assert_eq!(leaf.issuer(), "CN=Fabrikam Issuing CA, O=Fabrikam, C=US");
    assert_eq!(leaf.email_addresses(), ["bob@fabrikam.com"]);
    assert_eq!(leaf.signature_algorithm().name(), "sha384ECDSA");
    assert_eq!(
        leaf.authority_key_identifier(),
        inter.subject_key_identifier()
    );
    assert_eq!(inter.public_key().key_size, 384);
    assert_eq!(inter.public_key().curve.as_deref(), Some("nistP384"));
    assert!(inter.is_ca() && !inter.is_self_signed());
    assert!(root.is_self_signed());
}

#[test]
fn openssl_reads_the_p7b_and_der_mailsec_writes() {
    let dir = ScratchDir::new("pki-p7b");
    let Some(files) = make_chain(&dir) else {
        return;
    };
    let mut certificates = Vec::new();
    for file in files {
        certificates
            .extend(pki::decode_any(&std::fs::read(dir.path().join(file)).unwrap()).unwrap());
    }
    if let Some(bytes) = windows_store() {
        certificates.extend(sst::decode(&bytes).unwrap().into_iter().take(10));
    }
    dir.file(
        "bundle.p7b",
        pki::encode(Format::Pkcs7, &certificates).unwrap(),
    );
    let Some(printed) = openssl(
        dir.path(),
        &[
            "pkcs7",
            "-inform",
            "DER",
            "-in",
            "bundle.p7b",
            "-print_certs",
        ],
    ) else {
        return;
    };
    let listed = pki::decode_any(&printed).unwrap();
    assert_eq!(listed.len(), certificates.len());
    assert!(
        listed
            .iter()
            .zip(&certificates)
            .all(|(a, b)| a.same_certificate(b)),
        "openssl lists other certificates or another order"
    );

    for (n, certificate) in certificates.iter().take(3).enumerate() {
        let name = format!("cert{n}.cer");
        dir.file(
            &name,
            pki::encode(Format::Der, std::slice::from_ref(certificate)).unwrap(),
        );
        let fingerprint = openssl_sha1(dir.path(), &["-inform", "DER", "-in", &name]).unwrap();
        assert_eq!(fingerprint, certificate.thumbprint().to_string());
    }
}

#[test]
fn mailsec_reads_the_p7b_openssl_writes() {
    let dir = ScratchDir::new("pki-crl2pkcs7");
    let Some(files) = make_chain(&dir) else {
        return;
    };
    let mut args = vec![
        "crl2pkcs7",
        "-nocrl",
        "-outform",
        "DER",
        "-out",
        "chain.p7b",
    ];
    for file in files {
        args.extend(["-certfile", file]);
    }
    let Some(_) = openssl(dir.path(), &args) else {
        return;
    };
    let der = std::fs::read(dir.path().join("chain.p7b")).unwrap();
    assert_eq!(pki::detect(&der), Format::Pkcs7);
    let from_p7b = pki::decode_any(&der).unwrap();
    let mut expected = Vec::new();
    for file in files {
        expected.extend(pki::decode_any(&std::fs::read(dir.path().join(file)).unwrap()).unwrap());
    }
    assert_eq!(from_p7b, expected);
    // The PEM-armoured form (-----BEGIN PKCS7-----) too.
    args[3] = "PEM";
    let Some(_) = openssl(dir.path(), &args) else {
        return;
    };
    let armoured = std::fs::read(dir.path().join("chain.p7b")).unwrap();
    assert_eq!(pki::detect(&armoured), Format::Pem);
    assert_eq!(pki::decode_any(&armoured).unwrap(), expected);
}
