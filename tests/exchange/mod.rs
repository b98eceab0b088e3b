//! The Exchange cmdlets end to end, through `mailsec::Session` with a state file in a scratch
//! directory: every command line of the public doc pages' Examples sections, pipeline binding,
//! -WhatIf and -Confirm (with and without a terminal), the no-change warning with the state
//! file's bytes untouched, rejected input leaving the state byte-identical, multi-valued
//! Add/Remove, identities by name, GUID and DN, and the default views.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use mailsec::engine::Host;
use mailsec::syntax::Source;
use mailsec::{Session, SessionOptions};

use crate::support::ScratchDir;

mod behaviour;
mod doc_examples;

/// A host that captures what a script writes and, when `answers` is set, plays a person at a
/// terminal answering confirmation prompts in turn.
#[derive(Clone, Default)]
struct TestHost {
    pub output: Rc<RefCell<String>>,
    pub errors: Rc<RefCell<String>>,
    pub prompts: Rc<RefCell<Vec<String>>>,
    answers: Option<Rc<RefCell<Vec<String>>>>,
}

impl Host for TestHost {
    fn write_output(&mut self, text: &str) {
        self.output.borrow_mut().push_str(text);
    }

    fn write_error(&mut self, text: &str) {
        self.errors.borrow_mut().push_str(text);
    }

    fn read_line(&mut self, prompt: &str) -> Option<String> {
        self.prompts.borrow_mut().push(prompt.to_string());
        let answers = self.answers.as_ref()?;
        let mut answers = answers.borrow_mut();
        (!answers.is_empty()).then(|| answers.remove(0))
    }

    fn is_interactive(&self) -> bool {
        self.answers.is_some()
    }
}

/// What one run printed.
#[derive(Debug, Default)]
pub struct Run {
    pub output: String,
    pub errors: String,
    pub prompts: Vec<String>,
    /// The rendered terminating error that stopped the script, if one did.
    pub stopped: Option<String>,
}

/// An organization in a scratch directory: run scripts against its state file.
pub struct Org {
    _dir: ScratchDir,
    state: PathBuf,
}

impl Org {
    pub fn new() -> Org {
        let dir = ScratchDir::new("exchange");
        let state = dir.path().join("state.yaml");
        Org { _dir: dir, state }
    }

    pub fn run_with(&self, script: &str, answers: Option<Vec<&str>>) -> Run {
        let host = TestHost {
            answers: answers
                .map(|a| Rc::new(RefCell::new(a.into_iter().map(String::from).collect()))),
            ..TestHost::default()
        };
        let options = SessionOptions {
            state_path: Some(self.state.clone()),
        };
        let mut session = Session::new(Box::new(host.clone()), options);
        let source = Source::new("test.ps1", script);
        let result = session.run_file(&source, Vec::new());
        session.host_mut().flush();
        let stopped = result.err().map(|e| e.to_string());
        Run {
            output: host.output.borrow().clone(),
            errors: host.errors.borrow().clone(),
            prompts: host.prompts.borrow().clone(),
            stopped,
        }
    }

    /// Run without a terminal.
    pub fn run(&self, script: &str) -> Run {
        self.run_with(script, None)
    }

    /// Run and require that nothing was written to the error stream.
    pub fn ok(&self, script: &str) -> String {
        let run = self.run(script);
        assert!(
            run.errors.is_empty() && run.stopped.is_none(),
            "script failed:\n{script}\nerrors:\n{}\nstopped: {:?}",
            run.errors,
            run.stopped
        );
        run.output
    }

    /// The state file's bytes (empty when it does not exist yet).
    pub fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.state).unwrap_or_default()
    }

    pub fn path(&self) -> &Path {
        &self.state
    }
}
