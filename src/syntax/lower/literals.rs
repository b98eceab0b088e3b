//! L0 — literal text → values: numbers (`0x10`, `1.30Dmb`, `10l`), string escapes (`` `n ``,
//! `''`, `""`), variable names (`$env:PATH`, `${a b}`) and here-string bodies.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::syntax::ast::{ExprKind, ScopeModifier, Span, VariablePath};

/// The value of a number literal as PowerShell reads it, or `None` when `text` is not exactly
/// one number literal (`2+2`, `1.2.3`, `0x`). A leading `-`/`+` is accepted (argument mode
/// reads `-7` as one number token).
pub(super) fn number_value(text: &str) -> Option<ExprKind> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let value = unsigned_number_value(&body.to_ascii_lowercase())?;
    if !negative {
        return Some(value);
    }
    Some(match value {
        ExprKind::Int(i) => i
            .checked_neg()
            .map_or(ExprKind::Long(-i64::from(i)), ExprKind::Int),
        ExprKind::Long(l) => l
            .checked_neg()
            .map_or(ExprKind::Double(-(l as f64)), ExprKind::Long),
        ExprKind::Double(d) => ExprKind::Double(-d),
        ExprKind::Decimal(d) => ExprKind::Decimal(-d),
        other => other,
    })
}

/// The digits part of a literal and how they are written.
enum Digits<'t> {
    Hex(&'t str),
    Binary(&'t str),
    /// Decimal digits, possibly with a fraction or exponent (`real` is then true).
    Decimal {
        text: &'t str,
        real: bool,
    },
}

fn unsigned_number_value(lower: &str) -> Option<ExprKind> {
    let (digits, rest) = split_digits(lower)?;
    let (suffix, multiplier) = split_suffix(rest)?;
    match digits {
        Digits::Decimal { text, real: true } => real_value(text, suffix, multiplier),
        Digits::Decimal { text, real: false } if suffix == "d" => decimal_value(text, multiplier),
        Digits::Decimal { text, real: false } => {
            let value = text
                .parse::<u128>()
                .ok()?
                .checked_mul(u128::from(multiplier));
            Some(value.map_or(ExprKind::Double(f64::INFINITY), |v| integer_kind(v, suffix)))
        }
        Digits::Hex(text) | Digits::Binary(text) => {
            let radix = if matches!(digits, Digits::Hex(_)) {
                16
            } else {
                2
            };
            let raw = u128::from_str_radix(text, radix).ok()?;
            if multiplier == 1 && suffix.is_empty() {
                return Some(bit_pattern_kind(raw));
            }
            let value = raw.checked_mul(u128::from(multiplier))?;
            Some(integer_kind(value, suffix))
        }
    }
}

fn split_digits(lower: &str) -> Option<(Digits<'_>, &str)> {
    let bytes = lower.as_bytes();
    let radix_prefixed = |marker: u8, is_digit: fn(&u8) -> bool| {
        (bytes.len() > 2 && bytes[0] == b'0' && bytes[1] == marker && is_digit(&bytes[2])).then(
            || {
                let end = 2 + bytes[2..].iter().take_while(|b| is_digit(b)).count();
                (&lower[2..end], &lower[end..])
            },
        )
    };
    if let Some((text, rest)) = radix_prefixed(b'x', u8::is_ascii_hexdigit) {
        return Some((Digits::Hex(text), rest));
    }
    if let Some((text, rest)) = radix_prefixed(b'b', |b| matches!(b, b'0' | b'1')) {
        return Some((Digits::Binary(text), rest));
    }
    let int_end = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut end = int_end;
    let mut real = false;
    if bytes.get(end) == Some(&b'.') {
        let frac = bytes[end + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if frac == 0 {
            return None;
        }
        end += 1 + frac;
        real = true;
    }
    if end == 0 {
        return None;
    }
    if bytes.get(end) == Some(&b'e') {
        let sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        let exp = bytes[end + 1 + sign..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if exp == 0 {
            return None;
        }
        end += 1 + sign + exp;
        real = true;
    }
    Some((
        Digits::Decimal {
            text: &lower[..end],
            real,
        },
        &lower[end..],
    ))
}

/// `rest` after the digits: a type suffix (`l`, `d`, `u` …) then a multiplier (`kb` … `pb`).
fn split_suffix(rest: &str) -> Option<(&str, u64)> {
    const MULTIPLIERS: [(&str, u64); 5] = [
        ("kb", 1 << 10),
        ("mb", 1 << 20),
        ("gb", 1 << 30),
        ("tb", 1 << 40),
        ("pb", 1 << 50),
    ];
    let (suffix, multiplier) = MULTIPLIERS
        .iter()
        .find_map(|(name, value)| rest.strip_suffix(name).map(|s| (s, *value)))
        .unwrap_or((rest, 1));
    matches!(
        suffix,
        "" | "l" | "d" | "u" | "ul" | "y" | "uy" | "s" | "us" | "n"
    )
    .then_some((suffix, multiplier))
}

/// `0xFFFFFFFF` is `-1`: hex and binary literals are bit patterns of the smallest of
/// int/long that holds them.
fn bit_pattern_kind(raw: u128) -> ExprKind {
    if let Ok(v) = u32::try_from(raw) {
        ExprKind::Int(v as i32)
    } else if let Ok(v) = u64::try_from(raw) {
        ExprKind::Long(v as i64)
    } else {
        ExprKind::Double(raw as f64)
    }
}

/// An integer value: int when it fits, else long, else double; `l` forces long.
fn integer_kind(value: u128, suffix: &str) -> ExprKind {
    if suffix != "l"
        && let Ok(v) = i32::try_from(value)
    {
        return ExprKind::Int(v);
    }
    match i64::try_from(value) {
        Ok(v) => ExprKind::Long(v),
        Err(_) => ExprKind::Double(value as f64),
    }
}

fn real_value(text: &str, suffix: &str, multiplier: u64) -> Option<ExprKind> {
    if suffix == "d" {
        return decimal_value(text, multiplier);
    }
    let value = text.parse::<f64>().ok()? * multiplier as f64;
    Some(if suffix == "l" && value.abs() < 9.2e18 {
        ExprKind::Long(value.round() as i64)
    } else {
        ExprKind::Double(value)
    })
}

/// `1.30d` keeps its scale (prints `1.30`); `1.30Dmb` is `1363148.80`.
fn decimal_value(text: &str, multiplier: u64) -> Option<ExprKind> {
    let value = if text.contains('e') {
        Decimal::from_scientific(text).ok()?
    } else {
        Decimal::from_str(text).ok()?
    };
    let value = value.checked_mul(Decimal::from(multiplier))?;
    Some(ExprKind::Decimal(value))
}

/// The text of `'…'` without its quotes, `''` read as `'`.
pub(super) fn single_quoted(raw: &str) -> String {
    let inner = raw
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .unwrap_or(raw);
    inner.replace("''", "'")
}

/// The body of `@'…'@`: from after the newline that ends the header to before the newline
/// that precedes the closing `'@`.
pub(super) fn here_string_body(raw: &str) -> &str {
    let start = raw
        .find('\n')
        .or_else(|| raw.find('\r'))
        .map_or(raw.len(), |i| i + 1);
    let end = raw.len().saturating_sub(2).max(start);
    let body = &raw[start..end];
    let body = body.strip_suffix('\n').unwrap_or(body);
    body.strip_suffix('\r').unwrap_or(body)
}

/// Backtick escapes of double-quoted strings and barewords: `` `n `` `` `t `` `` `u{48} `` …;
/// a backtick before any other character is that character. With `doubled_quotes`, `""` is `"`.
pub(super) fn unescape(text: &str, doubled_quotes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                let Some(next) = chars.next() else {
                    out.push('`');
                    break;
                };
                match next {
                    '0' => out.push('\0'),
                    'a' => out.push('\u{7}'),
                    'b' => out.push('\u{8}'),
                    'e' => out.push('\u{1b}'),
                    'f' => out.push('\u{c}'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'v' => out.push('\u{b}'),
                    'u' if chars.peek() == Some(&'{') => {
                        let rest: String = chars.clone().skip(1).take(8).collect();
                        match unicode_escape(&rest) {
                            Some((ch, used)) => {
                                out.push(ch);
                                for _ in 0..used + 1 {
                                    chars.next();
                                }
                            }
                            None => out.push('u'),
                        }
                    }
                    other => out.push(other),
                }
            }
            '"' if doubled_quotes && chars.peek() == Some(&'"') => {
                chars.next();
                out.push('"');
            }
            other => out.push(other),
        }
    }
    out
}

/// `48}` → ('H', 3): the hex digits and the closing brace after `` `u{ ``.
fn unicode_escape(rest: &str) -> Option<(char, usize)> {
    let close = rest.find('}')?;
    let hex = &rest[..close];
    if hex.is_empty() || hex.len() > 6 {
        return None;
    }
    let code = u32::from_str_radix(hex, 16).ok()?;
    Some((char::from_u32(code)?, close + 1))
}

/// `$name`, `$script:x`, `${a b}`, `$env:PATH`, `$function:f` → a variable path.
pub(super) fn variable_path(token: &str, span: Span) -> VariablePath {
    let body = token.strip_prefix('$').unwrap_or(token);
    let name = match body.strip_prefix('{') {
        Some(braced) => unescape_braced(braced.strip_suffix('}').unwrap_or(braced)),
        None => body.to_string(),
    };
    match name.split_once(':') {
        Some((scope, rest)) if !scope.is_empty() && !rest.is_empty() => {
            VariablePath::new(Some(scope_modifier(scope)), rest, span)
        }
        _ => VariablePath::new(None, name, span),
    }
}

/// `@name` → the splatted variable.
pub(super) fn splat_path(token: &str, span: Span) -> VariablePath {
    VariablePath::new(None, token.strip_prefix('@').unwrap_or(token), span)
}

fn unescape_braced(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut chars = name.chars();
    while let Some(c) = chars.next() {
        if c == '`' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

fn scope_modifier(scope: &str) -> ScopeModifier {
    match scope.to_ascii_lowercase().as_str() {
        "global" => ScopeModifier::Global,
        "script" => ScopeModifier::Script,
        "local" => ScopeModifier::Local,
        "private" => ScopeModifier::Private,
        "using" => ScopeModifier::Using,
        "env" => ScopeModifier::Env,
        _ => ScopeModifier::Drive(scope.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str) -> ExprKind {
        number_value(text).unwrap_or_else(|| panic!("{text} is a number"))
    }

    #[test]
    fn integers_widen_int_long_double() {
        assert_eq!(num("42"), ExprKind::Int(42));
        assert_eq!(num("2147483648"), ExprKind::Long(2_147_483_648));
        assert_eq!(num("10l"), ExprKind::Long(10));
        assert_eq!(num("99999999999999999999"), ExprKind::Double(1e20));
        assert_eq!(num("-7"), ExprKind::Int(-7));
    }

    #[test]
    fn hex_and_binary_are_bit_patterns() {
        assert_eq!(num("0x10"), ExprKind::Int(16));
        assert_eq!(num("0xFF"), ExprKind::Int(255));
        assert_eq!(num("0xFFFFFFFF"), ExprKind::Int(-1));
        assert_eq!(num("0x100000000"), ExprKind::Long(4_294_967_296));
        assert_eq!(num("0b1011011"), ExprKind::Int(91));
        assert_eq!(num("-0x12"), ExprKind::Int(-18));
    }

    #[test]
    fn multipliers_are_powers_of_1024() {
        assert_eq!(num("1kb"), ExprKind::Int(1024));
        assert_eq!(num("5KB"), ExprKind::Int(5120));
        assert_eq!(num("1gb"), ExprKind::Int(1_073_741_824));
        assert_eq!(num("2gb"), ExprKind::Long(2_147_483_648));
        assert_eq!(num("1.5kb"), ExprKind::Double(1536.0));
    }

    #[test]
    fn reals_and_decimals() {
        assert_eq!(num("6.5"), ExprKind::Double(6.5));
        assert_eq!(num(".01"), ExprKind::Double(0.01));
        assert_eq!(num("5e2"), ExprKind::Double(500.0));
        assert_eq!(num("5e-2"), ExprKind::Double(0.05));
        let ExprKind::Decimal(d) = num("1.30Dmb") else {
            panic!("decimal")
        };
        assert_eq!(d.to_string(), "1363148.80");
        assert_eq!(num("100d"), ExprKind::Decimal(Decimal::from(100)));
        let ExprKind::Decimal(d) = num("1.5d") else {
            panic!("decimal")
        };
        assert_eq!(d.to_string(), "1.5");
    }

    #[test]
    fn non_numbers_are_rejected() {
        for text in ["2+2", "1.2.3", "0x", "abc", "1.", "-", "1e", "7z", "!1", ""] {
            assert_eq!(number_value(text), None, "{text}");
        }
    }

    #[test]
    fn escapes_in_double_quoted_text() {
        assert_eq!(unescape("a`nb`tc", true), "a\nb\tc");
        assert_eq!(unescape("`u{48}`u{69}", true), "Hi");
        assert_eq!(unescape("fo`odbar", true), "foodbar");
        assert_eq!(unescape("say \"\"hi\"\"", true), "say \"hi\"");
        assert_eq!(unescape("keep \"\"", false), "keep \"\"");
        assert_eq!(unescape("`$x `` `0", true), "$x ` \0");
    }

    #[test]
    fn single_quoted_and_here_string_bodies() {
        assert_eq!(single_quoted("'it''s'"), "it's");
        assert_eq!(here_string_body("@'\nabc\n'@"), "abc");
        assert_eq!(here_string_body("@'\r\na\r\nb\r\n'@"), "a\r\nb");
        assert_eq!(here_string_body("@'\n'@"), "");
        assert_eq!(here_string_body("@'  \n\n'@"), "");
    }

    #[test]
    fn variable_scopes_and_drives() {
        let span = Span::new(0, 1);
        let v = variable_path("$env:PATH", span);
        assert_eq!(
            (v.scope, v.name.as_str()),
            (Some(ScopeModifier::Env), "PATH")
        );
        let v = variable_path("$script:Count", span);
        assert_eq!(v.scope, Some(ScopeModifier::Script));
        assert_eq!(&*v.key, "count");
        let v = variable_path("$function:f", span);
        assert_eq!(v.scope, Some(ScopeModifier::Drive("function".into())));
        let v = variable_path("${a b}", span);
        assert_eq!((v.scope, v.name.as_str()), (None, "a b"));
        let v = variable_path("${env:HOME}", span);
        assert_eq!(v.scope, Some(ScopeModifier::Env));
        assert_eq!(variable_path("$_", span).name, "_");
        assert_eq!(variable_path("$?", span).name, "?");
    }
}
