//! L1 — .NET composite formatting for `-f` and `[string]::Format`: `{0}`, `{0,-5}`,
//! `{0:D3}`, `{0:X}`, `{0:N2}`, `{0:0.00}`, `{{`/`}}`.

use super::object::ObjectKind;
use super::{Value, ValueError, builtin, convert, datefmt, numfmt};

fn bad_format() -> ValueError {
    ValueError::Format {
        message: "Input string was not in a correct format.".into(),
    }
}

/// Format `template` with `args` (an array right operand of `-f` supplies all the arguments;
/// the caller spreads it).
pub fn format(template: &str, args: &[Value]) -> Result<String, ValueError> {
    let chars: Vec<char> = template.chars().collect();
    let mut out = String::with_capacity(template.len());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '{' if chars.get(i + 1) == Some(&'{') => {
                out.push('{');
                i += 2;
            }
            '}' if chars.get(i + 1) == Some(&'}') => {
                out.push('}');
                i += 2;
            }
            '}' => return Err(bad_format()),
            '{' => {
                let (item, end) = parse_item(&chars, i + 1)?;
                let arg = args.get(item.index).ok_or_else(|| ValueError::Format {
                    message: "Index (zero based) must be greater than or equal to zero and less than the size of the argument list.".into(),
                })?;
                let text = format_arg(arg, &item.spec)?;
                let width = item.alignment.unsigned_abs() as usize;
                let len = text.chars().count();
                if len >= width {
                    out.push_str(&text);
                } else if item.alignment < 0 {
                    out.push_str(&text);
                    out.push_str(&" ".repeat(width - len));
                } else {
                    out.push_str(&" ".repeat(width - len));
                    out.push_str(&text);
                }
                i = end;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

/// `{index[,alignment][:format]}`
struct Item {
    index: usize,
    alignment: i64,
    spec: String,
}

/// Parse a format item starting after its `{`; returns it and the index after its `}`.
fn parse_item(chars: &[char], start: usize) -> Result<(Item, usize), ValueError> {
    let mut i = start;
    let skip_spaces = |i: &mut usize| {
        while chars.get(*i) == Some(&' ') {
            *i += 1;
        }
    };
    skip_spaces(&mut i);
    let digits_start = i;
    while chars.get(i).is_some_and(char::is_ascii_digit) {
        i += 1;
    }
    if i == digits_start {
        return Err(bad_format());
    }
    let index: usize = chars[digits_start..i]
        .iter()
        .collect::<String>()
        .parse()
        .map_err(|_| bad_format())?;
    skip_spaces(&mut i);
    let mut alignment = 0i64;
    if chars.get(i) == Some(&',') {
        i += 1;
        skip_spaces(&mut i);
        let negative = chars.get(i) == Some(&'-');
        if negative {
            i += 1;
        }
        let n_start = i;
        while chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
        }
        if i == n_start {
            return Err(bad_format());
        }
        let n: i64 = chars[n_start..i]
            .iter()
            .collect::<String>()
            .parse()
            .map_err(|_| bad_format())?;
        if n > 1_000_000 {
            return Err(bad_format());
        }
        alignment = if negative { -n } else { n };
        skip_spaces(&mut i);
    }
    let mut spec = String::new();
    if chars.get(i) == Some(&':') {
        i += 1;
        loop {
            match chars.get(i) {
                None => return Err(bad_format()),
                Some('}') if chars.get(i + 1) == Some(&'}') => {
                    spec.push('}');
                    i += 2;
                }
                Some('}') => break,
                Some('{') if chars.get(i + 1) == Some(&'{') => {
                    spec.push('{');
                    i += 2;
                }
                Some('{') => return Err(bad_format()),
                Some(c) => {
                    spec.push(*c);
                    i += 1;
                }
            }
        }
    }
    if chars.get(i) != Some(&'}') {
        return Err(bad_format());
    }
    Ok((
        Item {
            index,
            alignment,
            spec,
        },
        i + 1,
    ))
}

/// One argument as text: numbers through their format string, dates through a date format,
/// custom objects as `@{…}`, collections by type name, anything else by its string form.
pub fn format_arg(arg: &Value, spec: &str) -> Result<String, ValueError> {
    if let Some(text) = numfmt::format_number(arg, spec)? {
        return Ok(text);
    }
    Ok(match arg {
        Value::Object(object) if object.kind == ObjectKind::Custom => convert::to_string(arg, " "),
        Value::Object(object)
            if object.type_name.as_ref() == builtin::DATETIME && !spec.is_empty() =>
        {
            datefmt::format(object, spec)
        }
        other => convert::element_string(other),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(template: &str, args: Vec<Value>) -> String {
        match format(template, &args) {
            Ok(text) => text,
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn positional_arguments() {
        assert_eq!(
            f("{0} and {1}", vec![Value::str("a"), Value::str("b")]),
            "a and b"
        );
        assert_eq!(f("{1}{0}", vec![Value::str("a"), Value::str("b")]), "ba");
        assert_eq!(f("{0} {1}", vec![Value::Int(1), Value::Int(2)]), "1 2");
        assert_eq!(f("{0} vs. {{0}}", vec![Value::str("foo")]), "foo vs. {0}");
        assert_eq!(f("{0}", vec![Value::Null]), "");
        assert_eq!(f("{0}", vec![Value::Bool(true)]), "True");
    }

    #[test]
    fn alignment() {
        assert_eq!(f("[{0,5}]", vec![Value::str("ab")]), "[   ab]");
        assert_eq!(f("[{0,-5}]", vec![Value::str("ab")]), "[ab   ]");
        assert_eq!(f("{0,5}|", vec![Value::Int(42)]), "   42|");
        assert_eq!(f("{0,-10:N1}|", vec![Value::Double(1.25)]), "1.3       |");
    }

    #[test]
    fn numeric_formats() {
        assert_eq!(f("{0:D3}", vec![Value::Int(7)]), "007");
        assert_eq!(
            f(
                "{0:00} {1:000} {2:000000}",
                vec![Value::Int(7), Value::Int(24), Value::Int(365)]
            ),
            "07 024 000365"
        );
        assert_eq!(f("{0:X}", vec![Value::Int(255)]), "FF");
        assert_eq!(f("{0:x4}", vec![Value::Int(255)]), "00ff");
        assert_eq!(f("{0:N2}", vec![Value::Double(1234.567)]), "1,234.57");
        assert_eq!(f("{0:F2}", vec![Value::Double(2.0)]), "2.00");
        assert_eq!(f("{0:0.00}", vec![Value::Double(1.23456)]), "1.23");
        assert_eq!(f("{0:#,0}", vec![Value::Int(1234567)]), "1,234,567");
        assert_eq!(f("{0:p0}", vec![Value::Double(0.5)]), "50%");
    }

    #[test]
    fn errors() {
        assert_eq!(
            f("{1}", vec![Value::str("a")]),
            "error: Index (zero based) must be greater than or equal to zero and less than the size of the argument list."
        );
        assert_eq!(
            f("{0", vec![Value::str("a")]),
            "error: Input string was not in a correct format."
        );
        assert_eq!(
            f("a}b", vec![]),
            "error: Input string was not in a correct format."
        );
        assert_eq!(
            f("{x}", vec![]),
            "error: Input string was not in a correct format."
        );
    }

    #[test]
    fn collections_and_objects() {
        let arr = Value::array(vec![Value::Int(1), Value::Int(2)]);
        assert_eq!(f("{0}", vec![arr]), "System.Object[]");
        let mut props = crate::value::PropertyBag::new();
        props.set("a", Value::Int(1));
        let o = Value::Object(std::rc::Rc::new(crate::value::PsObject::custom(props)));
        assert_eq!(f("{0}", vec![o]), "@{a=1}");
    }
}
