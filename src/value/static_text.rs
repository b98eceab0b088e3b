//! L1 — static members for text and collections: `[string]::Join/IsNullOrEmpty/Format/…`,
//! `[char]::IsDigit/…`, `[regex]::Escape/Match/Replace/…`, `[array]::IndexOf/Sort/Reverse`,
//! `[enum]::GetNames/Parse`.

use std::rc::Rc;

use super::args::{Args, overload};
use super::{
    Array, PsType, Value, ValueError, collate, collection_methods, compare, convert, enums,
    format_op, pattern, text,
};

/// `[string]::Name(args)`.
pub fn string(name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let is_null_or = |blank: fn(&str) -> bool| -> Result<Value, ValueError> {
        a.expect(1, 1)?;
        Ok(Value::Bool(match &args[0] {
            Value::Null => true,
            other => blank(&convert::to_string(other, " ")),
        }))
    };
    Some(match name.to_ascii_lowercase().as_str() {
        "isnullorempty" => is_null_or(str::is_empty),
        "isnullorwhitespace" => is_null_or(|s| s.trim().is_empty()),
        "join" => {
            if args.is_empty() {
                return Some(Err(overload(name, 0)));
            }
            let separator = a.string(0);
            let items: Vec<Value> = match &args[1..] {
                [single] => convert::items_of(single),
                many => many.to_vec(),
            };
            let parts: Vec<String> = items.iter().map(convert::element_string).collect();
            Ok(Value::str(parts.join(&separator)))
        }
        "concat" => {
            let items: Vec<Value> = match args {
                [single @ Value::Array(_)] => convert::items_of(single),
                many => many.to_vec(),
            };
            Ok(Value::str(
                items
                    .iter()
                    .map(convert::element_string)
                    .collect::<String>(),
            ))
        }
        "format" => {
            if args.is_empty() {
                return Some(Err(overload(name, 0)));
            }
            let items: Vec<Value> = match &args[1..] {
                [single @ Value::Array(_)] => convert::items_of(single),
                many => many.to_vec(),
            };
            format_op::format(&a.string(0), &items).map(Value::str)
        }
        "compare" => a.expect(2, 3).map(|()| {
            let ignore = args.get(2).is_some_and(|v| match v {
                Value::Bool(b) => *b,
                other => convert::to_string(other, " ").ends_with("IgnoreCase"),
            });
            let ordering = match (&args[0], &args[1]) {
                (Value::Null, Value::Null) => std::cmp::Ordering::Equal,
                (Value::Null, _) => std::cmp::Ordering::Less,
                (_, Value::Null) => std::cmp::Ordering::Greater,
                _ => collate::compare(&a.string(0), &a.string(1), !ignore),
            };
            Value::Int(ordering as i32)
        }),
        "compareordinal" => a
            .expect(2, 2)
            .map(|()| Value::Int(a.string(0).cmp(&a.string(1)) as i32)),
        "equals" => a.expect(2, 3).map(|()| {
            let ignore = args
                .get(2)
                .is_some_and(|v| convert::to_string(v, " ").ends_with("IgnoreCase"));
            Value::Bool(match (&args[0], &args[1]) {
                (Value::Null, Value::Null) => true,
                (Value::Null, _) | (_, Value::Null) => false,
                _ => collate::equal(&a.string(0), &a.string(1), !ignore),
            })
        }),
        "new" => match args {
            [c, n] => convert::convert_to(c, &PsType::Char, " ").and_then(|c| {
                let count = usize::try_from(convert::to_i64(n)?).map_err(|_| {
                    ValueError::ArgumentOutOfRange {
                        message: "Non-negative number required. (Parameter 'count')".into(),
                    }
                })?;
                Ok(Value::str(convert::to_string(&c, "").repeat(count)))
            }),
            [chars] => Ok(Value::str(
                convert::items_of(chars)
                    .iter()
                    .map(|c| convert::to_string(c, ""))
                    .collect::<String>(),
            )),
            _ => Err(overload(name, args.len())),
        },
        _ => return None,
    })
}

/// `[char]::Name(args)`: classification and case of a character (or of `text[index]`).
pub fn char_class(name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let the_char = || -> Result<char, ValueError> {
        match args {
            [c] => match convert::convert_to(c, &PsType::Char, " ")? {
                Value::Char(c) => Ok(c),
                _ => Err(overload(name, 1)),
            },
            [s, i] => {
                let chars: Vec<char> = convert::to_string(s, " ").chars().collect();
                usize::try_from(convert::to_i64(i)?)
                    .ok()
                    .and_then(|i| chars.get(i).copied())
                    .ok_or_else(|| ValueError::ArgumentOutOfRange {
                        message: "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')".into(),
                    })
            }
            _ => Err(overload(name, args.len())),
        }
    };
    let test = |f: fn(char) -> bool| the_char().map(|c| Value::Bool(f(c)));
    Some(match name.to_ascii_lowercase().as_str() {
        "isdigit" => test(|c| c.is_ascii_digit()),
        "isnumber" => test(char::is_numeric),
        "isletter" => test(char::is_alphabetic),
        "isletterordigit" => test(char::is_alphanumeric),
        "iswhitespace" => test(char::is_whitespace),
        "isupper" => test(char::is_uppercase),
        "islower" => test(char::is_lowercase),
        "ispunctuation" => test(|c| c.is_ascii_punctuation() && !"$+<=>^`|~".contains(c)),
        "issymbol" => test(|c| "$+<=>^`|~".contains(c)),
        "iscontrol" => test(char::is_control),
        "isasciidigit" => test(|c| c.is_ascii_digit()),
        "isasciiletter" => test(|c| c.is_ascii_alphabetic()),
        "toupper" | "toupperinvariant" => the_char().map(|c| Value::Char(c.to_uppercase().next().unwrap_or(c))),
        "tolower" | "tolowerinvariant" => the_char().map(|c| Value::Char(c.to_lowercase().next().unwrap_or(c))),
        "getnumericvalue" => the_char().map(|c| Value::Double(c.to_digit(10).map_or(-1.0, f64::from))),
        "convertfromutf32" => a.int(0).and_then(|n| {
            u32::try_from(n)
                .ok()
                .and_then(char::from_u32)
                .map(|c| Value::str(c.to_string()))
                .ok_or_else(|| ValueError::ArgumentOutOfRange {
                    message: "A valid UTF32 value is between 0x000000 and 0x10ffff, inclusive, and should not include surrogate codepoint values (0x00d800 ~ 0x00dfff). (Parameter 'utf32')".into(),
                })
        }),
        "converttoutf32" => the_char().map(|c| Value::Int(c as i32)),
        _ => return None,
    })
}

/// The regex and input of a static `[regex]::M(input, pattern[, options])` call.
fn static_regex(a: &Args<'_>, options_at: usize) -> Result<regex::Regex, ValueError> {
    let options = match a.values.get(options_at) {
        Some(v) => match enums::convert("System.Text.RegularExpressions.RegexOptions", v)? {
            Value::Object(o) => enums::numeric_value(&o).unwrap_or(0),
            _ => 0,
        },
        None => 0,
    };
    let mut flags = String::new();
    if options & 2 != 0 {
        flags.push('m');
    }
    if options & 16 != 0 {
        flags.push('s');
    }
    let pattern_text = a.string(1);
    let full = if flags.is_empty() {
        pattern_text
    } else {
        format!("(?{flags}){pattern_text}")
    };
    pattern::compile(&full, options & 1 == 0)
}

/// `[regex]::Name(args)`.
pub fn regex(name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let input = a.string(0);
    Some(match name.to_ascii_lowercase().as_str() {
        "escape" => a.expect(1, 1).map(|()| Value::str(pattern::escape(&input))),
        "unescape" => a.expect(1, 1).map(|()| {
            let mut out = String::new();
            let mut chars = input.chars();
            while let Some(c) = chars.next() {
                match (c, chars.clone().next()) {
                    ('\\', Some('n')) => {
                        chars.next();
                        out.push('\n');
                    }
                    ('\\', Some('t')) => {
                        chars.next();
                        out.push('\t');
                    }
                    ('\\', Some(next)) => {
                        chars.next();
                        out.push(next);
                    }
                    _ => out.push(c),
                }
            }
            Value::str(out)
        }),
        "ismatch" => a
            .expect(2, 3)
            .and_then(|()| Ok(Value::Bool(static_regex(&a, 2)?.is_match(&input)))),
        "match" => a.expect(2, 3).and_then(|()| {
            let re = static_regex(&a, 2)?;
            Ok(match re.captures(&input) {
                Some(caps) => text::match_object_in(&caps, &re, &input),
                None => text::failed_match(),
            })
        }),
        "matches" => a.expect(2, 3).and_then(|()| {
            let re = static_regex(&a, 2)?;
            Ok(Value::array(
                re.captures_iter(&input)
                    .map(|caps| text::match_object_in(&caps, &re, &input))
                    .collect(),
            ))
        }),
        "replace" => a.expect(3, 4).and_then(|()| {
            let re = static_regex(&a, 3)?;
            Ok(Value::str(pattern::replace_all(&re, &input, &a.string(2))))
        }),
        "split" => a
            .expect(2, 3)
            .and_then(|()| text::split(&Value::str(input.as_str()), Some(&a.get(1)), true, " ")),
        _ => return None,
    })
}

/// `[array]::Name(args)`.
pub fn array(name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let target = || -> Result<Rc<Array>, ValueError> {
        match args.first() {
            Some(Value::Array(array)) => Ok(array.clone()),
            Some(Value::Null) | None => Err(ValueError::ArgumentNull {
                parameter: "array".into(),
            }),
            Some(other) => Err(super::cast::no_conversion(
                other,
                &PsType::Named("System.Array".into()),
            )),
        }
    };
    Some(match name.to_ascii_lowercase().as_str() {
        "indexof" | "lastindexof" => a.expect(2, 3).and_then(|()| {
            let items = target()?.to_vec();
            let found = if name.eq_ignore_ascii_case("indexof") {
                items.iter().position(|v| compare::same_value(v, &args[1]))
            } else {
                items.iter().rposition(|v| compare::same_value(v, &args[1]))
            };
            Ok(Value::Int(
                found.map_or(-1, |i| i32::try_from(i).unwrap_or(-1)),
            ))
        }),
        "sort" => a.expect(1, 1).and_then(|()| {
            collection_methods::sort_values(&mut target()?.items.borrow_mut());
            Ok(Value::Null)
        }),
        "reverse" => a.expect(1, 1).and_then(|()| {
            target()?.items.borrow_mut().reverse();
            Ok(Value::Null)
        }),
        "clear" => a.expect(1, 3).and_then(|()| {
            let array = target()?;
            let mut items = array.items.borrow_mut();
            let start = if args.len() == 3 {
                usize::try_from(a.int(1)?).unwrap_or(0)
            } else {
                0
            };
            let count = if args.len() == 3 {
                usize::try_from(a.int(2)?).unwrap_or(0)
            } else {
                items.len()
            };
            if start.saturating_add(count) > items.len() {
                return Err(ValueError::IndexOutOfRange);
            }
            items[start..start + count]
                .iter_mut()
                .for_each(|v| *v = Value::Null);
            Ok(Value::Null)
        }),
        "exists" | "find" | "findall" | "foreach" | "trueforall" => return None,
        _ => return None,
    })
}

/// `[enum]::GetNames(type)`, `GetValues(type)`, `Parse(type, text)`, `IsDefined(type, v)`.
pub fn enum_class(name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let type_name = match args.first() {
        Some(Value::Type(ty)) => ty.full_name(),
        Some(other) => match PsType::resolve_str(&convert::to_string(other, " ")) {
            Ok(ty) => ty.full_name(),
            Err(e) => return Some(Err(e)),
        },
        None => return Some(Err(overload(name, 0))),
    };
    let names = enums::names(&type_name).unwrap_or_default();
    Some(match name.to_ascii_lowercase().as_str() {
        "getnames" => Ok(Value::Array(Rc::new(Array::fixed(
            PsType::String,
            names.into_iter().map(Value::str).collect(),
        )))),
        "getvalues" => Ok(Value::array(
            names
                .into_iter()
                .filter_map(|n| enums::member(&type_name, n))
                .collect(),
        )),
        "parse" => match args.get(1) {
            Some(v) => enums::convert(&type_name, v),
            None => Err(overload(name, 1)),
        },
        "isdefined" => Ok(Value::Bool(args.get(1).is_some_and(|v| {
            let text = convert::to_string(v, " ");
            names.iter().any(|n| *n == text)
                || matches!(v, Value::Int(_))
                    && enums::convert(&type_name, v)
                        .is_ok_and(|e| names.iter().any(|n| convert::to_string(&e, " ") == *n))
        }))),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(result: Option<Result<Value, ValueError>>) -> String {
        match result {
            Some(Ok(v)) => convert::to_string(&v, ","),
            Some(Err(e)) => format!("error: {e}"),
            None => "<none>".into(),
        }
    }

    fn strs(items: &[&str]) -> Value {
        Value::array(items.iter().map(|s| Value::str(*s)).collect())
    }

    #[test]
    fn string_statics() {
        assert_eq!(
            text_of(string("Join", &[Value::str(","), strs(&["a", "b", "c"])])),
            "a,b,c"
        );
        assert_eq!(
            text_of(string(
                "Join",
                &[Value::str("-"), Value::Int(1), Value::Int(2)]
            )),
            "1-2"
        );
        assert_eq!(text_of(string("IsNullOrEmpty", &[Value::str("")])), "True");
        assert_eq!(text_of(string("IsNullOrEmpty", &[Value::Null])), "True");
        assert_eq!(
            text_of(string("IsNullOrEmpty", &[Value::str("x")])),
            "False"
        );
        assert_eq!(
            text_of(string("IsNullOrWhiteSpace", &[Value::str("   ")])),
            "True"
        );
        assert_eq!(
            text_of(string(
                "Format",
                &[Value::str("{0}-{1}"), Value::Int(1), Value::Int(2)]
            )),
            "1-2"
        );
        assert_eq!(
            text_of(string(
                "Format",
                &[Value::str("{0}-{1}"), strs(&["x", "y"])]
            )),
            "x-y"
        );
        assert_eq!(
            text_of(string("Concat", &[Value::str("a"), Value::Int(1)])),
            "a1"
        );
        assert_eq!(
            text_of(string("Compare", &[Value::str("a"), Value::str("B")])),
            "-1"
        );
        assert_eq!(
            text_of(string("new", &[Value::Char('a'), Value::Int(3)])),
            "aaa"
        );
    }

    #[test]
    fn char_statics() {
        assert_eq!(text_of(char_class("IsDigit", &[Value::str("5")])), "True");
        assert_eq!(text_of(char_class("IsDigit", &[Value::Char('x')])), "False");
        assert_eq!(text_of(char_class("IsLetter", &[Value::str("x")])), "True");
        assert_eq!(
            text_of(char_class("IsWhiteSpace", &[Value::str(" ")])),
            "True"
        );
        assert_eq!(
            text_of(char_class("IsDigit", &[Value::str("a1"), Value::Int(1)])),
            "True"
        );
        assert_eq!(text_of(char_class("ToUpper", &[Value::Char('a')])), "A");
        assert_eq!(
            text_of(char_class("ConvertFromUtf32", &[Value::Int(65)])),
            "A"
        );
    }

    #[test]
    fn regex_statics() {
        assert_eq!(text_of(regex("Escape", &[Value::str("a.b")])), "a\\.b");
        assert_eq!(
            text_of(regex("IsMatch", &[Value::str("abc"), Value::str("B")])),
            "False"
        );
        assert_eq!(
            text_of(regex(
                "IsMatch",
                &[Value::str("abc"), Value::str("B"), Value::str("IgnoreCase")]
            )),
            "True"
        );
        assert_eq!(
            text_of(regex(
                "Replace",
                &[Value::str("a1b2"), Value::str("\\d"), Value::str("#")]
            )),
            "a#b#"
        );
        assert_eq!(
            text_of(regex("Matches", &[Value::str("a1b2"), Value::str("\\d")])),
            "1,2"
        );
        assert_eq!(
            text_of(regex("Split", &[Value::str("a1b2c"), Value::str("\\d")])),
            "a,b,c"
        );
    }

    #[test]
    fn array_statics() {
        assert_eq!(
            text_of(array("IndexOf", &[strs(&["a", "b", "c"]), Value::str("b")])),
            "1"
        );
        let x = Value::array(vec![Value::Int(3), Value::Int(1), Value::Int(2)]);
        text_of(array("Sort", std::slice::from_ref(&x)));
        assert_eq!(convert::to_string(&x, ","), "1,2,3");
        text_of(array("Reverse", std::slice::from_ref(&x)));
        assert_eq!(convert::to_string(&x, ","), "3,2,1");
        let words = strs(&["b", "B", "a"]);
        text_of(array("Sort", std::slice::from_ref(&words)));
        assert_eq!(convert::to_string(&words, ","), "a,b,B");
    }

    #[test]
    fn enum_statics() {
        let ty = Value::Type(Rc::new(PsType::Named("System.MidpointRounding".into())));
        assert!(
            text_of(enum_class("GetNames", std::slice::from_ref(&ty)))
                .starts_with("ToEven,AwayFromZero")
        );
        assert_eq!(
            text_of(enum_class("Parse", &[ty, Value::str("tozero")])),
            "ToZero"
        );
    }
}
