//! Test plumbing for the directory cmdlets: a slapd, a state file kept across script runs, the
//! script lines that connect to it, and S/MIME certificates (from the test PKI, or made in
//! process when many are needed).

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use mailsec::pki::issue::{KeyAlgorithm, Request, issue};
use mailsec::syntax::Source;
use mailsec::{Session, SessionOptions};

use crate::servers::slapd::Slapd;
use crate::servers::test_pki;
use crate::support::{ScratchDir, SharedHost};

/// A slapd plus a state file and a scratch directory for one test.
pub struct Env {
    pub slapd: Slapd,
    pub state: ScratchDir,
    pub files: ScratchDir,
}

/// What a script printed.
#[derive(Debug, Clone)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
}

impl Env {
    /// A slapd with `users` users; `None` when slapd or openssl is missing (skipped).
    pub fn new(users: usize) -> Option<Env> {
        Some(Env {
            slapd: Slapd::with_users(users)?,
            state: ScratchDir::new("dirstate"),
            files: ScratchDir::new("dirfiles"),
        })
    }

    /// The state file the scripts share.
    pub fn state_file(&self) -> PathBuf {
        self.state.path().join("state.yaml")
    }

    /// Script lines that connect (StartTLS, trusting the test root) as the admin, by name.
    pub fn connect(&self, name: &str) -> String {
        format!(
            "$pw = ConvertTo-SecureString '{pw}' -AsPlainText -Force\n\
             $admin = [pscustomobject]@{{ UserName = '{dn}'; Password = $pw }}\n\
             $null = Connect-Directory -Server {url} -StartTls -Credential $admin -TrustStore '{ca}' -BaseDN '{base}' -Name {name} -ErrorAction Stop\n",
            pw = self.slapd.admin_password,
            dn = self.slapd.admin_dn,
            url = self.slapd.url(),
            ca = self.slapd.ca_pem_path.display(),
            base = self.slapd.base_dn,
        )
    }

    /// A valid in-process S/MIME certificate for `mail`, written as `name` in the test's files.
    pub fn good_cert_file(&self, name: &str, mail: &str) -> PathBuf {
        self.files.file(name, good_cert(mail))
    }

    /// Run `script` in a fresh session on this test's state file (60 s limit).
    pub fn run(&self, script: &str) -> Run {
        run_session(script, self.state_file(), Duration::from_secs(60))
    }
}

/// Run a script in a new session on its own thread; what it printed.
pub fn run_session(script: &str, state: PathBuf, limit: Duration) -> Run {
    let host = SharedHost::default();
    let thread_host = host.clone();
    let source = Source::new("directory-test.ps1", script);
    let (done, finished) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let mut session = Session::new(
                Box::new(thread_host),
                SessionOptions {
                    state_path: Some(state),
                },
            );
            let result = session.run_file(&source, Vec::new());
            session.host_mut().flush();
            let rendered = match result {
                Ok(_) => String::new(),
                Err(error) => mailsec::report::render_run_error(&error, &source, false),
            };
            let _ = done.send(rendered);
        })
        .unwrap();
    let rendered = finished.recv_timeout(limit).unwrap_or_else(|_| {
        host.cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
        "TIMED OUT".to_string()
    });
    let captured = host.captured.lock().unwrap();
    Run {
        stdout: captured.output.clone(),
        stderr: format!("{}{rendered}", captured.errors),
    }
}

/// The test PKI's S/MIME certificate of `mail` (PEM path).
pub fn smime_cert(mail: &str) -> PathBuf {
    test_pki::smime_user_cert(mail).unwrap().0
}

/// A self-signed S/MIME certificate made in process for `mail`, valid from `not_before` to
/// `not_after` (Unix seconds), with `ekus`; its PEM text.
pub fn made_cert(mail: &str, not_before: i64, not_after: i64, ekus: &[&str]) -> String {
    let request = Request {
        subject: format!("CN={mail}"),
        dns_names: Vec::new(),
        emails: vec![mail.to_string()],
        not_before,
        not_after,
        algorithm: KeyAlgorithm::EcdsaP256,
        key_usages: vec![
            "DigitalSignature".to_string(),
            "KeyEncipherment".to_string(),
        ],
        ekus: ekus.iter().map(|e| e.to_string()).collect(),
        ca: None,
    };
    let issued = issue(&request, None).unwrap();
    String::from_utf8(mailsec::pki::pem::encode(std::slice::from_ref(
        &issued.certificate,
    )))
    .unwrap()
}

/// Now, in Unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A valid in-process S/MIME certificate (PEM) for `mail`.
pub fn good_cert(mail: &str) -> String {
    made_cert(
        mail,
        now() - 86_400,
        now() + 300 * 86_400,
        &["1.3.6.1.5.5.7.3.4"],
    )
}

/// How many entries `ldapsearch` finds with a value in `attribute`.
pub fn count_with(slapd: &Slapd, attribute: &str) -> usize {
    slapd
        .ldapsearch(&format!("({attribute}=*)"), &["1.1"])
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("dn: "))
        .count()
}
