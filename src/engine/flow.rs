//! L3 — non-local control flow while evaluating: `break`, `continue`, `return`, `exit`, a
//! pipeline's "stop upstream" signal, and errors (with the source they happened in, for
//! rendering).

use crate::syntax::Source;

use super::RuntimeError;

/// Why evaluation left the normal path.
#[derive(Debug)]
pub enum Flow {
    /// `break` / `break label`
    Break(Option<String>),
    /// `continue` / `continue label`
    Continue(Option<String>),
    /// `return` (its value was already written to the output).
    Return,
    /// `exit n`
    Exit(i32),
    /// A terminating error.
    Error(Box<ErrorInfo>),
    /// A stage (`Select-Object -First`) has all it needs: the stages before it in its pipeline
    /// stop producing. The pipeline that `stage` belongs to absorbs this (it is never an error);
    /// the stages from `stage` on still run their `end`.
    StopUpstream(StageId),
}

/// One stage of one running pipeline: which pipeline (unique per run) and the stage's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageId {
    pub pipeline: u64,
    pub stage: usize,
}

/// A runtime error and the source text its span points into (when known).
#[derive(Debug)]
pub struct ErrorInfo {
    pub error: RuntimeError,
    pub source: Option<Source>,
}

impl From<RuntimeError> for Flow {
    fn from(error: RuntimeError) -> Flow {
        Flow::Error(Box::new(ErrorInfo {
            error,
            source: None,
        }))
    }
}

/// The result type of everything that evaluates.
pub type Eval<T> = Result<T, Flow>;
