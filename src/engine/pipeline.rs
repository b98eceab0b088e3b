//! L3 — pipelines: objects stream from one command to the next, one at a time. Each command is
//! a [`Stage`] with begin/process/end; a stage's output goes to the stages after it.

use std::any::Any;
use std::rc::Rc;

use crate::syntax::Span;
use crate::value::Value;

use super::bind::{self, BoundArgs};
use super::cmdlet::Context;
use super::flow::Eval;
use super::interp::Interp;
use super::registry::CmdletEntry;

/// Where a command's output goes.
pub trait Output {
    fn emit(&mut self, interp: &mut Interp, value: Value) -> Eval<()>;
}

/// Collects everything (for `$x = …`, `(…)`, `$(…)`, `@(…)`).
#[derive(Default)]
pub struct Collector(pub Vec<Value>);

impl Output for Collector {
    fn emit(&mut self, interp: &mut Interp, value: Value) -> Eval<()> {
        interp.check_interrupt()?;
        self.0.push(value);
        Ok(())
    }
}

impl Collector {
    /// The collected output as a pipeline's value: nothing → `$null`, one → itself, many →
    /// `Object[]`.
    pub fn into_value(self) -> Value {
        let mut items = self.0;
        match items.len() {
            0 => Value::Null,
            1 => items.pop().unwrap_or_default(),
            _ => Value::array(items),
        }
    }
}

/// Discards everything (`> $null`, `Out-Null`).
pub struct Discard;

impl Output for Discard {
    fn emit(&mut self, _interp: &mut Interp, _value: Value) -> Eval<()> {
        Ok(())
    }
}

/// The rest of a pipeline: the stages after the current one, then the final output.
pub struct Downstream<'s, 'o> {
    pub stages: &'s mut [Box<dyn Stage>],
    pub sink: &'s mut (dyn Output + 'o),
}

impl Output for Downstream<'_, '_> {
    fn emit(&mut self, interp: &mut Interp, value: Value) -> Eval<()> {
        interp.check_interrupt()?;
        match self.stages.split_first_mut() {
            None => self.sink.emit(interp, value),
            Some((first, rest)) => {
                let mut next = Downstream {
                    stages: rest,
                    sink: &mut *self.sink,
                };
                first.process(interp, Some(value), &mut next)
            }
        }
    }
}

/// One command in a pipeline.
pub trait Stage {
    fn begin(&mut self, interp: &mut Interp, out: &mut dyn Output) -> Eval<()>;
    /// `input` is `None` when nothing is piped in (the stage then runs its process once).
    fn process(
        &mut self,
        interp: &mut Interp,
        input: Option<Value>,
        out: &mut dyn Output,
    ) -> Eval<()>;
    fn end(&mut self, interp: &mut Interp, out: &mut dyn Output) -> Eval<()>;
    /// Errors discarded while this stage runs (`2>$null`).
    fn discards_errors(&self) -> bool {
        false
    }
}

/// A built-in cmdlet in a pipeline.
pub struct CmdletStage {
    pub entry: Rc<CmdletEntry>,
    pub args: BoundArgs,
    pub state: Vec<Box<dyn Any>>,
    pub span: Span,
    pub expecting_input: bool,
}

impl CmdletStage {
    fn run(
        &mut self,
        interp: &mut Interp,
        phase: Phase,
        input: Option<Value>,
        out: &mut dyn Output,
    ) -> Eval<()> {
        let bound;
        let args = match (&phase, &input) {
            (Phase::Process, Some(item)) if self.expecting_input => {
                bound = bind::bind_pipeline(&self.entry.signature, &self.args, item, self.span)
                    .map_err(|e| interp.locate(*e))?;
                &bound
            }
            _ => &self.args,
        };
        let entry = self.entry.clone();
        let mut cx = Context {
            interp,
            args,
            input,
            out,
            state: &mut self.state,
            span: self.span,
            expecting_input: self.expecting_input,
        };
        match phase {
            Phase::Begin => entry.cmdlet.begin(&mut cx),
            Phase::Process => entry.cmdlet.process(&mut cx),
            Phase::End => entry.cmdlet.end(&mut cx),
        }
    }
}

enum Phase {
    Begin,
    Process,
    End,
}

impl Stage for CmdletStage {
    fn begin(&mut self, interp: &mut Interp, out: &mut dyn Output) -> Eval<()> {
        self.run(interp, Phase::Begin, None, out)
    }

    fn process(
        &mut self,
        interp: &mut Interp,
        input: Option<Value>,
        out: &mut dyn Output,
    ) -> Eval<()> {
        self.run(interp, Phase::Process, input, out)
    }

    fn end(&mut self, interp: &mut Interp, out: &mut dyn Output) -> Eval<()> {
        self.run(interp, Phase::End, None, out)
    }
}

/// Run stages as one pipeline: begin all, feed `input` (or one empty process call), end all.
pub fn run_stages(
    interp: &mut Interp,
    stages: &mut [Box<dyn Stage>],
    input: Option<Vec<Value>>,
    sink: &mut dyn Output,
) -> Eval<()> {
    for i in 0..stages.len() {
        let (current, rest) = stages[i..].split_at_mut(1);
        let mut next = Downstream {
            stages: rest,
            sink: &mut *sink,
        };
        current[0].begin(interp, &mut next)?;
    }
    {
        let mut all = Downstream {
            stages: &mut *stages,
            sink: &mut *sink,
        };
        match input {
            Some(items) => {
                for item in items {
                    all.emit(interp, item)?;
                }
            }
            None => {
                if let Some((first, rest)) = all.stages.split_first_mut() {
                    let mut next = Downstream {
                        stages: rest,
                        sink: &mut *all.sink,
                    };
                    first.process(interp, None, &mut next)?;
                }
            }
        }
    }
    for i in 0..stages.len() {
        let (current, rest) = stages[i..].split_at_mut(1);
        let mut next = Downstream {
            stages: rest,
            sink: &mut *sink,
        };
        current[0].end(interp, &mut next)?;
    }
    Ok(())
}
