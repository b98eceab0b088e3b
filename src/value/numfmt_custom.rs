//! L1 — .NET custom numeric format strings: `0` and `#` placeholders, `.`, `,` (grouping
//! and scaling), `%`, `‰`, `E+0` exponents, quoted literals and `;` sections.

use super::numfmt::Digits;

/// One element of a custom numeric format.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Zero,
    Hash,
    Point,
    Comma,
    Percent,
    PerMille,
    Exponent { upper: bool, plus: bool, min: usize },
    Literal(String),
}

fn tokenize(section: &str) -> Vec<Tok> {
    let chars: Vec<char> = section.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '0' => out.push(Tok::Zero),
            '#' => out.push(Tok::Hash),
            '.' => out.push(Tok::Point),
            ',' => out.push(Tok::Comma),
            '%' => out.push(Tok::Percent),
            '‰' => out.push(Tok::PerMille),
            '\\' if i + 1 < chars.len() => {
                i += 1;
                out.push(Tok::Literal(chars[i].to_string()));
            }
            '\'' | '"' => {
                let close = chars[i + 1..].iter().position(|&q| q == c);
                let end = close.map_or(chars.len(), |p| i + 1 + p);
                out.push(Tok::Literal(chars[i + 1..end].iter().collect()));
                i = end;
            }
            'E' | 'e' => {
                let mut j = i + 1;
                let plus = chars.get(j) == Some(&'+');
                if matches!(chars.get(j), Some('+' | '-')) {
                    j += 1;
                }
                let zeros = chars[j..].iter().take_while(|&&z| z == '0').count();
                if zeros > 0 {
                    out.push(Tok::Exponent {
                        upper: c == 'E',
                        plus,
                        min: zeros,
                    });
                    i = j + zeros - 1;
                } else {
                    out.push(Tok::Literal(c.to_string()));
                }
            }
            other => out.push(Tok::Literal(other.to_string())),
        }
        i += 1;
    }
    out
}

/// Split at `;` outside quotes and escapes.
fn sections(spec: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in spec.chars() {
        let current = out.last_mut();
        let Some(current) = current else { break };
        if escaped {
            current.push(c);
            escaped = false;
            continue;
        }
        match (c, quote) {
            ('\\', None) => {
                escaped = true;
                current.push(c);
            }
            ('\'' | '"', None) => {
                quote = Some(c);
                current.push(c);
            }
            (q, Some(open)) if q == open => {
                quote = None;
                current.push(c);
            }
            (';', None) => out.push(String::new()),
            _ => current.push(c),
        }
    }
    out
}

pub(crate) fn custom(d: &Digits, spec: &str) -> String {
    let sections = sections(spec);
    let (section, signed) =
        if d.negative && !d.is_zero() && sections.len() >= 2 && !sections[1].is_empty() {
            (sections[1].as_str(), false)
        } else if d.is_zero() && sections.len() >= 3 && !sections[2].is_empty() {
            (sections[2].as_str(), true)
        } else {
            (sections[0].as_str(), true)
        };
    let tokens = tokenize(section);
    let text = render(d, &tokens);
    if signed && d.negative {
        format!("-{text}")
    } else {
        text
    }
}

/// Render the number (without its sign) through one section's tokens.
fn render(d: &Digits, tokens: &[Tok]) -> String {
    let point = tokens.iter().position(|t| *t == Tok::Point);
    let (int_toks, frac_toks) = match point {
        Some(p) => (&tokens[..p], &tokens[p + 1..]),
        None => (tokens, &[][..]),
    };
    let is_digit = |t: &Tok| matches!(t, Tok::Zero | Tok::Hash);
    let exponent = tokens.iter().find_map(|t| match t {
        Tok::Exponent { upper, plus, min } => Some((*upper, *plus, *min)),
        _ => None,
    });
    // Grouping: a comma between digit placeholders; scaling: commas right before the point.
    let last_digit = int_toks.iter().rposition(is_digit);
    let first_digit = int_toks.iter().position(is_digit);
    let grouping = match (first_digit, last_digit) {
        (Some(f), Some(l)) => int_toks[f..l].contains(&Tok::Comma),
        _ => false,
    };
    let scale_commas = last_digit.map_or(0, |l| {
        int_toks[l + 1..]
            .iter()
            .take_while(|t| **t == Tok::Comma)
            .count()
    });
    let percents = tokens.iter().filter(|t| **t == Tok::Percent).count();
    let permilles = tokens.iter().filter(|t| **t == Tok::PerMille).count();
    let places = 2 * i32::try_from(percents).unwrap_or(0)
        + 3 * i32::try_from(permilles).unwrap_or(0)
        - 3 * i32::try_from(scale_commas).unwrap_or(0);
    let value = d.shift(places);

    let frac_places: Vec<&Tok> = frac_toks.iter().filter(|t| is_digit(t)).collect();
    let max_decimals = frac_places.len();
    let min_decimals = frac_places
        .iter()
        .rposition(|t| **t == Tok::Zero)
        .map_or(0, |p| p + 1);
    let int_places = int_toks.iter().filter(|t| is_digit(t)).count();
    let min_int = first_digit.map_or(0, |_| {
        int_toks
            .iter()
            .filter(|t| is_digit(t))
            .skip_while(|t| **t == Tok::Hash)
            .count()
    });

    let (int_digits, frac_digits, exp_value) = match exponent {
        Some(_) => {
            let n_int = int_places.max(1);
            let (digits, e) = value.significant(n_int + max_decimals);
            let exp = e - i32::try_from(n_int - 1).unwrap_or(0);
            let int = digits[..n_int].trim_start_matches('0').to_string();
            (int, digits[n_int..].to_string(), Some(exp))
        }
        None => {
            let r = value.round_to(max_decimals);
            (r.int, r.frac, None)
        }
    };
    let mut frac_out = frac_digits;
    while frac_out.len() > min_decimals && frac_out.ends_with('0') {
        frac_out.pop();
    }
    let mut int_out = int_digits;
    while int_out.len() < min_int {
        int_out.insert(0, '0');
    }

    let mut out = String::new();
    emit_integer(&mut out, int_toks, &int_out, int_places, grouping);
    if !frac_out.is_empty() {
        out.push('.');
    }
    let mut frac_chars = frac_out.chars();
    for tok in frac_toks {
        match tok {
            Tok::Zero | Tok::Hash => {
                if let Some(c) = frac_chars.next() {
                    out.push(c);
                }
            }
            other => emit_other(&mut out, other, exp_value),
        }
    }
    out
}

/// Emit the integer part: digits fill the placeholders from the right; the leftmost
/// placeholder takes any extra digits; literals stay in place.
fn emit_integer(out: &mut String, toks: &[Tok], digits: &str, places: usize, grouping: bool) {
    let digits: Vec<char> = digits.chars().collect();
    let extra = digits.len().saturating_sub(places);
    let mut next = 0; // index into digits
    let mut seen_places = 0;
    let push_digit = |out: &mut String, i: usize| {
        out.push(digits[i]);
        let from_right = digits.len() - i - 1;
        if grouping && from_right > 0 && from_right.is_multiple_of(3) {
            out.push(',');
        }
    };
    for tok in toks {
        match tok {
            Tok::Zero | Tok::Hash => {
                let slot_from_right = places - seen_places; // 1-based
                seen_places += 1;
                if seen_places == 1 {
                    for _ in 0..extra {
                        push_digit(out, next);
                        next += 1;
                    }
                }
                if slot_from_right <= digits.len() && next < digits.len() {
                    push_digit(out, next);
                    next += 1;
                }
            }
            Tok::Comma => {}
            other => emit_other(out, other, None),
        }
    }
}

fn emit_other(out: &mut String, tok: &Tok, exponent: Option<i32>) {
    match tok {
        Tok::Percent => out.push('%'),
        Tok::PerMille => out.push('‰'),
        Tok::Literal(text) => out.push_str(text),
        Tok::Exponent { upper, plus, min } => {
            let e = exponent.unwrap_or(0);
            out.push(if *upper { 'E' } else { 'e' });
            if e < 0 {
                out.push('-');
            } else if *plus {
                out.push('+');
            }
            out.push_str(&format!("{:0width$}", e.unsigned_abs(), width = *min));
        }
        Tok::Zero | Tok::Hash | Tok::Point | Tok::Comma => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::value::Value;
    use crate::value::numfmt::tests::f;

    #[test]
    fn custom_formats() {
        assert_eq!(f(Value::Int(7), "00"), "07");
        assert_eq!(f(Value::Int(24), "000"), "024");
        assert_eq!(f(Value::Int(365), "000000"), "000365");
        assert_eq!(f(Value::Double(1.23456), "0.00"), "1.23");
        assert_eq!(f(Value::Double(3.0), "0.##"), "3");
        assert_eq!(f(Value::Double(0.5), "#.##"), ".5");
        assert_eq!(f(Value::Int(0), "#"), "");
        assert_eq!(f(Value::Int(1234567), "#,0"), "1,234,567");
        assert_eq!(f(Value::Int(1234567), "#,##0.00"), "1,234,567.00");
        assert_eq!(f(Value::Int(1234567), "###-##-##"), "123-45-67");
        assert_eq!(f(Value::Double(-1.5), "0.0"), "-1.5");
        assert_eq!(f(Value::Double(-1.5), "0.0;(0.0)"), "(1.5)");
        assert_eq!(f(Value::Int(0), "0;-0;zero"), "zero");
        assert_eq!(f(Value::Double(0.256), "0%"), "26%");
        assert_eq!(f(Value::Int(1234567), "0,,"), "1");
        assert_eq!(f(Value::Double(12345.0), "0.0E+00"), "1.2E+04");
        assert_eq!(f(Value::Int(5), "'#'0"), "#5");
        assert_eq!(f(Value::Double(-0.001), "0.00"), "-0.00");
    }
}
