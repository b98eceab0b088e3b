//! L1 — instance methods of strings (`Split`, `Trim`, `Replace`, `Contains`, `Substring`,
//! `IndexOf`, `PadLeft`, …) with .NET semantics: ordinal and case-sensitive unless a
//! `StringComparison` says otherwise. Positions count characters.

use super::args::{Args, overload};
use super::string_positions::{
    find_from, index_of, index_of_any, insert, out_of_range, pad, remove, substring, to_char_array,
};
use super::{Value, ValueError, builtin, collate, enums};

/// Does this `StringComparison` (or `ignoreCase` bool) argument ignore case?
pub(crate) fn ignores_case(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::Object(o) if enums::is_enum_value(o) => o
            .display
            .as_deref()
            .is_some_and(|d| d.ends_with("IgnoreCase")),
        Value::Int(n) => matches!(n, 1 | 3 | 5),
        Value::String(s) => s.to_ascii_lowercase().ends_with("ignorecase"),
        _ => false,
    }
}

fn lower(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// Call a string method; `None` when strings have no method of that name.
pub fn call(s: &str, name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let result = match name.to_ascii_lowercase().as_str() {
        "toupper" | "toupperinvariant" => Ok(Value::str(s.to_uppercase())),
        "tolower" | "tolowerinvariant" => Ok(Value::str(s.to_lowercase())),
        "trim" => trim(s, &a, true, true),
        "trimstart" => trim(s, &a, true, false),
        "trimend" => trim(s, &a, false, true),
        "split" => split(s, &a),
        "replace" => replace(s, &a),
        "contains" => test(s, &a, |h, n, ic| find_from(h, n, 0, ic).is_some()),
        "startswith" => test(s, &a, |h, n, ic| {
            find_from(h, n, 0, ic) == Some(0) || n.is_empty()
        }),
        "endswith" => test(s, &a, |h, n, ic| {
            n.len() <= h.len() && find_from(h, n, h.len() - n.len(), ic).is_some()
        }),
        "indexof" => index_of(s, &a, false),
        "lastindexof" => index_of(s, &a, true),
        "indexofany" | "lastindexofany" => index_of_any(s, &a, name.len() > 10),
        "substring" => substring(s, &a),
        "padleft" | "padright" => pad(s, &a, name.eq_ignore_ascii_case("padleft")),
        "insert" => insert(s, &a),
        "remove" => remove(s, &a),
        "tochararray" => to_char_array(s, &a),
        "chars" => a.int(0).and_then(|i| {
            let chars: Vec<char> = s.chars().collect();
            usize::try_from(i)
                .ok()
                .and_then(|i| chars.get(i).copied())
                .map(Value::Char)
                .ok_or_else(|| out_of_range("Index was outside the bounds of the array."))
        }),
        "equals" if !args.is_empty() => {
            let other = a.string(0);
            let ignore = args.get(1).is_some_and(ignores_case);
            Ok(Value::Bool(match (args.first(), ignore) {
                (Some(Value::Null), _) => false,
                (_, true) => lower(s) == lower(&other),
                (_, false) => s == other,
            }))
        }
        "compareto" if args.len() == 1 => Ok(Value::Int(match &args[0] {
            Value::Null => 1,
            other => collate::compare(s, &super::convert::to_string(other, " "), true) as i32,
        })),
        "normalize" | "clone" | "trimentries" => Ok(Value::str(s)),
        "isnormalized" => Ok(Value::Bool(true)),
        "replacelineendings" => {
            let with = if args.is_empty() {
                "\n".to_string()
            } else {
                a.string(0)
            };
            Ok(Value::str(
                s.replace("\r\n", "\n")
                    .replace('\r', "\n")
                    .replace('\n', &with),
            ))
        }
        _ => return None,
    };
    Some(result)
}

/// `Trim()`, `Trim('x')`, `Trim('xy')`, `Trim([char[]]…)`.
fn trim(s: &str, a: &Args<'_>, start: bool, end: bool) -> Result<Value, ValueError> {
    let set = a.char_set();
    let strip = |c: char| {
        if set.is_empty() {
            c.is_whitespace()
        } else {
            set.contains(&c)
        }
    };
    let mut out = s;
    if start {
        out = out.trim_start_matches(strip);
    }
    if end {
        out = out.trim_end_matches(strip);
    }
    Ok(Value::str(out))
}

/// `Split()`, `Split(',')`, `Split('ab')` (a whole-string separator, as in .NET Core),
/// `Split(',', ';')`, `Split([char[]]…)`, `Split(sep, count)`, `Split(sep, options)`.
fn split(s: &str, a: &Args<'_>) -> Result<Value, ValueError> {
    let args = a.values;
    let mut separators: Vec<String> = Vec::new();
    let mut count: Option<usize> = None;
    let mut remove_empty = false;
    let mut trim_entries = false;
    let is_options = |v: &Value| match v {
        Value::Object(o) => o.type_name.ends_with("StringSplitOptions"),
        Value::String(t) => {
            let t = t.to_ascii_lowercase();
            t.split(',')
                .all(|p| matches!(p.trim(), "none" | "removeemptyentries" | "trimentries"))
        }
        _ => false,
    };
    let all_single_chars = args.iter().all(|v| match v {
        Value::Char(_) => true,
        Value::String(t) => t.chars().count() == 1,
        _ => false,
    });
    for (i, value) in args.iter().enumerate() {
        if i > 0 && !all_single_chars && is_options(value) {
            let text = super::convert::to_string(value, ",").to_ascii_lowercase();
            remove_empty |= text.contains("removeemptyentries") || text == "1" || text == "3";
            trim_entries |= text.contains("trimentries") || text == "2" || text == "3";
            continue;
        }
        if i > 0 && matches!(value, Value::Int(_) | Value::Long(_)) {
            count = usize::try_from(a.int(i)?).ok();
            continue;
        }
        match value {
            Value::Array(items) => {
                separators.extend(
                    items
                        .to_vec()
                        .iter()
                        .map(|v| super::convert::to_string(v, " ")),
                );
            }
            Value::Null => {}
            other => separators.push(super::convert::to_string(other, " ")),
        }
    }
    let separators: Vec<String> = separators.into_iter().filter(|s| !s.is_empty()).collect();
    let mut pieces: Vec<String> = Vec::new();
    let mut rest = s;
    loop {
        if count.is_some_and(|c| pieces.len() + 1 >= c) {
            break;
        }
        let next = if separators.is_empty() {
            rest.char_indices()
                .find(|(_, c)| c.is_whitespace())
                .map(|(i, c)| (i, c.len_utf8()))
        } else {
            separators
                .iter()
                .filter_map(|sep| rest.find(sep.as_str()).map(|i| (i, sep.len())))
                .min_by_key(|(i, len)| (*i, usize::MAX - len))
        };
        match next {
            Some((i, len)) => {
                pieces.push(rest[..i].to_string());
                rest = &rest[i + len..];
            }
            None => break,
        }
    }
    if count != Some(0) {
        pieces.push(rest.to_string());
    }
    if trim_entries {
        pieces = pieces.into_iter().map(|p| p.trim().to_string()).collect();
    }
    if remove_empty {
        pieces.retain(|p| !p.is_empty());
    }
    Ok(builtin::string_array(pieces))
}

/// `Replace(old, new)` (ordinal), `Replace(old, new, comparison)`, `Replace(old, new,
/// ignoreCase, culture)`.
fn replace(s: &str, a: &Args<'_>) -> Result<Value, ValueError> {
    if !(2..=4).contains(&a.values.len()) {
        return Err(overload("Replace", a.values.len()));
    }
    let old = a.string(0);
    let new = if a.values[1].is_null() {
        String::new()
    } else {
        a.string(1)
    };
    if old.is_empty() {
        return Err(ValueError::Argument {
            message: "String cannot be of zero length. (Parameter 'oldValue')".into(),
        });
    }
    let ignore = a.values.get(2).is_some_and(ignores_case);
    if !ignore {
        return Ok(Value::str(s.replace(&old, &new)));
    }
    let hay: Vec<char> = s.chars().collect();
    let needle: Vec<char> = old.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while let Some(at) = find_from(&hay, &needle, i, true) {
        out.extend(&hay[i..at]);
        out.push_str(&new);
        i = at + needle.len();
    }
    out.extend(&hay[i..]);
    Ok(Value::str(out))
}

/// `Contains`/`StartsWith`/`EndsWith` with an optional comparison argument.
fn test(
    s: &str,
    a: &Args<'_>,
    check: impl Fn(&[char], &[char], bool) -> bool,
) -> Result<Value, ValueError> {
    let Some(needle) = a.values.first() else {
        return Err(overload(a.name, 0));
    };
    if needle.is_null() {
        return Err(ValueError::ArgumentNull {
            parameter: "value".into(),
        });
    }
    let ignore = a.values.get(1).is_some_and(ignores_case);
    let hay: Vec<char> = s.chars().collect();
    let needle: Vec<char> = a.string(0).chars().collect();
    Ok(Value::Bool(check(&hay, &needle, ignore)))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::value::convert::to_string;

    /// A string method's result as text (arrays as `[a|b]`), for assertions.
    pub(in crate::value) fn call_text(s: &str, name: &str, args: Vec<Value>) -> String {
        match call(s, name, &args) {
            Some(Ok(v @ Value::Array(_))) => format!("[{}]", to_string(&v, "|")),
            Some(Ok(v)) => to_string(&v, " "),
            Some(Err(e)) => format!("error: {e}"),
            None => "<none>".into(),
        }
    }

    #[test]
    fn case_and_trim() {
        assert_eq!(call_text("abc", "ToUpper", vec![]), "ABC");
        assert_eq!(call_text("ABC", "tolower", vec![]), "abc");
        assert_eq!(call_text("  hi  ", "Trim", vec![]), "hi");
        assert_eq!(call_text("  hi  ", "TrimStart", vec![]), "hi  ");
        assert_eq!(call_text("  hi  ", "TrimEnd", vec![]), "  hi");
        assert_eq!(call_text("xxhixx", "Trim", vec![Value::str("x")]), "hi");
        assert_eq!(call_text("xyhiyx", "Trim", vec![Value::str("xy")]), "hi");
        assert_eq!(call_text("abc", "Nope", vec![]), "<none>");
    }

    #[test]
    fn split_forms() {
        assert_eq!(
            call_text("a,b,c", "Split", vec![Value::str(",")]),
            "[a|b|c]"
        );
        assert_eq!(
            call_text("a-b-c", "Split", vec![Value::str("-")]),
            "[a|b|c]"
        );
        assert_eq!(
            call_text("a1b2c", "Split", vec![Value::str("12")]),
            "[a1b2c]"
        );
        assert_eq!(
            call_text("a,b;c", "Split", vec![Value::str(","), Value::str(";")]),
            "[a|b|c]"
        );
        assert_eq!(
            call_text("a,b,c", "Split", vec![Value::str(","), Value::Int(2)]),
            "[a|b,c]"
        );
        assert_eq!(
            call_text(
                "a,,b",
                "Split",
                vec![Value::str(","), Value::str("RemoveEmptyEntries")]
            ),
            "[a|b]"
        );
        assert_eq!(call_text("a b", "Split", vec![]), "[a|b]");
        assert_eq!(
            call_text("Microsoft.PowerShell.Core", "Split", vec![Value::str(".")]),
            "[Microsoft|PowerShell|Core]"
        );
        let chars = Value::array(vec![Value::Char(','), Value::Char(';')]);
        assert_eq!(call_text("a,b;c", "Split", vec![chars]), "[a|b|c]");
    }

    #[test]
    fn replace_and_tests() {
        assert_eq!(
            call_text("hello", "Replace", vec![Value::str("l"), Value::str("L")]),
            "heLLo"
        );
        assert_eq!(
            call_text("a.b.c", "Replace", vec![Value::str("."), Value::str("-")]),
            "a-b-c"
        );
        assert_eq!(
            call_text("Hello", "Replace", vec![Value::str("h"), Value::str("J")]),
            "Hello"
        );
        assert_eq!(
            call_text(
                "Hello",
                "Replace",
                vec![
                    Value::str("h"),
                    Value::str("J"),
                    Value::str("OrdinalIgnoreCase")
                ]
            ),
            "Jello"
        );
        assert_eq!(
            call_text("hello", "Contains", vec![Value::str("ell")]),
            "True"
        );
        assert_eq!(
            call_text("Hello", "Contains", vec![Value::str("hello")]),
            "False"
        );
        assert_eq!(
            call_text(
                "Hello",
                "Contains",
                vec![Value::str("hello"), Value::str("OrdinalIgnoreCase")]
            ),
            "True"
        );
        assert_eq!(
            call_text("hello", "StartsWith", vec![Value::str("he")]),
            "True"
        );
        assert_eq!(
            call_text("hello", "EndsWith", vec![Value::str("lo")]),
            "True"
        );
        assert_eq!(
            call_text("hello", "EndsWith", vec![Value::str("LO")]),
            "False"
        );
        assert_eq!(
            call_text(
                "hello",
                "EndsWith",
                vec![Value::str("LO"), Value::Bool(true)]
            ),
            "True"
        );
        assert_eq!(call_text("a", "Equals", vec![Value::str("A")]), "False");
    }
}
