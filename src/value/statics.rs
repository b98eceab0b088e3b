//! L1 — static members of .NET-like types: `[int]::MaxValue`, `[math]::Round`,
//! `[string]::Join`, `[array]::IndexOf`, `[System.IO.File]::ReadAllBytes`, `[T]::new()`,
//! `[bool]::Parse`, enum values (`[MidpointRounding]::AwayFromZero`).

use super::{PsType, Value, ValueError};

/// `[T]::Name` (property or field). `None` when `T` has no such static member.
pub fn get_static(ty: &PsType, name: &str) -> Option<Result<Value, ValueError>> {
    let _ = (ty, name);
    todo!("value helper")
}

/// `[T]::Name(args)`, including `::new(…)`. `None` when `T` has no such static method.
pub fn call_static(ty: &PsType, name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let _ = (ty, name, args);
    todo!("value helper")
}
