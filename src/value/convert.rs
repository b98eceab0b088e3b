//! L1 — PowerShell's conversions (LanguagePrimitives): to string, to bool, to number, casts.

use super::{PsType, Value, ValueError};

/// The string form PowerShell uses for `"$x"`, `[string]$x` and string operators: arrays
/// joined by `ofs` (recursively), `$null` → "", doubles round-trip (`0.1`, `1E+20`),
/// `True`/`False`, hashtables by type name, `[pscustomobject]` as `@{a=1; b=2}`, script
/// blocks by their text, error records by their message.
pub fn to_string(value: &Value, ofs: &str) -> String {
    let _ = (value, ofs);
    todo!("value helper")
}

/// PowerShell truthiness: `$null`, `$false`, 0, "" and empty arrays are false; a one-element
/// array is its element's truth; any other array, object or non-empty string is true.
pub fn to_bool(value: &Value) -> bool {
    let _ = value;
    todo!("value helper")
}

/// `[T]value`: convert to `ty` as a PowerShell cast does (string → number parsing with hex and
/// multipliers, double → int with banker's rounding, scalar → array, hashtable →
/// pscustomobject, …). `ofs` is the separator for array → string.
pub fn convert_to(value: &Value, ty: &PsType, ofs: &str) -> Result<Value, ValueError> {
    let _ = (value, ty, ofs);
    todo!("value helper")
}

/// A value as a number for arithmetic: numbers as they are, strings parsed (`"5"` → 5,
/// `"1.5"` → 1.5, `"0x10"` → 16, `""` → 0), `$null` → 0, bool/char → int.
pub fn to_number(value: &Value) -> Result<Value, ValueError> {
    let _ = value;
    todo!("value helper")
}

/// A value as a 64-bit integer (indexes, counts), with PowerShell's rounding.
pub fn to_i64(value: &Value) -> Result<i64, ValueError> {
    let _ = value;
    todo!("value helper")
}

/// The items a pipeline unrolls a value into: `Some(items)` for arrays and lists (not for
/// strings, dictionaries or objects), `None` for a scalar.
pub fn enumerate(value: &Value) -> Option<Vec<Value>> {
    let _ = value;
    todo!("value helper")
}
