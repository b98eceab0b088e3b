//! L1 — .NET composite formatting for `-f` and `[string]::Format`: `{0}`, `{0,-5}`,
//! `{0:D3}`, `{0:X}`, `{0:N2}`, `{0:0.00}`, `{{`/`}}`.

use super::{Value, ValueError};

pub fn format(template: &str, args: &[Value]) -> Result<String, ValueError> {
    let _ = (template, args);
    todo!("value helper")
}
