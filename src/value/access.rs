//! L1 — member and index access on values: properties (with member enumeration over
//! collections), indexing (negative indexes, index lists, dictionary keys, string chars), and
//! their assignment forms.

use super::{Value, ValueError};

/// `x.Name`: object properties, dictionary keys, intrinsic properties (`Length`, `Count`,
/// `Rank`, `Keys`, `Values`, `PSObject`, …), member enumeration over arrays; `Null` when absent.
pub fn get_member(target: &Value, name: &str) -> Value {
    let _ = (target, name);
    todo!("value helper")
}

/// `x.Name = value` on objects and dictionaries.
pub fn set_member(target: &Value, name: &str, value: Value) -> Result<(), ValueError> {
    let _ = (target, name, value);
    todo!("value helper")
}

/// `x[i]`: arrays (negative indexes from the end, an array of indexes gives an array),
/// strings (chars), dictionaries (by key; an ordered dictionary by position for an int),
/// scalars (`4[0]` is 4); out of range → `Null`.
pub fn get_index(target: &Value, index: &Value) -> Result<Value, ValueError> {
    let _ = (target, index);
    todo!("value helper")
}

/// `x[i] = value` on arrays, lists and dictionaries.
pub fn set_index(target: &Value, index: &Value, value: Value) -> Result<(), ValueError> {
    let _ = (target, index, value);
    todo!("value helper")
}
