//! L0 — lowering: pest pairs → AST.

use super::ast::ScriptBlock;
use super::error::ParseError;
use super::source::Source;

pub(crate) fn parse_script(source: &Source) -> Result<ScriptBlock, ParseError> {
    let _ = source;
    Err(ParseError::Syntax {
        file: source.name.to_string(),
        line: 1,
        col: 1,
        message: "the parser is not written yet".into(),
        span: Default::default(),
        label: "here".into(),
        help: None,
    })
}
