//! The `openssl` side of the test PKI (test support): the `openssl ca` directory (database,
//! configuration), keys, signing a CSR with chosen dates and extensions, revocation and CRLs,
//! the extension text of leaves, and clean-up of directories earlier test processes left.

use std::path::{Path, PathBuf};

use super::{Issuer, KeyKind, LeafSpec, Validity};
use crate::support::openssl;

/// Write the CA database and configuration files into `d`.
pub fn init(d: &Path) -> Option<()> {
    std::fs::create_dir_all(d.join("newcerts")).ok()?;
    std::fs::write(d.join("index.txt"), "").ok()?;
    std::fs::write(d.join("serial"), "1000\n").ok()?;
    std::fs::write(d.join("index.txt.attr"), "unique_subject = no\n").ok()?;
    std::fs::write(d.join("ca.cnf"), CA_CONFIG).ok()?;
    std::fs::write(d.join("ext.cnf"), CA_EXTENSIONS).ok()?;
    Some(())
}

/// `openssl req` a CSR for `key_name` and `openssl ca` it into `<stem>.pem`, signed by
/// `signer`, with the extension section `extensions.1` of the file `extensions.0`, valid
/// `dates` (notBefore, notAfter).
pub fn sign(
    d: &Path,
    stem: &str,
    key_name: &str,
    subject: &str,
    extensions: (&str, &str),
    dates: (String, String),
    signer: Signer,
) -> Option<()> {
    let csr = format!("{stem}.csr");
    openssl(
        d,
        &[
            "req", "-new", "-key", key_name, "-subj", subject, "-out", &csr,
        ],
    )?;
    let out = format!("{stem}.pem");
    let mut args = vec![
        "ca",
        "-batch",
        "-notext",
        "-rand_serial",
        "-config",
        "ca.cnf",
        "-in",
        &csr,
        "-out",
        &out,
        "-startdate",
        &dates.0,
        "-enddate",
        &dates.1,
        "-extfile",
        extensions.0,
        "-extensions",
        extensions.1,
    ];
    let (ca_cert, ca_key);
    match signer {
        Signer::Itself => args.extend(["-selfsign", "-keyfile", key_name]),
        Signer::By { cert, key } => {
            (ca_cert, ca_key) = (path_text(cert), path_text(key));
            args.extend(["-cert", &ca_cert, "-keyfile", &ca_key]);
        }
    }
    openssl(d, &args)?;
    Some(())
}

/// Mark `cert` revoked in the database of the CA `ca` (in `d`).
pub fn revoke(d: &Path, ca: Signer<'_>, cert: &Path) {
    let Signer::By { cert: ca_cert, key } = ca else {
        return;
    };
    let (ca_cert, key, cert) = (path_text(ca_cert), path_text(key), path_text(cert));
    openssl(
        d,
        &[
            "ca", "-config", "ca.cnf", "-cert", &ca_cert, "-keyfile", &key, "-revoke", &cert,
        ],
    );
}

/// A CRL (DER) of the CA `ca` (in `d`), valid for 30 days.
pub fn crl_der(d: &Path, ca: Signer<'_>) -> Vec<u8> {
    let Signer::By { cert, key } = ca else {
        return Vec::new();
    };
    let (cert, key) = (path_text(cert), path_text(key));
    openssl(
        d,
        &[
            "ca", "-config", "ca.cnf", "-cert", &cert, "-keyfile", &key, "-gencrl", "-crldays",
            "30", "-out", "crl.pem",
        ],
    );
    openssl(
        d,
        &[
            "crl", "-in", "crl.pem", "-outform", "DER", "-out", "crl.der",
        ],
    );
    std::fs::read(d.join("crl.der")).unwrap_or_default()
}

/// Who signs a certificate being issued.
#[derive(Debug, Clone, Copy)]
pub enum Signer<'a> {
    /// The certificate's own key (self-signed).
    Itself,
    /// A CA: its certificate and key files.
    By { cert: &'a Path, key: &'a Path },
}

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Remove the scratch directories of the server fixtures left by earlier test processes that
/// are gone (shared fixtures live for the whole process, so their directories are never
/// dropped): `mailsec-test-{pki,s_server,postfix}-PID-N` whose PID no longer runs.
pub fn remove_stale_scratch_dirs() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = ["pki", "s_server", "postfix"]
            .iter()
            .find_map(|label| name.strip_prefix(&format!("mailsec-test-{label}-")))
        else {
            continue;
        };
        let pid = rest.split('-').next().unwrap_or_default();
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Generate a private key of `kind` into `dir/name`; its path.
pub fn new_key(dir: &Path, name: &str, kind: KeyKind) -> Option<PathBuf> {
    let options: &[&str] = match kind {
        KeyKind::Rsa2048 => &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
        KeyKind::Rsa1024 => &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
        KeyKind::EcdsaP256 => &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    };
    let mut args = vec!["genpkey"];
    args.extend_from_slice(options);
    args.extend_from_slice(&["-out", name]);
    openssl(dir, &args)?;
    Some(dir.join(name))
}

/// The extension section `[ext]` for a server leaf.
pub fn leaf_extensions(spec: &LeafSpec) -> String {
    let usage = match spec.key {
        KeyKind::EcdsaP256 => "digitalSignature",
        KeyKind::Rsa2048 | KeyKind::Rsa1024 => "digitalSignature,keyEncipherment",
    };
    let mut text = format!(
        "[req]\ndistinguished_name = dn\n[dn]\n[ext]\nbasicConstraints = critical,CA:FALSE\n\
         keyUsage = critical,{usage}\nextendedKeyUsage = serverAuth,clientAuth\n\
         subjectKeyIdentifier = hash\n"
    );
    if spec.issuer == Issuer::Intermediate {
        text.push_str("authorityKeyIdentifier = keyid\n");
    }
    if !spec.names.is_empty() {
        let sans: Vec<String> = spec
            .names
            .iter()
            .map(|name| {
                if name.parse::<std::net::Ipv4Addr>().is_ok() {
                    format!("IP:{name}")
                } else {
                    format!("DNS:{name}")
                }
            })
            .collect();
        text.push_str(&format!("subjectAltName = {}\n", sans.join(",")));
    }
    if let Some(url) = &spec.crl_url {
        text.push_str(&format!("crlDistributionPoints = URI:{url}\n"));
    }
    let mut access = Vec::new();
    if let Some(url) = &spec.ocsp_url {
        access.push(format!("OCSP;URI:{url}"));
    }
    if let Some(url) = &spec.ca_issuers_url {
        access.push(format!("caIssuers;URI:{url}"));
    }
    if !access.is_empty() {
        text.push_str(&format!("authorityInfoAccess = {}\n", access.join(",")));
    }
    text
}

/// The CAs' notBefore/notAfter: five years back to five years ahead.
pub fn ca_dates() -> (String, String) {
    let now = time::OffsetDateTime::now_utc();
    let five_years = time::Duration::days(5 * 365);
    (asn1_utc(now - five_years), asn1_utc(now + five_years))
}

/// notBefore/notAfter for `openssl ca` (`YYMMDDHHMMSSZ`).
pub fn validity_dates(validity: Validity) -> (String, String) {
    let now = time::OffsetDateTime::now_utc();
    let day = time::Duration::days(1);
    let (start, end) = match validity {
        Validity::Current => (now - day, now + day * 365),
        Validity::Expired => (now - day * 400, now - day),
        Validity::NotYetValid => (now + day * 30, now + day * 395),
        Validity::ExpiresInDays(days) => (now - day, now + day * days),
    };
    (asn1_utc(start), asn1_utc(end))
}

fn asn1_utc(at: time::OffsetDateTime) -> String {
    format!(
        "{:02}{:02}{:02}{:02}{:02}{:02}Z",
        at.year() % 100,
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// The last component of `path`, as text.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `ca.cnf`: one CA section, any subject with a CN, random serials, extensions from -extfile.
const CA_CONFIG: &str = "\
[ca]
default_ca = test_ca
[test_ca]
database = index.txt
new_certs_dir = newcerts
serial = serial
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no
copy_extensions = none
preserve = yes
[policy_any]
organizationName = optional
commonName = supplied
";

/// `ext.cnf`: the root and intermediate CA extensions.
const CA_EXTENSIONS: &str = "\
[req]
distinguished_name = dn
[dn]
[root_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[intermediate_ext]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
";
