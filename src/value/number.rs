//! L1 — numbers as text: PowerShell's display of doubles and decimals, and parsing numeric
//! strings the way casts and arithmetic do.

use super::Value;

/// A double as PowerShell prints it (`0.1 + 0.2` → `0.3`, `1/3` → `0.333333333333333`,
/// `1e20` → `1E+20`, `[math]::PI` → `3.14159265358979`).
pub fn format_double(value: f64) -> String {
    let _ = value;
    todo!("value helper")
}

/// Parse a numeric string as PowerShell converts strings to numbers: surrounding white space
/// allowed, `0x` hex, decimal points and exponents, `kb/mb/gb/tb/pb` multipliers, `l`/`d`
/// suffixes. Returns the narrowest of Int32/Int64/Double/Decimal that holds it.
pub fn parse_number(text: &str) -> Option<Value> {
    let _ = text;
    todo!("value helper")
}
