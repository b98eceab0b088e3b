//! L1 — `[Math]::…`: `Round` (banker's by default, `MidpointRounding` modes, digits),
//! `Floor`, `Ceiling`, `Truncate`, `Abs`, `Max`, `Min`, `Sign`, `Pow`, `Sqrt`, `Log`, trig.

use rust_decimal::{Decimal, RoundingStrategy};

use super::args::{Args, overload};
use super::{Value, ValueError, cast, convert, enums};

/// The `MidpointRounding` modes (their enum values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    ToEven,
    AwayFromZero,
    ToZero,
    ToNegativeInfinity,
    ToPositiveInfinity,
}

fn mode_of(value: &Value) -> Result<Mode, ValueError> {
    let converted = enums::convert("System.MidpointRounding", value)?;
    let n = match &converted {
        Value::Object(o) => enums::numeric_value(o).unwrap_or(0),
        _ => 0,
    };
    Ok(match n {
        1 => Mode::AwayFromZero,
        2 => Mode::ToZero,
        3 => Mode::ToNegativeInfinity,
        4 => Mode::ToPositiveInfinity,
        _ => Mode::ToEven,
    })
}

fn is_mode(value: &Value) -> bool {
    matches!(value, Value::String(_))
        || matches!(value, Value::Object(o) if o.type_name.as_ref() == "System.MidpointRounding")
}

/// A numeric argument: decimals stay decimal, everything else becomes a double.
fn number(value: &Value) -> Result<Value, ValueError> {
    match convert::to_number(value)? {
        d @ Value::Decimal(_) => Ok(d),
        other => Ok(Value::Double(cast::as_f64(&other))),
    }
}

fn round_double(x: f64, digits: i64, mode: Mode) -> f64 {
    if !x.is_finite() || x.abs() >= 1e16 {
        return x;
    }
    let power = 10f64.powi(i32::try_from(digits).unwrap_or(0));
    let v = x * power;
    let rounded = match mode {
        Mode::ToEven => v.round_ties_even(),
        Mode::AwayFromZero => {
            let t = v.trunc();
            if (v - t).abs() >= 0.5 {
                t + v.signum()
            } else {
                t
            }
        }
        Mode::ToZero => v.trunc(),
        Mode::ToNegativeInfinity => v.floor(),
        Mode::ToPositiveInfinity => v.ceil(),
    };
    rounded / power
}

fn round_decimal(d: Decimal, digits: i64, mode: Mode) -> Decimal {
    let strategy = match mode {
        Mode::ToEven => RoundingStrategy::MidpointNearestEven,
        Mode::AwayFromZero => RoundingStrategy::MidpointAwayFromZero,
        Mode::ToZero => RoundingStrategy::ToZero,
        Mode::ToNegativeInfinity => RoundingStrategy::ToNegativeInfinity,
        Mode::ToPositiveInfinity => RoundingStrategy::ToPositiveInfinity,
    };
    d.round_dp_with_strategy(u32::try_from(digits).unwrap_or(0), strategy)
}

/// `[Math]::Round(x)`, `(x, digits)`, `(x, mode)`, `(x, digits, mode)`.
fn round(a: &Args<'_>) -> Result<Value, ValueError> {
    a.expect(1, 3)?;
    let x = number(&a.get(0))?;
    let (digits, mode) = match a.len() {
        1 => (0, Mode::ToEven),
        2 if is_mode(&a.get(1)) => (0, mode_of(&a.get(1))?),
        2 => (a.int(1)?, Mode::ToEven),
        _ => (a.int(1)?, mode_of(&a.get(2))?),
    };
    let max = if matches!(x, Value::Decimal(_)) {
        28
    } else {
        15
    };
    if !(0..=max).contains(&digits) {
        return Err(ValueError::ArgumentOutOfRange {
            message: format!(
                "Rounding digits must be between 0 and {max}, inclusive. (Parameter 'digits')"
            ),
        });
    }
    Ok(match x {
        Value::Decimal(d) => Value::Decimal(round_decimal(d, digits, mode)),
        other => Value::Double(round_double(cast::as_f64(&other), digits, mode)),
    })
}

/// Apply a double function, or its decimal counterpart when the argument is a decimal.
fn unary(
    a: &Args<'_>,
    on_double: fn(f64) -> f64,
    on_decimal: fn(Decimal) -> Decimal,
) -> Result<Value, ValueError> {
    a.expect(1, 1)?;
    Ok(match number(&a.get(0))? {
        Value::Decimal(d) => Value::Decimal(on_decimal(d)),
        other => Value::Double(on_double(cast::as_f64(&other))),
    })
}

fn doubles(a: &Args<'_>, count: usize) -> Result<Vec<f64>, ValueError> {
    a.expect(count, count)?;
    (0..count).map(|i| a.double(i)).collect()
}

/// `Abs`, keeping integer types (`[Math]::Abs(-5)` is an Int32).
fn abs(a: &Args<'_>) -> Result<Value, ValueError> {
    a.expect(1, 1)?;
    let overflow = || ValueError::Overflow {
        message: "Negating the minimum value of a twos complement number is invalid.".into(),
    };
    Ok(match convert::to_number(&a.get(0))? {
        Value::Byte(b) => Value::Byte(b),
        Value::Int(n) => Value::Int(n.checked_abs().ok_or_else(overflow)?),
        Value::Long(n) => Value::Long(n.checked_abs().ok_or_else(overflow)?),
        Value::Decimal(d) => Value::Decimal(d.abs()),
        other => Value::Double(cast::as_f64(&other).abs()),
    })
}

/// `Max`/`Min`, typed by the wider operand.
fn extreme(a: &Args<'_>, max: bool) -> Result<Value, ValueError> {
    a.expect(2, 2)?;
    let l = convert::to_number(&a.get(0))?;
    let r = convert::to_number(&a.get(1))?;
    let pick = |greater: bool| if greater == max { l.clone() } else { r.clone() };
    Ok(match (&l, &r) {
        (Value::Byte(x), Value::Byte(y)) => Value::Byte(if max { *x.max(y) } else { *x.min(y) }),
        (Value::Int(_) | Value::Byte(_), Value::Int(_) | Value::Byte(_)) => {
            let (x, y) = (
                cast::as_rounded_i64(&l).unwrap_or(0),
                cast::as_rounded_i64(&r).unwrap_or(0),
            );
            Value::Int(i32::try_from(if max { x.max(y) } else { x.min(y) }).unwrap_or(0))
        }
        (
            Value::Int(_) | Value::Byte(_) | Value::Long(_),
            Value::Int(_) | Value::Byte(_) | Value::Long(_),
        ) => {
            let (x, y) = (
                cast::as_rounded_i64(&l).unwrap_or(0),
                cast::as_rounded_i64(&r).unwrap_or(0),
            );
            Value::Long(if max { x.max(y) } else { x.min(y) })
        }
        (Value::Double(_), _) | (_, Value::Double(_)) => {
            let (x, y) = (cast::as_f64(&l), cast::as_f64(&r));
            if x.is_nan() || y.is_nan() {
                Value::Double(f64::NAN)
            } else {
                Value::Double(if max { x.max(y) } else { x.min(y) })
            }
        }
        _ => match (cast::as_decimal(&l), cast::as_decimal(&r)) {
            (Some(x), Some(y)) => Value::Decimal(if max { x.max(y) } else { x.min(y) }),
            _ => pick(cast::as_f64(&l) > cast::as_f64(&r)),
        },
    })
}

fn sign(a: &Args<'_>) -> Result<Value, ValueError> {
    a.expect(1, 1)?;
    let value = convert::to_number(&a.get(0))?;
    let x = cast::as_f64(&value);
    if x.is_nan() {
        return Err(ValueError::Argument {
            message: "Function does not accept floating point Not-a-Number values.".into(),
        });
    }
    Ok(Value::Int(if x > 0.0 {
        1
    } else if x < 0.0 {
        -1
    } else {
        0
    }))
}

/// `[Math]::Name(args)`; `None` for an unknown name.
pub fn call(name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let d1 = |f: fn(f64) -> f64| doubles(&a, 1).map(|v| Value::Double(f(v[0])));
    Some(match name.to_ascii_lowercase().as_str() {
        "round" => round(&a),
        "floor" => unary(&a, f64::floor, |d| d.floor()),
        "ceiling" => unary(&a, f64::ceil, |d| d.ceil()),
        "truncate" => unary(&a, f64::trunc, |d| d.trunc()),
        "abs" => abs(&a),
        "max" => extreme(&a, true),
        "min" => extreme(&a, false),
        "sign" => sign(&a),
        "sqrt" => d1(f64::sqrt),
        "exp" => d1(f64::exp),
        "log10" => d1(f64::log10),
        "log2" => d1(f64::log2),
        "sin" => d1(f64::sin),
        "cos" => d1(f64::cos),
        "tan" => d1(f64::tan),
        "asin" => d1(f64::asin),
        "acos" => d1(f64::acos),
        "atan" => d1(f64::atan),
        "sinh" => d1(f64::sinh),
        "cosh" => d1(f64::cosh),
        "tanh" => d1(f64::tanh),
        "cbrt" => d1(f64::cbrt),
        "log" => match a.len() {
            1 => d1(f64::ln),
            2 => doubles(&a, 2).map(|v| Value::Double(v[0].ln() / v[1].ln())),
            n => Err(overload(name, n)),
        },
        "pow" => doubles(&a, 2).map(|v| Value::Double(v[0].powf(v[1]))),
        "atan2" => doubles(&a, 2).map(|v| Value::Double(v[0].atan2(v[1]))),
        "ieeeremainder" => {
            doubles(&a, 2).map(|v| Value::Double(v[0] - v[1] * (v[0] / v[1]).round_ties_even()))
        }
        "clamp" => a.expect(3, 3).and_then(|()| {
            let low = extreme(&Args::new(name, &[a.get(0), a.get(1)]), true)?;
            extreme(&Args::new(name, &[low, a.get(2)]), false)
        }),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::PsType;

    fn m(name: &str, args: Vec<Value>) -> String {
        match call(name, &args) {
            Some(Ok(v)) => format!("{} {}", PsType::of(&v).name(), convert::to_string(&v, " ")),
            Some(Err(e)) => format!("error: {e}"),
            None => "<none>".into(),
        }
    }

    #[test]
    fn rounding_modes() {
        assert_eq!(m("Round", vec![Value::Double(2.5)]), "Double 2");
        assert_eq!(m("Round", vec![Value::Double(3.5)]), "Double 4");
        let away = enums::member("System.MidpointRounding", "AwayFromZero").unwrap_or_default();
        assert_eq!(
            m("Round", vec![Value::Double(2.5), away.clone()]),
            "Double 3"
        );
        assert_eq!(
            m("Round", vec![Value::Double(-2.5), away.clone()]),
            "Double -3"
        );
        assert_eq!(
            m("Round", vec![Value::Double(2.345), Value::Int(2)]),
            "Double 2.35"
        );
        assert_eq!(
            m("Round", vec![Value::Double(1.005), Value::Int(2), away]),
            "Double 1"
        );
        assert_eq!(
            m(
                "Round",
                vec![Value::Double(2.5), Value::str("AwayFromZero")]
            ),
            "Double 3"
        );
        assert_eq!(
            m("Round", vec![Value::Decimal(Decimal::new(25, 1))]),
            "Decimal 2"
        );
        assert!(m("Round", vec![Value::Double(1.0), Value::Int(16)]).starts_with("error"));
    }

    #[test]
    fn floor_ceiling_abs_minmax() {
        assert_eq!(m("Ceiling", vec![Value::Double(2.5)]), "Double 3");
        assert_eq!(m("Floor", vec![Value::Double(2.5)]), "Double 2");
        assert_eq!(m("Floor", vec![Value::Int(5)]), "Double 5");
        assert_eq!(m("Truncate", vec![Value::Double(-2.7)]), "Double -2");
        assert_eq!(m("Abs", vec![Value::Int(-5)]), "Int32 5");
        assert_eq!(m("Abs", vec![Value::Double(-1.5)]), "Double 1.5");
        assert!(m("Abs", vec![Value::Int(i32::MIN)]).starts_with("error"));
        assert_eq!(m("Max", vec![Value::Int(3), Value::Int(7)]), "Int32 7");
        assert_eq!(
            m("Min", vec![Value::Int(3), Value::Double(1.5)]),
            "Double 1.5"
        );
        assert_eq!(m("Max", vec![Value::Int(3), Value::Long(7)]), "Int64 7");
        assert_eq!(m("Sign", vec![Value::Double(-0.5)]), "Int32 -1");
        assert_eq!(
            m("Clamp", vec![Value::Int(15), Value::Int(0), Value::Int(10)]),
            "Int32 10"
        );
    }

    #[test]
    fn powers_and_logs() {
        assert_eq!(m("Pow", vec![Value::Int(2), Value::Int(10)]), "Double 1024");
        assert_eq!(m("Sqrt", vec![Value::Int(16)]), "Double 4");
        assert_eq!(m("Log10", vec![Value::Int(1000)]), "Double 3");
        assert_eq!(m("Log", vec![Value::Int(8), Value::Int(2)]), "Double 3");
        assert_eq!(m("Nope", vec![]), "<none>");
    }
}
