//! L5 — rendering diagnostics (parse, binding and runtime errors) with the script source.
//!
//! The first line is always `FILE:LINE:COL: message` (the location of the error's primary
//! label), then miette draws the source line with the labels under the offending token, then
//! the help. Without colour the output is plain, deterministic text (the golden tests compare it).

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, Severity,
};

use crate::session::RunError;
use crate::syntax::Source;

/// Render `error` against the script it came from, ready to write to stderr (ends with `\n`).
pub fn render(error: &dyn Diagnostic, source: &Source, color: bool) -> String {
    let located = Located::new(error, source);
    let mut out = String::new();
    if color {
        out.push_str("\u{1b}[1;31m");
        out.push_str(&located.headline);
        out.push_str("\u{1b}[0m\n");
    } else {
        out.push_str(&located.headline);
        out.push('\n');
    }
    out.push_str(&located.render_body(color));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Render what ended a run of `script`, against the source its span points into (an earlier
/// REPL entry or another file when the error happened in a function defined there).
pub fn render_run_error(error: &RunError, script: &Source, color: bool) -> String {
    render(error, error.source().unwrap_or(script), color)
}

/// The location `FILE:LINE:COL` of a diagnostic's primary label (its first label when none is
/// marked primary); `None` when it has no label.
pub fn location(error: &dyn Diagnostic, source: &Source) -> Option<String> {
    let label = primary_label(error)?;
    let (line, col) = source.line_col(label.offset());
    Some(format!("{}:{line}:{col}", source.name))
}

fn primary_label(error: &dyn Diagnostic) -> Option<LabeledSpan> {
    let labels: Vec<LabeledSpan> = error.labels()?.collect();
    let primary = labels.iter().position(LabeledSpan::primary).unwrap_or(0);
    labels.into_iter().nth(primary)
}

/// True when `message` already starts with `NAME:LINE:COL: ` (parse errors carry their place).
fn starts_with_location(message: &str, name: &str) -> bool {
    let Some(rest) = message.strip_prefix(name).and_then(|r| r.strip_prefix(':')) else {
        return false;
    };
    let mut parts = rest.splitn(3, ':');
    let is_number = |part: Option<&str>| {
        part.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    is_number(parts.next()) && is_number(parts.next()) && parts.next().is_some()
}

/// A view of a diagnostic with a located headline, the script's text attached and its label
/// spans clamped into the text (so rendering can never fail on a stale span).
struct Located<'a> {
    inner: &'a dyn Diagnostic,
    headline: String,
    code: NamedSource<String>,
    labels: Vec<LabeledSpan>,
}

impl<'a> Located<'a> {
    fn new(inner: &'a dyn Diagnostic, source: &Source) -> Located<'a> {
        let message = inner.to_string();
        let message = message.trim_end();
        let headline = match location(inner, source) {
            _ if starts_with_location(message, &source.name) => message.to_string(),
            Some(place) => format!("{place}: {message}"),
            None => format!("{}: {message}", source.name),
        };
        let labels = inner
            .labels()
            .map(|labels| labels.map(|l| clamp_label(l, &source.text)).collect())
            .unwrap_or_default();
        Located {
            inner,
            headline,
            code: source.to_named_source(),
            labels,
        }
    }

    /// miette's drawing of the snippet and help, without its own first line(s) for the message
    /// (the headline replaces them).
    fn render_body(&self, color: bool) -> String {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_links(false)
            .with_urls(false)
            .with_wrap_lines(false)
            .without_cause_chain()
            .with_context_lines(1);
        let mut drawn = String::new();
        if handler.render_report(&mut drawn, self).is_err() {
            return self.fallback_body();
        }
        // With wrapping off, miette's message block is exactly one line per headline line.
        let message_lines = self.headline.lines().count().max(1);
        drawn
            .split_inclusive('\n')
            .skip(message_lines)
            .collect::<String>()
    }

    /// Plain help text, when the snippet cannot be drawn.
    fn fallback_body(&self) -> String {
        match self.inner.help() {
            Some(help) => format!("  help: {help}\n"),
            None => String::new(),
        }
    }
}

/// Keep a label inside the text and on a character boundary. A label at the very end, after
/// the final line break (the parser's "input ended here"), moves to the end of the last line,
/// where miette can draw it.
fn clamp_label(label: LabeledSpan, text: &str) -> LabeledSpan {
    let last_line_end = text.trim_end_matches(['\n', '\r']).len();
    let offset = if label.offset() >= last_line_end && last_line_end > 0 {
        last_line_end
    } else {
        label.offset()
    };
    let start = floor_boundary(text, offset.min(text.len()));
    let end = ceil_boundary(text, (offset + label.len()).clamp(start, text.len()));
    let primary = label.primary();
    let span = (start, end - start);
    let text_of_label = label.label().map(str::to_string);
    if primary {
        LabeledSpan::new_primary_with_span(text_of_label, span)
    } else {
        LabeledSpan::new_with_span(text_of_label, span)
    }
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn ceil_boundary(text: &str, mut offset: usize) -> usize {
    while offset < text.len() && !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

impl fmt::Debug for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Located")
            .field("headline", &self.headline)
            .finish()
    }
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline)
    }
}

impl std::error::Error for Located<'_> {}

impl Diagnostic for Located<'_> {
    fn severity(&self) -> Option<Severity> {
        self.inner.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.help()
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.code)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::engine::RuntimeError;
    use crate::syntax::{ParseError, Span};

    fn parse_error(source: &Source, start: usize, end: usize) -> ParseError {
        let (line, col) = source.line_col(start);
        ParseError::Syntax {
            file: source.name.to_string(),
            line,
            col,
            message: "unexpected token ')'".into(),
            span: Span::new(start, end),
            label: "expected an expression here".into(),
            help: Some("remove the ')' or add an expression before it".into()),
        }
    }

    #[test]
    fn parse_error_shows_place_line_label_and_help() {
        let source = Source::new("t.ps1", "$a = 1\n$b = (2 + )\n");
        let error = parse_error(&source, 17, 18);
        let text = render(&error, &source, false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "t.ps1:2:11: unexpected token ')'");
        assert!(text.contains(" 2 │ $b = (2 + )"), "{text}");
        assert!(text.contains("╰── expected an expression here"), "{text}");
        assert!(
            lines
                .last()
                .is_some_and(|l| l.trim() == "help: remove the ')' or add an expression before it"),
            "{text}"
        );
        assert!(!text.contains('\u{1b}'), "no colour codes: {text}");
    }

    #[test]
    fn label_sits_under_the_offending_token() {
        let source = Source::new("t.ps1", "$b = (2 + )");
        let text = render(&parse_error(&source, 10, 11), &source, false);
        let lines: Vec<&str> = text.lines().collect();
        let code_line = lines
            .iter()
            .position(|l| l.contains("$b = (2 + )"))
            .unwrap();
        let code_col = lines[code_line].find("$b").unwrap();
        let marker_col = lines[code_line + 1].find('┬').unwrap();
        let byte_col_of = |line: &str, byte: usize| line[..byte].chars().count();
        assert_eq!(
            byte_col_of(lines[code_line + 1], marker_col) - byte_col_of(lines[code_line], code_col),
            10
        );
    }

    #[test]
    fn runtime_error_gets_a_location_prefix() {
        let source = Source::new("<command>", "Get-Foo -Name x");
        let error = RuntimeError::CommandNotFound {
            name: "Get-Foo".into(),
            span: Span::new(0, 7),
            help: Some("did you mean Get-Host?".into()),
        };
        let text = render(&error, &source, false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "<command>:1:1: The term 'Get-Foo' is not recognized as a name of a cmdlet, function, script file, or executable program."
        );
        assert!(lines[1].starts_with("Check the spelling"), "{text}");
        assert!(text.contains("not a command"), "{text}");
        assert!(text.contains("help: did you mean Get-Host?"), "{text}");
    }

    #[test]
    fn spans_past_the_end_or_inside_a_character_do_not_break_rendering() {
        let source = Source::new("t.ps1", "'é'");
        let error = parse_error(&source, 2, 90);
        let text = render(&error, &source, false);
        assert!(text.starts_with("t.ps1:1:"), "{text}");
        assert!(text.contains("'é'"), "{text}");
    }

    #[test]
    fn label_at_the_end_of_input_is_drawn_on_the_last_line() {
        let source = Source::new("t.ps1", "$a = 1 +\n");
        let text = render(&parse_error(&source, 9, 9), &source, false);
        assert!(text.starts_with("t.ps1:2:1: "), "{text}");
        assert!(text.contains(" 1 │ $a = 1 +"), "{text}");
        assert!(text.contains("╰── expected an expression here"), "{text}");
    }

    #[test]
    fn rendering_is_deterministic_and_colour_is_optional() {
        let source = Source::new("t.ps1", "(1 +");
        let error = parse_error(&source, 4, 4);
        assert_eq!(
            render(&error, &source, false),
            render(&error, &source, false)
        );
        assert!(render(&error, &source, true).contains('\u{1b}'));
    }

    #[test]
    fn location_prefix_detection() {
        assert!(starts_with_location("a.ps1:3:4: oops", "a.ps1"));
        assert!(!starts_with_location("a.ps1: oops", "a.ps1"));
        assert!(!starts_with_location("oops", "a.ps1"));
    }
}
