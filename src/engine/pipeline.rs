//! L3 — pipelines: objects stream from one command to the next, one at a time. Each command is
//! a [`Stage`] with begin/process/end; a stage's output goes to the stages after it. A stage
//! may stop the ones before it ([`Flow::StopUpstream`], as `Select-Object -First` does).

use std::any::Any;
use std::rc::Rc;

use crate::syntax::Span;
use crate::value::Value;

use super::bind::{self, BoundArgs};
use super::cmdlet::Context;
use super::flow::{Eval, Flow, StageId};
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
    /// The running pipeline's number ([`Interp::start_pipeline`]).
    pub pipeline: u64,
    /// The index in that pipeline of `stages[0]`.
    pub index: usize,
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
                    pipeline: self.pipeline,
                    index: self.index + 1,
                };
                let id = StageId {
                    pipeline: self.pipeline,
                    stage: self.index,
                };
                as_stage(interp, id, |interp| {
                    first.process(interp, Some(value), &mut next)
                })
            }
        }
    }
}

/// Run `f` as the code of stage `id` (so that `Context::stop_upstream` knows whose it is).
fn as_stage<R>(interp: &mut Interp, id: StageId, f: impl FnOnce(&mut Interp) -> R) -> R {
    let previous = interp.swap_current_stage(Some(id));
    let result = f(interp);
    interp.swap_current_stage(previous);
    result
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

/// The objects piped into a pipeline's first command (produced one at a time, so a range
/// like `1..1000000000` is never built when `Select-Object -First` stops it early).
pub type PipelineItems = Box<dyn Iterator<Item = Value>>;

/// Which phase of a stage to run.
#[derive(Clone, Copy)]
enum StagePhase {
    Begin,
    End,
}

/// Run stages as one pipeline: begin all, feed `input` (or one empty process call), end all.
/// When a stage stops its upstream ([`Flow::StopUpstream`] for this pipeline), the stages
/// before it produce nothing more and skip their `end`; the others carry on.
pub fn run_stages(
    interp: &mut Interp,
    stages: &mut [Box<dyn Stage>],
    input: Option<PipelineItems>,
    sink: &mut dyn Output,
) -> Eval<()> {
    let pipeline = interp.start_pipeline();
    // Stages before this index have been stopped.
    let mut stopped = 0;
    for i in 0..stages.len() {
        if i >= stopped {
            let result = run_phase(interp, pipeline, stages, i, StagePhase::Begin, sink);
            absorb_stop(result, pipeline, &mut stopped)?;
        }
    }
    if stopped == 0 {
        let result = feed(interp, pipeline, stages, input, sink);
        absorb_stop(result, pipeline, &mut stopped)?;
    }
    for i in 0..stages.len() {
        if i >= stopped {
            let result = run_phase(interp, pipeline, stages, i, StagePhase::End, sink);
            absorb_stop(result, pipeline, &mut stopped)?;
        }
    }
    Ok(())
}

/// Turn this pipeline's stop signal into "stages before it are stopped"; pass anything else on.
fn absorb_stop(result: Eval<()>, pipeline: u64, stopped: &mut usize) -> Eval<()> {
    match result {
        Err(Flow::StopUpstream(id)) if id.pipeline == pipeline => {
            *stopped = (*stopped).max(id.stage);
            Ok(())
        }
        other => other,
    }
}

/// Run stage `index`'s begin or end, its output going to the stages after it.
fn run_phase(
    interp: &mut Interp,
    pipeline: u64,
    stages: &mut [Box<dyn Stage>],
    index: usize,
    phase: StagePhase,
    sink: &mut dyn Output,
) -> Eval<()> {
    let (current, rest) = stages[index..].split_at_mut(1);
    let mut next = Downstream {
        stages: rest,
        sink,
        pipeline,
        index: index + 1,
    };
    let id = StageId {
        pipeline,
        stage: index,
    };
    as_stage(interp, id, |interp| match phase {
        StagePhase::Begin => current[0].begin(interp, &mut next),
        StagePhase::End => current[0].end(interp, &mut next),
    })
}

/// Push the input objects through the stages one at a time (or, with no input, run the first
/// stage's process once).
fn feed(
    interp: &mut Interp,
    pipeline: u64,
    stages: &mut [Box<dyn Stage>],
    input: Option<PipelineItems>,
    sink: &mut dyn Output,
) -> Eval<()> {
    let mut all = Downstream {
        stages,
        sink,
        pipeline,
        index: 0,
    };
    match input {
        Some(items) => {
            for item in items {
                all.emit(interp, item)?;
            }
            Ok(())
        }
        None => match all.stages.split_first_mut() {
            Some((first, rest)) => {
                let mut next = Downstream {
                    stages: rest,
                    sink: &mut *all.sink,
                    pipeline,
                    index: 1,
                };
                let id = StageId { pipeline, stage: 0 };
                as_stage(interp, id, |interp| first.process(interp, None, &mut next))
            }
            None => Ok(()),
        },
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::engine::{CaptureHost, Registry};

    type Log = Rc<RefCell<Vec<String>>>;

    struct NoWriter;

    impl crate::engine::OutputWriter for NoWriter {
        fn push(&mut self, _value: &Value, _out: &mut String) {}
        fn finish(&mut self, _out: &mut String) {}
    }

    fn interp() -> Interp {
        Interp::new(
            Rc::new(Registry::new()),
            Box::new(CaptureHost::default()),
            Box::new(|| Box::new(NoWriter) as Box<dyn crate::engine::OutputWriter>),
            Box::new(|error, _| error.to_string()),
        )
    }

    /// Passes objects on (or, first in a pipeline, produces 0, 1, 2, … without end) and logs.
    struct Relay {
        name: &'static str,
        log: Log,
    }

    /// Passes on `take` objects, then stops its upstream.
    struct Take {
        take: usize,
        taken: usize,
        log: Log,
    }

    /// Stops a pipeline other than the one it runs in.
    struct ForeignStop;

    impl Stage for Relay {
        fn begin(&mut self, _: &mut Interp, _: &mut dyn Output) -> Eval<()> {
            Ok(())
        }
        fn process(
            &mut self,
            interp: &mut Interp,
            input: Option<Value>,
            out: &mut dyn Output,
        ) -> Eval<()> {
            match input {
                Some(value) => {
                    self.log
                        .borrow_mut()
                        .push(format!("{} {value:?}", self.name));
                    out.emit(interp, value)
                }
                None => {
                    for n in 0.. {
                        self.log
                            .borrow_mut()
                            .push(format!("{} produces {n}", self.name));
                        out.emit(interp, Value::Int(n))?;
                    }
                    Ok(())
                }
            }
        }
        fn end(&mut self, _: &mut Interp, _: &mut dyn Output) -> Eval<()> {
            self.log.borrow_mut().push(format!("{} end", self.name));
            Ok(())
        }
    }

    impl Stage for Take {
        fn begin(&mut self, _: &mut Interp, _: &mut dyn Output) -> Eval<()> {
            Ok(())
        }
        fn process(
            &mut self,
            interp: &mut Interp,
            input: Option<Value>,
            out: &mut dyn Output,
        ) -> Eval<()> {
            if let Some(value) = input {
                self.taken += 1;
                out.emit(interp, value)?;
            }
            match interp.current_stage() {
                Some(stage) if self.taken >= self.take => Err(Flow::StopUpstream(stage)),
                _ => Ok(()),
            }
        }
        fn end(&mut self, _: &mut Interp, _: &mut dyn Output) -> Eval<()> {
            self.log.borrow_mut().push("take end".to_string());
            Ok(())
        }
    }

    impl Stage for ForeignStop {
        fn begin(&mut self, _: &mut Interp, _: &mut dyn Output) -> Eval<()> {
            Ok(())
        }
        fn process(&mut self, _: &mut Interp, _: Option<Value>, _: &mut dyn Output) -> Eval<()> {
            Err(Flow::StopUpstream(StageId {
                pipeline: u64::MAX,
                stage: 0,
            }))
        }
        fn end(&mut self, _: &mut Interp, _: &mut dyn Output) -> Eval<()> {
            Ok(())
        }
    }

    fn relay(name: &'static str, log: &Log) -> Box<dyn Stage> {
        Box::new(Relay {
            name,
            log: log.clone(),
        })
    }

    fn take(take: usize, log: &Log) -> Box<dyn Stage> {
        Box::new(Take {
            take,
            taken: 0,
            log: log.clone(),
        })
    }

    #[test]
    fn a_stop_ends_the_stages_before_it_and_the_rest_still_end() {
        let mut interp = interp();
        let log = Log::default();
        let mut stages = vec![relay("source", &log), take(2, &log), relay("after", &log)];
        let mut out = Collector::default();
        let result = run_stages(&mut interp, &mut stages, None, &mut out);
        assert!(result.is_ok());
        assert_eq!(out.0.len(), 2);
        assert_eq!(
            *log.borrow(),
            [
                "source produces 0",
                "after Int(0)",
                "source produces 1",
                "after Int(1)",
                "take end",
                "after end",
            ]
        );
        assert_eq!(interp.current_stage(), None);
    }

    #[test]
    fn piped_input_is_pulled_only_until_the_stop() {
        let mut interp = interp();
        let log = Log::default();
        let mut stages = vec![take(3, &log)];
        let endless: PipelineItems = Box::new((0..).map(Value::Int));
        let mut out = Collector::default();
        let result = run_stages(&mut interp, &mut stages, Some(endless), &mut out);
        assert!(result.is_ok());
        assert_eq!(out.0.len(), 3);
        assert_eq!(*log.borrow(), ["take end"]);
    }

    #[test]
    fn another_pipelines_stop_passes_through() {
        let mut interp = interp();
        let log = Log::default();
        let mut stages = vec![
            relay("source", &log),
            Box::new(ForeignStop) as Box<dyn Stage>,
        ];
        let result = run_stages(&mut interp, &mut stages, None, &mut Discard);
        assert!(matches!(
            result,
            Err(Flow::StopUpstream(StageId {
                pipeline: u64::MAX,
                ..
            }))
        ));
        assert_eq!(*log.borrow(), ["source produces 0"]);
    }
}
