//! L0 — syntax: source text → AST. Nothing here knows about values or evaluation.

pub mod ast;
mod diagnose;
pub mod error;
mod grammar;
mod lower;
mod nesting;
pub mod source;
pub mod span;

pub use error::ParseError;
pub use source::Source;
pub use span::Span;

/// Parse a whole script (file, `-c` command, REPL input) into its script block.
pub fn parse(source: &Source) -> Result<ast::ScriptBlock, ParseError> {
    lower::parse_script(source)
}
