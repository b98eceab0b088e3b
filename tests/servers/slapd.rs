//! A private OpenLDAP `slapd` on loopback for the tests: its own `slapd.conf` (core, cosine and
//! inetorgperson schemas, back_mdb) and database in a scratch directory, `N` inetOrgPerson users
//! loaded offline with `slapadd`, plain LDAP (StartTLS offered) and LDAPS on free ports, TLS
//! from the test PKI. Killed when dropped; [`Slapd::kill`] stops it mid-test and
//! [`Slapd::restart`] brings it back on the same ports with the same data.
//!
//! ```ignore
//! let Some(slapd) = Slapd::start() else { return }; // None: slapd missing, test skipped
//! let url = slapd.url();            // ldap://127.0.0.1:PORT (StartTLS available)
//! let ldaps = slapd.ldaps_url();    // ldaps://127.0.0.1:PORT2
//! let ca = &slapd.ca_pem_path;      // the root the server certificate chains to
//! ```

#![allow(dead_code)] // a fixture library: each test uses a part of it

use std::fmt::Write as _;
use std::io::Write as _;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{ScratchDir, skip};

use super::test_pki::{self, LeafSpec};

const SLAPD: &str = "/usr/sbin/slapd";
const SLAPADD: &str = "/usr/sbin/slapadd";
const SCHEMA_DIR: &str = "/etc/ldap/schema";
const MODULE_DIR: &str = "/usr/lib/ldap";

/// A running private slapd.
pub struct Slapd {
    /// Plain LDAP port on 127.0.0.1 (StartTLS is offered there).
    pub ldap_port: u16,
    /// LDAPS (implicit TLS) port on 127.0.0.1.
    pub ldaps_port: u16,
    /// The suffix, `dc=example,dc=com`.
    pub base_dn: String,
    /// Where the users are, `ou=people,dc=example,dc=com`.
    pub people_dn: String,
    /// The root DN (full rights).
    pub admin_dn: String,
    /// The root DN's password.
    pub admin_password: String,
    /// The CA certificate (PEM) the server's certificate chains to.
    pub ca_pem_path: PathBuf,
    /// How many users were loaded (`user00000` …).
    pub users: usize,
    dir: ScratchDir,
    child: Option<Child>,
}

impl Slapd {
    /// A slapd with 20 users. `None` (after a loud skip; a failure under CI) when slapd is not
    /// installed.
    pub fn start() -> Option<Slapd> {
        Slapd::with_users(20)
    }

    /// A slapd with `users` inetOrgPerson entries `uid=userNNNNN,ou=people,…`, mail
    /// `userNNNNN@example.com`.
    pub fn with_users(users: usize) -> Option<Slapd> {
        for tool in [SLAPD, SLAPADD] {
            if !Path::new(tool).exists() {
                skip(&format!(
                    "{tool} is not installed; install slapd and ldap-utils (apt-get install slapd ldap-utils)"
                ));
                return None;
            }
        }
        let dir = ScratchDir::new("slapd");
        let leaf = test_pki::pki()?.leaf(&LeafSpec::new(&["localhost", "127.0.0.1"]));
        std::fs::create_dir_all(dir.path().join("db")).unwrap();
        let mut slapd = Slapd {
            ldap_port: 0,
            ldaps_port: 0,
            base_dn: "dc=example,dc=com".to_string(),
            people_dn: "ou=people,dc=example,dc=com".to_string(),
            admin_dn: "cn=admin,dc=example,dc=com".to_string(),
            admin_password: "admin-secret-9".to_string(),
            ca_pem_path: leaf.root.clone(),
            users,
            dir,
            child: None,
        };
        slapd.write_config(&leaf.chain, &leaf.key);
        slapd.load_entries();
        for _attempt in 0..5 {
            slapd.ldap_port = free_port();
            slapd.ldaps_port = free_port();
            if slapd.launch() {
                return Some(slapd);
            }
        }
        panic!(
            "slapd did not start; log:\n{}",
            std::fs::read_to_string(slapd.dir.path().join("slapd.log")).unwrap_or_default()
        );
    }

    /// `ldap://127.0.0.1:PORT` (plain; StartTLS available).
    pub fn url(&self) -> String {
        format!("ldap://127.0.0.1:{}", self.ldap_port)
    }

    /// `ldaps://127.0.0.1:PORT`.
    pub fn ldaps_url(&self) -> String {
        format!("ldaps://127.0.0.1:{}", self.ldaps_port)
    }

    /// The DN of user `n`.
    pub fn user_dn(&self, n: usize) -> String {
        format!("uid={},{}", user_uid(n), self.people_dn)
    }

    /// The mail address of user `n`.
    pub fn user_mail(n: usize) -> String {
        format!("{}@example.com", user_uid(n))
    }

    /// The scratch directory (config, database, log).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The server's process id while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// Kill the server at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// True while the server process runs.
    pub fn is_running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|c| matches!(c.try_wait(), Ok(None)))
    }

    /// Start the server again on the same ports with the same database.
    pub fn restart(&mut self) {
        self.kill();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.launch() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("slapd did not restart on its ports");
    }

    /// Run `ldapsearch` (simple bind as the admin over StartTLS) and return its LDIF output
    /// (`-LLL`, one line per value, binary values in base64). `None` when ldapsearch is missing.
    pub fn ldapsearch(&self, filter: &str, attrs: &[&str]) -> Option<String> {
        let mut command = Command::new("ldapsearch");
        command
            .env("LDAPTLS_CACERT", &self.ca_pem_path)
            .env("LDAPTLS_REQCERT", "demand")
            .args(["-LLL", "-o", "ldif-wrap=no", "-x", "-ZZ", "-H"])
            .arg(self.url())
            .args(["-D", &self.admin_dn, "-w", &self.admin_password])
            .args(["-b", &self.base_dn, filter])
            .args(attrs);
        let output = match command.output() {
            Ok(output) => output,
            Err(e) => {
                skip(&format!("ldapsearch cannot run ({e}); install ldap-utils"));
                return None;
            }
        };
        assert!(
            output.status.success(),
            "ldapsearch {filter} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        Some(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// Run `ldapmodify` (admin, StartTLS) on an LDIF text; panics when it fails.
    pub fn ldapmodify(&self, ldif: &str) {
        let mut child = Command::new("ldapmodify")
            .env("LDAPTLS_CACERT", &self.ca_pem_path)
            .args(["-x", "-ZZ", "-H"])
            .arg(self.url())
            .args(["-D", &self.admin_dn, "-w", &self.admin_password])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("ldapmodify runs");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(ldif.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "ldapmodify failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn write_config(&self, chain: &Path, key: &Path) {
        let dir = self.dir.path();
        let mut conf = String::new();
        for schema in ["core", "cosine", "inetorgperson"] {
            writeln!(conf, "include {SCHEMA_DIR}/{schema}.schema").unwrap();
        }
        writeln!(conf, "pidfile {}", dir.join("slapd.pid").display()).unwrap();
        writeln!(conf, "modulepath {MODULE_DIR}\nmoduleload back_mdb").unwrap();
        writeln!(conf, "TLSCACertificateFile {}", self.ca_pem_path.display()).unwrap();
        writeln!(conf, "TLSCertificateFile {}", chain.display()).unwrap();
        writeln!(conf, "TLSCertificateKeyFile {}", key.display()).unwrap();
        writeln!(conf, "database mdb\nmaxsize 1073741824").unwrap();
        writeln!(conf, "suffix \"{}\"", self.base_dn).unwrap();
        writeln!(conf, "rootdn \"{}\"", self.admin_dn).unwrap();
        writeln!(conf, "rootpw {}", self.admin_password).unwrap();
        writeln!(conf, "directory {}", dir.join("db").display()).unwrap();
        writeln!(conf, "index objectClass eq\nindex uid eq\nindex mail eq").unwrap();
        // Anyone may read; only the root DN writes (it bypasses ACLs).
        writeln!(conf, "access to * by * read").unwrap();
        std::fs::write(dir.join("slapd.conf"), conf).unwrap();
    }

    fn load_entries(&self) {
        let dir = self.dir.path();
        let mut ldif = format!(
            "dn: {base}\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: example\n\n\
             dn: {people}\nobjectClass: organizationalUnit\nou: people\n\n",
            base = self.base_dn,
            people = self.people_dn
        );
        for n in 0..self.users {
            let uid = user_uid(n);
            writeln!(
                ldif,
                "dn: uid={uid},{people}\nobjectClass: inetOrgPerson\nuid: {uid}\ncn: User {n}\nsn: {n}\n\
                 displayName: User {n}\nmail: {uid}@example.com\n",
                people = self.people_dn
            )
            .unwrap();
        }
        let path = dir.join("base.ldif");
        std::fs::write(&path, ldif).unwrap();
        let output = Command::new(SLAPADD)
            .arg("-q")
            .arg("-f")
            .arg(dir.join("slapd.conf"))
            .arg("-l")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "slapadd failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// Start slapd in the foreground on the chosen ports; true once it accepts connections.
    fn launch(&mut self) -> bool {
        let dir = self.dir.path();
        let log = std::fs::File::create(dir.join("slapd.log")).unwrap();
        let child = Command::new(SLAPD)
            .arg("-f")
            .arg(dir.join("slapd.conf"))
            .arg("-h")
            .arg(format!(
                "ldap://127.0.0.1:{}/ ldaps://127.0.0.1:{}/",
                self.ldap_port, self.ldaps_port
            ))
            .args(["-d", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if !self.is_running() {
                self.child = None;
                return false;
            }
            let up = [self.ldap_port, self.ldaps_port].iter().all(|port| {
                TcpStream::connect_timeout(
                    &([127, 0, 0, 1], *port).into(),
                    Duration::from_millis(200),
                )
                .is_ok()
            });
            if up {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.kill();
        false
    }
}

impl Drop for Slapd {
    fn drop(&mut self) {
        self.kill();
    }
}

/// `user00042`.
pub fn user_uid(n: usize) -> String {
    format!("user{n:05}")
}

/// A port nobody listens on now (bound, read, released).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

#[test]
fn slapd_serves_its_users_over_starttls_and_ldaps() {
    let Some(mut slapd) = Slapd::start() else {
        return;
    };
    let found = slapd
        .ldapsearch("(mail=user00003@example.com)", &["mail"])
        .unwrap();
    assert!(
        found.contains(&format!("dn: {}", slapd.user_dn(3))),
        "{found}"
    );
    let output = Command::new("ldapsearch")
        .env("LDAPTLS_CACERT", &slapd.ca_pem_path)
        .args(["-LLL", "-x", "-H"])
        .arg(slapd.ldaps_url())
        .args(["-D", &slapd.admin_dn, "-w", &slapd.admin_password])
        .args(["-b", &slapd.people_dn, "(objectClass=inetOrgPerson)", "uid"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(text.matches("uid: user").count(), 20, "{text}");
    slapd.kill();
    assert!(!slapd.is_running());
    slapd.restart();
    assert!(
        slapd
            .ldapsearch("(uid=user00000)", &["uid"])
            .unwrap()
            .contains("uid: user00000")
    );
}
