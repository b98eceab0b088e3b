//! L5 — a mailsec session: the engine with the built-in cmdlets registered, fed whole scripts
//! (files, `-c` commands, REPL entries). The CLI, the REPL and the tests all run through it.

use std::path::PathBuf;

use miette::Diagnostic;
use thiserror::Error;

use crate::engine::{Host, RuntimeError};
use crate::syntax::{ParseError, Source};

/// Settings a session starts with.
#[derive(Debug, Clone, Default)]
pub struct SessionOptions {
    /// The configuration store (`--state PATH` / `MAILSEC_STATE`); `None` uses the default.
    pub state_path: Option<PathBuf>,
}

/// What ended a run early.
#[derive(Debug, Error, Diagnostic)]
pub enum RunError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Parse(#[from] ParseError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Runtime(#[from] RuntimeError),
}

pub struct Session {
    host: Box<dyn Host>,
    #[allow(dead_code)]
    options: SessionOptions,
}

impl Session {
    pub fn new(host: Box<dyn Host>, options: SessionOptions) -> Session {
        Session { host, options }
    }

    /// Run one script to its end. `Ok(None)`: it ran to the end; `Ok(Some(n))`: it called
    /// `exit n`; `Err`: a terminating error (or a parse error) stopped it. Variables and
    /// functions persist across calls (the REPL runs each entry through here). `args` become
    /// `$args`.
    pub fn run(&mut self, source: &Source, args: Vec<String>) -> Result<Option<i32>, RunError> {
        let _ = args;
        let script = crate::syntax::parse(source)?;
        let _ = script;
        self.host.flush();
        Ok(None)
    }

    /// Every command name (cmdlets, aliases, functions defined so far), for completion.
    pub fn command_names(&self) -> Vec<String> {
        Vec::new()
    }

    /// The parameter names (without `-`) of a command, for completion; empty when unknown.
    pub fn parameter_names(&self, command: &str) -> Vec<String> {
        let _ = command;
        Vec::new()
    }

    /// The host the session writes to.
    pub fn host_mut(&mut self) -> &mut dyn Host {
        self.host.as_mut()
    }
}
