//! L1 — string methods that work with character positions: `IndexOf`, `LastIndexOf`,
//! `IndexOfAny`, `Substring`, `PadLeft`/`PadRight`, `Insert`, `Remove`, `ToCharArray`.

use std::rc::Rc;

use super::args::{Args, overload};
use super::string_methods::ignores_case;
use super::{Array, PsType, Value, ValueError};

pub(crate) fn out_of_range(message: &str) -> ValueError {
    ValueError::ArgumentOutOfRange {
        message: message.to_string(),
    }
}

fn int(n: usize) -> Value {
    Value::Int(i32::try_from(n).unwrap_or(i32::MAX))
}

/// Character index of `needle` in `hay` at or after `from`.
pub(crate) fn find_from(
    hay: &[char],
    needle: &[char],
    from: usize,
    ignore_case: bool,
) -> Option<usize> {
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
    (from..=hay.len().saturating_sub(needle.len())).find(|&i| {
        i + needle.len() <= hay.len()
            && hay[i..i + needle.len()]
                .iter()
                .zip(needle)
                .all(|(a, b)| eq(*a, *b))
    })
}

fn rfind_until(
    hay: &[char],
    needle: &[char],
    last_start: usize,
    ignore_case: bool,
) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    let top = last_start.min(hay.len() - needle.len());
    (0..=top)
        .rev()
        .find(|&i| find_from(hay, needle, i, ignore_case) == Some(i))
}

pub(crate) fn index_of(s: &str, a: &Args<'_>, last: bool) -> Result<Value, ValueError> {
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

pub(crate) fn index_of_any(s: &str, a: &Args<'_>, last: bool) -> Result<Value, ValueError> {
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

pub(crate) fn substring(s: &str, a: &Args<'_>) -> Result<Value, ValueError> {
    let chars: Vec<char> = s.chars().collect();
    let start = a.int(0)?;
    if start < 0 {
        return Err(out_of_range(
            "StartIndex cannot be less than zero. (Parameter 'startIndex')",
        ));
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
                return Err(out_of_range(
                    "Length cannot be less than zero. (Parameter 'length')",
                ));
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
    Ok(Value::str(
        chars[start..start + len].iter().collect::<String>(),
    ))
}

pub(crate) fn pad(s: &str, a: &Args<'_>, left: bool) -> Result<Value, ValueError> {
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

pub(crate) fn insert(s: &str, a: &Args<'_>) -> Result<Value, ValueError> {
    let chars: Vec<char> = s.chars().collect();
    let at = usize::try_from(a.int(0)?)
        .ok()
        .filter(|i| *i <= chars.len())
        .ok_or_else(|| {
            out_of_range(
                "Specified argument was out of the range of valid values. (Parameter 'startIndex')",
            )
        })?;
    let mut out: String = chars[..at].iter().collect();
    out.push_str(&a.string(1));
    out.extend(&chars[at..]);
    Ok(Value::str(out))
}

pub(crate) fn remove(s: &str, a: &Args<'_>) -> Result<Value, ValueError> {
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

pub(crate) fn to_char_array(s: &str, a: &Args<'_>) -> Result<Value, ValueError> {
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
        chars[start..start + len]
            .iter()
            .map(|c| Value::Char(*c))
            .collect(),
    ))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::string_methods::tests::call_text;

    #[test]
    fn positions() {
        assert_eq!(call_text("hello", "IndexOf", vec![Value::str("l")]), "2");
        assert_eq!(call_text("hello", "IndexOf", vec![Value::Char('z')]), "-1");
        assert_eq!(
            call_text("hello", "IndexOf", vec![Value::str("l"), Value::Int(3)]),
            "3"
        );
        assert_eq!(
            call_text("hello", "LastIndexOf", vec![Value::str("l")]),
            "3"
        );
        assert_eq!(
            call_text("hello", "IndexOfAny", vec![Value::str("ol")]),
            "2"
        );
        assert_eq!(call_text("hello", "Substring", vec![Value::Int(1)]), "ello");
        assert_eq!(
            call_text("hello", "Substring", vec![Value::Int(1), Value::Int(3)]),
            "ell"
        );
        assert_eq!(
            call_text("abc", "Substring", vec![Value::Int(5)]),
            "error: startIndex cannot be larger than length of string. (Parameter 'startIndex')"
        );
        assert_eq!(
            call_text("7", "PadLeft", vec![Value::Int(3), Value::str("0")]),
            "007"
        );
        assert_eq!(call_text("ab", "PadRight", vec![Value::Int(4)]), "ab  ");
        assert_eq!(
            call_text("ac", "Insert", vec![Value::Int(1), Value::str("b")]),
            "abc"
        );
        assert_eq!(
            call_text("abcd", "Remove", vec![Value::Int(1), Value::Int(2)]),
            "ad"
        );
        assert_eq!(call_text("abcd", "Remove", vec![Value::Int(2)]), "ab");
        assert_eq!(call_text("abc", "ToCharArray", vec![]), "[a|b|c]");
        assert_eq!(call_text("abc", "CompareTo", vec![Value::str("abd")]), "-1");
    }
}
