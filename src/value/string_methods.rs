//! L1 — instance methods of strings (`Split`, `Trim`, `Replace`, `Contains`, `Substring`,
//! `IndexOf`, `PadLeft`, …) with .NET semantics: ordinal and case-sensitive unless a
//! `StringComparison` says otherwise. Positions count characters.

use std::rc::Rc;

use super::args::{Args, overload};
use super::{Array, PsType, Value, ValueError, collate, enums};

fn out_of_range(message: &str) -> ValueError {
    ValueError::ArgumentOutOfRange {
        message: message.to_string(),
    }
}

fn int(n: usize) -> Value {
    Value::Int(i32::try_from(n).unwrap_or(i32::MAX))
}

fn string_array(items: Vec<String>) -> Value {
    Value::Array(Rc::new(Array::fixed(
        PsType::String,
        items.into_iter().map(Value::str).collect(),
    )))
}

/// Does this `StringComparison` (or `ignoreCase` bool) argument ignore case?
fn ignores_case(value: &Value) -> bool {
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

/// Character index of `needle` in `hay` at or after `from`.
fn find_from(hay: &[char], needle: &[char], from: usize, ignore_case: bool) -> Option<usize> {
    if needle.is_empty() {
        return Some(from.min(hay.len()));
    }
    let eq = |a: char, b: char| {
        if ignore_case {
            a.to_lowercase().eq(b.to_lowercase())
        } else {
            a == b
        }
    };
    (from..=hay.len().saturating_sub(needle.len()))
        .find(|&i| i + needle.len() <= hay.len() && hay[i..i + needle.len()].iter().zip(needle).all(|(a, b)| eq(*a, *b)))
}

fn rfind_until(hay: &[char], needle: &[char], last_start: usize, ignore_case: bool) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    let top = last_start.min(hay.len() - needle.len());
    (0..=top).rev().find(|&i| find_from(hay, needle, i, ignore_case) == Some(i))
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
        "startswith" => test(s, &a, |h, n, ic| find_from(h, n, 0, ic) == Some(0) || n.is_empty()),
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
            let with = if args.is_empty() { "\n".to_string() } else { a.string(0) };
            Ok(Value::str(
                s.replace("\r\n", "\n").replace('\r', "\n").replace('\n', &with),
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
            t.split(',').all(|p| matches!(p.trim(), "none" | "removeemptyentries" | "trimentries"))
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
                separators.extend(items.to_vec().iter().map(|v| super::convert::to_string(v, " ")));
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
    Ok(string_array(pieces))
}

/// `Replace(old, new)` (ordinal), `Replace(old, new, comparison)`, `Replace(old, new,
/// ignoreCase, culture)`.
fn replace(s: &str, a: &Args<'_>) -> Result<Value, ValueError> {
    if !(2..=4).contains(&a.values.len()) {
        return Err(overload("Replace", a.values.len()));
    }
    let old = a.string(0);
    let new = if a.values[1].is_null() { String::new() } else { a.string(1) };
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

fn index_of(s: &str, a: &Args<'_>, last: bool) -> Result<Value, ValueError> {
    if a.values.is_empty() {
        return Err(overload(a.name, 0));
    }
    let hay: Vec<char> = s.chars().collect();
    let needle: Vec<char> = a.string(0).chars().collect();
    let mut ignore = false;
    let mut start: Option<usize> = None;
    for (i, value) in a.values.iter().enumerate().skip(1) {
        match value {
            Value::Int(_) | Value::Long(_) | Value::Byte(_) if i == 1 => {
                let n = a.int(i)?;
                let n = usize::try_from(n)
                    .ok()
                    .filter(|n| *n <= hay.len())
                    .ok_or_else(|| out_of_range("Index was out of range. Must be non-negative and less than or equal to the size of the collection. (Parameter 'startIndex')"))?;
                start = Some(n);
            }
            Value::Int(_) | Value::Long(_) => {}
            other => ignore = ignores_case(other),
        }
    }
    let found = if last {
        let from = start.unwrap_or(hay.len().saturating_sub(1));
        rfind_until(&hay, &needle, from, ignore)
    } else {
        find_from(&hay, &needle, start.unwrap_or(0), ignore)
    };
    Ok(found.map_or(Value::Int(-1), int))
}

fn index_of_any(s: &str, a: &Args<'_>, last: bool) -> Result<Value, ValueError> {
    let set = a.char_set_of(0);
    let chars: Vec<char> = s.chars().collect();
    let found = if last {
        chars.iter().rposition(|c| set.contains(c))
    } else {
        let start = match a.values.get(1) {
            Some(_) => usize::try_from(a.int(1)?).unwrap_or(0),
            None => 0,
        };
        chars
            .iter()
            .skip(start)
            .position(|c| set.contains(c))
            .map(|p| p + start)
    };
    Ok(found.map_or(Value::Int(-1), int))
}

fn substring(s: &str, a: &Args<'_>) -> Result<Value, ValueError> {
    let chars: Vec<char> = s.chars().collect();
    let start = a.int(0)?;
    if start < 0 {
        return Err(out_of_range("StartIndex cannot be less than zero. (Parameter 'startIndex')"));
    }
    let start = usize::try_from(start).unwrap_or(usize::MAX);
    if start > chars.len() {
        return Err(out_of_range(
            "startIndex cannot be larger than length of string. (Parameter 'startIndex')",
        ));
    }
    let len = match a.values.get(1) {
        None => chars.len() - start,
        Some(_) => {
            let len = a.int(1)?;
            if len < 0 {
                return Err(out_of_range("Length cannot be less than zero. (Parameter 'length')"));
            }
            let len = usize::try_from(len).unwrap_or(usize::MAX);
            if start.saturating_add(len) > chars.len() {
                return Err(out_of_range(
                    "Index and length must refer to a location within the string. (Parameter 'length')",
                ));
            }
            len
        }
    };
    Ok(Value::str(chars[start..start + len].iter().collect::<String>()))
}

fn pad(s: &str, a: &Args<'_>, left: bool) -> Result<Value, ValueError> {
    let width = a.int(0)?;
    let width = usize::try_from(width)
        .map_err(|_| out_of_range("Non-negative number required. (Parameter 'totalWidth')"))?;
    let fill = a.char_set_of(1).first().copied().unwrap_or(' ');
    let len = s.chars().count();
    if len >= width {
        return Ok(Value::str(s));
    }
    let padding: String = std::iter::repeat_n(fill, width - len).collect();
    Ok(Value::str(if left {
        format!("{padding}{s}")
    } else {
        format!("{s}{padding}")
    }))
}

fn insert(s: &str, a: &Args<'_>) -> Result<Value, ValueError> {
    let chars: Vec<char> = s.chars().collect();
    let at = usize::try_from(a.int(0)?)
        .ok()
        .filter(|i| *i <= chars.len())
        .ok_or_else(|| {
            out_of_range("Specified argument was out of the range of valid values. (Parameter 'startIndex')")
        })?;
    let mut out: String = chars[..at].iter().collect();
    out.push_str(&a.string(1));
    out.extend(&chars[at..]);
    Ok(Value::str(out))
}

fn remove(s: &str, a: &Args<'_>) -> Result<Value, ValueError> {
    let chars: Vec<char> = s.chars().collect();
    let start = usize::try_from(a.int(0)?)
        .ok()
        .filter(|i| *i < chars.len() || (a.values.len() > 1 && *i == chars.len()))
        .ok_or_else(|| {
            out_of_range("startIndex must be less than length of string. (Parameter 'startIndex')")
        })?;
    let count = match a.values.get(1) {
        None => chars.len() - start,
        Some(_) => usize::try_from(a.int(1)?)
            .ok()
            .filter(|n| start + n <= chars.len())
            .ok_or_else(|| {
                out_of_range("Index and count must refer to a location within the string. (Parameter 'count')")
            })?,
    };
    let mut out: String = chars[..start].iter().collect();
    out.extend(&chars[start + count..]);
    Ok(Value::str(out))
}

fn to_char_array(s: &str, a: &Args<'_>) -> Result<Value, ValueError> {
    let chars: Vec<char> = s.chars().collect();
    let (start, len) = match a.values.len() {
        0 => (0, chars.len()),
        2 => {
            let start = usize::try_from(a.int(0)?).unwrap_or(usize::MAX);
            let len = usize::try_from(a.int(1)?).unwrap_or(usize::MAX);
            if start.saturating_add(len) > chars.len() {
                return Err(out_of_range(
                    "Index and length must refer to a location within the string. (Parameter 'length')",
                ));
            }
            (start, len)
        }
        n => return Err(overload("ToCharArray", n)),
    };
    Ok(Value::Array(Rc::new(Array::fixed(
        PsType::Char,
        chars[start..start + len].iter().map(|c| Value::Char(*c)).collect(),
    ))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::convert::to_string;

    fn call_text(s: &str, name: &str, args: Vec<Value>) -> String {
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
        assert_eq!(call_text("a,b,c", "Split", vec![Value::str(",")]), "[a|b|c]");
        assert_eq!(call_text("a-b-c", "Split", vec![Value::str("-")]), "[a|b|c]");
        assert_eq!(call_text("a1b2c", "Split", vec![Value::str("12")]), "[a1b2c]");
        assert_eq!(call_text("a,b;c", "Split", vec![Value::str(","), Value::str(";")]), "[a|b|c]");
        assert_eq!(call_text("a,b,c", "Split", vec![Value::str(","), Value::Int(2)]), "[a|b,c]");
        assert_eq!(
            call_text("a,,b", "Split", vec![Value::str(","), Value::str("RemoveEmptyEntries")]),
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
        assert_eq!(call_text("hello", "Replace", vec![Value::str("l"), Value::str("L")]), "heLLo");
        assert_eq!(call_text("a.b.c", "Replace", vec![Value::str("."), Value::str("-")]), "a-b-c");
        assert_eq!(call_text("Hello", "Replace", vec![Value::str("h"), Value::str("J")]), "Hello");
        assert_eq!(
            call_text(
                "Hello",
                "Replace",
                vec![Value::str("h"), Value::str("J"), Value::str("OrdinalIgnoreCase")]
            ),
            "Jello"
        );
        assert_eq!(call_text("hello", "Contains", vec![Value::str("ell")]), "True");
        assert_eq!(call_text("Hello", "Contains", vec![Value::str("hello")]), "False");
        assert_eq!(
            call_text("Hello", "Contains", vec![Value::str("hello"), Value::str("OrdinalIgnoreCase")]),
            "True"
        );
        assert_eq!(call_text("hello", "StartsWith", vec![Value::str("he")]), "True");
        assert_eq!(call_text("hello", "EndsWith", vec![Value::str("lo")]), "True");
        assert_eq!(call_text("hello", "EndsWith", vec![Value::str("LO")]), "False");
        assert_eq!(call_text("hello", "EndsWith", vec![Value::str("LO"), Value::Bool(true)]), "True");
        assert_eq!(call_text("a", "Equals", vec![Value::str("A")]), "False");
    }

    #[test]
    fn positions() {
        assert_eq!(call_text("hello", "IndexOf", vec![Value::str("l")]), "2");
        assert_eq!(call_text("hello", "IndexOf", vec![Value::Char('z')]), "-1");
        assert_eq!(call_text("hello", "IndexOf", vec![Value::str("l"), Value::Int(3)]), "3");
        assert_eq!(call_text("hello", "LastIndexOf", vec![Value::str("l")]), "3");
        assert_eq!(call_text("hello", "IndexOfAny", vec![Value::str("ol")]), "2");
        assert_eq!(call_text("hello", "Substring", vec![Value::Int(1)]), "ello");
        assert_eq!(call_text("hello", "Substring", vec![Value::Int(1), Value::Int(3)]), "ell");
        assert_eq!(
            call_text("abc", "Substring", vec![Value::Int(5)]),
            "error: startIndex cannot be larger than length of string. (Parameter 'startIndex')"
        );
        assert_eq!(call_text("7", "PadLeft", vec![Value::Int(3), Value::str("0")]), "007");
        assert_eq!(call_text("ab", "PadRight", vec![Value::Int(4)]), "ab  ");
        assert_eq!(call_text("ac", "Insert", vec![Value::Int(1), Value::str("b")]), "abc");
        assert_eq!(call_text("abcd", "Remove", vec![Value::Int(1), Value::Int(2)]), "ad");
        assert_eq!(call_text("abcd", "Remove", vec![Value::Int(2)]), "ab");
        assert_eq!(call_text("abc", "ToCharArray", vec![]), "[a|b|c]");
        assert_eq!(call_text("abc", "CompareTo", vec![Value::str("abd")]), "-1");
    }
}
