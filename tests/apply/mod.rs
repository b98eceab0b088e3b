//! Idempotent apply end to end: the `mailsec plan|apply|export` subcommands (exit codes, text,
//! JSON, saved plans) and the Invoke-/Test-/Export-MailConfig cmdlets, each against a state
//! file of its own in a scratch directory.

use std::path::{Path, PathBuf};
use std::process::Command;

use mailsec::syntax::Source;
use mailsec::{Session, SessionOptions};

use crate::support::{ScratchDir, SharedHost, crate_root};

mod cli;
mod drift;
mod policy;
mod session;
mod stores;
mod users;

/// A scratch organization: a state file, the worked example's certificates, documents.
pub struct Org {
    pub dir: ScratchDir,
}

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Org {
    pub fn new(label: &str) -> Org {
        let dir = ScratchDir::new(&format!("apply-{label}"));
        for name in ["contoso-root.pem", "contoso-issuing-ca.pem"] {
            let bytes =
                std::fs::read(crate_root().join("scripts/desired-state").join(name)).unwrap();
            dir.file(name, bytes);
        }
        Org { dir }
    }

    pub fn state(&self) -> PathBuf {
        self.dir.path().join("state.yaml")
    }

    /// Write a document named `name`; its path.
    pub fn doc(&self, name: &str, text: &str) -> PathBuf {
        self.dir.file(name, text)
    }

    /// `mailsec --state STATE ARGS…`.
    pub fn mailsec(&self, args: &[&str]) -> Run {
        self.mailsec_env(args, &[])
    }

    /// `mailsec --state STATE ARGS…` with environment variables.
    pub fn mailsec_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_mailsec"))
            .envs(env.iter().copied())
            .arg("--state")
            .arg(self.state())
            .args(args)
            .env_remove("MAILSEC_STATE")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// `mailsec plan|apply FILE ARGS…` with the document at `path`.
    pub fn verb(&self, verb: &str, path: &Path, args: &[&str]) -> Run {
        let path = path.display().to_string();
        let mut all = vec![verb, path.as_str()];
        all.extend_from_slice(args);
        self.mailsec(&all)
    }

    /// Run `text` as a script in a session on this organization's state; (stdout, stderr).
    pub fn script(&self, text: &str) -> (String, String) {
        let host = SharedHost::default();
        let state = self.state();
        let thread_host = host.clone();
        let text = text.to_string();
        std::thread::Builder::new()
            .stack_size(64 * 1024 * 1024)
            .spawn(move || {
                let options = SessionOptions {
                    state_path: Some(state),
                };
                let mut session = Session::new(Box::new(thread_host), options);
                let _ = session.run(&Source::new("<test>", text), Vec::new());
                session.host_mut().flush();
            })
            .unwrap()
            .join()
            .unwrap();
        let captured = host.captured.lock().unwrap();
        (captured.output.clone(), captured.errors.clone())
    }
}

/// The worked example's document, with its certificate paths pointing into `org`.
pub fn example(org: &Org) -> PathBuf {
    let text =
        std::fs::read_to_string(crate_root().join("scripts/desired-state/mail-security.yaml"))
            .unwrap();
    org.doc("mail-security.yaml", &text)
}
