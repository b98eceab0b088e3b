//! L4 — Write-Host: writes text straight to the host (the information stream), items joined
//! by `-Separator`, nested collections flattened.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value, convert};

/// The console colours `-ForegroundColor` / `-BackgroundColor` accept (accepted, not shown:
/// output is plain text).
pub const CONSOLE_COLORS: &[&str] = &[
    "Black",
    "DarkBlue",
    "DarkGreen",
    "DarkCyan",
    "DarkRed",
    "DarkMagenta",
    "DarkYellow",
    "Gray",
    "DarkGray",
    "Blue",
    "Green",
    "Cyan",
    "Red",
    "Magenta",
    "Yellow",
    "White",
];

/// `Write-Host [[-Object] <Object>] [-NoNewline] [-Separator <Object>] [-ForegroundColor …]`
pub struct WriteHost;

impl Cmdlet for WriteHost {
    fn signature(&self) -> Signature {
        Signature::new("Write-Host", "Writes customized output to the host.")
            .param(
                Param::new("Object", PsType::Object)
                    .position(0)
                    .from_pipeline()
                    .remaining()
                    .alias("Msg")
                    .alias("Message")
                    .help("Objects to display in the host."),
            )
            .param(Param::switch("NoNewline").help("Writes no newline after the output."))
            .param(
                Param::new("Separator", PsType::Object)
                    .help("The text between displayed objects (default: a space)."),
            )
            .param(Param::new("ForegroundColor", PsType::String).accepts(CONSOLE_COLORS))
            .param(Param::new("BackgroundColor", PsType::String).accepts(CONSOLE_COLORS))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new("Write text", "Write-Host 'a' 'b' 'c'", "a b c\n"),
            Example::new(
                "Use a separator",
                "Write-Host -Separator ', ' 'x', 'y'",
                "x, y\n",
            ),
            Example::new(
                "No newline",
                "Write-Host -NoNewline 'abc'; Write-Host 'def'",
                "abcdef\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let separator = cx
            .args
            .get("Separator")
            .map(|s| convert::to_string(s, " "))
            .unwrap_or_else(|| " ".to_string());
        let mut text = String::new();
        if let Some(value) = cx
            .input()
            .cloned()
            .or_else(|| cx.args.get("Object").cloned())
        {
            let mut parts = Vec::new();
            flatten(&value, &mut parts);
            text = parts.join(&separator);
        }
        if !cx.args.switch("NoNewline") {
            text.push('\n');
        }
        cx.interp.host.write_information(&text);
        Ok(())
    }
}

/// How deeply nested collections are flattened (a collection containing itself stops here).
const MAX_DEPTH: usize = 64;

/// Collections are written item by item (recursively); strings and other values whole.
fn flatten(value: &Value, out: &mut Vec<String>) {
    flatten_at(value, out, 0);
}

fn flatten_at(value: &Value, out: &mut Vec<String>, depth: usize) {
    match convert::enumerate(value) {
        Some(items) if depth < MAX_DEPTH => items
            .iter()
            .for_each(|item| flatten_at(item, out, depth + 1)),
        _ => out.push(convert::to_string(value, " ")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn flattens_nested_arrays() {
        let mut parts = Vec::new();
        let nested = Value::array(vec![
            Value::array(vec![Value::Int(1), Value::Int(2)]),
            Value::str("x"),
        ]);
        flatten(&nested, &mut parts);
        assert_eq!(parts, ["1", "2", "x"]);
    }
}
