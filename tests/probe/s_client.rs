//! What `openssl s_client` negotiates with a server (the reference the probe's TlsVersion and
//! CipherSuite are checked against), with OpenSSL's cipher names mapped to IANA names through
//! `openssl ciphers -stdname`.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The version and suite one s_client handshake negotiated, in the probe's spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negotiated {
    /// `TLS 1.3`, `TLS 1.2`, …
    pub version: String,
    /// The IANA suite name, e.g. `TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384`.
    pub cipher_suite: String,
    /// The key-exchange group in IANA/rustls spelling (`X25519`, `secp256r1`), from s_client's
    /// "Server Temp Key" line.
    pub key_exchange: Option<String>,
}

/// Run `openssl s_client` against 127.0.0.1:`port` (with `-starttls <starttls>` when given:
/// `smtp`, `ldap`, …), trusting `root`, with `extra` options; what it negotiated.
pub fn negotiate(port: u16, root: &Path, starttls: Option<&str>, extra: &[&str]) -> Negotiated {
    let text = run(port, root, starttls, extra);
    // "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384" (the session block is not always
    // printed: s_client may leave before a TLS 1.3 ticket arrives).
    let line = text
        .lines()
        .find(|l| l.starts_with("New, "))
        .unwrap_or_else(|| panic!("s_client printed no handshake summary:\n{text}"));
    let (protocol, cipher) = line
        .strip_prefix("New, ")
        .and_then(|rest| rest.split_once(", Cipher is "))
        .unwrap_or_else(|| panic!("unexpected summary {line}"));
    let version = match protocol {
        "TLSv1.3" => "TLS 1.3".to_string(),
        "TLSv1.2" => "TLS 1.2".to_string(),
        "TLSv1.1" => "TLS 1.1".to_string(),
        "TLSv1" => "TLS 1.0".to_string(),
        other => panic!("s_client did not complete a handshake ({other}):\n{text}"),
    };
    let cipher = cipher.trim().to_string();
    // "Server Temp Key: X25519, 253 bits" or "Server Temp Key: ECDH, prime256v1, 256 bits".
    let key_exchange = text
        .lines()
        .find_map(|l| l.strip_prefix("Server Temp Key: "))
        .map(|rest| {
            let parts: Vec<&str> = rest.split(", ").collect();
            let name = if parts[0] == "ECDH" {
                parts[1]
            } else {
                parts[0]
            };
            match name {
                "prime256v1" => "secp256r1".to_string(),
                other => other.to_string(),
            }
        });
    Negotiated {
        key_exchange,
        version,
        cipher_suite: iana_name(&cipher),
    }
}

/// Does the server accept `version` (an s_client flag: `-tls1`, `-tls1_1`) at SECLEVEL=0?
pub fn accepts(port: u16, root: &Path, starttls: Option<&str>, version: &str) -> bool {
    let text = run(
        port,
        root,
        starttls,
        &[version, "-cipher", "DEFAULT:@SECLEVEL=0"],
    );
    text.lines()
        .any(|line| line.starts_with("New, TLSv1") && !line.contains("(NONE)"))
}

/// The output of one `openssl s_client` handshake (stdout).
fn run(port: u16, root: &Path, starttls: Option<&str>, extra: &[&str]) -> String {
    let mut command = Command::new("timeout");
    command
        .args(["10", "openssl", "s_client", "-connect"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("-CAfile")
        .arg(root)
        .args(extra);
    if let Some(protocol) = starttls {
        command.args(["-starttls", protocol]);
    }
    let output = command.stdin(Stdio::null()).output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The IANA name of an OpenSSL cipher name (TLS 1.3 names are the same in both).
pub fn iana_name(openssl_name: &str) -> String {
    static NAMES: OnceLock<HashMap<String, String>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let output = Command::new("openssl")
            .args(["ciphers", "-stdname", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| {
                // "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 - ECDHE-RSA-AES256-GCM-SHA384 TLSv1.2 …"
                let (iana, rest) = line.split_once(" - ")?;
                let openssl = rest.split_whitespace().next()?;
                Some((openssl.to_string(), iana.trim().to_string()))
            })
            .collect()
    });
    names
        .get(openssl_name)
        .cloned()
        .unwrap_or_else(|| panic!("openssl ciphers -stdname does not know {openssl_name}"))
}

#[test]
fn openssl_names_map_to_iana_names() {
    if Command::new("openssl").arg("version").output().is_err() {
        crate::support::skip("openssl is not installed");
        return;
    }
    assert_eq!(
        iana_name("ECDHE-RSA-AES256-GCM-SHA384"),
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
    );
    assert_eq!(
        iana_name("TLS_AES_128_GCM_SHA256"),
        "TLS_AES_128_GCM_SHA256"
    );
    assert_eq!(iana_name("AES128-SHA"), "TLS_RSA_WITH_AES_128_CBC_SHA");
}
