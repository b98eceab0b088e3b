//! L0 — turning a failed parse into an error a person can act on: "unexpected token ')'",
//! "missing closing '}'", "missing expression after '+'", with an "expected …" label built
//! from what the grammar was trying at the failure point.

use pest::error::{Error, ErrorVariant, InputLocation};

use super::error::ParseError;
use super::grammar::Rule;
use super::nesting::Unclosed;
use super::source::Source;
use super::span::Span;

/// A syntax error at `span`.
pub(crate) fn syntax_error(
    source: &Source,
    span: Span,
    message: impl Into<String>,
    label: impl Into<String>,
    help: Option<String>,
) -> ParseError {
    let (line, col) = source.line_col(span.start as usize);
    ParseError::Syntax {
        file: source.name.to_string(),
        line,
        col,
        message: message.into(),
        span,
        label: label.into(),
        help,
    }
}

/// The script nests deeper than the parser allows; `offset` is where the limit was crossed.
pub(crate) fn too_deep(source: &Source, offset: usize, limit: usize) -> ParseError {
    let (line, col) = source.line_col(offset);
    let end = (offset + 1).min(source.text.len()).max(offset);
    ParseError::TooDeep {
        file: source.name.to_string(),
        line,
        col,
        limit,
        span: Span::new(offset, end),
    }
}

/// "missing closing '}'" for a bracket, string, here-string or comment left open.
pub(crate) fn unclosed_error(source: &Source, unclosed: Unclosed) -> ParseError {
    let span = Span::new(unclosed.offset, unclosed.offset + unclosed.opener.len());
    let what = match unclosed.opener {
        "'" | "\"" => "this string",
        "@'" | "@\"" => "this here-string",
        "<#" => "this comment",
        "${" => "this variable name",
        _ => "this bracket",
    };
    let help = match unclosed.opener {
        "@'" | "@\"" => Some(format!(
            "a here-string ends with {} at the very start of a line",
            unclosed.closer
        )),
        _ => None,
    };
    syntax_error(
        source,
        span,
        format!("missing closing '{}'", unclosed.closer),
        format!("{what} is never closed"),
        help,
    )
}

/// Explain a pest failure. `unclosed` is what the pre-scan found still open at the end.
pub(crate) fn explain(
    source: &Source,
    error: &Error<Rule>,
    unclosed: Option<Unclosed>,
    limit: usize,
) -> ParseError {
    let pos = match error.location {
        InputLocation::Pos(pos) => pos,
        InputLocation::Span((start, _)) => start,
    };
    let positives = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.as_slice(),
        ErrorVariant::CustomError { message } => {
            if message.contains("limit") {
                return too_deep(source, pos, limit);
            }
            &[]
        }
    };
    if let Some(unclosed) = unclosed {
        return unclosed_error(source, unclosed);
    }
    let text = &source.text[..];
    let pos = skip_trivia(text, pos.min(text.len()));
    let label = expected_label(positives);
    let previous = previous_token(text, pos);
    if pos >= text.len() {
        return end_of_input_error(source, previous, label);
    }
    let token = token_at(text, pos);
    let span = Span::new(pos, pos + token.len());
    if let Some(op) = previous.filter(|p| is_operator(p))
        && expects_operand(positives)
    {
        return syntax_error(
            source,
            span,
            format!("missing expression after '{op}'"),
            label,
            None,
        );
    }
    let help = help_for_token(token);
    syntax_error(
        source,
        span,
        format!("unexpected token '{}'", shorten(token)),
        label,
        help,
    )
}

/// The input stopped in the middle of something: a zero-width span at the end, so that
/// [`ParseError::is_incomplete`] lets the REPL keep reading.
fn end_of_input_error(source: &Source, previous: Option<&str>, label: String) -> ParseError {
    let end = source.text.len();
    let span = Span::new(end, end);
    let message = match previous {
        Some("|") => "missing command after '|'".to_string(),
        Some(op @ ("&&" | "||")) => format!("missing pipeline after '{op}'"),
        Some(op) if is_operator(op) => format!("missing expression after '{op}'"),
        _ => "unexpected end of input".to_string(),
    };
    syntax_error(source, span, message, label, None)
}

fn help_for_token(token: &str) -> Option<String> {
    let lower = token.to_ascii_lowercase();
    Some(match lower.as_str() {
        "?" => "the ternary operator 'a ? b : c' is not supported; use if/else".into(),
        "class" | "enum" | "using" | "trap" | "data" | "dynamicparam" | "clean" => {
            format!("'{lower}' is not supported by mailsec")
        }
        "else" | "elseif" => {
            format!("'{lower}' must follow the closing '}}' of an if or elseif block")
        }
        "catch" | "finally" => format!("'{lower}' must follow a try block"),
        "until" => "'until' must follow the block of a do statement".into(),
        "param" => "a param block must come first in a script, function or script block".into(),
        "begin" | "process" | "end" => format!(
            "a '{lower}' block cannot be mixed with plain statements; put every statement in begin/process/end"
        ),
        _ => return None,
    })
}

/// Skip spaces, newlines and comments forward from `pos`.
fn skip_trivia(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while pos < bytes.len() && matches!(bytes[pos], b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c)
        {
            pos += 1;
        }
        if bytes[pos..].starts_with(b"<#") {
            match text[pos..].find("#>") {
                Some(end) => pos += end + 2,
                None => return text.len(),
            }
        } else if bytes.get(pos) == Some(&b'#') {
            pos = text[pos..]
                .find(['\n', '\r'])
                .map_or(text.len(), |end| pos + end);
        } else if bytes[pos..].starts_with(b"`\n") || bytes[pos..].starts_with(b"`\r") {
            pos += 2;
        } else {
            return pos;
        }
    }
}

/// The token (operator or word) just before `pos`, ignoring whitespace.
fn previous_token(text: &str, pos: usize) -> Option<&str> {
    let before = text[..floor_boundary(text, pos)].trim_end();
    let last = before.chars().next_back()?;
    if last.is_alphanumeric() || last == '_' {
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        if start > 0 && before.as_bytes()[start - 1] == b'-' {
            return Some(&before[start - 1..]);
        }
        return Some(&before[start..]);
    }
    const SYMBOLS: [&str; 18] = [
        "&&", "||", "??", "..", "+=", "-=", "*=", "/=", "%=", "|", ",", "+", "-", "*", "/", "%",
        "=", "!",
    ];
    SYMBOLS.iter().copied().find(|s| before.ends_with(s))
}

fn is_operator(token: &str) -> bool {
    const WORDS: [&str; 24] = [
        "eq",
        "ne",
        "gt",
        "ge",
        "lt",
        "le",
        "like",
        "notlike",
        "match",
        "notmatch",
        "replace",
        "split",
        "join",
        "contains",
        "notcontains",
        "in",
        "notin",
        "is",
        "isnot",
        "as",
        "and",
        "or",
        "xor",
        "f",
    ];
    match token.strip_prefix('-') {
        Some("") => true,
        Some(word) => {
            let word = word.to_ascii_lowercase();
            let base = word
                .strip_prefix(['i', 'c'])
                .filter(|w| WORDS.contains(w))
                .unwrap_or(&word);
            WORDS.contains(&base)
                || matches!(
                    base,
                    "band" | "bor" | "bxor" | "shl" | "shr" | "not" | "bnot"
                )
        }
        None => matches!(
            token,
            "??" | ".."
                | "+="
                | "-="
                | "*="
                | "/="
                | "%="
                | ","
                | "+"
                | "*"
                | "/"
                | "%"
                | "="
                | "!"
        ),
    }
}

/// True when the grammar was looking for an operand (a value) at the failure point.
fn expects_operand(positives: &[Rule]) -> bool {
    positives.iter().any(|rule| {
        matches!(
            rule,
            Rule::postfix_expression
                | Rule::cast_prefix
                | Rule::unary_operator
                | Rule::pipeline
                | Rule::expression
                | Rule::expression_nc
        )
    })
}

/// The token at `pos`: one word, or one punctuation character.
fn token_at(text: &str, pos: usize) -> &str {
    let rest = &text[floor_boundary(text, pos)..];
    let Some(first) = rest.chars().next() else {
        return "";
    };
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '$' | '.');
    let len = if is_word(first) {
        rest.find(|c: char| !is_word(c)).unwrap_or(rest.len())
    } else if first == '\'' || first == '"' {
        rest[1..].find(first).map_or(rest.len(), |end| end + 2)
    } else if rest.starts_with("&&") || rest.starts_with("||") {
        2
    } else {
        first.len_utf8()
    };
    &rest[..len]
}

fn shorten(token: &str) -> String {
    const MAX: usize = 24;
    let printable: String = token
        .chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if printable.chars().count() > MAX {
        let short: String = printable.chars().take(MAX).collect();
        format!("{short}…")
    } else {
        printable
    }
}

fn floor_boundary(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while pos > 0 && !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// "expected an expression, a command or '}'" from the rules pest was trying.
fn expected_label(positives: &[Rule]) -> String {
    let mut words: Vec<(u8, &str)> = Vec::new();
    let member = positives.contains(&Rule::member_ident);
    // A pipeline may start with an expression as well as a command.
    let pipeline_start = positives
        .iter()
        .any(|rule| matches!(rule, Rule::pipeline | Rule::pipeline_statement))
        .then_some(Rule::expression);
    for rule in positives.iter().chain(pipeline_start.iter()) {
        let Some(word) = human_name(*rule) else {
            continue;
        };
        let word = if member && matches!(word.1, "a variable" | "a string" | "an expression") {
            continue;
        } else {
            word
        };
        if !words.iter().any(|(_, w)| *w == word.1) {
            words.push(word);
        }
    }
    if words.len() > 1 {
        words.retain(|(_, w)| *w != "'while' or 'until'");
    }
    words.sort_by_key(|(priority, _)| *priority);
    words.truncate(4);
    let words: Vec<&str> = words.into_iter().map(|(_, w)| w).collect();
    match words.as_slice() {
        [] => "not valid here".to_string(),
        [one] => format!("expected {one}"),
        [init @ .., last] => format!("expected {} or {last}", init.join(", ")),
    }
}

/// What a rule means to a reader, and where it goes in the list (lower first).
fn human_name(rule: Rule) -> Option<(u8, &'static str)> {
    Some(match rule {
        Rule::postfix_expression
        | Rule::expression
        | Rule::expression_nc
        | Rule::expression_start
        | Rule::cast_prefix
        | Rule::unary_operator
        | Rule::expression_element => (0, "an expression"),
        Rule::pipeline | Rule::pipeline_statement | Rule::command | Rule::command_name => {
            (1, "a command")
        }
        Rule::invocation => (1, "a command"),
        Rule::member_access | Rule::member_ident => (0, "a member name"),
        Rule::variable => (2, "a variable"),
        Rule::sq_string | Rule::dq_string => (3, "a string"),
        Rule::number => (3, "a number"),
        Rule::block | Rule::script_block | Rule::named_blocks | Rule::named_block => {
            (0, "a '{ … }' block")
        }
        Rule::condition => (0, "a '( … )' condition"),
        Rule::type_literal | Rule::type_name => (2, "a type name"),
        Rule::argument | Rule::arg_expression | Rule::arg_word => (2, "an argument"),
        Rule::parameter | Rule::parameter_with_argument => (3, "a parameter"),
        Rule::index_access => (4, "an index"),
        Rule::method_arguments => (4, "method arguments"),
        Rule::hash_entry | Rule::hash_key_word => (0, "a 'key = value' entry"),
        Rule::assign_op => (5, "'='"),
        Rule::binary_operator | Rule::comma_operator => (6, "an operator"),
        Rule::param_decl | Rule::param_list => (0, "a parameter declaration"),
        Rule::attribute | Rule::attribute_named => (1, "an attribute"),
        Rule::switch_clause | Rule::switch_default => (0, "a switch clause"),
        Rule::kw_in => (0, "'in'"),
        Rule::kw_while | Rule::kw_until => (0, "'while' or 'until'"),
        Rule::kw_catch | Rule::catch_clause => (1, "'catch'"),
        Rule::kw_finally | Rule::finally_clause => (1, "'finally'"),
        Rule::function_name => (0, "a function name"),
        Rule::EOI => (7, "the end of the statement"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previous_token_finds_operators_and_words() {
        assert_eq!(previous_token("1 + ", 4), Some("+"));
        assert_eq!(previous_token("1 -eq ", 6), Some("-eq"));
        assert_eq!(previous_token("a |\n", 4), Some("|"));
        assert_eq!(previous_token("", 0), None);
        assert!(is_operator("-ceq"));
        assert!(is_operator("-join"));
        assert!(!is_operator("-Name"));
    }

    #[test]
    fn token_at_takes_a_word_or_one_symbol() {
        assert_eq!(token_at("foo bar", 0), "foo");
        assert_eq!(token_at(") x", 0), ")");
        assert_eq!(token_at("&& x", 0), "&&");
        assert_eq!(token_at("'a b' x", 0), "'a b'");
        assert_eq!(token_at("\"open", 0), "\"open");
        assert_eq!(shorten(&"x".repeat(40)).chars().count(), 25);
    }

    #[test]
    fn labels_list_what_was_expected() {
        assert_eq!(expected_label(&[]), "not valid here");
        assert_eq!(
            expected_label(&[Rule::postfix_expression, Rule::cast_prefix, Rule::block]),
            "expected an expression or a '{ … }' block"
        );
    }
}
