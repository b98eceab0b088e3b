//! L4 — Out-String: renders the input as the console would show it and writes the text as
//! one string, or one string per line with `-Stream`.

use super::super::common::{collect_input, take_collected};
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::format;
use crate::value::{PsType, Value};

/// `Out-String [-Stream] [-Width <Int32>] [-NoNewline] [-InputObject <PSObject>]`
pub struct OutString;

impl Cmdlet for OutString {
    fn signature(&self) -> Signature {
        Signature::new("Out-String", "Outputs input objects as a string.")
            .default_set("NoNewLineFormatting")
            .param(
                Param::switch("Stream")
                    .set("StreamFormatting")
                    .help("Writes one string per line."),
            )
            .param(
                Param::switch("NoNewline")
                    .set("NoNewLineFormatting")
                    .help("Leaves out the newline after each object's text."),
            )
            .param(Param::new("Width", PsType::Int).help("The number of characters per line."))
            .param(
                Param::new("InputObject", PsType::PsObject)
                    .from_pipeline()
                    .help("The objects to render."),
            )
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Text ends with a newline",
                "$s = 'abc' | Out-String; $s.EndsWith(\"`n\")",
                "True\n",
            ),
            Example::new(
                "One string per line",
                "(1, 2 | Out-String -Stream).Count",
                "2\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        collect_input(cx);
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let items = take_collected(cx);
        let text = format::out_string(&items);
        if cx.args.switch("Stream") {
            if text.is_empty() {
                return Ok(());
            }
            let body = text.strip_suffix('\n').unwrap_or(&text);
            for line in body.split('\n') {
                cx.emit(Value::str(line))?;
            }
            return Ok(());
        }
        if cx.args.switch("NoNewline") {
            return cx.emit(Value::str(text.replace('\n', "")));
        }
        cx.emit(Value::str(text))
    }
}
