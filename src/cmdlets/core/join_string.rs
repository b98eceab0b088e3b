//! L4 — Join-String: joins the input objects (or one property of each) into one string, with
//! a separator, optional quoting or a format string, and a prefix and suffix.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value, convert, format_op};

use super::super::common::properties::{EXPRESSION_KEYS, parse_specs};
use super::super::common::{argument_error, current_input, terminating};

/// `Join-String [[-Property] <Object>] [[-Separator] <String>] [-OutputPrefix …]
/// [-OutputSuffix …] [-SingleQuote | -DoubleQuote | -FormatString …]`
pub struct JoinString;

#[derive(Default)]
struct State {
    parts: Vec<String>,
}

impl Cmdlet for JoinString {
    fn signature(&self) -> Signature {
        Signature::new(
            "Join-String",
            "Combines objects from the pipeline into a single string.",
        )
        .default_set("Default")
        .param(
            Param::new("Property", PsType::Object)
                .position(0)
                .help("The property (or script block) whose values are joined."),
        )
        .param(
            Param::new("Separator", PsType::String)
                .position(1)
                .help("The text between the values."),
        )
        .param(
            Param::new("OutputPrefix", PsType::String)
                .alias("op")
                .help("Text before the result."),
        )
        .param(
            Param::new("OutputSuffix", PsType::String)
                .alias("os")
                .help("Text after the result."),
        )
        .param(
            Param::switch("SingleQuote")
                .set("SingleQuote")
                .help("Wraps each value in single quotes."),
        )
        .param(
            Param::switch("DoubleQuote")
                .set("DoubleQuote")
                .help("Wraps each value in double quotes."),
        )
        .param(
            Param::new("FormatString", PsType::String)
                .set("Format")
                .help("A .NET format string for each value, e.g. '{0:N2}'."),
        )
        .param(Param::switch("UseCulture").set("Default"))
        .param(
            Param::new("InputObject", PsType::PsObject)
                .from_pipeline()
                .help("The objects to join."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Join with a separator",
                "1, 2, 3 | Join-String -Separator ', '",
                "1, 2, 3\n",
            ),
            Example::new(
                "Quote each value",
                "'a', 'b' | Join-String -SingleQuote -Separator ','",
                "'a','b'\n",
            ),
            Example::new(
                "Join a property with a prefix",
                "'x', 'yy' | Join-String -Property Length -Separator '+' -OutputPrefix 'sum: '",
                "sum: 1+2\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let Some(item) = current_input(cx) else {
            return Ok(());
        };
        let value = match cx.args.get("Property").cloned() {
            Some(property) => {
                let specs =
                    parse_specs(&property, EXPRESSION_KEYS).map_err(|e| argument_error(cx, e))?;
                match specs.first() {
                    Some(spec) => spec.value(cx, &item)?,
                    None => item,
                }
            }
            None => item,
        };
        let ofs = cx.interp.ofs();
        let text = convert::to_string(&value, &ofs);
        let part = if cx.args.switch("SingleQuote") {
            format!("'{text}'")
        } else if cx.args.switch("DoubleQuote") {
            format!("\"{text}\"")
        } else if let Some(format) = cx.args.string("FormatString") {
            format_op::format(&format, std::slice::from_ref(&value))
                .map_err(|e| terminating(cx, e.exception_type(), e.to_string()))?
        } else {
            text
        };
        cx.state::<State>().parts.push(part);
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let parts = std::mem::take(&mut cx.state::<State>().parts);
        let separator = cx.args.string("Separator").unwrap_or_default();
        let prefix = cx.args.string("OutputPrefix").unwrap_or_default();
        let suffix = cx.args.string("OutputSuffix").unwrap_or_default();
        let joined = format!("{prefix}{}{suffix}", parts.join(&separator));
        cx.emit(Value::str(joined))
    }
}
