//! A private Postfix (Debian's 3.7) on 127.0.0.1 for the probe tests (test support): its own
//! config, queue and data directories in a scratch directory, three smtpd listeners on free
//! high ports — STARTTLS offered (`may`), STARTTLS not offered (`none`) and implicit TLS
//! (wrapper mode, like 465) — presenting a leaf of the test PKI. One instance per test process,
//! stopped (`postfix stop`) when the process ends.

#![allow(dead_code)] // a fixture library: each test uses a part of it

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use super::s_server::{SERVER_NAMES, Watched, free_port, path_text, shell_quote, wait_for_port};
use super::test_pki::{self, Leaf, LeafSpec};
use crate::support::{ScratchDir, skip};

const POSTFIX: &str = "/usr/sbin/postfix";

/// The host name Postfix announces in its banner and EHLO reply.
pub const MYHOSTNAME: &str = "mail.example.test";

/// A running private Postfix.
pub struct Postfix {
    /// SMTP with STARTTLS offered (`smtpd_tls_security_level = may`, stock protocol settings).
    pub starttls_port: u16,
    /// SMTP without STARTTLS (`smtpd_tls_security_level = none`).
    pub plain_port: u16,
    /// Implicit TLS (`smtpd_tls_wrappermode = yes`), like port 465.
    pub smtps_port: u16,
    /// The certificate files it presents (`leaf.root` is the trust anchor).
    pub leaf: Leaf,
    process: Watched,
}

impl Postfix {
    /// The log Postfix writes (through postlogd), for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.process.dir().join("maillog")).unwrap_or_default()
    }

    /// Start a private Postfix (owned by the caller; stopped when dropped). `None`, after a
    /// loud skip, when Postfix or openssl is missing or the tests do not run as root.
    pub fn start() -> Option<Postfix> {
        if !Path::new(POSTFIX).exists() {
            skip("postfix is not installed (apt-get install postfix); Postfix probe tests skipped");
            return None;
        }
        if !running_as_root() {
            skip("a private Postfix needs root (postfix start); Postfix probe tests skipped");
            return None;
        }
        let pki = test_pki::pki()?;
        let leaf = pki.leaf(&LeafSpec::new(SERVER_NAMES));
        let dir = ScratchDir::new("postfix");
        let d = dir.path().to_path_buf();
        let (starttls_port, plain_port, smtps_port) = (free_port(), free_port(), free_port());
        write_config(&d, &leaf, [starttls_port, plain_port, smtps_port]);
        let config = shell_quote(&path_text(&d.join("etc")));
        let start = format!("MAIL_CONFIG={config} {POSTFIX} -c {config} start >start.log 2>&1");
        let stop = format!("MAIL_CONFIG={config} {POSTFIX} -c {config} stop >/dev/null 2>&1");
        let process = Watched::start(dir, &start, &stop)?;
        let postfix = Postfix {
            starttls_port,
            plain_port,
            smtps_port,
            leaf,
            process,
        };
        for port in [starttls_port, plain_port, smtps_port] {
            assert!(
                wait_for_port(port, Duration::from_secs(20)),
                "Postfix did not listen on {port}: {}\n{}",
                std::fs::read_to_string(d.join("start.log")).unwrap_or_default(),
                postfix.log()
            );
        }
        Some(postfix)
    }
}

/// The Postfix of this test process, started on first request. `None` after a loud skip (see
/// [`Postfix::start`]).
pub fn shared() -> Option<&'static Postfix> {
    static POSTFIX_INSTANCE: OnceLock<Option<Postfix>> = OnceLock::new();
    POSTFIX_INSTANCE.get_or_init(Postfix::start).as_ref()
}

fn running_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// `etc/main.cf`, `etc/master.cf`, the key and full chain, `spool/` and `data/` (owned by
/// postfix) in `dir`.
fn write_config(dir: &Path, leaf: &Leaf, [starttls, plain, smtps]: [u16; 3]) {
    for sub in ["etc", "spool", "data"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let chown = std::process::Command::new("chown")
        .arg("postfix:postfix")
        .arg(dir.join("data"))
        .status();
    assert!(chown.is_ok_and(|s| s.success()), "chown postfix data dir");
    let key = dir.join("key.pem");
    let chain = dir.join("fullchain.pem");
    std::fs::copy(&leaf.key, &key).unwrap();
    std::fs::copy(&leaf.chain, &chain).unwrap();
    let d = |name: &str| -> PathBuf { dir.join(name) };
    let main_cf = format!(
        "compatibility_level = 3.6\n\
         queue_directory = {spool}\n\
         data_directory = {data}\n\
         inet_interfaces = 127.0.0.1\n\
         inet_protocols = ipv4\n\
         mydestination =\n\
         myhostname = {MYHOSTNAME}\n\
         alias_maps =\n\
         alias_database =\n\
         notify_classes =\n\
         smtpd_tls_security_level = may\n\
         smtpd_tls_chain_files = {key}, {chain}\n\
         maillog_file = {log}\n\
         maillog_file_prefixes = /var, /dev/stdout, /tmp\n",
        spool = d("spool").display(),
        data = d("data").display(),
        key = key.display(),
        chain = chain.display(),
        log = d("maillog").display(),
    );
    let master_cf = format!(
        "127.0.0.1:{starttls} inet n - n - - smtpd\n\
         127.0.0.1:{plain} inet n - n - - smtpd\n  -o smtpd_tls_security_level=none\n\
         127.0.0.1:{smtps} inet n - n - - smtpd\n  -o smtpd_tls_wrappermode=yes\n\
         {MASTER_SERVICES}"
    );
    std::fs::write(dir.join("etc/main.cf"), main_cf).unwrap();
    std::fs::write(dir.join("etc/master.cf"), master_cf).unwrap();
}

/// The internal services master needs, none chrooted.
const MASTER_SERVICES: &str = "\
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::s_client;

    #[test]
    fn postfix_offers_starttls_accepts_tls_1_0_and_serves_implicit_tls() {
        let Some(postfix) = shared() else { return };
        let root = path_text(&postfix.leaf.root);
        let starttls = format!("127.0.0.1:{}", postfix.starttls_port);
        let text = s_client(&["-starttls", "smtp", "-connect", &starttls, "-CAfile", &root]);
        assert!(
            text.contains("Verify return code: 0 (ok)") && text.contains("TLSv1.3"),
            "{text}\n{}",
            postfix.log()
        );
        // Stock Postfix with `may` still accepts TLS 1.0 and 1.1.
        for version in ["-tls1", "-tls1_1"] {
            let old = s_client(&[
                version,
                "-cipher",
                "DEFAULT:@SECLEVEL=0",
                "-starttls",
                "smtp",
                "-connect",
                &starttls,
            ]);
            assert!(old.contains("Cipher is ECDHE"), "{version}: {old}");
        }
        let plain = format!("127.0.0.1:{}", postfix.plain_port);
        let refused = s_client(&["-starttls", "smtp", "-connect", &plain]);
        assert!(refused.contains("Didn't find STARTTLS"), "{refused}");
        let smtps = format!("127.0.0.1:{}", postfix.smtps_port);
        let implicit = s_client(&["-connect", &smtps, "-CAfile", &root]);
        assert!(
            implicit.contains("Verify return code: 0 (ok)"),
            "{implicit}"
        );
    }
}
