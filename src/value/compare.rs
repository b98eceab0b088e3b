//! L1 — comparison operators: `-eq -ne -gt -ge -lt -le -like -notlike -match -notmatch
//! -contains -notcontains -in -notin`, case-insensitive by default, converting the right
//! operand to the left's type, and filtering when the left operand is a collection.

use std::cmp::Ordering;
use std::rc::Rc;

use crate::syntax::ast::{CaseMode, CompareOp};

use super::object::ObjectKind;
use super::{PsType, Value, ValueError, builtin, cast, collate, convert, enums, text};

/// Scalar equality as `-eq` sees it (right converted to the left's type).
pub fn equals(lhs: &Value, rhs: &Value, case_sensitive: bool) -> bool {
    match (lhs, rhs) {
        (Value::Null, _) => rhs.is_null(),
        (_, Value::Null) => false,
        (Value::String(s), _) => collate::equal(s, &convert::to_string(rhs, " "), case_sensitive),
        (Value::Char(c), _) => match convert::convert_to(rhs, &PsType::Char, " ") {
            Ok(Value::Char(d)) => chars_equal(*c, d, case_sensitive),
            _ => false,
        },
        (Value::Bool(b), _) => *b == convert::to_bool(rhs),
        (
            Value::Byte(_) | Value::Int(_) | Value::Long(_) | Value::Double(_) | Value::Decimal(_),
            _,
        ) => match number_like(lhs, rhs) {
            Some(r) => numeric_order(lhs, &r) == Ordering::Equal,
            None => false,
        },
        (Value::Object(object), _) if object.kind == ObjectKind::Typed => {
            typed_equals(object, lhs, rhs)
        }
        (Value::Object(a), Value::Object(b)) => Rc::ptr_eq(a, b),
        (Value::Array(a), Value::Array(b)) => Rc::ptr_eq(a, b),
        (Value::Dict(a), Value::Dict(b)) => Rc::ptr_eq(a, b),
        (Value::ScriptBlock(a), Value::ScriptBlock(b)) => Rc::ptr_eq(a, b),
        (Value::Type(a), Value::Type(b)) => a == b,
        (Value::Type(a), Value::String(name)) => PsType::resolve_str(name).is_ok_and(|t| t == **a),
        _ => false,
    }
}

fn chars_equal(a: char, b: char, case_sensitive: bool) -> bool {
    if case_sensitive {
        a == b
    } else {
        a.to_lowercase().eq(b.to_lowercase())
    }
}

/// Equality of typed objects: enums and versions by value, guids and dates by their text,
/// anything else by reference.
fn typed_equals(object: &super::PsObject, lhs: &Value, rhs: &Value) -> bool {
    if enums::is_enum_value(object) {
        return match enums::convert(&object.type_name, rhs) {
            Ok(Value::Object(other)) => {
                enums::numeric_value(object) == enums::numeric_value(&other)
            }
            _ => false,
        };
    }
    if let Some(parts) = builtin::version_parts(object) {
        return version_of(rhs).is_some_and(|other| other == parts);
    }
    if matches!(object.type_name.as_ref(), builtin::GUID | builtin::DATETIME) {
        return convert::to_string(lhs, " ").eq_ignore_ascii_case(&convert::to_string(rhs, " "));
    }
    matches!(rhs, Value::Object(other) if std::ptr::eq(object, other.as_ref()))
}

fn version_of(value: &Value) -> Option<[i64; 4]> {
    match value {
        Value::Object(o) => builtin::version_parts(o),
        Value::String(s) => match builtin::parse_version(s) {
            Ok(Value::Object(o)) => builtin::version_parts(&o),
            _ => None,
        },
        _ => None,
    }
}

/// The right operand as a number comparable with the numeric left operand: a string is
/// converted to the left's type (`1 -eq '1.0'`), other values to a number.
fn number_like(lhs: &Value, rhs: &Value) -> Option<Value> {
    match rhs {
        Value::String(_) => convert::convert_to(rhs, &PsType::of(lhs), " ").ok(),
        Value::Byte(_) | Value::Int(_) | Value::Long(_) | Value::Double(_) | Value::Decimal(_) => {
            Some(rhs.clone())
        }
        Value::Array(_) | Value::Dict(_) | Value::ScriptBlock(_) | Value::Type(_) => None,
        Value::Object(o) if !enums::is_enum_value(o) => None,
        other => convert::to_number(other).ok(),
    }
}

/// Order two numbers by value (NaN first, as .NET's `CompareTo` does).
fn numeric_order(lhs: &Value, rhs: &Value) -> Ordering {
    let is_integral = |v: &Value| matches!(v, Value::Byte(_) | Value::Int(_) | Value::Long(_));
    if is_integral(lhs) && is_integral(rhs) {
        return cast::as_rounded_i64(lhs).cmp(&cast::as_rounded_i64(rhs));
    }
    let has_double = matches!(lhs, Value::Double(_)) || matches!(rhs, Value::Double(_));
    if let (false, Some(l), Some(r)) = (has_double, cast::as_decimal(lhs), cast::as_decimal(rhs)) {
        return l.cmp(&r);
    }
    let (l, r) = (cast::as_f64(lhs), cast::as_f64(rhs));
    match (l.is_nan(), r.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        _ => l.partial_cmp(&r).unwrap_or(Ordering::Equal),
    }
}

/// Scalar ordering as `-lt`/`Sort-Object` see it (right converted to the left's type;
/// strings compared culture-like: case-insensitive unless asked, `'a' -lt 'B'`).
pub fn compare(lhs: &Value, rhs: &Value, case_sensitive: bool) -> Result<Ordering, ValueError> {
    let failed = |reason: String| ValueError::InvalidOperation {
        message: format!(
            "Could not compare \"{}\" to \"{}\". Error: \"{reason}\"",
            convert::to_string(lhs, " "),
            convert::to_string(rhs, " ")
        ),
    };
    match (lhs, rhs) {
        (Value::Null, Value::Null) => Ok(Ordering::Equal),
        (Value::Null, _) => Ok(Ordering::Less),
        (_, Value::Null) => Ok(Ordering::Greater),
        (Value::String(s), _) => Ok(collate::compare(
            s,
            &convert::to_string(rhs, " "),
            case_sensitive,
        )),
        (Value::Char(c), _) => match convert::convert_to(rhs, &PsType::Char, " ") {
            Ok(Value::Char(d)) if !case_sensitive => Ok(c.to_lowercase().cmp(d.to_lowercase())),
            Ok(Value::Char(d)) => Ok(c.cmp(&d)),
            Ok(_) => Err(failed("Invalid cast.".into())),
            Err(e) => Err(failed(e.to_string())),
        },
        (Value::Bool(b), _) => Ok(b.cmp(&convert::to_bool(rhs))),
        (
            Value::Byte(_) | Value::Int(_) | Value::Long(_) | Value::Double(_) | Value::Decimal(_),
            _,
        ) => {
            let right = match rhs {
                Value::String(_) => convert::convert_to(rhs, &PsType::of(lhs), " ")
                    .map_err(|e| failed(e.to_string()))?,
                other => number_like(lhs, other).ok_or_else(|| {
                    failed(cast::no_conversion(rhs, &PsType::of(lhs)).to_string())
                })?,
            };
            Ok(numeric_order(lhs, &right))
        }
        (Value::Object(object), _) if enums::is_enum_value(object) => {
            match enums::convert(&object.type_name, rhs) {
                Ok(Value::Object(other)) => {
                    Ok(enums::numeric_value(object).cmp(&enums::numeric_value(&other)))
                }
                Ok(_) => Err(failed("Invalid cast.".into())),
                Err(e) => Err(failed(e.to_string())),
            }
        }
        (Value::Object(object), _) if builtin::version_parts(object).is_some() => {
            let parts = builtin::version_parts(object).unwrap_or([0; 4]);
            version_of(rhs)
                .map(|other| parts.cmp(&other))
                .ok_or_else(|| failed(cast::no_conversion(rhs, &PsType::Version).to_string()))
        }
        (Value::Object(object), Value::Object(other))
            if object.type_name.as_ref() == builtin::DATETIME
                && other.type_name.as_ref() == builtin::DATETIME =>
        {
            let ticks = |o: &super::PsObject| match o.get("Ticks") {
                Some(Value::Long(t)) => t,
                _ => 0,
            };
            Ok(ticks(object).cmp(&ticks(other)))
        }
        _ => Err(ValueError::InvalidOperation {
            message: format!(
                "Cannot compare \"{}\" because it is not IComparable.",
                convert::to_string(lhs, " ")
            ),
        }),
    }
}

/// .NET `Object.Equals`: same type and value (strings ordinal, case-sensitive), reference
/// identity for reference types. Used by `.Contains()`, `.IndexOf()`, `[array]::IndexOf`.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Byte(x), Value::Byte(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Long(x), Value::Long(y)) => x == y,
        (Value::Double(x), Value::Double(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Value::Decimal(x), Value::Decimal(y)) => x == y,
        (Value::Char(x), Value::Char(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Object(x), Value::Object(y)) if x.kind == ObjectKind::Typed => {
            Rc::ptr_eq(x, y)
                || (x.type_name == y.type_name && x.display.is_some() && x.display == y.display)
        }
        (Value::Object(x), Value::Object(y)) => Rc::ptr_eq(x, y),
        (Value::Array(x), Value::Array(y)) => Rc::ptr_eq(x, y),
        (Value::Dict(x), Value::Dict(y)) => Rc::ptr_eq(x, y),
        (Value::ScriptBlock(x), Value::ScriptBlock(y)) => Rc::ptr_eq(x, y),
        (Value::Type(x), Value::Type(y)) => x == y,
        _ => false,
    }
}

/// The elements a `-contains`/`-in` collection operand stands for.
fn collection(value: &Value) -> Vec<Value> {
    match value {
        Value::Array(array) => array.to_vec(),
        other => vec![other.clone()],
    }
}

/// Apply a comparison operator other than `-replace`/`-split` (see `text`). A collection on
/// the left filters (`1,2,3 -eq 2` → `@(2)`). For `-match` on a scalar, `matches` receives the
/// `$Matches` hashtable when it matched.
pub fn apply(
    op: CompareOp,
    case: CaseMode,
    lhs: &Value,
    rhs: &Value,
    matches: &mut Option<Value>,
) -> Result<Value, ValueError> {
    let cs = case.sensitive();
    match op {
        CompareOp::Contains | CompareOp::NotContains => {
            let found = collection(lhs).iter().any(|e| equals(e, rhs, cs));
            Ok(Value::Bool(found == (op == CompareOp::Contains)))
        }
        CompareOp::In | CompareOp::NotIn => {
            let found = collection(rhs).iter().any(|e| equals(e, lhs, cs));
            Ok(Value::Bool(found == (op == CompareOp::In)))
        }
        CompareOp::Replace => text::replace(lhs, rhs, &Value::Null, cs, " "),
        CompareOp::Split => text::split(lhs, Some(rhs), cs, " "),
        _ => match lhs {
            Value::Array(array) => {
                let mut kept = Vec::new();
                for item in array.to_vec() {
                    if test(op, &item, rhs, cs, &mut None)? {
                        kept.push(item);
                    }
                }
                Ok(Value::array(kept))
            }
            scalar => Ok(Value::Bool(test(op, scalar, rhs, cs, matches)?)),
        },
    }
}

/// One scalar comparison.
fn test(
    op: CompareOp,
    lhs: &Value,
    rhs: &Value,
    cs: bool,
    matches: &mut Option<Value>,
) -> Result<bool, ValueError> {
    Ok(match op {
        CompareOp::Eq => equals(lhs, rhs, cs),
        CompareOp::Ne => !equals(lhs, rhs, cs),
        CompareOp::Gt => compare(lhs, rhs, cs)? == Ordering::Greater,
        CompareOp::Ge => compare(lhs, rhs, cs)? != Ordering::Less,
        CompareOp::Lt => compare(lhs, rhs, cs)? == Ordering::Less,
        CompareOp::Le => compare(lhs, rhs, cs)? != Ordering::Greater,
        CompareOp::Like | CompareOp::NotLike => {
            let hit = text::wildcard_match(
                &convert::to_string(rhs, " "),
                &convert::to_string(lhs, " "),
                cs,
            );
            hit == (op == CompareOp::Like)
        }
        CompareOp::Match | CompareOp::NotMatch => {
            let regex = text::regex(&convert::to_string(rhs, " "), cs)?;
            let input = convert::to_string(lhs, " ");
            let hit = match regex.captures(&input) {
                Some(caps) => {
                    *matches = Some(text::matches_table(&caps, &regex));
                    true
                }
                None => false,
            };
            hit == (op == CompareOp::Match)
        }
        CompareOp::Contains
        | CompareOp::NotContains
        | CompareOp::In
        | CompareOp::NotIn
        | CompareOp::Replace
        | CompareOp::Split => {
            return Err(ValueError::InvalidOperation {
                message: "This operator does not compare scalars.".into(),
            });
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(op: CompareOp, case: CaseMode, lhs: Value, rhs: Value) -> String {
        let mut matches = None;
        match apply(op, case, &lhs, &rhs, &mut matches) {
            Ok(v @ Value::Array(_)) => format!("[{}]", convert::to_string(&v, ",")),
            Ok(v) => convert::to_string(&v, " "),
            Err(e) => format!("error: {e}"),
        }
    }

    fn ci(op: CompareOp, lhs: Value, rhs: Value) -> String {
        run(op, CaseMode::Default, lhs, rhs)
    }

    fn strs(values: &[&str]) -> Value {
        Value::array(values.iter().map(|s| Value::str(*s)).collect())
    }

    fn ints(values: &[i32]) -> Value {
        Value::array(values.iter().map(|&n| Value::Int(n)).collect())
    }

    use CompareOp::*;

    #[test]
    fn equality_is_case_insensitive_by_default() {
        assert_eq!(ci(Eq, Value::str("abc"), Value::str("ABC")), "True");
        assert_eq!(
            run(
                Eq,
                CaseMode::Insensitive,
                Value::str("abc"),
                Value::str("ABC")
            ),
            "True"
        );
        assert_eq!(
            run(
                Eq,
                CaseMode::Sensitive,
                Value::str("abc"),
                Value::str("ABC")
            ),
            "False"
        );
        assert_eq!(
            run(
                Ne,
                CaseMode::Sensitive,
                Value::str("abc"),
                Value::str("ABC")
            ),
            "True"
        );
    }

    #[test]
    fn right_operand_takes_the_left_type() {
        assert_eq!(ci(Eq, Value::Int(1), Value::str("1.0")), "True");
        assert_eq!(ci(Eq, Value::str("1.0"), Value::Int(1)), "False");
        assert_eq!(ci(Lt, Value::str("10"), Value::str("9")), "True");
        assert_eq!(ci(Lt, Value::Int(10), Value::str("9")), "False");
        assert_eq!(ci(Gt, Value::str("100"), Value::Int(20)), "False");
        assert_eq!(ci(Gt, Value::Int(100), Value::str("20")), "True");
        assert_eq!(ci(Eq, Value::Int(1), Value::str("abc")), "False");
        assert_eq!(ci(Eq, Value::Int(2), Value::Double(2.0)), "True");
        assert_eq!(ci(Eq, Value::Bool(true), Value::str("false")), "True");
        assert_eq!(ci(Eq, Value::Char('a'), Value::str("A")), "True");
        assert!(ci(Lt, Value::Int(5), Value::str("abc")).starts_with("error: Could not compare"));
    }

    #[test]
    fn string_ordering_follows_culture() {
        assert_eq!(ci(Lt, Value::str("aaa"), Value::str("AAA")), "False");
        assert_eq!(
            run(
                Lt,
                CaseMode::Sensitive,
                Value::str("aaa"),
                Value::str("AAA")
            ),
            "True"
        );
        assert_eq!(
            run(
                Gt,
                CaseMode::Sensitive,
                Value::str("AAA"),
                Value::str("aaa")
            ),
            "True"
        );
        assert_eq!(ci(Lt, Value::str("a"), Value::str("z")), "True");
        assert_eq!(ci(Ge, Value::Int(8), Value::Int(8)), "True");
    }

    #[test]
    fn collections_filter() {
        assert_eq!(ci(Eq, ints(&[1, 2, 3]), Value::Int(2)), "[2]");
        assert_eq!(ci(Eq, ints(&[1, 2, 3, 2]), Value::Int(2)), "[2,2]");
        assert_eq!(ci(Ne, strs(&["abc", "def"]), Value::str("abc")), "[def]");
        assert_eq!(ci(Gt, ints(&[5, 6, 7, 8, 9]), Value::Int(7)), "[8,9]");
        assert_eq!(ci(Eq, ints(&[1, 2]), Value::Int(3)), "[]");
        let nested = Value::array(vec![Value::Int(1), Value::Int(2), ints(&[3, 4])]);
        assert_eq!(ci(Eq, nested, Value::Int(3)), "[]");
        let with_nulls = Value::array(vec![Value::Int(1), Value::Null, Value::Int(4)]);
        assert_eq!(ci(Ne, with_nulls.clone(), Value::Null), "[1,4]");
        assert_eq!(ci(Ne, Value::Null, with_nulls), "True");
        assert_eq!(ci(Eq, Value::Null, Value::array(vec![])), "False");
        assert_eq!(ci(Eq, Value::array(vec![]), Value::Null), "[]");
    }

    #[test]
    fn like_and_match() {
        assert_eq!(
            ci(Like, Value::str("PowerShell"), Value::str("*shell")),
            "True"
        );
        assert_eq!(
            run(
                Like,
                CaseMode::Sensitive,
                Value::str("PowerShell"),
                Value::str("*shell")
            ),
            "False"
        );
        assert_eq!(
            ci(
                NotLike,
                strs(&["PowerShell", "Server"]),
                Value::str("*shell")
            ),
            "[Server]"
        );
        assert_eq!(
            ci(Match, Value::str("PowerShell"), Value::str("^Power\\w+")),
            "True"
        );
        assert_eq!(
            ci(NotMatch, Value::str("bag"), Value::str("b[iou]g")),
            "True"
        );
        assert_eq!(
            ci(
                NotMatch,
                strs(&["Bag", "Beg", "Big", "Bog", "Bug"]),
                Value::str("b[iou]g")
            ),
            "[Bag,Beg]"
        );
    }

    #[test]
    fn match_sets_matches_for_scalars() {
        let mut matches = None;
        let hit = apply(
            Match,
            CaseMode::Default,
            &Value::str("a=1"),
            &Value::str("(?<k>\\w)=(\\d)"),
            &mut matches,
        );
        assert!(matches!(hit, Ok(Value::Bool(true))));
        let Some(Value::Dict(table)) = matches else {
            panic!("no $Matches")
        };
        assert_eq!(
            convert::to_string(&table.get(&Value::Int(0)).unwrap_or_default(), ""),
            "a=1"
        );
        assert_eq!(
            convert::to_string(&table.get(&Value::Int(1)).unwrap_or_default(), ""),
            "1"
        );
        assert_eq!(
            convert::to_string(&table.get(&Value::str("K")).unwrap_or_default(), ""),
            "a"
        );
        let mut none = None;
        let _ = apply(
            Match,
            CaseMode::Default,
            &strs(&["a"]),
            &Value::str("a"),
            &mut none,
        );
        assert!(none.is_none());
    }

    #[test]
    fn contains_and_in() {
        assert_eq!(
            ci(Contains, strs(&["abc", "def"]), Value::str("def")),
            "True"
        );
        assert_eq!(
            ci(
                Contains,
                strs(&["Windows", "PowerShell"]),
                Value::str("Shell")
            ),
            "False"
        );
        assert_eq!(
            ci(
                Contains,
                strs(&["abc", "def", "ghi"]),
                strs(&["abc", "def"])
            ),
            "False"
        );
        assert_eq!(ci(Contains, strs(&["A", "B"]), Value::str("a")), "True");
        assert_eq!(
            run(
                Contains,
                CaseMode::Sensitive,
                strs(&["A", "B"]),
                Value::str("a")
            ),
            "False"
        );
        assert_eq!(ci(In, Value::Int(2), ints(&[1, 2])), "True");
        assert_eq!(ci(NotIn, Value::Int(5), ints(&[1, 2])), "True");
        assert_eq!(ci(In, Value::str("x"), Value::str("X")), "True");
    }

    #[test]
    fn same_value_is_strict() {
        assert!(same_value(&Value::Int(2), &Value::Int(2)));
        assert!(!same_value(&Value::Int(2), &Value::Long(2)));
        assert!(!same_value(&Value::str("a"), &Value::str("A")));
        assert!(!same_value(&Value::Int(2), &Value::str("2")));
    }

    #[test]
    fn versions_and_enums_compare_by_value() {
        let v = builtin::parse_version("1.2.3").expect("version");
        assert_eq!(ci(Eq, v.clone(), Value::str("1.2.3")), "True");
        assert_eq!(ci(Lt, v, Value::str("1.10")), "True");
        let away = enums::member("System.MidpointRounding", "AwayFromZero").expect("member");
        assert_eq!(ci(Eq, away.clone(), Value::str("awayfromzero")), "True");
        assert_eq!(ci(Eq, away, Value::Int(0)), "False");
    }
}
