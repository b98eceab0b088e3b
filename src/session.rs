//! L5 — a mailsec session: the engine with the built-in cmdlets registered, fed whole scripts
//! (files, `-c` commands, REPL entries). The CLI, the REPL and the tests all run through it.

use std::path::PathBuf;

use miette::Diagnostic;

use std::rc::Rc;

use crate::engine::{Flow, Host, Interp, OutputWriter, Registry, RuntimeError};
use crate::format::OutputFormatter;
use crate::store::YamlStore;
use crate::syntax::{ParseError, Source};
use crate::value::Value;

/// Settings a session starts with.
#[derive(Debug, Clone, Default)]
pub struct SessionOptions {
    /// The configuration store (`--state PATH` / `MAILSEC_STATE`); `None` uses the default.
    pub state_path: Option<PathBuf>,
}

/// What ended a run early.
#[derive(Debug)]
pub enum RunError {
    Parse(ParseError),
    /// A terminating runtime error, with the source its span points into when known.
    Runtime {
        error: Box<RuntimeError>,
        source: Option<Source>,
    },
}

impl From<ParseError> for RunError {
    fn from(error: ParseError) -> RunError {
        RunError::Parse(error)
    }
}

impl RunError {
    fn inner(&self) -> &dyn Diagnostic {
        match self {
            RunError::Parse(error) => error,
            RunError::Runtime { error, .. } => error.as_ref(),
        }
    }
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.inner(), f)
    }
}

impl std::error::Error for RunError {}

impl Diagnostic for RunError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.inner().code()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.inner().help()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.inner().labels()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.inner().severity()
    }
}

impl RunError {
    /// The source the error's span points into, when it is not the script that was run (a
    /// function defined in an earlier REPL entry, a dot-sourced file).
    pub fn source(&self) -> Option<&Source> {
        match self {
            RunError::Parse(_) => None,
            RunError::Runtime { source, .. } => source.as_ref(),
        }
    }
}

pub struct Session {
    interp: Interp,
}

impl Session {
    pub fn new(host: Box<dyn Host>, options: SessionOptions) -> Session {
        // Drives are per thread; a session starts with none of an earlier one's.
        crate::value::drives::clear();
        crate::directory::sessions::clear();
        let mut registry = Registry::new();
        crate::cmdlets::register_all(&mut registry);
        let mut interp = Interp::new(
            Rc::new(registry),
            host,
            Box::new(|| Box::new(FormatWriter(OutputFormatter::new())) as Box<dyn OutputWriter>),
            Box::new(render_error),
        );
        // Opening reads nothing: the file is read when a command first needs it.
        if let Some(path) = &options.state_path {
            match YamlStore::open(path) {
                Ok(store) => interp.set_store(Rc::new(store)),
                Err(error) => interp.host.write_error(&format!(
                    "mailsec: the state store cannot be used: {error}\n"
                )),
            }
        }
        Session { interp }
    }

    /// Run one script to its end. `Ok(None)`: it ran to the end; `Ok(Some(n))`: it called
    /// `exit n`; `Err`: a terminating error (or a parse error) stopped it. Variables and
    /// functions persist across calls (the REPL runs each entry through here). `args` become
    /// `$args`.
    pub fn run(&mut self, source: &Source, args: Vec<String>) -> Result<Option<i32>, RunError> {
        self.run_in(source, args, false)
    }

    /// Run a script file in its own script scope (`mailsec FILE.ps1`).
    pub fn run_file(
        &mut self,
        source: &Source,
        args: Vec<String>,
    ) -> Result<Option<i32>, RunError> {
        self.run_in(source, args, true)
    }

    fn run_in(
        &mut self,
        source: &Source,
        args: Vec<String>,
        new_scope: bool,
    ) -> Result<Option<i32>, RunError> {
        let script = crate::syntax::parse(source)?;
        let args = args.into_iter().map(Value::str).collect();
        let result = self
            .interp
            .run_script(Rc::new(script), source.clone(), args, new_scope);
        self.interp.host.flush();
        match result {
            Ok(()) => Ok(None),
            Err(Flow::Exit(code)) => Ok(Some(code)),
            Err(Flow::Error(info)) => Err(RunError::Runtime {
                error: Box::new(info.error),
                source: info.source,
            }),
            // `break`/`continue` outside a loop and `return` end the script quietly.
            Err(_) => Ok(None),
        }
    }

    /// Every command name (cmdlets, aliases, functions defined so far), for completion.
    pub fn command_names(&self) -> Vec<String> {
        let registry = self.interp.registry();
        let mut names = registry.names();
        names.extend(registry.alias_names().into_iter().map(|(alias, _)| alias));
        names.extend(self.interp.functions().map(|f| f.name.clone()));
        names.sort_by_key(|n| n.to_lowercase());
        names.dedup();
        names
    }

    /// The parameter names (without `-`) of a command, for completion; empty when unknown.
    pub fn parameter_names(&self, command: &str) -> Vec<String> {
        self.interp
            .command_signature(command)
            .map(|sig| sig.params.iter().map(|p| p.name.clone()).collect())
            .unwrap_or_default()
    }

    /// `$?` after the last statement run: false when it failed.
    pub fn last_status(&self) -> bool {
        crate::value::convert::to_bool(&self.interp.get_var("?"))
    }

    /// The host the session writes to.
    pub fn host_mut(&mut self) -> &mut dyn Host {
        self.interp.host.as_mut()
    }
}

/// How the engine shows an error on the error stream: with its location when the source is
/// known.
fn render_error(error: &RuntimeError, source: Option<&Source>) -> String {
    match source {
        Some(source) => crate::report::render(error, source, false),
        None => format!("{error}\n"),
    }
}

/// Out-Default: the format layer's formatter behind the engine's writer interface.
struct FormatWriter(OutputFormatter);

impl OutputWriter for FormatWriter {
    fn push(&mut self, value: &Value, out: &mut String) {
        self.0.push(value, out);
    }

    fn finish(&mut self, out: &mut String) {
        self.0.finish(out);
    }
}
