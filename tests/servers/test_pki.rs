//! The test PKI (test support, used by the server fixtures): a root CA, an intermediate CA and
//! leaf certificates made with the real `openssl` CLI once per test process, handed out as
//! PEM file paths (server leaves with chosen names, key type and validity; S/MIME user
//! certificates). Everything lives in one scratch directory kept for the whole process.
//!
//! Typical use:
//! ```ignore
//! let Some(pki) = test_pki::pki() else { return }; // openssl missing: skipped (fails in CI)
//! let leaf = pki.leaf(&LeafSpec::new(&["localhost", "127.0.0.1"]));
//! // leaf.cert, leaf.key, leaf.chain (leaf + intermediate), leaf.root (trust anchor)
//! let (cert_pem, der) = test_pki::smime_user_cert("alice@example.test").unwrap();
//! ```

#![allow(dead_code)] // a fixture library: each test uses a part of it

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use crate::support::ScratchDir;

mod openssl_ca;

use openssl_ca::{Signer, ca_dates, file_name, leaf_extensions, new_key, validity_dates};

/// The organization (`O=`) every certificate of the test PKI carries.
pub const ORGANIZATION: &str = "Mailsec Test";
/// The common name of the test root CA (what `RootIssuer` should report).
pub const ROOT_NAME: &str = "Mailsec Test Root CA";
/// The common name of the test intermediate CA.
pub const INTERMEDIATE_NAME: &str = "Mailsec Test Intermediate CA";

/// The key of a leaf certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// RSA 2048 bits (the normal case).
    Rsa2048,
    /// RSA 1024 bits (weak; servers need `@SECLEVEL=0` to use it).
    Rsa1024,
    /// ECDSA on P-256.
    EcdsaP256,
}

/// The validity period of a leaf certificate, relative to now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Validity {
    /// Valid from yesterday for a year.
    Current,
    /// Valid from 400 days ago until yesterday: notAfter is in the past.
    Expired,
    /// Valid from 30 days ahead for a year: notBefore is in the future.
    NotYetValid,
    /// Valid from yesterday until this many days from now (for "expires soon" checks).
    ExpiresInDays(u32),
}

/// Who signs a leaf certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Issuer {
    /// The test intermediate CA (chain: leaf, intermediate, root).
    Intermediate,
    /// The leaf signs itself (no chain).
    SelfSigned,
}

/// What a leaf certificate should look like; build with [`LeafSpec::new`] and the `with_*`
/// methods. Equal specs give the same (cached) files.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LeafSpec {
    /// Names in the subjectAltName (IPv4 literals become `IP:`, others `DNS:`); the first is
    /// also the subject CN.
    pub names: Vec<String>,
    pub key: KeyKind,
    pub validity: Validity,
    pub issuer: Issuer,
    /// A CRL distribution point URL to put in the certificate.
    pub crl_url: Option<String>,
    /// An OCSP responder URL to put in the authorityInfoAccess.
    pub ocsp_url: Option<String>,
    /// A CA-issuers URL to put in the authorityInfoAccess.
    pub ca_issuers_url: Option<String>,
}

impl LeafSpec {
    /// A current RSA-2048 leaf for `names`, issued by the intermediate, without URLs.
    pub fn new(names: &[&str]) -> LeafSpec {
        LeafSpec {
            names: names.iter().map(|n| n.to_string()).collect(),
            key: KeyKind::Rsa2048,
            validity: Validity::Current,
            issuer: Issuer::Intermediate,
            crl_url: None,
            ocsp_url: None,
            ca_issuers_url: None,
        }
    }

    /// The same spec with another key.
    pub fn with_key(mut self, key: KeyKind) -> LeafSpec {
        self.key = key;
        self
    }

    /// The same spec with another validity period.
    pub fn with_validity(mut self, validity: Validity) -> LeafSpec {
        self.validity = validity;
        self
    }

    /// The same spec, self-signed.
    pub fn self_signed(mut self) -> LeafSpec {
        self.issuer = Issuer::SelfSigned;
        self
    }

    /// The same spec with revocation URLs (CRL distribution point, OCSP, CA issuers); `None`
    /// leaves one out.
    pub fn with_urls(
        mut self,
        crl: Option<&str>,
        ocsp: Option<&str>,
        ca_issuers: Option<&str>,
    ) -> LeafSpec {
        self.crl_url = crl.map(str::to_string);
        self.ocsp_url = ocsp.map(str::to_string);
        self.ca_issuers_url = ca_issuers.map(str::to_string);
        self
    }

    fn file_stem(&self) -> String {
        let mut hasher = DefaultHasher::new();
        self.hash(&mut hasher);
        format!("leaf-{:016x}", hasher.finish())
    }
}

/// The files of one leaf certificate (all PEM).
#[derive(Debug, Clone)]
pub struct Leaf {
    /// The leaf certificate alone.
    pub cert: PathBuf,
    /// Its private key (PKCS#8, unencrypted).
    pub key: PathBuf,
    /// Leaf then intermediate (a server's full chain; for a self-signed leaf, the leaf alone).
    pub chain: PathBuf,
    /// Leaf, root, intermediate: a misordered chain (for a self-signed leaf, the leaf alone).
    pub misordered_chain: PathBuf,
    /// The intermediate CA certificate alone (what `s_server -cert_chain` takes).
    pub intermediate: PathBuf,
    /// The test root CA certificate: the trust anchor (it does not vouch for a self-signed leaf).
    pub root: PathBuf,
    /// The leaf certificate's DER bytes.
    pub der: Vec<u8>,
}

/// An S/MIME user certificate issued by the intermediate CA.
#[derive(Debug, Clone)]
pub struct SmimeUser {
    /// The certificate (PEM).
    pub cert: PathBuf,
    /// Its private key (PEM, PKCS#8, unencrypted; shared by all test users).
    pub key: PathBuf,
    /// The certificate's DER bytes (what goes into `userCertificate;binary`).
    pub der: Vec<u8>,
}

/// The test PKI of this process: CA files plus caches of what was issued.
pub struct TestPki {
    dir: ScratchDir,
    /// The root CA certificate (PEM): use it as the trust store.
    pub root_cert: PathBuf,
    /// The intermediate CA certificate (PEM).
    pub intermediate_cert: PathBuf,
    intermediate_key: PathBuf,
    root_key: PathBuf,
    /// Serializes `openssl ca` (it keeps a database) and guards the caches.
    issued: Mutex<Issued>,
}

#[derive(Default)]
struct Issued {
    leaves: HashMap<LeafSpec, Leaf>,
    users: HashMap<String, SmimeUser>,
    /// One leaf key per kind, made on first use (keys are slow; sharing them is harmless).
    keys: HashMap<KeyKind, PathBuf>,
}

/// The process-wide test PKI, made on first call (about a second). `None`, after a loud skip,
/// when `openssl` is not installed (under `CI=true` that panics instead: a failure).
pub fn pki() -> Option<&'static TestPki> {
    static PKI: OnceLock<Option<TestPki>> = OnceLock::new();
    PKI.get_or_init(TestPki::create).as_ref()
}

/// An S/MIME certificate for `email` (SAN rfc822Name, EKU emailProtection, key usage
/// digitalSignature + keyEncipherment, RSA 2048, issued by the test intermediate): its PEM path
/// and DER bytes. Cached per address. `None` when openssl is missing (after a loud skip).
pub fn smime_user_cert(email: &str) -> Option<(PathBuf, Vec<u8>)> {
    let user = pki()?.smime_user(email)?;
    Some((user.cert, user.der))
}

impl TestPki {
    fn create() -> Option<TestPki> {
        openssl_ca::remove_stale_scratch_dirs();
        let dir = ScratchDir::new("pki");
        let d = &dir.path().to_path_buf();
        openssl_ca::init(d)?;
        // The CAs are valid from five years ago to five years ahead, so that every leaf's
        // validity (even an expired or future one) lies inside theirs.
        let root_key = new_key(d, "root.key", KeyKind::Rsa2048)?;
        let root_cert = d.join("root.pem");
        let pki = TestPki {
            root_cert,
            intermediate_cert: d.join("intermediate.pem"),
            intermediate_key: new_key(d, "intermediate.key", KeyKind::Rsa2048)?,
            root_key,
            issued: Mutex::new(Issued::default()),
            dir,
        };
        openssl_ca::sign(
            d,
            "root",
            "root.key",
            &format!("/O={ORGANIZATION}/CN={ROOT_NAME}"),
            ("ext.cnf", "root_ext"),
            ca_dates(),
            Signer::Itself,
        )?;
        let root = Signer::By {
            cert: &pki.root_cert,
            key: &pki.root_key,
        };
        openssl_ca::sign(
            d,
            "intermediate",
            "intermediate.key",
            &format!("/O={ORGANIZATION}/CN={INTERMEDIATE_NAME}"),
            ("ext.cnf", "intermediate_ext"),
            ca_dates(),
            root,
        )?;
        Some(pki)
    }

    /// The directory holding every file of the PKI.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The files of a leaf certificate made to `spec` (made on first request, then cached).
    /// Panics (failing the test) if openssl refuses.
    pub fn leaf(&self, spec: &LeafSpec) -> Leaf {
        let mut issued = self.lock();
        if let Some(leaf) = issued.leaves.get(spec) {
            return leaf.clone();
        }
        let leaf = self
            .make_leaf(&mut issued, spec)
            .unwrap_or_else(|| panic!("openssl could not make the leaf {spec:?}"));
        issued.leaves.insert(spec.clone(), leaf.clone());
        leaf
    }

    /// The S/MIME user certificate of `email` (made on first request, then cached); see
    /// [`smime_user_cert`]. `None` only when openssl is missing.
    pub fn smime_user(&self, email: &str) -> Option<SmimeUser> {
        let mut issued = self.lock();
        if let Some(user) = issued.users.get(email) {
            return Some(user.clone());
        }
        let d = self.dir.path();
        let key = self.leaf_key(&mut issued, KeyKind::Rsa2048)?;
        let stem = format!("smime-{}", issued.users.len());
        let ext = format!(
            "[ext]\nbasicConstraints = critical,CA:FALSE\n\
             keyUsage = critical,digitalSignature,keyEncipherment\n\
             extendedKeyUsage = emailProtection\nsubjectAltName = email:{email}\n\
             subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n"
        );
        std::fs::write(d.join(format!("{stem}.cnf")), ext).ok()?;
        let key_name = file_name(&key);
        openssl_ca::sign(
            d,
            &stem,
            &key_name,
            &format!("/O={ORGANIZATION}/CN={email}"),
            (&format!("{stem}.cnf"), "ext"),
            validity_dates(Validity::Current),
            self.intermediate(),
        )?;
        let cert = d.join(format!("{stem}.pem"));
        let user = SmimeUser {
            der: pem_to_der(&cert),
            cert,
            key,
        };
        issued.users.insert(email.to_string(), user.clone());
        Some(user)
    }

    /// Revoke `leaf` (issued by the intermediate) in the intermediate's database: the next
    /// [`TestPki::crl_der`] lists it. Use a leaf of its own (leaves are cached per spec).
    pub fn revoke(&self, leaf: &Leaf) {
        let _guard = self.lock();
        openssl_ca::revoke(self.dir.path(), self.intermediate(), &leaf.cert);
    }

    /// A CRL (DER) of the intermediate CA, valid for 30 days, listing every leaf revoked so
    /// far.
    pub fn crl_der(&self) -> Vec<u8> {
        let _guard = self.lock();
        openssl_ca::crl_der(self.dir.path(), self.intermediate())
    }

    /// The intermediate CA as a signer.
    fn intermediate(&self) -> Signer<'_> {
        Signer::By {
            cert: &self.intermediate_cert,
            key: &self.intermediate_key,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Issued> {
        match self.issued.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    fn leaf_key(&self, issued: &mut Issued, kind: KeyKind) -> Option<PathBuf> {
        if let Some(key) = issued.keys.get(&kind) {
            return Some(key.clone());
        }
        let name = format!("leaf-{kind:?}.key").to_lowercase();
        let key = new_key(self.dir.path(), &name, kind)?;
        issued.keys.insert(kind, key.clone());
        Some(key)
    }

    fn make_leaf(&self, issued: &mut Issued, spec: &LeafSpec) -> Option<Leaf> {
        let d = self.dir.path();
        let stem = spec.file_stem();
        let key = self.leaf_key(issued, spec.key)?;
        std::fs::write(d.join(format!("{stem}.cnf")), leaf_extensions(spec)).ok()?;
        let cn = spec.names.first().map_or("mailsec test", String::as_str);
        let subject = format!("/O={ORGANIZATION}/CN={cn}");
        let cert = d.join(format!("{stem}.pem"));
        let signer = match spec.issuer {
            Issuer::Intermediate => self.intermediate(),
            Issuer::SelfSigned => Signer::Itself,
        };
        openssl_ca::sign(
            d,
            &stem,
            &file_name(&key),
            &subject,
            (&format!("{stem}.cnf"), "ext"),
            validity_dates(spec.validity),
            signer,
        )?;
        let leaf_pem = std::fs::read(&cert).ok()?;
        let root_pem = std::fs::read(&self.root_cert).ok()?;
        let inter_pem = std::fs::read(&self.intermediate_cert).ok()?;
        let (chain, misordered) = match spec.issuer {
            Issuer::Intermediate => (
                [&leaf_pem[..], &inter_pem[..]].concat(),
                [&leaf_pem[..], &root_pem[..], &inter_pem[..]].concat(),
            ),
            Issuer::SelfSigned => (leaf_pem.clone(), leaf_pem),
        };
        let chain_path = d.join(format!("{stem}-chain.pem"));
        let misordered_path = d.join(format!("{stem}-misordered.pem"));
        std::fs::write(&chain_path, chain).ok()?;
        std::fs::write(&misordered_path, misordered).ok()?;
        Some(Leaf {
            der: pem_to_der(&cert),
            cert,
            key,
            chain: chain_path,
            misordered_chain: misordered_path,
            intermediate: self.intermediate_cert.clone(),
            root: self.root_cert.clone(),
        })
    }
}

/// The DER bytes of the first certificate in a PEM file.
pub fn pem_to_der(path: &Path) -> Vec<u8> {
    let text = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let block = pem::parse(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    block.into_contents()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(path: &Path) -> String {
        let out = std::process::Command::new("openssl")
            .args(["x509", "-noout", "-text", "-in"])
            .arg(path)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn verify(root: &Path, untrusted: Option<&Path>, cert: &Path) -> (bool, String) {
        let mut command = std::process::Command::new("openssl");
        command.arg("verify").arg("-CAfile").arg(root);
        if let Some(chain) = untrusted {
            command.arg("-untrusted").arg(chain);
        }
        let out = command.arg(cert).output().unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), all)
    }

    #[test]
    fn a_normal_leaf_verifies_against_the_root_through_the_intermediate() {
        let Some(pki) = pki() else { return };
        let leaf = pki.leaf(&LeafSpec::new(&["mail.example.test", "127.0.0.1"]));
        let (ok, output) = verify(&leaf.root, Some(&leaf.intermediate), &leaf.cert);
        assert!(ok, "{output}");
        let text = text(&leaf.cert);
        assert!(text.contains("DNS:mail.example.test"), "{text}");
        assert!(text.contains("IP Address:127.0.0.1"), "{text}");
        assert!(text.contains("Public-Key: (2048 bit)"), "{text}");
        assert!(text.contains(INTERMEDIATE_NAME), "{text}");
        // The chain file is leaf then intermediate; the cache hands out the same files.
        let chain = std::fs::read_to_string(&leaf.chain).unwrap();
        assert_eq!(chain.matches("BEGIN CERTIFICATE").count(), 2);
        let again = pki.leaf(&LeafSpec::new(&["mail.example.test", "127.0.0.1"]));
        assert_eq!(again.cert, leaf.cert);
        assert_eq!(leaf.der, pem_to_der(&leaf.cert));
    }

    #[test]
    fn expired_and_not_yet_valid_leaves_fail_verification_for_their_dates() {
        let Some(pki) = pki() else { return };
        let expired = pki.leaf(&LeafSpec::new(&["old.test"]).with_validity(Validity::Expired));
        let (ok, output) = verify(&expired.root, Some(&expired.intermediate), &expired.cert);
        assert!(!ok && output.contains("expired"), "{output}");
        let future = pki.leaf(&LeafSpec::new(&["new.test"]).with_validity(Validity::NotYetValid));
        let (ok, output) = verify(&future.root, Some(&future.intermediate), &future.cert);
        assert!(!ok && output.contains("not yet valid"), "{output}");
    }

    #[test]
    fn key_kinds_and_self_signed_leaves_are_what_they_say() {
        let Some(pki) = pki() else { return };
        let weak = pki.leaf(&LeafSpec::new(&["weak.test"]).with_key(KeyKind::Rsa1024));
        assert!(text(&weak.cert).contains("Public-Key: (1024 bit)"));
        let ec = pki.leaf(&LeafSpec::new(&["ec.test"]).with_key(KeyKind::EcdsaP256));
        let ec_text = text(&ec.cert);
        assert!(ec_text.contains("id-ecPublicKey") && ec_text.contains("P-256"));
        let own = pki.leaf(&LeafSpec::new(&["self.test"]).self_signed());
        let own_text = text(&own.cert);
        assert!(
            own_text.contains("Issuer: O = Mailsec Test, CN = self.test"),
            "{own_text}"
        );
        let (ok, _) = verify(&own.root, None, &own.cert);
        assert!(!ok, "the test root must not vouch for a self-signed leaf");
    }

    #[test]
    fn leaves_carry_the_revocation_urls_asked_for() {
        let Some(pki) = pki() else { return };
        let spec = LeafSpec::new(&["crl.test"]).with_urls(
            Some("http://127.0.0.1:9/test.crl"),
            Some("http://127.0.0.1:9/ocsp"),
            None,
        );
        let text = text(&pki.leaf(&spec).cert);
        assert!(text.contains("URI:http://127.0.0.1:9/test.crl"), "{text}");
        assert!(
            text.contains("OCSP - URI:http://127.0.0.1:9/ocsp"),
            "{text}"
        );
    }

    #[test]
    fn smime_user_certificates_are_for_email_protection() {
        let Some((path, der)) = smime_user_cert("alice@example.test") else {
            return;
        };
        let text = text(&path);
        assert!(text.contains("email:alice@example.test"), "{text}");
        assert!(text.contains("E-mail Protection"), "{text}");
        assert!(
            text.contains("Digital Signature, Key Encipherment"),
            "{text}"
        );
        assert_eq!(der, pem_to_der(&path));
        assert_eq!(der[0], 0x30);
        let pki = pki().unwrap();
        let (ok, output) = verify(&pki.root_cert, Some(&pki.intermediate_cert), &path);
        assert!(ok, "{output}");
        let (again, _) = smime_user_cert("alice@example.test").unwrap();
        assert_eq!(again, path);
    }
}
