//! L1 — .NET numeric format strings for `-f`, `.ToString('…')` and `[string]::Format`:
//! standard (`D3`, `X4`, `N2`, `F2`, `P`, `E`, `G`, `C`, `R`) and custom (`0.00`, `#,0`,
//! `000000`, `0.0E+0`, `;` sections, quoted literals). Culture: en-US.

use super::{Value, ValueError, number};

fn invalid() -> ValueError {
    ValueError::Format {
        message: "Format specifier was invalid.".into(),
    }
}

/// What kind of number is being formatted.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// An integer of this many bits (8, 32, 64).
    Integral(u32),
    Double(f64),
    Decimal,
}

/// A number as exact decimal digits: `int` without leading zeros, `frac` without trailing
/// zeros (both empty for zero).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Digits {
    pub(crate) negative: bool,
    pub(crate) int: String,
    pub(crate) frac: String,
}

impl Digits {
    fn parse(negative: bool, text: &str) -> Digits {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        Digits {
            negative,
            int: int.trim_start_matches('0').to_string(),
            frac: frac.trim_end_matches('0').to_string(),
        }
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.int.is_empty() && self.frac.is_empty()
    }

    /// Multiply by 10^places (places may be negative).
    pub(crate) fn shift(&self, places: i32) -> Digits {
        let all = format!("{}{}", self.int, self.frac);
        let point = i64::try_from(self.int.len()).unwrap_or(0) + i64::from(places);
        let text = if point <= 0 {
            format!(
                "0.{}{all}",
                "0".repeat(usize::try_from(-point).unwrap_or(0))
            )
        } else {
            let point = usize::try_from(point).unwrap_or(0);
            if point >= all.len() {
                format!("{all}{}", "0".repeat(point - all.len()))
            } else {
                format!("{}.{}", &all[..point], &all[point..])
            }
        };
        Digits::parse(self.negative, &text)
    }

    /// Round half away from zero to `decimals` fraction digits; `frac` is then exactly
    /// `decimals` long.
    pub(crate) fn round_to(&self, decimals: usize) -> Digits {
        let mut frac = self.frac.clone();
        let mut int = self.int.clone();
        if frac.len() > decimals {
            let round_up = frac.as_bytes()[decimals] >= b'5';
            frac.truncate(decimals);
            if round_up {
                let mut all = format!("{int}{frac}");
                increment(&mut all);
                let split = all.len() - decimals;
                frac = all[split..].to_string();
                int = all[..split].to_string();
            }
        }
        while frac.len() < decimals {
            frac.push('0');
        }
        Digits {
            negative: self.negative,
            int: int.trim_start_matches('0').to_string(),
            frac,
        }
    }

    /// The first `count` significant digits (rounded half away from zero, zero-padded) and
    /// the decimal exponent of the first one.
    pub(crate) fn significant(&self, count: usize) -> (String, i32) {
        let all = format!("{}{}", self.int, self.frac);
        let Some(first) = all.find(|c| c != '0') else {
            return ("0".repeat(count.max(1)), 0);
        };
        let mut exponent =
            i32::try_from(self.int.len()).unwrap_or(0) - 1 - i32::try_from(first).unwrap_or(0);
        let rest = &all[first..];
        let mut digits: String = rest.chars().take(count).collect();
        if rest.len() > count && rest.as_bytes()[count] >= b'5' {
            increment(&mut digits);
            if digits.len() > count {
                digits.truncate(count);
                exponent += 1;
            }
        }
        while digits.len() < count {
            digits.push('0');
        }
        (digits, exponent)
    }
}

/// Add one to a string of decimal digits, growing it on carry.
fn increment(digits: &mut String) {
    let mut bytes = digits.clone().into_bytes();
    let mut i = bytes.len();
    loop {
        if i == 0 {
            bytes.insert(0, b'1');
            break;
        }
        i -= 1;
        if bytes[i] == b'9' {
            bytes[i] = b'0';
        } else {
            bytes[i] += 1;
            break;
        }
    }
    *digits = String::from_utf8(bytes).unwrap_or_default();
}

fn digits_of(value: &Value) -> Option<(Digits, Kind)> {
    Some(match value {
        Value::Byte(n) => (Digits::parse(false, &n.to_string()), Kind::Integral(8)),
        Value::Int(n) => (
            Digits::parse(*n < 0, &n.unsigned_abs().to_string()),
            Kind::Integral(32),
        ),
        Value::Long(n) => (
            Digits::parse(*n < 0, &n.unsigned_abs().to_string()),
            Kind::Integral(64),
        ),
        Value::Decimal(d) => (
            Digits::parse(d.is_sign_negative(), &d.abs().to_string()),
            Kind::Decimal,
        ),
        Value::Double(x) => (
            Digits::parse(x.is_sign_negative(), &format!("{:.1100}", x.abs())),
            Kind::Double(*x),
        ),
        _ => return None,
    })
}

/// Format a number with a .NET format string. `Ok(None)` when `value` is not a number.
pub fn format_number(value: &Value, spec: &str) -> Result<Option<String>, ValueError> {
    let Some((digits, kind)) = digits_of(value) else {
        return Ok(None);
    };
    if let Kind::Double(x) = kind
        && !x.is_finite()
    {
        return Ok(number::special_double(x));
    }
    if spec.is_empty() {
        return Ok(Some(default_text(value, kind)));
    }
    let mut chars = spec.chars();
    let letter = chars.next().unwrap_or('G');
    let rest = chars.as_str();
    if letter.is_ascii_alphabetic() && rest.chars().all(|c| c.is_ascii_digit()) && rest.len() <= 9 {
        let precision = if rest.is_empty() {
            None
        } else {
            rest.parse::<usize>().ok()
        };
        return standard(value, &digits, kind, letter, precision).map(Some);
    }
    Ok(Some(super::numfmt_custom::custom(&digits, spec)))
}

fn default_text(value: &Value, kind: Kind) -> String {
    match kind {
        Kind::Double(x) => number::format_double_roundtrip(x),
        _ => super::convert::to_string(value, " "),
    }
}

fn group(int: &str) -> String {
    let digits = if int.is_empty() { "0" } else { int };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn fixed(d: &Digits, decimals: usize, grouped: bool) -> String {
    let r = d.round_to(decimals);
    let int = if grouped {
        group(&r.int)
    } else if r.int.is_empty() {
        "0".to_string()
    } else {
        r.int.clone()
    };
    // .NET Core keeps the sign of a negative value that rounds to zero ("-0.00").
    let sign = if r.negative { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{}", r.frac)
    }
}

fn standard(
    value: &Value,
    d: &Digits,
    kind: Kind,
    letter: char,
    precision: Option<usize>,
) -> Result<String, ValueError> {
    let upper = letter.is_ascii_uppercase();
    let integral_bits = match kind {
        Kind::Integral(bits) => Some(bits),
        _ => None,
    };
    Ok(match letter.to_ascii_uppercase() {
        'D' => {
            integral_bits.ok_or_else(invalid)?;
            let int = if d.int.is_empty() { "0" } else { &d.int };
            let width = precision.unwrap_or(0);
            let sign = if d.negative { "-" } else { "" };
            format!("{sign}{int:0>width$}")
        }
        'X' => {
            let bits = integral_bits.ok_or_else(invalid)?;
            let n = super::cast::as_rounded_i64(value).unwrap_or(0);
            let raw = match bits {
                8 => u64::from(n as u8),
                32 => u64::from(n as u32),
                _ => n as u64,
            };
            let width = precision.unwrap_or(0);
            if upper {
                format!("{raw:0width$X}")
            } else {
                format!("{raw:0width$x}")
            }
        }
        'F' => fixed(d, precision.unwrap_or(2), false),
        'N' => fixed(d, precision.unwrap_or(2), true),
        'P' => {
            let text = fixed(&d.shift(2), precision.unwrap_or(2), true);
            format!("{text}%")
        }
        'C' => {
            let text = fixed(d, precision.unwrap_or(2), true);
            match text.strip_prefix('-') {
                Some(rest) => format!("-${rest}"),
                None => format!("${text}"),
            }
        }
        'E' => {
            let decimals = precision.unwrap_or(6);
            let (digits, exponent) = d.significant(decimals + 1);
            let mantissa = if decimals == 0 {
                digits[..1].to_string()
            } else {
                format!("{}.{}", &digits[..1], &digits[1..])
            };
            let sign = if d.negative && !d.is_zero() { "-" } else { "" };
            let e = if upper { 'E' } else { 'e' };
            let exp_sign = if exponent < 0 { '-' } else { '+' };
            format!(
                "{sign}{mantissa}{e}{exp_sign}{:03}",
                exponent.unsigned_abs()
            )
        }
        'G' | 'R' => {
            let e = if upper { 'E' } else { 'e' };
            match (precision.filter(|p| *p > 0), kind) {
                (None, Kind::Double(x)) => {
                    let text = number::format_double_roundtrip(x);
                    if upper { text } else { text.replace('E', "e") }
                }
                (None, _) => default_text(value, kind),
                (Some(p), _) => {
                    if d.is_zero() {
                        return Ok("0".into());
                    }
                    let (digits, exponent) = d.significant(p);
                    let trimmed = digits.trim_end_matches('0');
                    let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
                    let body = number::general_notation(trimmed, exponent, p, e);
                    if d.negative { format!("-{body}") } else { body }
                }
            }
        }
        _ => return Err(invalid()),
    })
}

#[cfg(test)]
pub(super) mod tests {
    use rust_decimal::Decimal;

    use super::*;

    /// A value formatted with `spec` (or `<none>`/`error: …`), for assertions.
    pub(in crate::value) fn f(value: Value, spec: &str) -> String {
        match format_number(&value, spec) {
            Ok(Some(text)) => text,
            Ok(None) => "<none>".into(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn standard_integer_formats() {
        assert_eq!(f(Value::Int(7), "D3"), "007");
        assert_eq!(f(Value::Int(-7), "D3"), "-007");
        assert_eq!(f(Value::Int(255), "X"), "FF");
        assert_eq!(f(Value::Int(255), "x4"), "00ff");
        assert_eq!(f(Value::Int(-1), "X"), "FFFFFFFF");
        assert_eq!(f(Value::Byte(255), "X"), "FF");
        assert_eq!(
            f(Value::Double(1.5), "D"),
            "error: Format specifier was invalid."
        );
        assert_eq!(f(Value::Int(1234567), "N0"), "1,234,567");
        assert_eq!(f(Value::Int(5), "F2"), "5.00");
    }

    #[test]
    fn standard_real_formats() {
        assert_eq!(f(Value::Double(1234.5678), "N2"), "1,234.57");
        assert_eq!(f(Value::Double(1234.5678), "N"), "1,234.57");
        assert_eq!(f(Value::Double(1.23456), "F2"), "1.23");
        assert_eq!(f(Value::Double(2.5), "F0"), "3");
        assert_eq!(f(Value::Double(0.125), "F2"), "0.13");
        assert_eq!(f(Value::Double(-0.001), "F2"), "-0.00");
        assert_eq!(f(Value::Double(0.1234), "P"), "12.34%");
        assert_eq!(f(Value::Double(0.5), "P0"), "50%");
        assert_eq!(f(Value::Double(1234.5), "C"), "$1,234.50");
        assert_eq!(f(Value::Double(1234.5678), "E2"), "1.23E+003");
        assert_eq!(f(Value::Double(1234.5678), "e"), "1.234568e+003");
        assert_eq!(f(Value::Double(1234.5678), "G3"), "1.23E+03");
        assert_eq!(f(Value::Double(0.1 + 0.2), "G"), "0.30000000000000004");
        assert_eq!(f(Value::Double(1.0 / 3.0), ""), "0.3333333333333333");
        assert_eq!(f(Value::Decimal(Decimal::new(12345, 3)), "F1"), "12.3");
        assert_eq!(f(Value::Decimal(Decimal::new(125, 2)), "F1"), "1.3");
        assert_eq!(f(Value::str("x"), "F2"), "<none>");
    }
}
