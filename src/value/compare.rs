//! L1 — comparison operators: `-eq -ne -gt -ge -lt -le -like -notlike -match -notmatch
//! -contains -notcontains -in -notin`, case-insensitive by default, converting the right
//! operand to the left's type, and filtering when the left operand is a collection.

use std::cmp::Ordering;

use crate::syntax::ast::{CaseMode, CompareOp};

use super::{Value, ValueError};

/// Scalar equality as `-eq` sees it (right converted to the left's type).
pub fn equals(lhs: &Value, rhs: &Value, case_sensitive: bool) -> bool {
    let _ = (lhs, rhs, case_sensitive);
    todo!("value helper")
}

/// Scalar ordering as `-lt`/`Sort-Object` see it (right converted to the left's type;
/// strings compared culture-like: case-insensitive unless asked, `'a' -lt 'B'`).
pub fn compare(lhs: &Value, rhs: &Value, case_sensitive: bool) -> Result<Ordering, ValueError> {
    let _ = (lhs, rhs, case_sensitive);
    todo!("value helper")
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
    let _ = (op, case, lhs, rhs, matches);
    todo!("value helper")
}
