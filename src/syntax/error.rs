//! L0 — parse errors: where the input stopped making sense and what was expected there.

use miette::Diagnostic;
use thiserror::Error;

use super::span::Span;

/// Raised by [`super::parse`] when the source is not a valid script.
#[derive(Debug, Clone, Error, Diagnostic, PartialEq)]
pub enum ParseError {
    /// The grammar could not continue at `span`.
    #[error("{file}:{line}:{col}: {message}")]
    #[diagnostic(code(mailsec::parse::syntax))]
    Syntax {
        file: String,
        line: usize,
        col: usize,
        /// e.g. "unexpected token ')'", "missing closing '}'".
        message: String,
        #[label("{label}")]
        span: Span,
        /// What is at the span, e.g. "expected an expression here".
        label: String,
        #[help]
        help: Option<String>,
    },
    /// The script nests deeper than the parser allows (guards the stack).
    #[error("{file}:{line}:{col}: the script nests more than {limit} levels deep")]
    #[diagnostic(code(mailsec::parse::too_deep))]
    TooDeep {
        file: String,
        line: usize,
        col: usize,
        limit: usize,
        #[label("nesting limit reached here")]
        span: Span,
    },
}

impl ParseError {
    pub fn span(&self) -> Span {
        match self {
            ParseError::Syntax { span, .. } | ParseError::TooDeep { span, .. } => *span,
        }
    }

    /// True when the input ended while a brace, paren or string was open ("missing closing …"),
    /// or ended right after `|` or an operator ("missing …" at a zero-width span at the very
    /// end): the REPL keeps reading.
    pub fn is_incomplete(&self) -> bool {
        match self {
            ParseError::Syntax { message, span, .. } => {
                message.starts_with("missing closing")
                    || (span.is_empty() && message.starts_with("missing "))
            }
            ParseError::TooDeep { .. } => false,
        }
    }
}
