//! L2 — YAML scalars as the fast reader and writer see them: how a plain scalar resolves
//! (null, bool, number, string — as serde_yaml resolves it, or "unsure"), when a string may be
//! written plain, and quoting/unquoting in single and double quotes.

use std::borrow::Cow;
use std::fmt::Write;

/// What a plain (unquoted) scalar means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resolved {
    Null,
    Bool(bool),
    /// A canonical decimal integer (`0`, `-12`, `587`).
    Int,
    /// A plain decimal float (`1.0`, `-0.5`, `1e300`, `1.5e-7`).
    Float,
    Str,
    /// Something serde_yaml may read as a number in a form this reader does not handle
    /// (`0x1f`, `+1`, `0755`, `.inf`, `1.`): leave it to serde_yaml.
    Unsure,
}

/// How a plain scalar resolves.
pub(crate) fn resolve(s: &str) -> Resolved {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" => return Resolved::Bool(true),
        "false" | "False" | "FALSE" => return Resolved::Bool(false),
        _ => {}
    }
    let first = s.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return Resolved::Str;
    }
    if is_canonical_int(s) {
        return Resolved::Int;
    }
    if is_plain_float(s) {
        return Resolved::Float;
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let radix_digits = |prefix: &str, radix: u32| {
        unsigned
            .strip_prefix(prefix)
            .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_digit(radix)))
    };
    let radix_prefixed = radix_digits("0x", 16) || radix_digits("0o", 8) || radix_digits("0b", 2);
    let special = unsigned.starts_with('.')
        && matches!(
            &unsigned[1..],
            "inf" | "Inf" | "INF" | "nan" | "NaN" | "NAN"
        );
    if radix_prefixed || special || s.parse::<f64>().is_ok() {
        Resolved::Unsure
    } else {
        Resolved::Str
    }
}

/// `0`, or an optional `-` then digits without a leading zero.
fn is_canonical_int(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
}

/// An integer part (as in [`is_canonical_int`]), then a fraction or an exponent or both.
fn is_plain_float(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let int_end = body.find(['.', 'e', 'E']).unwrap_or(body.len());
    let (int, mut rest) = body.split_at(int_end);
    if int.is_empty() || rest.is_empty() || !is_canonical_int(int) {
        return false;
    }
    if let Some(fraction) = rest.strip_prefix('.') {
        let end = fraction.find(['e', 'E']).unwrap_or(fraction.len());
        if end == 0 || !fraction[..end].bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        rest = &fraction[end..];
    }
    if let Some(exponent) = rest.strip_prefix(['e', 'E']) {
        let digits = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
        return !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    }
    rest.is_empty()
}

/// Whether a character may appear in YAML text as it is (libyaml rejects the others, and
/// treats NEL and the Unicode line/paragraph separators as line breaks).
pub(crate) fn is_printable(c: char) -> bool {
    match c {
        ' '..='~' => true,
        '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
            false
        }
        _ => !c.is_ascii() && !c.is_control(),
    }
}

/// Whether `s` can be written as a plain scalar that reads back as the same string (by this
/// reader and by serde_yaml): no indicator first, no `: ` or ` #`, no outer spaces, only
/// ordinary characters, and not a word or number that would resolve to another type.
pub(crate) fn is_plain_string(s: &str) -> bool {
    let bytes = s.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    let second = bytes.get(1).copied();
    let indicator = match first {
        b'-' | b'?' | b':' => second.is_none_or(|c| c == b' '),
        b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
        | b'"' | b'%' | b'@' | b'`' | b' ' => true,
        _ => false,
    };
    if indicator || last == b' ' || last == b':' || s.starts_with("---") || s.starts_with("...") {
        return false;
    }
    // One pass: no control characters, no `: `, no ` #`; note any non-ASCII.
    let mut previous = 0u8;
    let mut ascii = true;
    for &b in bytes {
        if b < 0x20 || b == 0x7f {
            return false;
        }
        if (b == b' ' && previous == b':') || (b == b'#' && previous == b' ') {
            return false;
        }
        ascii &= b < 0x80;
        previous = b;
    }
    (ascii || s.chars().all(|c| c.is_ascii() || c.is_alphanumeric())) && resolve(s) == Resolved::Str
}

/// Append `s` as a YAML scalar: plain when possible, else single-quoted, else double-quoted
/// with escapes (control characters, line breaks).
pub(crate) fn write_string(out: &mut String, s: &str) {
    if is_plain_string(s) {
        out.push_str(s);
    } else if s.chars().all(is_printable) {
        out.push('\'');
        for (i, part) in s.split('\'').enumerate() {
            if i > 0 {
                out.push_str("''");
            }
            out.push_str(part);
        }
        out.push('\'');
    } else {
        write_double_quoted(out, s);
    }
}

fn write_double_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
        }
    }
    out.push('"');
}

/// A quoted scalar at the start of `text`: its value and the rest of the line after the
/// closing quote; `None` when it does not close on this line or uses an escape this reader
/// leaves to serde_yaml.
pub(crate) fn read_quoted(text: &str) -> Option<(Cow<'_, str>, &str)> {
    match text.as_bytes().first()? {
        b'\'' => read_single_quoted(&text[1..]),
        b'"' => read_double_quoted(&text[1..]),
        _ => None,
    }
}

fn read_single_quoted(body: &str) -> Option<(Cow<'_, str>, &str)> {
    let mut value: Option<String> = None;
    let mut start = 0;
    loop {
        let quote = start + body[start..].find('\'')?;
        if body.as_bytes().get(quote + 1) == Some(&b'\'') {
            value
                .get_or_insert_with(String::new)
                .push_str(&body[start..=quote]);
            start = quote + 2;
            continue;
        }
        let rest = &body[quote + 1..];
        return Some(match value {
            None => (Cow::Borrowed(&body[..quote]), rest),
            Some(mut owned) => {
                owned.push_str(&body[start..quote]);
                (Cow::Owned(owned), rest)
            }
        });
    }
}

fn read_double_quoted(body: &str) -> Option<(Cow<'_, str>, &str)> {
    let end = body.find(['"', '\\'])?;
    if body.as_bytes()[end] == b'"' {
        return Some((Cow::Borrowed(&body[..end]), &body[end + 1..]));
    }
    let mut value = String::from(&body[..end]);
    let mut chars = body[end..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((Cow::Owned(value), &body[end + i + 1..])),
            '\\' => {
                let escaped = match chars.next()?.1 {
                    '0' => '\0',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    't' => '\t',
                    'n' => '\n',
                    'v' => '\u{b}',
                    'f' => '\u{c}',
                    'r' => '\r',
                    'e' => '\u{1b}',
                    ' ' => ' ',
                    '"' => '"',
                    '/' => '/',
                    '\\' => '\\',
                    'N' => '\u{85}',
                    '_' => '\u{a0}',
                    'L' => '\u{2028}',
                    'P' => '\u{2029}',
                    'x' => hex_char(&mut chars, 2)?,
                    'u' => hex_char(&mut chars, 4)?,
                    'U' => hex_char(&mut chars, 8)?,
                    _ => return None,
                };
                value.push(escaped);
            }
            c => value.push(c),
        }
    }
    None
}

fn hex_char(chars: &mut std::str::CharIndices<'_>, digits: usize) -> Option<char> {
    let mut code = 0u32;
    for _ in 0..digits {
        code = code * 16 + chars.next()?.1.to_digit(16)?;
    }
    char::from_u32(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_resolve_as_serde_yaml_does() {
        assert_eq!(resolve("~"), Resolved::Null);
        assert_eq!(resolve("TRUE"), Resolved::Bool(true));
        assert_eq!(resolve("587"), Resolved::Int);
        assert_eq!(resolve("-12"), Resolved::Int);
        assert_eq!(resolve("1.5e-7"), Resolved::Float);
        assert_eq!(resolve("1e300"), Resolved::Float);
        for unsure in ["0755", "+1", "0x1f", "1.", ".5", ".inf", "-.nan", "1e3.5e"] {
            let expected = if unsure == "1e3.5e" {
                Resolved::Str
            } else {
                Resolved::Unsure
            };
            assert_eq!(resolve(unsure), expected, "{unsure}");
        }
        let strings = [
            "yes",
            "no",
            "on",
            "inf",
            "nan",
            "2026-01-01",
            "1_000",
            "6602:128",
            "-a",
            "0b5e7a1c-8f00-4e8b-9a61-0c3e5d2f8a01",
            "0x1g",
            "0o19",
            "0b",
            "0b_1",
        ];
        for text in strings {
            assert_eq!(resolve(text), Resolved::Str, "{text}");
        }
    }

    #[test]
    fn strings_are_quoted_only_when_needed() {
        let cases = [
            ("contoso.com", "contoso.com"),
            ("*.contoso.com", "'*.contoso.com'"),
            ("CN=x,DC=y", "CN=x,DC=y"),
            ("800C;8004", "800C;8004"),
            ("Müller", "Müller"),
            ("true", "'true'"),
            ("1", "'1'"),
            ("", "''"),
            (" a", "' a'"),
            ("a: b", "'a: b'"),
            ("it's", "it's"),
            ("'q'", "'''q'''"),
            ("- a", "'- a'"),
            ("---", "'---'"),
            ("a\nb", "\"a\\nb\""),
            ("tab\there", "\"tab\\there\""),
            ("bell\u{7}", "\"bell\\x07\""),
            ("\u{feff}x", "\"\\uFEFFx\""),
        ];
        for (input, expected) in cases {
            let mut out = String::new();
            write_string(&mut out, input);
            assert_eq!(out, expected, "{input:?}");
            let read_back: String = serde_yaml::from_str(&out).unwrap();
            assert_eq!(read_back, input, "serde_yaml reads {out:?} back");
            if !is_plain_string(input) {
                let (value, rest) = read_quoted(&out).unwrap();
                assert_eq!((value.as_ref(), rest), (input, ""), "{out:?}");
            }
        }
    }

    #[test]
    fn quoted_scalars_stop_at_their_closing_quote() {
        let (value, rest) = read_quoted("'a''b' # note").unwrap();
        assert_eq!((value.as_ref(), rest), ("a'b", " # note"));
        let (value, rest) = read_quoted("\"x\\u00e9\\\"\":").unwrap();
        assert_eq!((value.as_ref(), rest), ("xé\"", ":"));
        assert!(read_quoted("'unclosed").is_none());
        assert!(read_quoted("\"bad \\q escape\"").is_none());
    }
}
