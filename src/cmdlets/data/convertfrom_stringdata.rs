//! L4 — ConvertFrom-StringData: `name = value` lines to a hashtable (values trimmed and
//! unescaped like `Regex.Unescape`; blank lines and `#` comments skipped).

use std::rc::Rc;

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{Dict, PsType, Value};

use super::super::common::terminating;

/// `ConvertFrom-StringData [-StringData] <String> [[-Delimiter] <Char>]`
pub struct ConvertFromStringData;

impl Cmdlet for ConvertFromStringData {
    fn signature(&self) -> Signature {
        Signature::new(
            "ConvertFrom-StringData",
            "Converts a string containing one or more key and value pairs to a hash table.",
        )
        .param(
            Param::new("StringData", PsType::String)
                .position(0)
                .mandatory()
                .from_pipeline()
                .help("Lines of name=value pairs."),
        )
        .param(
            Param::new("Delimiter", PsType::Char)
                .position(1)
                .help("The character between name and value (default '=')."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Parse pairs",
                "$h = ConvertFrom-StringData -StringData \"a = 1`nb = two\"\n$h.b\n$h.a",
                "two\n1\n",
            ),
            Example::new(
                "Another delimiter, comments skipped",
                "(ConvertFrom-StringData \"# note`nport: 25\" -Delimiter ':').port",
                "25\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let Some(text) = cx.args.string("StringData") else {
            return Ok(());
        };
        let delimiter = cx
            .args
            .string("Delimiter")
            .and_then(|d| d.chars().next())
            .unwrap_or('=');
        let table = parse(&text, delimiter).map_err(|message| {
            terminating(
                cx,
                "System.Management.Automation.PSInvalidOperationException",
                message,
            )
        })?;
        cx.emit(Value::Dict(Rc::new(table)))
    }
}

fn parse(text: &str, delimiter: char) -> Result<Dict, String> {
    let table = Dict::new(false);
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((name, value)) = line.split_once(delimiter) else {
            return Err(format!(
                "Data line '{line}' is not in 'name{delimiter}value' format."
            ));
        };
        let name = name.trim();
        let key = Value::str(unescape(name));
        if table.contains_key(&key) {
            return Err(format!(
                "Data item '{name}' in line '{line}' is already defined."
            ));
        }
        table.insert(key, Value::str(unescape(value.trim())));
    }
    Ok(table)
}

/// `Regex.Unescape`: `\n`, `\t`, `\r`, `\\`, `\uXXXX`, `\xXX`, and `\c` as `c`.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('f') => out.push('\u{c}'),
            Some('v') => out.push('\u{b}'),
            Some('a') => out.push('\u{7}'),
            Some('e') => out.push('\u{1b}'),
            Some(kind @ ('u' | 'x')) => {
                let width = if kind == 'u' { 4 } else { 2 };
                let digits: String = (0..width)
                    .filter_map(|_| chars.next_if(char::is_ascii_hexdigit))
                    .collect();
                match u32::from_str_radix(&digits, 16)
                    .ok()
                    .and_then(char::from_u32)
                {
                    Some(ch) if digits.len() == width => out.push(ch),
                    _ => {
                        out.push(kind);
                        out.push_str(&digits);
                    }
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_pairs_and_skips_comments() {
        let table = parse("# c\n a = 1 \n\nb=two words\n", '=').unwrap();
        assert_eq!(table.len(), 2);
        let get =
            |k: &str| crate::value::convert::to_string(&table.get(&Value::str(k)).unwrap(), " ");
        assert_eq!(get("a"), "1");
        assert_eq!(get("B"), "two words");
        assert!(parse("novalue", '=').is_err());
        assert!(parse("a=1\na=2", '=').is_err());
    }

    #[test]
    fn unescapes_like_regex() {
        assert_eq!(unescape(r"a\nb"), "a\nb");
        assert_eq!(unescape(r"c:\\path"), "c:\\path");
        assert_eq!(unescape(r"\u0041\x42"), "AB");
        assert_eq!(unescape(r"\="), "=");
    }
}
