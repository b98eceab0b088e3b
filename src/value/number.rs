//! L1 — numbers as text: PowerShell's display of doubles and decimals, and parsing numeric
//! strings the way casts and arithmetic do.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::Value;

/// A double as PowerShell prints it (`0.1 + 0.2` → `0.3`, `1/3` → `0.333333333333333`,
/// `1e20` → `1E+20`, `[math]::PI` → `3.14159265358979`).
pub fn format_double(value: f64) -> String {
    format_double_digits(value, Some(15))
}

/// A double as .NET's `Double.ToString()` gives it: the shortest digits that round-trip
/// (`(1/3).ToString()` → `0.3333333333333333`), scientific from `1E+15` up.
pub fn format_double_roundtrip(value: f64) -> String {
    format_double_digits(value, None)
}

/// `G`-style formatting with `precision` significant digits (`None`: shortest round-trip).
fn format_double_digits(value: f64, precision: Option<usize>) -> String {
    if let Some(special) = special_double(value) {
        return special;
    }
    let (negative, digits, exponent) = decimal_digits(value, precision);
    let body = general_notation(&digits, exponent, precision.unwrap_or(15), 'E');
    if negative { format!("-{body}") } else { body }
}

/// `NaN`, `Infinity`, `-Infinity`, `0` and `-0` as .NET prints them.
pub(crate) fn special_double(value: f64) -> Option<String> {
    if value.is_nan() {
        Some("NaN".into())
    } else if value.is_infinite() {
        Some(if value > 0.0 { "Infinity" } else { "-Infinity" }.into())
    } else if value == 0.0 {
        Some(if value.is_sign_negative() { "-0" } else { "0" }.into())
    } else {
        None
    }
}

/// The significant digits of a finite non-zero double (trailing zeros removed) and the
/// decimal exponent of the first digit: 1234.5 → ("12345", 3).
pub(crate) fn decimal_digits(value: f64, precision: Option<usize>) -> (bool, String, i32) {
    let text = match precision {
        Some(p) => format!("{:.*e}", p.saturating_sub(1), value.abs()),
        None => format!("{:e}", value.abs()),
    };
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let exponent = exponent.parse::<i32>().unwrap_or(0);
    let mut digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    (value.is_sign_negative(), digits, exponent)
}

/// Place `digits` (first digit at 10^`exponent`) in fixed notation when
/// `-5 < exponent < threshold`, otherwise as `d.dddE+XX` (at least two exponent digits).
pub(crate) fn general_notation(digits: &str, exponent: i32, threshold: usize, e: char) -> String {
    let threshold = i32::try_from(threshold).unwrap_or(i32::MAX);
    if exponent > -5 && exponent < threshold {
        return fixed_notation(digits, exponent);
    }
    let (first, rest) = digits.split_at(1.min(digits.len()));
    let mut out = String::from(first);
    if !rest.is_empty() {
        out.push('.');
        out.push_str(rest);
    }
    out.push(e);
    out.push(if exponent < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", exponent.unsigned_abs()));
    out
}

/// `digits` with the first at 10^`exponent`, written without an exponent.
pub(crate) fn fixed_notation(digits: &str, exponent: i32) -> String {
    if exponent < 0 {
        let zeros = "0".repeat(usize::try_from(-exponent - 1).unwrap_or(0));
        return format!("0.{zeros}{digits}");
    }
    let int_len = usize::try_from(exponent).unwrap_or(0) + 1;
    if digits.len() <= int_len {
        format!("{digits}{}", "0".repeat(int_len - digits.len()))
    } else {
        format!("{}.{}", &digits[..int_len], &digits[int_len..])
    }
}

/// Parse a numeric string as PowerShell converts strings to numbers: surrounding white space
/// allowed, `0x` hex, decimal points and exponents, `kb/mb/gb/tb/pb` multipliers, `l`/`d`
/// suffixes. Returns the narrowest of Int32/Int64/Double/Decimal that holds it.
pub fn parse_number(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    let (negative, body) = match trimmed.as_bytes().first()? {
        b'-' => (true, &trimmed[1..]),
        b'+' => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let lower = body.to_ascii_lowercase();
    match lower.as_str() {
        "nan" => return Some(Value::Double(f64::NAN)),
        "infinity" | "∞" => {
            let inf = if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            };
            return Some(Value::Double(inf));
        }
        _ => {}
    }
    let (lower, multiplier) = strip_multiplier(&lower);
    if let Some(hex) = lower.strip_prefix("0x") {
        return parse_radix(hex, 16, negative, multiplier);
    }
    if let Some(bin) = lower.strip_prefix("0b") {
        return parse_radix(bin, 2, negative, multiplier);
    }
    let (digits, suffix) = split_type_suffix(lower);
    if !is_decimal_syntax(digits) {
        return None;
    }
    let signed = if negative {
        format!("-{digits}")
    } else {
        digits.to_string()
    };
    let is_real = digits.contains(['.', 'e']);
    match suffix {
        Suffix::Decimal => {
            let d = Decimal::from_str(&signed)
                .or_else(|_| Decimal::from_scientific(&signed))
                .ok()?;
            d.checked_mul(Decimal::from(multiplier)).map(Value::Decimal)
        }
        _ if is_real => {
            let x = normalize_real(&signed).parse::<f64>().ok()?;
            let x = x * multiplier as f64;
            if suffix == Suffix::Long {
                // `1.5l` is a Long in PowerShell (rounded).
                return double_to_i64(x).map(Value::Long);
            }
            Some(Value::Double(x))
        }
        _ => {
            let n = signed
                .parse::<i128>()
                .ok()
                .and_then(|n| n.checked_mul(multiplier));
            let Some(n) = n else {
                return normalize_real(&signed)
                    .parse::<f64>()
                    .ok()
                    .map(|x| Value::Double(x * multiplier as f64));
            };
            integer_value(n, suffix == Suffix::Long)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    None,
    Long,
    Decimal,
}

/// Strip a `kb`/`mb`/`gb`/`tb`/`pb` multiplier suffix.
fn strip_multiplier(text: &str) -> (&str, i128) {
    const SUFFIXES: [(&str, i128); 5] = [
        ("kb", 1 << 10),
        ("mb", 1 << 20),
        ("gb", 1 << 30),
        ("tb", 1 << 40),
        ("pb", 1 << 50),
    ];
    for (suffix, factor) in SUFFIXES {
        if let Some(rest) = text.strip_suffix(suffix) {
            return (rest, factor);
        }
    }
    (text, 1)
}

/// Strip a type suffix: `l` (Int64), `d` (Decimal), `u`/`ul` (unsigned, kept as integers).
fn split_type_suffix(text: &str) -> (&str, Suffix) {
    if let Some(rest) = text.strip_suffix("ul") {
        return (rest, Suffix::Long);
    }
    if let Some(rest) = text.strip_suffix('l') {
        return (rest, Suffix::Long);
    }
    if let Some(rest) = text.strip_suffix('d') {
        return (rest, Suffix::Decimal);
    }
    if let Some(rest) = text.strip_suffix('u') {
        return (rest, Suffix::None);
    }
    (text, Suffix::None)
}

/// `123`, `1.5`, `.5`, `5.`, `1e5`, `1.5E-3`.
fn is_decimal_syntax(text: &str) -> bool {
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m, Some(e)),
        None => (text, None),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty() && frac_part.is_empty() {
        return false;
    }
    if !all_digits(int_part) || !all_digits(frac_part) {
        return false;
    }
    match exponent {
        None => true,
        Some(e) => {
            let e = e.strip_prefix(['+', '-']).unwrap_or(e);
            !e.is_empty() && all_digits(e)
        }
    }
}

/// Make `.5`, `5.` and `5.e3` acceptable to Rust's float parser.
fn normalize_real(text: &str) -> String {
    let mut out = text.replace("-.", "-0.");
    if out.starts_with('.') {
        out.insert(0, '0');
    }
    out = out.replace(".e", ".0e");
    if out.ends_with('.') {
        out.push('0');
    }
    out
}

/// Hex or binary digits: up to 32 bits is an Int32 (two's complement, `0xFFFFFFFF` → -1),
/// up to 64 bits an Int64.
fn parse_radix(digits: &str, radix: u32, negative: bool, multiplier: i128) -> Option<Value> {
    let (digits, suffix) = if radix == 16 {
        match digits.strip_suffix('l') {
            Some(rest) => (rest, Suffix::Long),
            None => (digits, Suffix::None),
        }
    } else {
        split_type_suffix(digits)
    };
    if digits.is_empty() {
        return None;
    }
    let raw = u64::from_str_radix(digits, radix).ok()?;
    let bits_per_digit = if radix == 16 { 4 } else { 1 };
    let width = digits.trim_start_matches('0').len() * bits_per_digit;
    let value: i128 = if width <= 32 && suffix != Suffix::Long {
        i128::from(raw as u32 as i32)
    } else {
        i128::from(raw as i64)
    };
    let value = if negative { -value } else { value };
    integer_value(value.checked_mul(multiplier)?, suffix == Suffix::Long)
}

/// The narrowest PowerShell integer type holding `n` (Decimal, then Double past Int64).
fn integer_value(n: i128, force_long: bool) -> Option<Value> {
    if force_long {
        return i64::try_from(n).ok().map(Value::Long);
    }
    if let Ok(i) = i32::try_from(n) {
        return Some(Value::Int(i));
    }
    if let Ok(l) = i64::try_from(n) {
        return Some(Value::Long(l));
    }
    match Decimal::try_from_i128_with_scale(n, 0) {
        Ok(d) => Some(Value::Decimal(d)),
        Err(_) => Some(Value::Double(n as f64)),
    }
}

/// Round half to even and convert, when in range.
pub fn double_to_i64(x: f64) -> Option<i64> {
    let r = x.round_ties_even();
    if (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&r) {
        Some(r as i64)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> String {
        match parse_number(text) {
            Some(Value::Int(i)) => format!("Int {i}"),
            Some(Value::Long(l)) => format!("Long {l}"),
            Some(Value::Double(d)) => format!("Double {}", format_double(d)),
            Some(Value::Decimal(d)) => format!("Decimal {d}"),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn doubles_print_with_fifteen_significant_digits() {
        assert_eq!(format_double(std::f64::consts::PI), "3.14159265358979");
        assert_eq!(format_double(1.0 / 3.0), "0.333333333333333");
        assert_eq!(format_double(0.1 + 0.2), "0.3");
        assert_eq!(format_double(29.296875), "29.296875");
        assert_eq!(format_double(55.466796875), "55.466796875");
        assert_eq!(format_double(1.5), "1.5");
        assert_eq!(format_double(2147483648.0), "2147483648");
        assert_eq!(format_double(500.0), "500");
        assert_eq!(format_double(0.01), "0.01");
        assert_eq!(format_double(-2.5), "-2.5");
    }

    #[test]
    fn doubles_switch_to_exponent_form() {
        assert_eq!(format_double(1e20), "1E+20");
        assert_eq!(format_double(1e15), "1E+15");
        assert_eq!(format_double(123456789012345.0), "123456789012345");
        assert_eq!(format_double(1e-5), "1E-05");
        assert_eq!(format_double(0.0001), "0.0001");
        assert_eq!(format_double(1.5e-7), "1.5E-07");
        assert_eq!(format_double(-1e100), "-1E+100");
        assert_eq!(format_double(123456789012345678.0), "1.23456789012346E+17");
    }

    #[test]
    fn special_doubles() {
        assert_eq!(format_double(f64::NAN), "NaN");
        assert_eq!(format_double(f64::INFINITY), "Infinity");
        assert_eq!(format_double(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(format_double(0.0), "0");
    }

    #[test]
    fn roundtrip_form_keeps_all_digits() {
        assert_eq!(format_double_roundtrip(1.0 / 3.0), "0.3333333333333333");
        assert_eq!(format_double_roundtrip(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(format_double_roundtrip(1e16), "1E+16");
        assert_eq!(format_double_roundtrip(2.5), "2.5");
    }

    #[test]
    fn parses_integers_narrowest_first() {
        assert_eq!(parsed("42"), "Int 42");
        assert_eq!(parsed("  -7 "), "Int -7");
        assert_eq!(parsed("+10"), "Int 10");
        assert_eq!(parsed("2147483648"), "Long 2147483648");
        assert_eq!(parsed("-2147483648"), "Int -2147483648");
        assert_eq!(parsed("9223372036854775808"), "Decimal 9223372036854775808");
        assert_eq!(parsed("5l"), "Long 5");
    }

    #[test]
    fn parses_hex_binary_and_multipliers() {
        assert_eq!(parsed("0xF"), "Int 15");
        assert_eq!(parsed("0xFF"), "Int 255");
        assert_eq!(parsed("-0x12"), "Int -18");
        assert_eq!(parsed("0xFFFFFFFF"), "Int -1");
        assert_eq!(parsed("0x100000000"), "Long 4294967296");
        assert_eq!(parsed("0b1011011"), "Int 91");
        assert_eq!(parsed("1kb"), "Int 1024");
        assert_eq!(parsed("5KB"), "Int 5120");
        assert_eq!(parsed("1gb"), "Int 1073741824");
        assert_eq!(parsed("1tb"), "Long 1099511627776");
        assert_eq!(parsed("1.5kb"), "Double 1536");
    }

    #[test]
    fn parses_reals_and_decimals() {
        assert_eq!(parsed("1.5"), "Double 1.5");
        assert_eq!(parsed(".01"), "Double 0.01");
        assert_eq!(parsed("5."), "Double 5");
        assert_eq!(parsed("5e2"), "Double 500");
        assert_eq!(parsed("5e-2"), "Double 0.05");
        assert_eq!(parsed("1.30Dmb"), "Decimal 1363148.80");
        assert_eq!(parsed("100d"), "Decimal 100");
        assert_eq!(parsed("NaN"), "Double NaN");
    }

    #[test]
    fn rejects_non_numbers() {
        for text in ["", "abc", "1.2.3", "e5", ".", "0x", "1e", "--1", "1 2"] {
            assert!(parse_number(text).is_none(), "{text:?}");
        }
    }
}
