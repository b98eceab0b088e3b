//! L4 — Read-Host: reads a line typed by the user, after an optional prompt.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value, convert};

use super::super::common::secure_string::secure_string;

/// `Read-Host [[-Prompt] <Object>] [-AsSecureString] [-MaskInput]`
pub struct ReadHost;

impl Cmdlet for ReadHost {
    fn signature(&self) -> Signature {
        Signature::new("Read-Host", "Reads a line of input from the console.")
            .param(
                Param::new("Prompt", PsType::Object)
                    .position(0)
                    .remaining()
                    .help("The text shown before the input, followed by ': '."),
            )
            .param(
                Param::switch("AsSecureString")
                    .help("Hides the input and returns it as a SecureString."),
            )
            .param(Param::switch("MaskInput").help("Hides the input."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Without input, nothing is read",
            "$answer = Read-Host 'Name'; $null -eq $answer",
            "True\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let prompt = match cx.args.get("Prompt") {
            Some(value) => format!("{}: ", convert::to_string(value, " ")),
            None => String::new(),
        };
        let secure = cx.args.switch("AsSecureString");
        let line = if secure || cx.args.switch("MaskInput") {
            cx.interp.host.read_secret(&prompt)
        } else {
            cx.interp.host.read_line(&prompt)
        };
        let Some(line) = line else {
            return Ok(());
        };
        let line = line.strip_suffix('\n').unwrap_or(&line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if secure {
            cx.emit(secure_string(line))
        } else {
            cx.emit(Value::str(line))
        }
    }
}
