//! L1 — instance methods of .NET-like values that need no script evaluation: string methods
//! (`Split`, `Trim`, `Replace`, `ToUpper`, `Contains`, `Substring`, `IndexOf`, …), array and
//! list methods (`Add`, `Contains`, `IndexOf`), dictionary methods (`Add`, `ContainsKey`,
//! `Remove`, `GetEnumerator`), `ToString`, `GetType`, `Equals`, `CompareTo`. Member
//! enumeration: a method missing on an array applies to each element.

use super::{Value, ValueError};

/// Call `name(args)` on `target`. `None` when the value has no such method (the evaluator then
/// tries its own: `ForEach`, `Where`, `GetNewClosure`, `Invoke`).
pub fn call_method(target: &Value, name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let _ = (target, name, args);
    todo!("value helper")
}
