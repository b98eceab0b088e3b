//! L4 — writing files for Set-Content, Add-Content, Out-File and Tee-Object: the target
//! paths (`-Path` with wildcards or `-LiteralPath`), the text or bytes of the values, and the
//! write itself (truncate or append, encoding, BOM only at the start of a new file).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::engine::{Context, Eval, Param, Signature};
use crate::value::{PsType, Value, convert};

use super::encoding::{ENCODING_NAMES, encode};
use super::paths::{expand, is_provider_path, resolve};
use super::{arg_strings, has_wildcard};

/// The files a `-Path` / `-LiteralPath` names: wildcards match existing files; a plain path
/// is used whether it exists or not. Reports provider paths and unmatched wildcards.
pub fn target_files(cx: &mut Context<'_, '_>, path_param: &str) -> Eval<Vec<PathBuf>> {
    let literal = cx.args.contains("LiteralPath");
    let paths = if literal {
        arg_strings(cx, "LiteralPath")
    } else {
        arg_strings(cx, path_param)
    };
    let mut files = Vec::new();
    for path in paths {
        if is_provider_path(&path) {
            let message = format!("Cannot write '{path}': only file system paths are supported.");
            cx.write_error(
                &message,
                "System.NotSupportedException",
                Value::str(path.as_str()),
            )?;
            continue;
        }
        if literal || !has_wildcard(&path) {
            files.push(resolve(&path));
            continue;
        }
        let found = expand(&path);
        if found.is_empty() {
            let message = super::paths::not_found(&resolve(&path));
            cx.write_error(
                &message,
                super::paths::ITEM_NOT_FOUND,
                Value::str(path.as_str()),
            )?;
        }
        files.extend(found);
    }
    Ok(files)
}

/// The text Set-Content / Add-Content write: each value's string form followed by a newline
/// (or, with `no_newline`, all of them run together).
pub fn values_text(values: &[Value], no_newline: bool) -> String {
    let mut text = String::new();
    for value in values {
        text.push_str(&convert::to_string(value, " "));
        if !no_newline {
            text.push('\n');
        }
    }
    text
}

/// The bytes of `-AsByteStream` values (bytes, byte arrays, small integers).
pub fn values_bytes(values: &[Value]) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    for value in values {
        for item in convert::items_of(value) {
            match &item {
                Value::Byte(b) => bytes.push(*b),
                other => {
                    let n = convert::to_i64(other).map_err(|e| e.to_string())?;
                    let b = u8::try_from(n).map_err(|_| format!("Cannot convert value \"{n}\" to type \"System.Byte\". Error: \"Value was either too large or too small for an unsigned byte.\""))?;
                    bytes.push(b);
                }
            }
        }
    }
    Ok(bytes)
}

/// What to write.
pub enum Content<'a> {
    Text {
        text: &'a str,
        encoding: Option<&'a str>,
    },
    Bytes(&'a [u8]),
}

/// Write (or append) content to `file`, reporting failures as non-terminating errors.
pub fn write_content(
    cx: &mut Context<'_, '_>,
    file: &Path,
    content: &Content<'_>,
    append: bool,
) -> Eval<()> {
    let fresh = !append || !file.exists() || std::fs::metadata(file).is_ok_and(|m| m.len() == 0);
    let bytes = match content {
        Content::Text { text, encoding } => encode(text, *encoding, fresh),
        Content::Bytes(bytes) => bytes.to_vec(),
    };
    let result = if append {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(file)
            .and_then(|mut f| f.write_all(&bytes))
    } else {
        std::fs::write(file, &bytes)
    };
    match result {
        Ok(()) => Ok(()),
        Err(error) => {
            let (message, exception) = match error.kind() {
                std::io::ErrorKind::NotFound => (
                    format!("Could not find a part of the path '{}'.", file.display()),
                    "System.IO.DirectoryNotFoundException",
                ),
                std::io::ErrorKind::PermissionDenied => (
                    format!("Access to the path '{}' is denied.", file.display()),
                    "System.UnauthorizedAccessException",
                ),
                _ => (
                    format!("Cannot write '{}': {error}", file.display()),
                    "System.IO.IOException",
                ),
            };
            cx.write_error(&message, exception, Value::str(file.display().to_string()))
        }
    }
}

/// The parameters Set-Content and Add-Content share.
pub fn content_signature(name: &str, synopsis: &str) -> Signature {
    Signature::new(name, synopsis)
        .default_set("Path")
        .should_process()
        .param(
            Param::new("Path", super::string_array())
                .position(0)
                .mandatory()
                .set("Path")
                .from_pipeline_by_property_name()
                .help("The files to write; wildcards match existing files."),
        )
        .param(
            Param::new("LiteralPath", super::string_array())
                .mandatory()
                .set("LiteralPath")
                .alias("PSPath")
                .alias("LP")
                .from_pipeline_by_property_name()
                .help("The files to write, taken literally."),
        )
        .param(
            Param::new("Value", super::object_array())
                .position(1)
                .mandatory()
                .from_pipeline()
                .from_pipeline_by_property_name()
                .help("The content to write."),
        )
        .param(Param::switch("PassThru").help("Writes the content to the pipeline too."))
        .param(Param::switch("NoNewline").help("Writes the values without newlines."))
        .param(
            Param::new("Encoding", PsType::String)
                .accepts(ENCODING_NAMES)
                .help("The text encoding (default UTF-8 without BOM)."),
        )
        .param(Param::switch("AsByteStream").help("Writes the values as bytes."))
        .param(Param::switch("Force").help("Writes read-only files too (accepted)."))
        .param(Param::new("Filter", PsType::String))
        .param(Param::new("Include", super::string_array()))
        .param(Param::new("Exclude", super::string_array()))
}

/// Set-Content / Add-Content, per pipeline object: collect the values.
pub fn collect_values(cx: &mut Context<'_, '_>) {
    let values = cx
        .args
        .get("Value")
        .map(convert::items_of)
        .unwrap_or_default();
    cx.state::<Vec<Value>>().extend(values);
}

/// Set-Content / Add-Content, at the end: write what was collected to every target file.
pub fn write_values(cx: &mut Context<'_, '_>, append: bool) -> Eval<()> {
    let values = std::mem::take(cx.state::<Vec<Value>>());
    let files = target_files(cx, "Path")?;
    if cx.args.common.what_if {
        for file in &files {
            let action = if append { "Add Content" } else { "Set Content" };
            cx.interp.host.write_output(&format!(
                "What if: Performing the operation \"{action}\" on target \"Path: {}\".\n",
                file.display()
            ));
        }
        return Ok(());
    }
    let encoding = cx.args.string("Encoding");
    let bytes_mode = cx.args.switch("AsByteStream");
    let bytes = if bytes_mode {
        match values_bytes(&values) {
            Ok(bytes) => bytes,
            Err(message) => return Err(super::argument_error(cx, message)),
        }
    } else {
        Vec::new()
    };
    let text = values_text(&values, cx.args.switch("NoNewline"));
    for file in files {
        let content = if bytes_mode {
            Content::Bytes(&bytes)
        } else {
            Content::Text {
                text: &text,
                encoding: encoding.as_deref(),
            }
        };
        write_content(cx, &file, &content, append)?;
    }
    if cx.args.switch("PassThru") {
        for value in values {
            cx.emit(value)?;
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn text_and_bytes_of_values() {
        let values = [Value::str("a"), Value::Int(1)];
        assert_eq!(values_text(&values, false), "a\n1\n");
        assert_eq!(values_text(&values, true), "a1");
        let bytes = [
            Value::array(vec![Value::Byte(1), Value::Int(2)]),
            Value::Int(255),
        ];
        assert_eq!(values_bytes(&bytes).unwrap(), vec![1, 2, 255]);
        assert!(values_bytes(&[Value::Int(256)]).is_err());
    }
}
