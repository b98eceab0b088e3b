//! L0 — lowering: source text → pest pairs → AST. Runs the nesting pre-scan first (stack
//! safety, "missing closing" errors), then pest, then walks the pairs.
//!
//! The walk is split by subject: scripts, script blocks, params and functions (`scripts.rs`),
//! statement lists and simple statements (`statements.rs`), compound statements
//! (`control.rs`), pipelines and command arguments (`pipeline.rs`), expressions and operator
//! precedence (`expressions.rs`), literal text (`literals.rs`).

mod control;
mod expressions;
mod literals;
mod pipeline;
mod scripts;
mod statements;

use std::cell::Cell;

use pest::Parser;
use pest::iterators::Pair;

use super::ast::{ScriptBlock, Span};
use super::diagnose;
use super::error::ParseError;
use super::grammar::{MailsecParser, Rule};
use super::nesting::{self, MAX_NESTING};
use super::source::Source;

/// Deepest AST the lowering builds (expression and statement levels). Bracket nesting is capped
/// at [`MAX_NESTING`] before parsing; this also caps long operator and member chains, whose
/// trees are as deep as they are long, so that walking or dropping the tree stays stack-safe.
pub(crate) const MAX_TREE_DEPTH: usize = 1000;

/// From this tree depth on, every step deeper first checks that native stack remains (debug
/// builds use far more stack per level than release builds; threads may be small).
const STACK_CHECK_DEPTH: usize = 32;

/// Past this size a script with an unterminated string or comment is rejected without running
/// pest, which would otherwise rescan the swallowed tail at every alternative it tries.
const LARGE_SOURCE: usize = 1 << 20;

pub(crate) fn parse_script(source: &Source) -> std::result::Result<ScriptBlock, ParseError> {
    let text: &str = &source.text;
    let scan = nesting::scan(text, MAX_NESTING);
    if let Some(offset) = scan.too_deep {
        return Err(diagnose::too_deep(source, offset, MAX_NESTING));
    }
    if let Some(unclosed) = scan
        .unclosed
        .filter(|u| u.lexical && text.len() > LARGE_SOURCE)
    {
        return Err(diagnose::unclosed_error(source, unclosed));
    }
    let mut pairs = MailsecParser::parse(Rule::script, text)
        .map_err(|error| diagnose::explain(source, &error, scan.unclosed, MAX_NESTING))?;
    let script = pairs
        .next()
        .ok_or_else(|| internal(source, "empty parse"))?;
    Lowerer::new(source).script(script).map_err(|error| *error)
}

/// True when pest's stack guard reports less than its safety margin (64 KiB) of native stack
/// left on this thread. Always false where pest cannot measure the stack.
fn stack_is_low() -> bool {
    matches!(
        MailsecParser::parse(Rule::stack_probe, ""),
        Err(error) if matches!(error.variant, pest::error::ErrorVariant::CustomError { .. })
    )
}

fn internal(source: &Source, what: &str) -> ParseError {
    diagnose::syntax_error(
        source,
        Span::new(0, 0),
        format!("internal parser error: {what}"),
        "here",
        None,
    )
}

/// Walks pest pairs into AST nodes, tracking the depth of the tree being built.
pub(super) struct Lowerer<'s> {
    source: &'s Source,
    depth: Cell<usize>,
}

/// Errors are boxed inside the lowering: it recurses once per nesting level, and small
/// `Result`s keep each frame small.
type Result<T> = std::result::Result<T, Box<ParseError>>;

impl<'s> Lowerer<'s> {
    fn new(source: &'s Source) -> Self {
        Lowerer {
            source,
            depth: Cell::new(0),
        }
    }

    /// The pair's span without the trailing whitespace pest leaves in rules that end with
    /// an optional or repeated part.
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let span = pair.as_span();
        let len = span.as_str().trim_end().len();
        Span::new(span.start(), span.start() + len)
    }

    /// Go `levels` deeper into the tree; fails past [`MAX_TREE_DEPTH`]. Pair with
    /// [`Self::ascend`] (errors abort the whole lowering, so an early return needs no ascend).
    fn descend(&self, levels: usize, span: Span) -> Result<()> {
        let depth = self.depth.get().saturating_add(levels);
        if depth > MAX_TREE_DEPTH {
            return Err(Box::new(diagnose::too_deep(
                self.source,
                span.start as usize,
                MAX_TREE_DEPTH,
            )));
        }
        if depth >= STACK_CHECK_DEPTH && levels > 0 && stack_is_low() {
            let offset = span.start as usize;
            let nesting = nesting::depth_at(&self.source.text, offset);
            return Err(Box::new(diagnose::too_deep(
                self.source,
                offset,
                nesting.saturating_sub(1),
            )));
        }
        self.depth.set(depth);
        Ok(())
    }

    fn ascend(&self, levels: usize) {
        self.depth.set(self.depth.get().saturating_sub(levels));
    }

    /// An error at `span` with a message and label.
    fn error(
        &self,
        span: Span,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Box<ParseError> {
        Box::new(diagnose::syntax_error(
            self.source,
            span,
            message,
            label,
            None,
        ))
    }

    /// The grammar produced a shape the lowering does not expect (a bug, not user error).
    fn unexpected(&self, pair: &Pair<'_, Rule>) -> Box<ParseError> {
        self.error(
            self.span(pair),
            format!("internal parser error: unexpected {:?}", pair.as_rule()),
            "here",
        )
    }

    /// The next child, or an internal error naming what was missing.
    fn next<'i>(
        &self,
        children: &mut impl Iterator<Item = Pair<'i, Rule>>,
        parent: Span,
        what: &str,
    ) -> Result<Pair<'i, Rule>> {
        children.next().ok_or_else(|| {
            self.error(
                parent,
                format!("internal parser error: missing {what}"),
                "here",
            )
        })
    }
}

#[cfg(test)]
mod tests;
