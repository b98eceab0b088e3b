//! L4 — Get-Content: reads files line by line (line ends removed), whole (`-Raw`), the first
//! or last lines (`-TotalCount`, `-Tail`), or as bytes (`-AsByteStream`).

use std::path::PathBuf;

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{Array, PsType, Value};

use super::super::common::encoding::{ENCODING_NAMES, decode};
use super::super::common::paths::{ITEM_NOT_FOUND, expand, is_provider_path, not_found};
use super::super::common::{arg_int, arg_strings, string_array};

/// `Get-Content [-Path] <String[]> [-TotalCount …] [-Tail …] [-Raw] [-Encoding …]
/// [-AsByteStream]`
pub struct GetContent;

impl Cmdlet for GetContent {
    fn signature(&self) -> Signature {
        Signature::new(
            "Get-Content",
            "Gets the content of the item at the specified location.",
        )
        .default_set("Path")
        .param(
            Param::new("Path", string_array())
                .position(0)
                .mandatory()
                .set("Path")
                .from_pipeline_by_property_name()
                .help("The files to read; wildcards are permitted."),
        )
        .param(
            Param::new("LiteralPath", string_array())
                .mandatory()
                .set("LiteralPath")
                .alias("PSPath")
                .alias("LP")
                .from_pipeline_by_property_name()
                .help("The files to read, taken literally (no wildcards)."),
        )
        .param(
            Param::new("ReadCount", PsType::Long)
                .help("Lines per output object (0: all lines in one array)."),
        )
        .param(
            Param::new("TotalCount", PsType::Long)
                .alias("First")
                .alias("Head")
                .help("How many lines to read from the start."),
        )
        .param(
            Param::new("Tail", PsType::Int)
                .alias("Last")
                .help("How many lines to read from the end."),
        )
        .param(Param::switch("Raw").help("Reads the whole file as one string, line ends kept."))
        .param(
            Param::new("Delimiter", PsType::String)
                .help("The text that ends each 'line' (default: a newline)."),
        )
        .param(
            Param::new("Encoding", PsType::String)
                .accepts(ENCODING_NAMES)
                .help("The text encoding (default UTF-8; a byte-order mark wins)."),
        )
        .param(Param::switch("AsByteStream").help("Reads bytes instead of text."))
        .param(Param::switch("Force"))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Read lines",
                "Set-Content -Path /tmp/mailsec-example-gc.txt -Value 'one', 'two', 'three'\nGet-Content /tmp/mailsec-example-gc.txt -TotalCount 2",
                "one\ntwo\n",
            ),
            Example::new(
                "The last line",
                "Set-Content /tmp/mailsec-example-gc2.txt 'a', 'b'\nGet-Content /tmp/mailsec-example-gc2.txt -Tail 1",
                "b\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let literal = cx.args.contains("LiteralPath");
        let paths = if literal {
            arg_strings(cx, "LiteralPath")
        } else {
            arg_strings(cx, "Path")
        };
        for path in paths {
            if is_provider_path(&path) {
                let message = format!(
                    "Cannot read '{path}': only file system paths are supported by Get-Content."
                );
                cx.write_error(
                    &message,
                    "System.NotSupportedException",
                    Value::str(path.as_str()),
                )?;
                continue;
            }
            let files: Vec<PathBuf> = if literal {
                vec![super::super::common::paths::resolve(&path)]
            } else {
                expand(&path)
            };
            if files.is_empty() {
                let message = not_found(&super::super::common::paths::resolve(&path));
                cx.write_error(&message, ITEM_NOT_FOUND, Value::str(path.as_str()))?;
            }
            for file in files {
                read_one(cx, &file)?;
            }
        }
        Ok(())
    }
}

fn read_one(cx: &mut Context<'_, '_>, file: &PathBuf) -> Eval<()> {
    let target = Value::str(file.display().to_string());
    if file.is_dir() {
        let message = format!(
            "Unable to get content because it is a directory: '{}'. Please use 'Get-ChildItem' instead.",
            file.display()
        );
        return cx.write_error(&message, "System.UnauthorizedAccessException", target);
    }
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return cx.write_error(&not_found(file), ITEM_NOT_FOUND, target);
        }
        Err(error) => {
            let message = format!("Cannot read '{}': {error}", file.display());
            return cx.write_error(&message, "System.IO.IOException", target);
        }
    };
    if cx.args.switch("AsByteStream") {
        let bytes: Vec<Value> = bytes.into_iter().map(Value::Byte).collect();
        if cx.args.switch("Raw") {
            let array = Array::fixed(PsType::Byte, bytes);
            return cx.emit(Value::Array(std::rc::Rc::new(array)));
        }
        return emit_selected(cx, bytes);
    }
    let text = decode(&bytes, cx.args.string("Encoding").as_deref());
    if cx.args.switch("Raw") {
        return if text.is_empty() {
            Ok(())
        } else {
            cx.emit(Value::str(text))
        };
    }
    let lines: Vec<Value> = match cx.args.string("Delimiter") {
        Some(delimiter) if !delimiter.is_empty() => {
            let mut parts: Vec<&str> = text.split_inclusive(delimiter.as_str()).collect();
            if parts.last().is_some_and(|p| p.is_empty()) {
                parts.pop();
            }
            parts.into_iter().map(Value::str).collect()
        }
        _ => text
            .lines()
            .map(|line| Value::str(line.strip_suffix('\r').unwrap_or(line)))
            .collect(),
    };
    emit_selected(cx, lines)
}

/// Write the items -TotalCount and -Tail select.
fn emit_selected(cx: &mut Context<'_, '_>, mut items: Vec<Value>) -> Eval<()> {
    if let Some(total) = arg_int(cx, "TotalCount").filter(|n| *n >= 0) {
        items.truncate(usize::try_from(total).unwrap_or(usize::MAX));
    }
    if let Some(tail) = arg_int(cx, "Tail").filter(|n| *n >= 0) {
        let start = items
            .len()
            .saturating_sub(usize::try_from(tail).unwrap_or(0));
        items.drain(..start);
    }
    // -ReadCount n: arrays of n items; 0 (or less): one array of everything.
    match arg_int(cx, "ReadCount") {
        Some(count) if count != 1 => {
            let size = usize::try_from(count)
                .ok()
                .filter(|n| *n > 0)
                .unwrap_or(items.len().max(1));
            let chunks: Vec<Value> = items
                .chunks(size)
                .map(|chunk| Value::array(chunk.to_vec()))
                .collect();
            for chunk in chunks {
                cx.emit(chunk)?;
            }
            Ok(())
        }
        _ => {
            for item in items {
                cx.interp.check_interrupt()?;
                cx.emit(item)?;
            }
            Ok(())
        }
    }
}
