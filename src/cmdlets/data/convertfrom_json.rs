//! L4 — ConvertFrom-Json: parses JSON text into custom objects (or hashtables with
//! `-AsHashtable`); lines piped in one by one are joined into one document.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::format::json::from_json;
use crate::value::{PsType, Value, convert};

use super::super::common::{arg_int, current_input};

/// `ConvertFrom-Json [-InputObject] <String> [-AsHashtable] [-Depth <Int32>] [-NoEnumerate]`
pub struct ConvertFromJson;

#[derive(Default)]
struct State {
    texts: Vec<String>,
}

impl Cmdlet for ConvertFromJson {
    fn signature(&self) -> Signature {
        Signature::new(
            "ConvertFrom-Json",
            "Converts a JSON-formatted string to a custom object or a hash table.",
        )
        .param(
            Param::new("InputObject", PsType::String)
                .position(0)
                .mandatory()
                .from_pipeline()
                .help("The JSON text."),
        )
        .param(Param::switch("AsHashtable").help("Makes hashtables instead of custom objects."))
        .param(Param::new("Depth", PsType::Int).help("The deepest nesting allowed (default 1024)."))
        .param(Param::switch("NoEnumerate").help("Writes a JSON array as one object."))
        .param(Param::switch("DateKind"))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Read into a hashtable",
                "$h = '{\"a\":1,\"b\":2}' | ConvertFrom-Json -AsHashtable\n$h['b']\n($h.Keys) -join ','",
                "2\na,b\n",
            ),
            Example::new(
                "Read an object",
                "('{\"name\":\"srv\",\"port\":25}' | ConvertFrom-Json).port",
                "25\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        if let Some(item) = current_input(cx) {
            let text = convert::to_string(&item, "\n");
            cx.state::<State>().texts.push(text);
        }
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let texts = std::mem::take(&mut cx.state::<State>().texts);
        if texts.is_empty() {
            return Ok(());
        }
        let as_hashtable = cx.args.switch("AsHashtable");
        // Several strings: each its own document when each parses, else one joined document.
        let documents: Vec<Value> = match texts.iter().map(|t| from_json(t, as_hashtable)).collect()
        {
            Ok(values) if texts.len() > 1 => values,
            _ => match from_json(&texts.join("\n"), as_hashtable) {
                Ok(value) => vec![value],
                Err(error) => {
                    let message = format!("Conversion from JSON failed with error: {error}");
                    return cx.write_error(
                        &message,
                        "System.ArgumentException",
                        Value::str(texts.join("\n")),
                    );
                }
            },
        };
        let max_depth = arg_int(cx, "Depth").unwrap_or(1024).max(0) as usize;
        for document in documents {
            if depth_of(&document) > max_depth {
                let message = format!(
                    "Conversion from JSON failed with error: The reader's MaxDepth of {max_depth} has been exceeded."
                );
                cx.write_error(&message, "System.ArgumentException", Value::Null)?;
                continue;
            }
            if cx.args.switch("NoEnumerate") {
                cx.emit(document)?;
            } else {
                cx.emit_enumerated(document)?;
            }
        }
        Ok(())
    }
}

/// How deeply objects and arrays nest in a parsed document (a scalar is 0).
fn depth_of(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.to_vec().iter().map(depth_of).max().unwrap_or(0),
        Value::Dict(dict) => 1 + dict.values().iter().map(depth_of).max().unwrap_or(0),
        Value::Object(object) => {
            1 + object
                .props
                .borrow()
                .iter()
                .map(|(_, v)| depth_of(v))
                .max()
                .unwrap_or(0)
        }
        _ => 0,
    }
}
