//! L4 — helpers for the *-Variable cmdlets: `-Scope` (Global, Script, Local, Private or a
//! number of levels up) to a scope index, finding the scope that holds a variable, and the
//! PSVariable objects Get-Variable writes.

use crate::engine::{Context, Eval, Param};
use crate::value::{PsType, Value};

use super::{argument_error, typed_object};

/// The `-Scope` parameter the variable cmdlets share.
pub fn scope_param() -> Param {
    Param::new("Scope", PsType::String)
        .help("Global, Script, Local, Private, or a number of scopes up (0 = local).")
}

/// The scope index `-Scope` names (the local scope when not given).
pub fn scope_index(cx: &Context<'_, '_>) -> Eval<usize> {
    let local = cx.interp.scopes.local_index();
    let Some(scope) = cx.args.string("Scope") else {
        return Ok(local);
    };
    match scope.to_ascii_lowercase().as_str() {
        "global" => Ok(0),
        "script" => Ok(cx.interp.scopes.script_index()),
        "local" | "private" => Ok(local),
        other => match other.parse::<usize>() {
            Ok(up) if up <= local => Ok(local - up),
            Ok(_) => Err(argument_error(
                cx,
                format!("The scope number '{scope}' exceeds the number of active scopes."),
            )),
            Err(_) => Err(argument_error(
                cx,
                format!(
                    "Cannot process argument because the value of argument \"scope\" is not valid. ('{scope}')"
                ),
            )),
        },
    }
}

/// The innermost scope (from `start` outwards) that defines `name`.
fn holding_scope(cx: &Context<'_, '_>, name: &str, start: usize) -> Option<usize> {
    let key = name.to_lowercase();
    (0..=start)
        .rev()
        .find(|&index| cx.interp.scopes.lookup_in(index, &key).is_some())
}

/// A `System.Management.Automation.PSVariable` object.
pub fn variable_object(name: &str, value: Value) -> Value {
    typed_object(
        "System.Management.Automation.PSVariable",
        vec![("Name", Value::str(name)), ("Value", value)],
        Some(name.to_string()),
    )
}

/// The scope a variable command acts on for `name`: the one `-Scope` names, else the
/// innermost scope (from `start` outwards) that defines it.
pub fn target_scope(cx: &Context<'_, '_>, name: &str, start: usize) -> Option<usize> {
    if cx.args.contains("Scope") {
        Some(start)
    } else {
        holding_scope(cx, name, start)
    }
}

/// pwsh's non-terminating error for a variable that does not exist.
pub fn report_not_found(cx: &mut Context<'_, '_>, name: &str) -> Eval<()> {
    cx.write_error(
        &format!("Cannot find a variable with the name '{name}'."),
        "System.Management.Automation.ItemNotFoundException",
        Value::str(name),
    )
}
