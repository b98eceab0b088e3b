//! L3 — the evaluator: walks the AST with scopes, pipelines and control flow. Split by
//! concern: statements, expressions, assignments, strings, members, commands, errors.

mod assign;
mod blocks;
mod commands;
mod errors;
mod expr;
mod members;
mod redirect;
mod script_stage;
mod signature;
mod stmt;
mod strings;
mod variables;

use std::collections::HashMap;
use std::rc::Rc;

use crate::store::ConfigStore;
use crate::syntax::{Source, ast};
use crate::value::{ScriptBlockValue, Value};

use super::RuntimeError;
use super::cmdlet::Signature;
use super::flow::{ErrorInfo, Eval, Flow};
use super::host::Host;
use super::pipeline::Output;
use super::registry::Registry;
use super::scope::Scopes;

pub use commands::FunctionDef;

/// Renders objects reaching the end of a top-level pipeline as text (supplied by the format
/// layer; the engine only calls it).
pub trait OutputWriter {
    fn push(&mut self, value: &Value, out: &mut String);
    fn finish(&mut self, out: &mut String);
}

/// Renders an error with its source for the error stream (supplied by the report layer).
pub type ErrorRenderer = Box<dyn Fn(&RuntimeError, Option<&Source>) -> String>;

/// How deep function and script-block calls may nest before it is an error, not a crash (as
/// in PowerShell). The binary and the tests run sessions on a thread with a stack big enough.
pub const MAX_CALL_DEPTH: usize = 1000;

/// The evaluator's state: scopes, functions, commands, the host.
pub struct Interp {
    pub scopes: Scopes,
    functions: HashMap<String, Rc<FunctionDef>>,
    registry: Rc<Registry>,
    pub host: Box<dyn Host>,
    writer_factory: Box<dyn Fn() -> Box<dyn OutputWriter>>,
    top_writer: Option<Box<dyn OutputWriter>>,
    error_renderer: ErrorRenderer,
    /// The source of the code being run (for locating errors).
    current_source: Option<Source>,
    /// Nesting of `try` blocks: inside one, every error goes to its catch.
    try_depth: usize,
    /// Error records being handled by `catch` blocks (for a bare `throw`).
    handling: Vec<Value>,
    /// Nesting of `2>$null` redirections in effect.
    discard_errors: usize,
    call_depth: usize,
    /// `$?`
    last_status: bool,
    /// The running statement wrote an error (its `$?` will be false).
    statement_failed: bool,
    /// The configuration store, when the session has one.
    store: Option<Rc<dyn ConfigStore>>,
    /// Pipelines run so far (each run gets the next number, for [`super::flow::StageId`]).
    pipelines_started: u64,
    /// The pipeline stage whose code is running now (innermost), if any.
    current_stage: Option<super::flow::StageId>,
}

impl Interp {
    pub fn new(
        registry: Rc<Registry>,
        host: Box<dyn Host>,
        writer_factory: Box<dyn Fn() -> Box<dyn OutputWriter>>,
        error_renderer: ErrorRenderer,
    ) -> Interp {
        let mut interp = Interp {
            scopes: Scopes::new(),
            functions: HashMap::new(),
            registry,
            host,
            writer_factory,
            top_writer: None,
            error_renderer,
            current_source: None,
            try_depth: 0,
            handling: Vec::new(),
            discard_errors: 0,
            call_depth: 0,
            last_status: true,
            statement_failed: false,
            store: None,
            pipelines_started: 0,
            current_stage: None,
        };
        interp.define_automatic_variables();
        interp
    }

    /// Give the session's configuration store to the cmdlets.
    pub fn set_store(&mut self, store: Rc<dyn ConfigStore>) {
        self.store = Some(store);
    }

    /// The configuration store, or an error saying there is none.
    pub fn config_store(&self, span: crate::syntax::Span) -> Eval<Rc<dyn ConfigStore>> {
        self.store.clone().ok_or_else(|| {
            self.locate(RuntimeError::exception(
                "System.InvalidOperationException",
                "No configuration store is open in this session.",
                span,
            ))
        })
    }

    pub fn registry(&self) -> &Rc<Registry> {
        &self.registry
    }

    /// User-defined functions (for `Get-Command` and completion).
    pub fn functions(&self) -> impl Iterator<Item = &Rc<FunctionDef>> {
        self.functions.values()
    }

    /// Run a parsed script. `new_scope`: a script file gets its own script scope; REPL entries
    /// and `-c` commands run in the global scope so their variables persist.
    pub fn run_script(
        &mut self,
        script: Rc<ast::ScriptBlock>,
        source: Source,
        args: Vec<Value>,
        new_scope: bool,
    ) -> Eval<()> {
        let previous = self.current_source.replace(source.clone());
        if new_scope {
            self.scopes.push_script();
        }
        self.top_writer = Some((self.writer_factory)());
        let block = ScriptBlockValue {
            ast: script,
            captured: None,
            source: Some(source),
        };
        let result = {
            let mut top = TopLevel;
            self.invoke_script_body(&block, args, &mut top)
        };
        self.finish_output();
        if new_scope {
            self.scopes.pop();
        }
        self.current_source = previous;
        result
    }

    /// Parse and run text in the current scope (`Invoke-Expression`).
    pub fn run_text(
        &mut self,
        text: &str,
        out: &mut dyn Output,
        span: crate::syntax::Span,
    ) -> Eval<()> {
        let source = Source::new("<Invoke-Expression>", text);
        let script = crate::syntax::parse(&source).map_err(|e| {
            Flow::from(RuntimeError::exception(
                "System.Management.Automation.ParseException",
                e.to_string(),
                span,
            ))
        })?;
        let previous = self.current_source.replace(source);
        let result = match &script.body {
            ast::ScriptBody::Statements(statements) => self.exec_block(statements, out),
            ast::ScriptBody::Named { end, .. } => match end {
                Some(statements) => self.exec_block(statements, out),
                None => Ok(()),
            },
        };
        self.current_source = previous;
        result
    }

    /// Write whatever the top-level formatter still holds (a pending table) to the host.
    pub fn finish_output(&mut self) {
        if let Some(mut writer) = self.top_writer.take() {
            let mut text = String::new();
            writer.finish(&mut text);
            if !text.is_empty() {
                self.host.write_output(&text);
            }
        }
        self.host.flush();
    }

    /// Render an error the way the error stream shows it.
    pub fn render_error(&self, info: &ErrorInfo) -> String {
        (self.error_renderer)(&info.error, info.source.as_ref())
    }

    /// Attach the current source to an error that has none yet.
    pub(crate) fn locate(&self, error: RuntimeError) -> Flow {
        Flow::Error(Box::new(ErrorInfo {
            error,
            source: self.current_source.clone(),
        }))
    }

    /// A fresh number for a pipeline about to run.
    pub(crate) fn start_pipeline(&mut self) -> u64 {
        self.pipelines_started += 1;
        self.pipelines_started
    }

    /// Mark `stage` as the one running now; returns the previous one (restore it afterwards).
    pub(crate) fn swap_current_stage(
        &mut self,
        stage: Option<super::flow::StageId>,
    ) -> Option<super::flow::StageId> {
        std::mem::replace(&mut self.current_stage, stage)
    }

    /// The pipeline stage whose code is running now, if any.
    pub(crate) fn current_stage(&self) -> Option<super::flow::StageId> {
        self.current_stage
    }

    /// Fail with `Stopped` once the host says the user pressed Ctrl-C.
    pub fn check_interrupt(&self) -> Eval<()> {
        if self.host.interrupted() {
            return Err(self.locate(RuntimeError::Stopped {
                span: Default::default(),
            }));
        }
        Ok(())
    }

    pub(crate) fn enter_call(&mut self, span: crate::syntax::Span) -> Eval<()> {
        self.call_depth += 1;
        if self.call_depth > MAX_CALL_DEPTH {
            self.call_depth -= 1;
            // Runaway recursion ends the script (unless caught), as in PowerShell.
            return Err(self.locate(RuntimeError::Exception {
                message: format!(
                    "The script failed due to call depth overflow. The call depth reached {} and the maximum is {MAX_CALL_DEPTH}.",
                    MAX_CALL_DEPTH + 1
                ),
                exception_type: "System.Management.Automation.ScriptCallDepthException".into(),
                record: None,
                thrown: true,
                span,
                label: "too deep here".into(),
            }));
        }
        Ok(())
    }

    pub(crate) fn leave_call(&mut self) {
        self.call_depth = self.call_depth.saturating_sub(1);
    }

    /// The signature of a command by name (cmdlet or function), for completion and help.
    pub fn command_signature(&self, name: &str) -> Option<Rc<Signature>> {
        if let Some(function) = self.functions.get(&name.to_lowercase()) {
            return Some(function.signature.clone());
        }
        self.registry.get(name).map(|entry| entry.signature.clone())
    }
}

/// The end of a top-level pipeline: rendered through the format layer to the host.
struct TopLevel;

impl Output for TopLevel {
    fn emit(&mut self, interp: &mut Interp, value: Value) -> Eval<()> {
        interp.check_interrupt()?;
        let mut text = String::new();
        match interp.top_writer.as_mut() {
            Some(writer) => writer.push(&value, &mut text),
            None => {
                let mut writer = (interp.writer_factory)();
                writer.push(&value, &mut text);
                interp.top_writer = Some(writer);
            }
        }
        if !text.is_empty() {
            interp.host.write_output(&text);
        }
        Ok(())
    }
}
