//! L1 — text operators: wildcards (`-like`), regular expressions (`-match`, `-replace`,
//! `-split`), `-join`.

use regex::Regex;

use super::{Value, ValueError};

/// Does `text` match the wildcard `pattern` (`*`, `?`, `[a-z]`, backtick escapes)?
pub fn wildcard_match(pattern: &str, text: &str, case_sensitive: bool) -> bool {
    let _ = (pattern, text, case_sensitive);
    todo!("value helper")
}

/// Compile a .NET-style pattern (cached; case-insensitive unless asked).
pub fn regex(pattern: &str, case_sensitive: bool) -> Result<Regex, ValueError> {
    let _ = (pattern, case_sensitive);
    todo!("value helper")
}

/// `-replace` with a string replacement (`$1`, `${name}`, `$0`, `$$` substitutions), applied
/// to each element when `input` is a collection.
pub fn replace(
    input: &Value,
    pattern: &Value,
    replacement: &Value,
    case_sensitive: bool,
    ofs: &str,
) -> Result<Value, ValueError> {
    let _ = (input, pattern, replacement, case_sensitive, ofs);
    todo!("value helper")
}

/// The `System.Text.RegularExpressions.Match` object a `-replace` script block receives as
/// `$_` (`Value`, `Index`, `Length`, `Groups`).
pub fn match_object(captures: &regex::Captures<'_>) -> Value {
    let _ = captures;
    todo!("value helper")
}

/// `-split` (binary: `input -split pattern`, with optional max count in `rhs` as an array
/// `pattern, n`; unary `-split input` splits on whitespace when `pattern` is None). Capture
/// groups in the pattern keep the delimiters.
pub fn split(
    input: &Value,
    pattern: Option<&Value>,
    case_sensitive: bool,
    ofs: &str,
) -> Result<Value, ValueError> {
    let _ = (input, pattern, case_sensitive, ofs);
    todo!("value helper")
}

/// `-join` (binary with a separator, unary with none).
pub fn join(input: &Value, separator: &str, ofs: &str) -> String {
    let _ = (input, separator, ofs);
    todo!("value helper")
}
