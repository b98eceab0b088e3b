//! L1 — arithmetic, bitwise and range operators with PowerShell's numeric widening
//! (Int32 → Int64 → Double on overflow, `7/2` → 3.5, `6/2` → Int32 3) and their string and
//! array forms (`"5" + 5`, `"ab" * 3`, `@(1) + 2`, `@{} + @{}`).

use std::rc::Rc;

use super::arith::{self, NumOp};
use super::{Dict, PsType, Value, ValueError, cast, convert, enums};

/// Largest string or array a `*` may build.
const MAX_REPEAT_ITEMS: usize = 1 << 26;
/// Largest range `a..b` may build.
const MAX_RANGE: i64 = 20_000_000;

fn no_operator(lhs: &Value, method: &str) -> ValueError {
    ValueError::MethodNotFound {
        type_name: PsType::of(lhs).full_name(),
        method: method.to_string(),
    }
}

/// The right operand of a numeric operation as a number (arrays and objects cannot be).
fn rhs_number(lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    match rhs {
        Value::Array(_) | Value::Dict(_) | Value::ScriptBlock(_) | Value::Type(_) => {
            let target = match convert::to_number(lhs) {
                Ok(n) => PsType::of(&n),
                Err(_) => PsType::Int,
            };
            Err(cast::no_conversion(rhs, &target))
        }
        Value::Object(object) if !enums::is_enum_value(object) => {
            Err(cast::no_conversion(rhs, &PsType::of(lhs)))
        }
        other => convert::to_number(other),
    }
}

/// Both operands as numbers, or the error PowerShell gives for the left one.
fn numeric(op: NumOp, method: &str, lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    let left = match lhs {
        Value::Array(_) | Value::Dict(_) | Value::ScriptBlock(_) | Value::Type(_) => {
            return Err(no_operator(lhs, method));
        }
        Value::Object(object) if !enums::is_enum_value(object) => {
            return Err(no_operator(lhs, method));
        }
        other => convert::to_number(other)?,
    };
    let right = rhs_number(lhs, rhs)?;
    arith::apply(op, &left, &right)
}

pub fn add(lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    match lhs {
        Value::Null => Ok(match rhs {
            Value::Array(array) => Value::array(array.to_vec()),
            other => other.clone(),
        }),
        Value::String(s) => Ok(Value::str(format!("{s}{}", convert::to_string(rhs, " ")))),
        Value::Char(c) if matches!(rhs, Value::String(_)) => {
            Ok(Value::str(format!("{c}{}", convert::to_string(rhs, " "))))
        }
        Value::Array(array) => {
            let mut items = array.to_vec();
            match rhs {
                Value::Array(more) => items.extend(more.to_vec()),
                other => items.push(other.clone()),
            }
            Ok(Value::array(items))
        }
        Value::Dict(dict) => add_dicts(dict, rhs),
        _ => numeric(NumOp::Add, "op_Addition", lhs, rhs),
    }
}

/// `@{a=1} + @{b=2}`: a new table with both; a key in both is an error.
fn add_dicts(lhs: &Dict, rhs: &Value) -> Result<Value, ValueError> {
    let Value::Dict(other) = rhs else {
        return Err(ValueError::InvalidOperation {
            message: "A hash table can only be added to another hash table.".into(),
        });
    };
    let sum = Dict::new(lhs.ordered);
    for (k, v) in lhs.pairs() {
        sum.insert(k, v);
    }
    for (k, v) in other.pairs() {
        if sum.contains_key(&k) {
            let key = convert::to_string(&k, " ");
            return Err(ValueError::Argument {
                message: format!(
                    "Item has already been added. Key in dictionary: '{key}'  Key being added: '{key}'"
                ),
            });
        }
        sum.insert(k, v);
    }
    Ok(Value::Dict(Rc::new(sum)))
}

pub fn subtract(lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    numeric(NumOp::Subtract, "op_Subtraction", lhs, rhs)
}

pub fn multiply(lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    match lhs {
        Value::String(s) => {
            let count = repeat_count(rhs, s.chars().count().max(1))?;
            Ok(Value::str(s.repeat(count)))
        }
        Value::Array(array) => {
            let items = array.to_vec();
            let count = repeat_count(rhs, items.len().max(1))?;
            let mut out = Vec::with_capacity(items.len() * count);
            for _ in 0..count {
                out.extend(items.iter().cloned());
            }
            Ok(Value::array(out))
        }
        _ => numeric(NumOp::Multiply, "op_Multiply", lhs, rhs),
    }
}

/// How many copies `"ab" * n` / `@(1) * n` makes.
fn repeat_count(rhs: &Value, unit: usize) -> Result<usize, ValueError> {
    let n = convert::to_i64(rhs)?;
    let count = usize::try_from(n).map_err(|_| ValueError::Argument {
        message: format!("The value {n} is not valid for a repeat count: it must not be negative."),
    })?;
    if count.saturating_mul(unit) > MAX_REPEAT_ITEMS {
        return Err(ValueError::InvalidOperation {
            message: "The result of the multiplication is too large.".into(),
        });
    }
    Ok(count)
}

pub fn divide(lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    numeric(NumOp::Divide, "op_Division", lhs, rhs)
}

pub fn remainder(lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    numeric(NumOp::Remainder, "op_Modulus", lhs, rhs)
}

/// Unary minus.
pub fn negate(operand: &Value) -> Result<Value, ValueError> {
    match operand {
        Value::Array(_) | Value::Dict(_) | Value::ScriptBlock(_) | Value::Type(_) => {
            Err(no_operator(operand, "op_UnaryNegation"))
        }
        other => Ok(arith::negate(&convert::to_number(other)?)),
    }
}

/// An integer operand of a bitwise operator: (value, fits in Int32).
fn bit_operand(value: &Value) -> Result<(i64, bool), ValueError> {
    let number = match value {
        Value::Array(_) | Value::Dict(_) | Value::ScriptBlock(_) | Value::Type(_) => {
            return Err(cast::no_conversion(value, &PsType::Long));
        }
        other => convert::to_number(other)?,
    };
    let narrow = matches!(number, Value::Int(_) | Value::Byte(_));
    let n =
        cast::as_rounded_i64(&number).ok_or_else(|| cast::no_conversion(value, &PsType::Long))?;
    Ok((n, narrow))
}

/// `-band -bor -bxor -shl -shr` (op is one of "band", "bor", "bxor", "shl", "shr").
pub fn bitwise(op: &str, lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    let (l, l_narrow) = bit_operand(lhs)?;
    let (r, r_narrow) = bit_operand(rhs)?;
    let narrow = l_narrow && (r_narrow || matches!(op, "shl" | "shr"));
    let result = match op.to_ascii_lowercase().as_str() {
        "band" => l & r,
        "bor" => l | r,
        "bxor" => l ^ r,
        "shl" if narrow => i64::from((l as i32).wrapping_shl((r & 31) as u32)),
        "shl" => l.wrapping_shl((r & 63) as u32),
        "shr" if narrow => i64::from((l as i32) >> (r & 31)),
        "shr" => l >> (r & 63),
        other => {
            return Err(ValueError::InvalidOperation {
                message: format!("Unknown bitwise operator -{other}."),
            });
        }
    };
    // Flags of one enum type combine into a value of that type.
    if let (Value::Object(lo), Value::Object(ro)) = (lhs, rhs)
        && enums::is_enum_value(lo)
        && lo.type_name == ro.type_name
    {
        return enums::convert(&lo.type_name, &Value::Long(result));
    }
    Ok(if narrow {
        Value::Int(result as i32)
    } else {
        Value::Long(result)
    })
}

/// `-bnot`
pub fn bit_not(operand: &Value) -> Result<Value, ValueError> {
    let (n, narrow) = bit_operand(operand)?;
    Ok(if narrow {
        Value::Int(!(n as i32))
    } else {
        Value::Long(!n)
    })
}

/// A single character for a character range (`'a'..'e'`), when the operand is one.
fn range_char(value: &Value) -> Option<char> {
    match value {
        Value::Char(c) => Some(*c),
        Value::String(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_ascii_digit() => Some(c),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `a..b` for integers (either direction) and single-character strings (`'a'..'e'`).
pub fn range(lhs: &Value, rhs: &Value) -> Result<Vec<Value>, ValueError> {
    if let (Some(a), Some(b)) = (range_char(lhs), range_char(rhs)) {
        let (a, b) = (a as u32, b as u32);
        let codes: Vec<u32> = if a <= b {
            (a..=b).collect()
        } else {
            (b..=a).rev().collect()
        };
        return Ok(codes
            .into_iter()
            .filter_map(char::from_u32)
            .map(Value::Char)
            .collect());
    }
    let bound = |v: &Value| -> Result<i32, ValueError> {
        let n = convert::to_i64(v)?;
        i32::try_from(n).map_err(|_| ValueError::InvalidCast {
            value: convert::to_string(v, " "),
            to: "System.Int32".into(),
            reason: "Value was either too large or too small for an Int32.".into(),
        })
    };
    let (a, b) = (bound(lhs)?, bound(rhs)?);
    if (i64::from(a) - i64::from(b)).abs() >= MAX_RANGE {
        return Err(ValueError::InvalidOperation {
            message: format!("The range {a}..{b} is too large."),
        });
    }
    Ok(if a <= b {
        (a..=b).map(Value::Int).collect()
    } else {
        (b..=a).rev().map(Value::Int).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(result: Result<Value, ValueError>) -> String {
        match result {
            Ok(v) => format!("{} {}", PsType::of(&v).name(), convert::to_string(&v, ",")),
            Err(e) => format!("error: {e}"),
        }
    }

    fn ints(values: &[i32]) -> Value {
        Value::array(values.iter().map(|&n| Value::Int(n)).collect())
    }

    #[test]
    fn string_and_number_coercion() {
        assert_eq!(show(add(&Value::str("5"), &Value::Int(5))), "String 55");
        assert_eq!(show(add(&Value::Int(5), &Value::str("5"))), "Int32 10");
        assert_eq!(
            show(multiply(&Value::str("5"), &Value::Int(3))),
            "String 555"
        );
        assert_eq!(show(add(&Value::Int(6), &Value::str("3"))), "Int32 9");
        assert_eq!(show(add(&Value::Int(5), &Value::str("5.5"))), "Double 10.5");
        assert_eq!(show(subtract(&Value::str("10"), &Value::Int(4))), "Int32 6");
        assert_eq!(
            show(divide(&Value::str("10"), &Value::Int(4))),
            "Double 2.5"
        );
        assert_eq!(show(add(&Value::Bool(true), &Value::Int(1))), "Int32 2");
        assert_eq!(show(add(&Value::Null, &Value::Int(1))), "Int32 1");
        assert_eq!(
            show(subtract(&Value::str("abc"), &Value::Int(1))),
            "error: Cannot convert value \"abc\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\""
        );
        assert_eq!(
            show(multiply(&Value::str("file"), &Value::Int(4))),
            "String filefilefilefile"
        );
        assert_eq!(show(add(&Value::str("a"), &ints(&[1, 2]))), "String a1 2");
    }

    #[test]
    fn arrays_concatenate_and_repeat() {
        let letters = Value::array(vec![Value::str("A"), Value::str("B")]);
        assert_eq!(show(add(&ints(&[1, 2, 3]), &letters)), "Object[] 1,2,3,A,B");
        assert_eq!(show(add(&ints(&[1, 2]), &Value::Int(3))), "Object[] 1,2,3");
        assert_eq!(
            show(multiply(&ints(&[1, 2, 3]), &Value::Int(2))),
            "Object[] 1,2,3,1,2,3"
        );
        let bang = Value::array(vec![Value::str("!")]);
        assert_eq!(show(multiply(&bang, &Value::Int(4))), "Object[] !,!,!,!");
        let with_null = add(&ints(&[1]), &Value::Null).expect("add");
        assert_eq!(convert::enumerate(&with_null).map(|v| v.len()), Some(2));
        assert!(subtract(&ints(&[1]), &Value::Int(1)).is_err());
        assert!(add(&Value::Int(1), &ints(&[1])).is_err());
    }

    #[test]
    fn hashtables_add() {
        let a = Dict::new(false);
        a.insert(Value::str("a"), Value::Int(1));
        a.insert(Value::str("b"), Value::Int(2));
        let b = Dict::new(false);
        b.insert(Value::str("c"), Value::Int(3));
        let (a, b) = (Value::Dict(Rc::new(a)), Value::Dict(Rc::new(b)));
        let Ok(Value::Dict(sum)) = add(&a, &b) else {
            panic!("dict")
        };
        assert_eq!(sum.len(), 3);
        assert_eq!(
            show(add(&a, &a)),
            "error: Item has already been added. Key in dictionary: 'a'  Key being added: 'a'"
        );
        assert!(add(&a, &Value::Int(1)).is_err());
    }

    #[test]
    fn bitwise_operators() {
        let (ten, three) = (Value::Int(10), Value::Int(3));
        assert_eq!(show(bitwise("band", &ten, &three)), "Int32 2");
        assert_eq!(show(bitwise("bor", &ten, &three)), "Int32 11");
        assert_eq!(show(bitwise("bxor", &ten, &three)), "Int32 9");
        assert_eq!(show(bit_not(&ten)), "Int32 -11");
        assert_eq!(
            show(bitwise("shl", &Value::Int(102), &Value::Int(2))),
            "Int32 408"
        );
        assert_eq!(
            show(bitwise("shr", &Value::Int(102), &Value::Int(1))),
            "Int32 51"
        );
        assert_eq!(
            show(bitwise("bor", &Value::Long(1 << 40), &Value::Int(1))),
            "Int64 1099511627777"
        );
        let ignore = enums::member("System.Text.RegularExpressions.RegexOptions", "IgnoreCase")
            .expect("member");
        let multi = enums::member("System.Text.RegularExpressions.RegexOptions", "Multiline")
            .expect("member");
        assert_eq!(
            show(bitwise("bor", &ignore, &multi)),
            "RegexOptions IgnoreCase, Multiline"
        );
    }

    #[test]
    fn ranges() {
        let r =
            |a: Value, b: Value| range(&a, &b).map(|v| convert::to_string(&Value::array(v), ","));
        assert_eq!(r(Value::Int(1), Value::Int(5)), Ok("1,2,3,4,5".into()));
        assert_eq!(r(Value::Int(3), Value::Int(-2)), Ok("3,2,1,0,-1,-2".into()));
        assert_eq!(r(Value::str("a"), Value::str("e")), Ok("a,b,c,d,e".into()));
        assert_eq!(r(Value::str("1"), Value::str("3")), Ok("1,2,3".into()));
        assert_eq!(r(Value::Double(1.5), Value::Int(3)), Ok("2,3".into()));
        assert!(range(&Value::Int(0), &Value::Long(1 << 40)).is_err());
        assert!(range(&Value::Int(0), &Value::Int(i32::MAX)).is_err());
    }

    #[test]
    fn negation_of_strings_and_null() {
        assert_eq!(show(negate(&Value::str("5"))), "Int32 -5");
        assert_eq!(show(negate(&Value::Null)), "Int32 0");
        assert!(negate(&ints(&[1])).is_err());
    }
}
