//! The directory benchmark of issue 6: publish one S/MIME certificate to each of 10,000 users
//! of a private slapd (StartTLS, the same server for every tool) and read them all back, with
//! the release binary `mailsec` beside `ldapmodify`/`ldapsearch` (ldap-utils) and python's
//! ldap3 doing the same work. Each publish run replaces both attributes of every user (runs
//! alternate between two certificate sets, so every run really writes); slapd's own CPU time
//! during the run is shown too ("what slapd itself can write"). Medians of RUNS runs.
//! Run by hand: `cargo bench --bench directory` (needs slapd, ldap-utils, python3 with ldap3).

#![allow(dead_code)] // the test fixtures are shared with the test binary

// The test fixtures, shared with the test binary (where unwrap is a test's failure).
#[allow(clippy::unwrap_used)]
#[path = "../tests/support.rs"]
mod support;

/// The test servers, laid out as in the test binary (test_pki has modules of its own).
#[allow(clippy::unwrap_used)]
#[path = "../tests/servers"]
mod servers {
    pub mod slapd;
    pub mod test_pki;
}

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mailsec::pki::issue::{KeyAlgorithm, Request, issue};
use mailsec::pki::{Certificate, p7b, pem};
use mailsec::value::static_convert::base64_encode;

use servers::slapd::Slapd;
use support::ScratchDir;

const USERS: usize = 10_000;
const RUNS: usize = 3;

/// One certificate per user, in the forms each tool takes.
struct CertificateSet {
    /// A PEM bundle of every certificate (what mailsec reads).
    pem_bundle: PathBuf,
    /// LDIF replacing both attributes of every user (what ldapmodify reads).
    ldif: PathBuf,
    /// `dn<TAB>base64 DER<TAB>base64 PKCS#7` lines (what the python script reads).
    tsv: PathBuf,
}

fn make_set(dir: &Path, label: &str) -> CertificateSet {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let mut bundle = Vec::new();
    let mut ldif = String::new();
    let mut tsv = String::new();
    for n in 0..USERS {
        let mail = Slapd::user_mail(n);
        let request = Request {
            subject: format!("CN={mail}"),
            dns_names: Vec::new(),
            emails: vec![mail.clone()],
            not_before: now - 86_400,
            not_after: now + 300 * 86_400,
            algorithm: KeyAlgorithm::EcdsaP256,
            key_usages: vec!["DigitalSignature".into(), "KeyEncipherment".into()],
            ekus: vec!["1.3.6.1.5.5.7.3.4".into()],
            ca: None,
        };
        let cert: Certificate = match issue(&request, None) {
            Ok(issued) => issued.certificate,
            Err(e) => panic!("issue: {e}"),
        };
        bundle.extend(pem::encode(std::slice::from_ref(&cert)));
        let der = base64_encode(cert.raw_data());
        let pkcs7 = base64_encode(&p7b::encode(std::slice::from_ref(&cert)).unwrap_or_default());
        let dn = format!(
            "uid={},ou=people,dc=example,dc=com",
            servers::slapd::user_uid(n)
        );
        let _ = write!(
            ldif,
            "dn: {dn}\nchangetype: modify\nreplace: userCertificate;binary\nuserCertificate;binary:: {der}\n-\nreplace: userSMIMECertificate\nuserSMIMECertificate:: {pkcs7}\n-\n\n"
        );
        let _ = writeln!(tsv, "{dn}\t{der}\t{pkcs7}");
    }
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(format!("{label}-{name}"));
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        path
    };
    CertificateSet {
        pem_bundle: write("bundle.pem", &bundle),
        ldif: write("replace.ldif", ldif.as_bytes()),
        tsv: write("certs.tsv", tsv.as_bytes()),
    }
}

/// CPU seconds (user + system) a process has used so far.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // Fields after the name: state is 0, utime 11, stime 12.
    (ticks(11) + ticks(12)) / 100.0
}

/// Run a command to completion; its wall time. Panics with its stderr when it fails.
fn timed(command: &mut Command) -> Duration {
    let start = Instant::now();
    let output = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let elapsed = start.elapsed();
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    elapsed
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

/// The command line of one tool for one set, and for reading back.
struct Tool {
    name: &'static str,
    publish: Box<dyn Fn(&CertificateSet) -> Command>,
    read: Box<dyn Fn() -> Command>,
}

/// The slapd every tool talks to, and how the peer tools are told about it.
#[derive(Clone)]
struct Server {
    url: String,
    /// The root to trust (PEM path).
    ca: String,
    admin: String,
    password: String,
    base: String,
}

impl Server {
    /// `ldapmodify`/`ldapsearch` with StartTLS required, trusting the test root, bound as the
    /// admin.
    fn ldap_utility(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("LDAPTLS_CACERT", &self.ca).args([
            "-x",
            "-ZZ",
            "-H",
            &self.url,
            "-D",
            &self.admin,
            "-w",
            &self.password,
        ]);
        command
    }

    /// The python ldap3 script doing `action` (publish or read) against this server.
    fn python(&self, script: &Path, action: &str) -> Command {
        let mut command = Command::new("python3");
        command.arg(script).args([
            &self.url,
            &self.ca,
            &self.admin,
            &self.password,
            &self.base,
            action,
        ]);
        command
    }
}

const PYTHON: &str = r#"
import ssl, sys, base64
from ldap3 import Server, Connection, Tls, MODIFY_REPLACE
url, ca, admin, password, base, mode = sys.argv[1:7]
tls = Tls(ca_certs_file=ca, validate=ssl.CERT_REQUIRED)
conn = Connection(Server(url, tls=tls), admin, password, auto_bind=False)
conn.open(); conn.start_tls(); conn.bind()
if mode == 'publish':
    for line in open(sys.argv[7]):
        dn, der, p7 = line.rstrip('\n').split('\t')
        ok = conn.modify(dn, {'userCertificate;binary': [(MODIFY_REPLACE, [base64.b64decode(der)])],
                              'userSMIMECertificate': [(MODIFY_REPLACE, [base64.b64decode(p7)])]})
        if not ok:
            sys.exit('modify failed: %s' % conn.result)
else:
    n = 0
    for entry in conn.extend.standard.paged_search(base, '(objectClass=inetOrgPerson)',
            attributes=['mail', 'userCertificate;binary', 'userSMIMECertificate'],
            paged_size=500, generator=True):
        n += 1
    if n < 10000:
        sys.exit('read only %d' % n)
"#;

/// The release binary running `script` on the state file `state`.
fn mailsec_script(state: &Path, script: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mailsec"));
    command.arg("--state").arg(state).arg(script);
    command
}

fn main() {
    let Some(slapd) = Slapd::with_users(USERS) else {
        println!("slapd is not installed: nothing measured");
        return;
    };
    let Some(pid) = slapd.pid() else { return };
    let scratch = ScratchDir::new("bench-directory");
    let dir = scratch.path().to_path_buf();
    println!("making {USERS} certificates twice …");
    let sets = [make_set(&dir, "a"), make_set(&dir, "b")];
    let connect = format!(
        "$pw = ConvertTo-SecureString '{pw}' -AsPlainText -Force\n$admin = [pscustomobject]@{{ UserName = '{dn}'; Password = $pw }}\n$null = Connect-Directory {url} -StartTls -Credential $admin -TrustStore '{ca}' -BaseDN '{base}' -ErrorAction Stop\n",
        pw = slapd.admin_password,
        dn = slapd.admin_dn,
        url = slapd.url(),
        ca = slapd.ca_pem_path.display(),
        base = slapd.base_dn,
    );
    let read_script = dir.join("read.ps1");
    let _ = std::fs::write(
        &read_script,
        format!(
            "{connect}$n = (Get-Mailbox -ResultSize Unlimited | Measure-Object).Count\nif ($n -ne {USERS}) {{ throw \"read $n\" }}\n"
        ),
    );
    let python_script = dir.join("bench.py");
    let _ = std::fs::write(&python_script, PYTHON);
    let state = dir.join("state.yaml");
    let server = Server {
        url: slapd.url(),
        ca: slapd.ca_pem_path.display().to_string(),
        admin: slapd.admin_dn.clone(),
        password: slapd.admin_password.clone(),
        base: slapd.base_dn.clone(),
    };
    let tools: Vec<Tool> = vec![
        Tool {
            name: "mailsec",
            publish: {
                let (dir, connect, state) = (dir.clone(), connect.clone(), state.clone());
                Box::new(move |set: &CertificateSet| {
                    let script = dir.join("publish.ps1");
                    let _ = std::fs::write(
                        &script,
                        format!(
                            "{connect}$r = '{}' | Publish-SmimeCertificate -Replace\n$bad = @($r | Where-Object Action -ne 'Replaced').Count\nif ($bad) {{ throw \"$bad not replaced\" }}\n",
                            set.pem_bundle.display()
                        ),
                    );
                    mailsec_script(&state, &script)
                })
            },
            read: {
                let (script, state) = (read_script.clone(), state.clone());
                Box::new(move || mailsec_script(&state, &script))
            },
        },
        Tool {
            name: "ldapmodify / ldapsearch",
            publish: {
                let server = server.clone();
                Box::new(move |set: &CertificateSet| {
                    let mut command = server.ldap_utility("ldapmodify");
                    command.arg("-f").arg(&set.ldif);
                    command
                })
            },
            read: {
                let server = server.clone();
                Box::new(move || {
                    let mut command = server.ldap_utility("ldapsearch");
                    command.args([
                        "-LLL",
                        "-b",
                        &server.base,
                        "-E",
                        "pr=500/noprompt",
                        "(objectClass=inetOrgPerson)",
                        "mail",
                        "userCertificate;binary",
                        "userSMIMECertificate",
                    ]);
                    command
                })
            },
        },
        Tool {
            name: "python ldap3",
            publish: {
                let (server, script) = (server.clone(), python_script.clone());
                Box::new(move |set: &CertificateSet| {
                    let mut command = server.python(&script, "publish");
                    command.arg(&set.tsv);
                    command
                })
            },
            read: {
                let (server, script) = (server.clone(), python_script.clone());
                Box::new(move || server.python(&script, "read"))
            },
        },
    ];
    let mut report = format!(
        "Publishing one certificate to each of {USERS} users (both attributes replaced) and reading all back; slapd 2.5 on loopback, StartTLS, default (synchronous) writes; medians of {RUNS} runs.\n\n| tool | publish 10,000 | slapd CPU during publish | read 10,000 back |\n|---|---|---|---|\n"
    );
    // Start from set b, so every measured run replaces existing values.
    timed(&mut (tools[1].publish)(&sets[1]));
    let mut round = 0usize;
    for tool in &tools {
        let mut publish = Vec::new();
        let mut server_cpu = Vec::new();
        let mut read = Vec::new();
        for _ in 0..RUNS {
            let set = &sets[round % 2];
            round += 1;
            let before = cpu_seconds(pid);
            publish.push(timed(&mut (tool.publish)(set)).as_secs_f64());
            server_cpu.push(cpu_seconds(pid) - before);
            read.push(timed(&mut (tool.read)()).as_secs_f64());
        }
        let row = format!(
            "| {} | {:.2} s | {:.2} s | {:.2} s |\n",
            tool.name,
            median(publish),
            median(server_cpu),
            median(read)
        );
        print!("{row}");
        let _ = std::io::stdout().flush();
        report.push_str(&row);
    }
    println!("\n{report}");
}
