//! L1 — arithmetic, bitwise and range operators with PowerShell's numeric widening
//! (Int32 → Int64 → Double on overflow, `7/2` → 3.5, `6/2` → Int32 3) and their string and
//! array forms (`"5" + 5`, `"ab" * 3`, `@(1) + 2`, `@{} + @{}`).

use super::{Value, ValueError};

pub fn add(lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    let _ = (lhs, rhs);
    todo!("value helper")
}
pub fn subtract(lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    let _ = (lhs, rhs);
    todo!("value helper")
}
pub fn multiply(lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    let _ = (lhs, rhs);
    todo!("value helper")
}
pub fn divide(lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    let _ = (lhs, rhs);
    todo!("value helper")
}
pub fn remainder(lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    let _ = (lhs, rhs);
    todo!("value helper")
}
/// Unary minus.
pub fn negate(operand: &Value) -> Result<Value, ValueError> {
    let _ = operand;
    todo!("value helper")
}
/// `-band -bor -bxor -shl -shr` (op is one of "band", "bor", "bxor", "shl", "shr").
pub fn bitwise(op: &str, lhs: &Value, rhs: &Value) -> Result<Value, ValueError> {
    let _ = (op, lhs, rhs);
    todo!("value helper")
}
/// `-bnot`
pub fn bit_not(operand: &Value) -> Result<Value, ValueError> {
    let _ = operand;
    todo!("value helper")
}
/// `a..b` for integers (either direction) and single-character strings (`'a'..'e'`).
pub fn range(lhs: &Value, rhs: &Value) -> Result<Vec<Value>, ValueError> {
    let _ = (lhs, rhs);
    todo!("value helper")
}
