//! L1 — text operators: wildcards (`-like`), regular expressions (`-match`, `-replace`,
//! `-split`), `-join`.

use std::rc::Rc;

use regex::{Captures, Regex};

use super::{Array, Dict, PsType, Value, ValueError, builtin, convert, pattern, wildcard};

/// Does `text` match the wildcard `pattern` (`*`, `?`, `[a-z]`, backtick escapes)?
pub fn wildcard_match(pattern: &str, text: &str, case_sensitive: bool) -> bool {
    wildcard::is_match(pattern, text, case_sensitive)
}

/// Compile a .NET-style pattern (cached; case-insensitive unless asked).
pub fn regex(pattern: &str, case_sensitive: bool) -> Result<Regex, ValueError> {
    pattern::compile(pattern, case_sensitive)
}

/// Split a `-replace` right operand: `pattern, replacement` given as one array in `pattern`
/// (with `replacement` Null), or as two values. A missing replacement is "".
fn replace_operands(pattern: &Value, replacement: &Value) -> Result<(String, Value), ValueError> {
    if let (Value::Array(array), Value::Null) = (pattern, replacement) {
        let items = array.to_vec();
        return match items.as_slice() {
            [p] => Ok((convert::to_string(p, " "), Value::str(""))),
            [p, r] => Ok((convert::to_string(p, " "), r.clone())),
            _ => Err(ValueError::InvalidOperation {
                message: "The -replace operator allows only two elements to follow it, not 3."
                    .replace('3', &items.len().to_string()),
            }),
        };
    }
    Ok((convert::to_string(pattern, " "), replacement.clone()))
}

/// Apply `each` to `input`'s string form, or to each element's when it is a collection
/// (giving an `Object[]`).
fn per_element<E>(
    input: &Value,
    ofs: &str,
    mut each: impl FnMut(&str) -> Result<String, E>,
) -> Result<Value, E> {
    match input {
        Value::Array(array) => {
            let items = array.to_vec();
            let mut out = Vec::with_capacity(items.len());
            for item in &items {
                out.push(Value::str(each(&convert::to_string(item, ofs))?));
            }
            Ok(Value::array(out))
        }
        other => Ok(Value::str(each(&convert::to_string(other, ofs))?)),
    }
}

/// `-replace` with a string replacement (`$1`, `${name}`, `$0`, `$$` substitutions), applied
/// to each element when `input` is a collection. The operands may also come as one array
/// `pattern, replacement` in `pattern` (with `replacement` Null).
pub fn replace(
    input: &Value,
    pattern: &Value,
    replacement: &Value,
    case_sensitive: bool,
    ofs: &str,
) -> Result<Value, ValueError> {
    let (pattern_text, replacement) = replace_operands(pattern, replacement)?;
    if matches!(replacement, Value::ScriptBlock(_)) {
        return Err(ValueError::InvalidOperation {
            message: "A script block replacement must be evaluated by the caller (replace_with)."
                .into(),
        });
    }
    let regex = regex(&pattern_text, case_sensitive)?;
    let template = convert::to_string(&replacement, ofs);
    let parsed = pattern::Replacement::parse(&template, &regex);
    per_element(input, ofs, |text| {
        Ok(regex
            .replace_all(text, |caps: &Captures<'_>| parsed.expand(caps, text))
            .into_owned())
    })
}

/// `-replace` with a computed replacement (a script block): `replacer` receives each match
/// as a `Match` object (`$_.Value`, `$_.Groups`) and returns the replacement text.
pub fn replace_with<E: From<ValueError>>(
    input: &Value,
    pattern: &Value,
    case_sensitive: bool,
    ofs: &str,
    replacer: &mut dyn FnMut(Value) -> Result<String, E>,
) -> Result<Value, E> {
    let regex = regex(&convert::to_string(pattern, " "), case_sensitive)?;
    per_element(input, ofs, |text| {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for caps in regex.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            out.push_str(&text[last..whole.start()]);
            out.push_str(&replacer(match_object_in(&caps, &regex, text))?);
            last = whole.end();
        }
        out.push_str(&text[last..]);
        Ok(out)
    })
}

/// The `System.Text.RegularExpressions.Match` object a `-replace` script block receives as
/// `$_` (`Value`, `Index`, `Length`, `Groups`). Offsets are in bytes here; see
/// [`match_object_in`] for character offsets and group names.
pub fn match_object(captures: &regex::Captures<'_>) -> Value {
    let groups = Dict::new(true);
    for (i, group) in captures.iter().enumerate() {
        let (index, value) = group.map_or((0, ""), |m| (m.start(), m.as_str()));
        let key = i.to_string();
        groups.insert(
            Value::str(key.as_str()),
            group_object(&key, group.is_some(), index, value),
        );
    }
    let whole = captures.get(0);
    whole_match(
        whole.is_some(),
        whole.map_or(0, |m| m.start()),
        whole.map_or("", |m| m.as_str()),
        groups,
    )
}

/// The groups of a regex in .NET's order: 0, then the unnamed groups numbered 1, 2, …,
/// then the named groups. Each is (the .NET key, the group's index in the `regex` crate).
fn dotnet_groups(regex: &Regex) -> Vec<(Value, usize)> {
    let names: Vec<Option<&str>> = regex.capture_names().collect();
    let mut out = vec![(Value::Int(0), 0)];
    let mut number = 0;
    for (i, name) in names.iter().enumerate().skip(1) {
        if name.is_none() {
            number += 1;
            out.push((Value::Int(number), i));
        }
    }
    for (i, name) in names.iter().enumerate().skip(1) {
        if let Some(name) = name {
            out.push((Value::str(*name), i));
        }
    }
    out
}

/// A `Match` object with character offsets into `input` and named groups.
pub fn match_object_in(captures: &Captures<'_>, regex: &Regex, input: &str) -> Value {
    let groups = Dict::new(true);
    for (key, i) in dotnet_groups(regex) {
        let group = captures.get(i);
        let name = convert::to_string(&key, "");
        let index = group.map_or(0, |m| input[..m.start()].chars().count());
        groups.insert(
            Value::str(name.as_str()),
            group_object(
                &name,
                group.is_some(),
                index,
                group.map_or("", |m| m.as_str()),
            ),
        );
    }
    let whole = captures.get(0);
    whole_match(
        whole.is_some(),
        whole.map_or(0, |m| input[..m.start()].chars().count()),
        whole.map_or("", |m| m.as_str()),
        groups,
    )
}

/// A `Match` object for a failed match (`[regex]::Match` with no match).
pub fn failed_match() -> Value {
    whole_match(false, 0, "", Dict::new(true))
}

fn group_object(name: &str, success: bool, index: usize, value: &str) -> Value {
    builtin::typed(
        "System.Text.RegularExpressions.Group",
        vec![
            ("Success", Value::Bool(success)),
            ("Name", Value::str(name)),
            ("Index", index_value(index)),
            ("Length", index_value(value.chars().count())),
            ("Value", Value::str(value)),
        ],
        Some(value.to_string()),
    )
}

fn whole_match(success: bool, index: usize, value: &str, groups: Dict) -> Value {
    builtin::typed(
        "System.Text.RegularExpressions.Match",
        vec![
            ("Groups", Value::Dict(Rc::new(groups))),
            ("Success", Value::Bool(success)),
            ("Name", Value::str("0")),
            ("Index", index_value(index)),
            ("Length", index_value(value.chars().count())),
            ("Value", Value::str(value)),
        ],
        Some(value.to_string()),
    )
}

fn index_value(n: usize) -> Value {
    Value::Int(i32::try_from(n).unwrap_or(i32::MAX))
}

/// The `$Matches` hashtable for one match: named groups, then numbered groups from the
/// highest down to 0 (the order PowerShell shows), only groups that took part.
pub fn matches_table(captures: &Captures<'_>, regex: &Regex) -> Value {
    let table = Dict::new(false);
    let groups = dotnet_groups(regex);
    let (numbered, named): (Vec<_>, Vec<_>) = groups
        .into_iter()
        .partition(|(key, _)| matches!(key, Value::Int(_)));
    for (key, i) in named.into_iter().chain(numbered.into_iter().rev()) {
        if let Some(m) = captures.get(i) {
            table.insert(key, Value::str(m.as_str()));
        }
    }
    Value::Dict(Rc::new(table))
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
    let inputs: Vec<String> = convert::items_of(input)
        .iter()
        .map(|item| convert::to_string(item, ofs))
        .collect();
    let mut out = Vec::new();
    match pattern {
        None => {
            for text in &inputs {
                out.extend(text.split_whitespace().map(Value::str));
            }
        }
        Some(rhs) => {
            let (regex, limit) = split_operands(rhs, case_sensitive)?;
            for text in &inputs {
                out.extend(split_one(&regex, text, limit).into_iter().map(Value::str));
            }
        }
    }
    Ok(Value::Array(Rc::new(Array::fixed(PsType::String, out))))
}

/// The regex and max count of a `-split` right operand `pattern[, max[, options]]`.
fn split_operands(rhs: &Value, case_sensitive: bool) -> Result<(Regex, i64), ValueError> {
    let items = match rhs {
        Value::Array(array) => array.to_vec(),
        other => vec![other.clone()],
    };
    let pattern = items
        .first()
        .map(|p| convert::to_string(p, " "))
        .unwrap_or_default();
    let limit = match items.get(1) {
        Some(n) => convert::to_i64(n)?,
        None => 0,
    };
    let options = items
        .get(2)
        .map(|o| convert::to_string(o, ","))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut case_sensitive = case_sensitive;
    let mut pattern = pattern;
    let mut flags = String::new();
    for option in options.split(',').map(str::trim) {
        match option {
            "simplematch" => pattern = pattern::escape(&pattern),
            "ignorecase" => case_sensitive = false,
            "multiline" => flags.push('m'),
            "singleline" => flags.push('s'),
            "ignorepatternwhitespace" => flags.push('x'),
            _ => {}
        }
    }
    if !flags.is_empty() {
        pattern = format!("(?{flags}){pattern}");
    }
    Ok((regex(&pattern, case_sensitive)?, limit))
}

/// .NET `Regex.Split` with PowerShell's max count (negative: count from the right).
fn split_one(regex: &Regex, text: &str, limit: i64) -> Vec<String> {
    let all: Vec<Captures<'_>> = regex.captures_iter(text).collect();
    let used: &[Captures<'_>] = match limit {
        n if n > 0 => &all[..all.len().min(usize::try_from(n - 1).unwrap_or(usize::MAX))],
        n if n < 0 => {
            let keep = usize::try_from(-n - 1).unwrap_or(usize::MAX).min(all.len());
            &all[all.len() - keep..]
        }
        _ => &all,
    };
    let mut out = Vec::new();
    let mut last = 0;
    for caps in used {
        let Some(whole) = caps.get(0) else { continue };
        out.push(text[last..whole.start()].to_string());
        for i in 1..caps.len() {
            if let Some(group) = caps.get(i) {
                out.push(group.as_str().to_string());
            }
        }
        last = whole.end();
    }
    out.push(text[last..].to_string());
    out
}

/// `-join` (binary with a separator, unary with none).
pub fn join(input: &Value, separator: &str, ofs: &str) -> String {
    let parts: Vec<String> = convert::items_of(input)
        .iter()
        .map(|item| convert::to_string(item, ofs))
        .collect();
    parts.join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: Vec<&str>) -> Value {
        Value::array(values.into_iter().map(Value::str).collect())
    }

    fn joined(value: &Value) -> String {
        join(value, "|", " ")
    }

    #[test]
    fn replace_is_regex_and_case_insensitive() {
        let r = |input: &str, p: &str, rep: &str| {
            let v = replace(
                &Value::str(input),
                &Value::str(p),
                &Value::str(rep),
                false,
                " ",
            );
            convert::to_string(&v.expect("replace"), " ")
        };
        assert_eq!(r("Get-Process", "Get", "Stop"), "Stop-Process");
        assert_eq!(r("image.gif", r"\.gif$", ".jpg"), "image.jpg");
        assert_eq!(r("a.b", ".", "x"), "xxx");
        assert_eq!(r("a.b", r"\.", "x"), "axb");
        assert_eq!(r("hello", "L", "x"), "hexxo");
        let cs = replace(
            &Value::str("hello"),
            &Value::str("L"),
            &Value::str("x"),
            true,
            " ",
        );
        assert_eq!(convert::to_string(&cs.expect("replace"), ""), "hello");
    }

    #[test]
    fn replace_operands_as_one_array() {
        let omitted = replace(
            &Value::str("PowerPoint"),
            &strings(vec!["Point"]),
            &Value::Null,
            false,
            " ",
        );
        assert_eq!(convert::to_string(&omitted.expect("replace"), ""), "Power");
        let pair = replace(
            &strings(vec!["B1", "B2", "B3"]),
            &strings(vec!["B", "a"]),
            &Value::Null,
            false,
            " ",
        )
        .expect("replace");
        assert_eq!(joined(&pair), "a1|a2|a3");
        assert_eq!(PsType::of(&pair).name(), "Object[]");
    }

    #[test]
    fn replace_with_a_callback() {
        let out: Result<Value, ValueError> = replace_with(
            &Value::str("ID ABC123"),
            &Value::str(r"\b[A-C]+"),
            false,
            " ",
            &mut |m| {
                let len =
                    convert::to_string(&crate::value::access::get_member(&m, "Value"), "").len();
                Ok("X".repeat(len))
            },
        );
        assert_eq!(convert::to_string(&out.expect("replace"), ""), "ID XXX123");
    }

    #[test]
    fn split_keeps_captures_and_honours_case() {
        let s = |input: &str, p: Value, cs: bool| {
            joined(&split(&Value::str(input), Some(&p), cs, " ").expect("split"))
        };
        assert_eq!(
            s("Lastname:FirstName:Address", Value::str("(:)"), false),
            "Lastname|:|FirstName|:|Address"
        );
        assert_eq!(s("abcBd", Value::str("B"), false), "a|c|d");
        assert_eq!(s("abcBd", Value::str("B"), true), "abc|d");
        let limited = Value::array(vec![Value::str(","), Value::Int(2)]);
        assert_eq!(s("a,b,c", limited, false), "a|b,c");
        let right = Value::array(vec![Value::str(","), Value::Int(-2)]);
        assert_eq!(s("a,b,c", right, false), "a,b|c");
        let simple = Value::array(vec![
            Value::str("."),
            Value::Int(0),
            Value::str("SimpleMatch"),
        ]);
        assert_eq!(s("a.b", simple, false), "a|b");
        let result = split(&Value::str("a,b"), Some(&Value::str(",")), false, " ").expect("split");
        assert_eq!(PsType::of(&result).name(), "String[]");
    }

    #[test]
    fn unary_split_on_whitespace() {
        let out = split(&Value::str("  a b\tc  "), None, false, " ").expect("split");
        assert_eq!(joined(&out), "a|b|c");
    }

    #[test]
    fn join_uses_full_string_form() {
        let v = Value::array(vec![Value::Int(1), Value::Int(2), Value::Int(3)]);
        assert_eq!(join(&v, ",", " "), "1,2,3");
        assert_eq!(join(&strings(vec!["a", "b", "c"]), "", " "), "abc");
        assert_eq!(join(&Value::str("x"), ",", " "), "x");
        assert_eq!(join(&Value::Null, ",", " "), "");
        let nested = Value::array(vec![Value::Int(1), strings(vec!["a", "b"])]);
        assert_eq!(join(&nested, ",", " "), "1,a b");
    }

    #[test]
    fn matches_table_lists_groups() {
        let re = regex(r"(?<first>\w+) (\w+)", false).expect("regex");
        let caps = re.captures("John Smith").expect("match");
        let table = matches_table(&caps, &re);
        let Value::Dict(dict) = &table else {
            panic!("dict")
        };
        assert_eq!(
            convert::to_string(&dict.get(&Value::str("first")).unwrap_or_default(), ""),
            "John"
        );
        assert_eq!(
            convert::to_string(&dict.get(&Value::Int(0)).unwrap_or_default(), ""),
            "John Smith"
        );
        assert_eq!(
            convert::to_string(&dict.get(&Value::Int(1)).unwrap_or_default(), ""),
            "Smith"
        );
        let m = match_object_in(&caps, &re, "John Smith");
        assert_eq!(convert::to_string(&m, ""), "John Smith");
    }

    #[test]
    fn wildcards_delegate() {
        assert!(wildcard_match("*shell", "PowerShell", false));
        assert!(!wildcard_match("*shell", "PowerShell", true));
    }
}
