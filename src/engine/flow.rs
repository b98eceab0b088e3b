//! L3 — non-local control flow while evaluating: `break`, `continue`, `return`, `exit`, and
//! errors (with the source they happened in, for rendering).

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
