//! L1 — numeric arithmetic with PowerShell's widening: Int32 and Int64 results that
//! overflow become Double, integer division that is not exact becomes Double, decimals stay
//! decimal unless mixed with a double.

use rust_decimal::Decimal;

use super::cast::{as_decimal, as_f64};
use super::{Value, ValueError};

/// An arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumOp {
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
}

/// Which representation a binary operation on two numbers uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Int,
    Long,
    Decimal,
    Double,
}

fn rank(value: &Value) -> Rank {
    match value {
        Value::Long(_) => Rank::Long,
        Value::Decimal(_) => Rank::Decimal,
        Value::Double(_) => Rank::Double,
        _ => Rank::Int,
    }
}

fn as_i64(value: &Value) -> i64 {
    match value {
        Value::Byte(n) => i64::from(*n),
        Value::Int(n) => i64::from(*n),
        Value::Long(n) => *n,
        _ => 0,
    }
}

/// Apply `op` to two numbers (Byte, Int, Long, Double or Decimal values).
pub fn apply(op: NumOp, lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    match rank(lhs).max(rank(rhs)) {
        Rank::Double => Ok(Value::Double(doubles(op, as_f64(lhs), as_f64(rhs)))),
        Rank::Decimal => match (as_decimal(lhs), as_decimal(rhs)) {
            (Some(l), Some(r)) => decimals(op, l, r),
            _ => Ok(Value::Double(doubles(op, as_f64(lhs), as_f64(rhs)))),
        },
        Rank::Long => longs(op, as_i64(lhs), as_i64(rhs)),
        Rank::Int => ints(op, as_i64(lhs), as_i64(rhs)),
    }
}

fn doubles(op: NumOp, l: f64, r: f64) -> f64 {
    match op {
        NumOp::Add => l + r,
        NumOp::Subtract => l - r,
        NumOp::Multiply => l * r,
        NumOp::Divide => l / r,
        NumOp::Remainder => l % r,
    }
}

/// Int32 operands: computed in 64 bits, an Int32 result when it fits, else a Double.
fn ints(op: NumOp, l: i64, r: i64) -> Result<Value, ValueError> {
    let wide = longs(op, l, r)?;
    Ok(match wide {
        Value::Long(n) => match i32::try_from(n) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Double(n as f64),
        },
        other => other,
    })
}

/// Int64 operands: checked, a Double on overflow; exact division stays integral.
fn longs(op: NumOp, l: i64, r: i64) -> Result<Value, ValueError> {
    let fallback = || Value::Double(doubles(op, l as f64, r as f64));
    let result = match op {
        NumOp::Add => l.checked_add(r),
        NumOp::Subtract => l.checked_sub(r),
        NumOp::Multiply => l.checked_mul(r),
        NumOp::Divide => {
            if r == 0 {
                return Err(ValueError::DivideByZero);
            }
            match l.checked_rem(r) {
                Some(0) => l.checked_div(r),
                Some(_) => return Ok(Value::Double(l as f64 / r as f64)),
                None => None,
            }
        }
        NumOp::Remainder => {
            if r == 0 {
                return Err(ValueError::DivideByZero);
            }
            Some(l.checked_rem(r).unwrap_or(0))
        }
    };
    Ok(result.map_or_else(fallback, Value::Long))
}

fn decimals(op: NumOp, l: Decimal, r: Decimal) -> Result<Value, ValueError> {
    if matches!(op, NumOp::Divide | NumOp::Remainder) && r.is_zero() {
        return Err(ValueError::DivideByZero);
    }
    let result = match op {
        NumOp::Add => l.checked_add(r),
        NumOp::Subtract => l.checked_sub(r),
        NumOp::Multiply => l.checked_mul(r),
        NumOp::Divide => l.checked_div(r),
        NumOp::Remainder => l.checked_rem(r),
    };
    result
        .map(Value::Decimal)
        .ok_or_else(|| ValueError::Overflow {
            message: "Value was either too large or too small for a Decimal.".into(),
        })
}

/// Unary minus of a number.
pub fn negate(value: &Value) -> Value {
    match value {
        Value::Byte(n) => Value::Int(-i32::from(*n)),
        Value::Int(n) => n
            .checked_neg()
            .map_or(Value::Double(-f64::from(*n)), Value::Int),
        Value::Long(n) => n
            .checked_neg()
            .map_or(Value::Double(-(*n as f64)), Value::Long),
        Value::Double(x) => Value::Double(-x),
        Value::Decimal(d) => Value::Decimal(-*d),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::PsType;
    use crate::value::convert::to_string;

    fn show(result: Result<Value, ValueError>) -> String {
        match result {
            Ok(v) => format!("{} {}", PsType::of(&v).name(), to_string(&v, " ")),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn int_overflow_becomes_double() {
        let max = Value::Int(i32::MAX);
        assert_eq!(
            show(apply(NumOp::Add, &max, &Value::Int(1))),
            "Double 2147483648"
        );
        let half_gb = Value::Int(512 << 20);
        assert_eq!(
            show(apply(NumOp::Multiply, &half_gb, &half_gb)),
            "Double 2.88230376151712E+17"
        );
        assert_eq!(
            show(apply(
                NumOp::Add,
                &Value::Int(i32::MIN),
                &Value::Long(4294967295)
            )),
            "Int64 2147483647"
        );
        assert_eq!(
            show(apply(NumOp::Add, &Value::Long(i64::MAX), &Value::Int(1))),
            "Double 9.22337203685478E+18"
        );
        assert_eq!(
            show(apply(NumOp::Add, &Value::Byte(255), &Value::Byte(1))),
            "Int32 256"
        );
    }

    #[test]
    fn division_and_remainder() {
        assert_eq!(
            show(apply(NumOp::Divide, &Value::Int(6), &Value::Int(2))),
            "Int32 3"
        );
        assert_eq!(
            show(apply(NumOp::Divide, &Value::Int(7), &Value::Int(2))),
            "Double 3.5"
        );
        assert_eq!(
            show(apply(NumOp::Divide, &Value::Int(1), &Value::Int(3))),
            "Double 0.333333333333333"
        );
        assert_eq!(
            show(apply(NumOp::Divide, &Value::Int(1), &Value::Int(0))),
            "error: Attempted to divide by zero."
        );
        assert_eq!(
            show(apply(NumOp::Divide, &Value::Double(1.0), &Value::Int(0))),
            "Double Infinity"
        );
        assert_eq!(
            show(apply(NumOp::Remainder, &Value::Int(-7), &Value::Int(3))),
            "Int32 -1"
        );
        assert_eq!(
            show(apply(NumOp::Remainder, &Value::Int(7), &Value::Int(-3))),
            "Int32 1"
        );
        assert_eq!(
            show(apply(
                NumOp::Remainder,
                &Value::Int(i32::MIN),
                &Value::Int(-1)
            )),
            "Int32 0"
        );
        assert_eq!(
            show(apply(NumOp::Divide, &Value::Int(i32::MIN), &Value::Int(-1))),
            "Double 2147483648"
        );
        assert_eq!(
            show(apply(NumOp::Divide, &Value::Int(30000), &Value::Int(1024))),
            "Double 29.296875"
        );
    }

    #[test]
    fn decimals_stay_decimal() {
        let d = Value::Decimal(Decimal::new(15, 1));
        assert_eq!(show(apply(NumOp::Add, &d, &Value::Int(1))), "Decimal 2.5");
        assert_eq!(
            show(apply(NumOp::Add, &d, &Value::Double(1.0))),
            "Double 2.5"
        );
        assert_eq!(
            show(apply(NumOp::Divide, &d, &Value::Int(0))),
            "error: Attempted to divide by zero."
        );
    }

    #[test]
    fn negation() {
        assert_eq!(show(Ok(negate(&Value::Int(6)))), "Int32 -6");
        assert_eq!(show(Ok(negate(&Value::Int(i32::MIN)))), "Double 2147483648");
        assert_eq!(show(Ok(negate(&Value::Double(1.5)))), "Double -1.5");
    }
}
