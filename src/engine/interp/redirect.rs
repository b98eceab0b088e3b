//! L3 — redirections: `> file`, `> $null`, `2>$null` on expressions and commands.

use crate::syntax::Span;
use crate::syntax::ast::{self, RedirectStream, RedirectTarget, Redirection};
use crate::value::{Value, convert};

use super::super::RuntimeError;
use super::super::flow::Eval;
use super::super::pipeline::{Collector, Discard, Output, Stage};
use super::Interp;
use super::commands::emit_enumerated;

pub(super) enum OutputTarget {
    Pass,
    Discard,
    File { path: String, append: bool },
}

impl Interp {
    pub(super) fn redirect_value(
        &mut self,
        value: Value,
        redirections: &[Redirection],
        out: &mut dyn Output,
    ) -> Eval<()> {
        let mut target = OutputTarget::Pass;
        for redirection in redirections {
            if let Some(t) = self.output_target(redirection)? {
                target = t;
            }
        }
        match target {
            OutputTarget::Pass => emit_enumerated(self, value, out),
            OutputTarget::Discard => Ok(()),
            OutputTarget::File { path, append } => {
                let items = convert::enumerate(&value).unwrap_or_else(|| vec![value]);
                self.write_file(&path, append, &items)
            }
        }
    }

    /// Where a redirection sends the success stream (`None` for other streams).
    pub(super) fn output_target(
        &mut self,
        redirection: &Redirection,
    ) -> Eval<Option<OutputTarget>> {
        if !matches!(
            redirection.stream,
            RedirectStream::Output | RedirectStream::All
        ) {
            return Ok(None);
        }
        match &redirection.target {
            RedirectTarget::Merge(_) => Ok(None),
            RedirectTarget::File(expr) => {
                let value = self.eval(expr)?;
                if value.is_null() {
                    return Ok(Some(OutputTarget::Discard));
                }
                Ok(Some(OutputTarget::File {
                    path: convert::to_string(&value, " "),
                    append: redirection.append,
                }))
            }
        }
    }

    /// `> file`: the objects rendered as the console would show them.
    pub(crate) fn write_file(&mut self, path: &str, append: bool, items: &[Value]) -> Eval<()> {
        let mut writer = (self.writer_factory)();
        let mut text = String::new();
        for item in items {
            writer.push(item, &mut text);
        }
        writer.finish(&mut text);
        let result = if append {
            use std::io::Write;
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .and_then(|mut f| f.write_all(text.as_bytes()))
        } else {
            std::fs::write(path, text)
        };
        result.map_err(|e| {
            self.locate(RuntimeError::exception(
                "System.IO.IOException",
                format!("Could not write '{path}': {e}"),
                Span::default(),
            ))
        })
    }
}

/// Apply a command's redirections: output to `$null`/a file, errors discarded.
pub(super) fn wrap_redirections(
    stage: Box<dyn Stage>,
    redirections: &[Redirection],
    interp: &mut Interp,
) -> Eval<Box<dyn Stage>> {
    if redirections.is_empty() {
        return Ok(stage);
    }
    let mut output = OutputTarget::Pass;
    let mut discard_errors = false;
    for redirection in redirections {
        if matches!(
            redirection.stream,
            RedirectStream::Error | RedirectStream::All
        ) && matches!(&redirection.target, RedirectTarget::File(expr) if matches!(&expr.kind, ast::ExprKind::Variable(v) if v.key.as_ref() == "null"))
        {
            discard_errors = true;
        }
        if let Some(target) = interp.output_target(redirection)? {
            output = target;
        }
    }
    Ok(Box::new(Redirected {
        inner: stage,
        output,
        discard_errors,
        collected: Vec::new(),
    }))
}

/// A stage whose output and/or errors are redirected.
struct Redirected {
    inner: Box<dyn Stage>,
    output: OutputTarget,
    discard_errors: bool,
    collected: Vec<Value>,
}

impl Redirected {
    fn run(
        &mut self,
        interp: &mut Interp,
        out: &mut dyn Output,
        f: impl FnOnce(&mut dyn Stage, &mut Interp, &mut dyn Output) -> Eval<()>,
    ) -> Eval<()> {
        let discard = self.discard_errors;
        let inner = self.inner.as_mut();
        let run = |interp: &mut Interp| -> Eval<()> {
            match &self.output {
                OutputTarget::Pass => f(inner, interp, out),
                OutputTarget::Discard => f(inner, interp, &mut Discard),
                OutputTarget::File { .. } => {
                    let mut collector = Collector::default();
                    let result = f(inner, interp, &mut collector);
                    self.collected.append(&mut collector.0);
                    result
                }
            }
        };
        if discard {
            interp.with_errors_discarded(run)
        } else {
            run(interp)
        }
    }
}

impl Stage for Redirected {
    fn begin(&mut self, interp: &mut Interp, out: &mut dyn Output) -> Eval<()> {
        self.run(interp, out, |stage, interp, out| stage.begin(interp, out))
    }

    fn process(
        &mut self,
        interp: &mut Interp,
        input: Option<Value>,
        out: &mut dyn Output,
    ) -> Eval<()> {
        self.run(interp, out, |stage, interp, out| {
            stage.process(interp, input, out)
        })
    }

    fn end(&mut self, interp: &mut Interp, out: &mut dyn Output) -> Eval<()> {
        self.run(interp, out, |stage, interp, out| stage.end(interp, out))?;
        if let OutputTarget::File { path, append } = &self.output {
            let items = std::mem::take(&mut self.collected);
            let (path, append) = (path.clone(), *append);
            interp.write_file(&path, append, &items)?;
        }
        Ok(())
    }
}
