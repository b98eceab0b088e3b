//! L4 — ConvertTo-Json: writes the input as JSON text; several pipeline objects become one
//! JSON array, one stays itself (unless `-AsArray`). Nesting past `-Depth` (default 2) is
//! written as the value's string form, with a warning.

use super::super::common::{collect_input, take_collected};
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::format::json::convert_to_json;
use crate::value::{PsType, Value};

use super::super::common::arg_int;

/// `ConvertTo-Json [-InputObject] <Object> [-Depth <Int32>] [-Compress] [-EnumsAsStrings]
/// [-AsArray] [-EscapeHandling …]`
pub struct ConvertToJson;

impl Cmdlet for ConvertToJson {
    fn signature(&self) -> Signature {
        Signature::new(
            "ConvertTo-Json",
            "Converts an object to a JSON-formatted string.",
        )
        .param(
            Param::new("InputObject", PsType::Object)
                .position(0)
                .mandatory()
                .from_pipeline()
                .help("The objects to convert."),
        )
        .param(
            Param::new("Depth", PsType::Int)
                .help("How many levels of nesting to write (default 2, at most 100)."),
        )
        .param(Param::switch("Compress").help("Leaves out white space and indentation."))
        .param(Param::switch("EnumsAsStrings").help("Writes enumeration values by name."))
        .param(Param::switch("AsArray").help("Writes a JSON array even for one object."))
        .param(Param::new("EscapeHandling", PsType::String).accepts(&[
            "Default",
            "EscapeNonAscii",
            "EscapeHtml",
        ]))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Compressed, keys in order",
                "[ordered]@{ Account = 'User01'; Admin = 'True' } | ConvertTo-Json -Compress",
                "{\"Account\":\"User01\",\"Admin\":\"True\"}\n",
            ),
            Example::new(
                "Indented",
                "[pscustomobject]@{ name = 'x'; list = @(1, 2) } | ConvertTo-Json",
                "{\n  \"name\": \"x\",\n  \"list\": [\n    1,\n    2\n  ]\n}\n",
            ),
            Example::new(
                "Several objects make an array",
                "1, 2 | ConvertTo-Json -Compress",
                "[1,2]\n",
            ),
            Example::new(
                "Escaping",
                "'say \"hi\"' | ConvertTo-Json",
                "\"say \\\"hi\\\"\"\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        collect_input(cx);
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let mut items = take_collected(cx);
        if items.is_empty() && !cx.args.switch("AsArray") {
            return Ok(());
        }
        let depth = arg_int(cx, "Depth").unwrap_or(2).clamp(0, 100) as usize;
        let value = if items.len() == 1 && !cx.args.switch("AsArray") {
            items.pop().unwrap_or_default()
        } else {
            Value::array(items)
        };
        match convert_to_json(&value, depth, cx.args.switch("Compress")) {
            Ok(json) => {
                if json.truncated {
                    cx.write_warning(&format!(
                        "Resulting JSON is truncated as serialization has exceeded the set depth of {depth}."
                    ));
                }
                cx.emit(Value::str(json.text))
            }
            Err(message) => cx.write_error(&message, "System.NotSupportedException", value),
        }
    }
}
