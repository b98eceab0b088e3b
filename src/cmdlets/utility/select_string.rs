//! L4 — Select-String: finds text matching regular expressions (or plain text with
//! `-SimpleMatch`) in input strings or files, as MatchInfo objects (or lines, or a yes/no).

use std::path::Path;

use regex::Regex;

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value, convert, pattern, text};

use super::super::common::encoding::{ENCODING_NAMES, decode};
use super::super::common::paths::{ITEM_NOT_FOUND, expand, not_found, resolve};
use super::super::common::{
    arg_strings, current_input, int, string_array, terminating, typed_object,
};

const MATCH_INFO: &str = "Microsoft.PowerShell.Commands.MatchInfo";

/// `Select-String [-Pattern] <String[]> [-Path] <String[]> …` or with `-InputObject`.
pub struct SelectString;

#[derive(Default)]
struct State {
    line_number: usize,
    found: bool,
    done: bool,
}

impl Cmdlet for SelectString {
    fn signature(&self) -> Signature {
        // pwsh's default set is File and its binder switches to Object for piped input; ours
        // picks the set before input arrives, so Object is the default (a -Path or a second
        // positional argument still selects File).
        Signature::new("Select-String", "Finds text in strings and files.")
            .default_set("Object")
            .param(
                Param::new("InputObject", PsType::PsObject)
                    .mandatory()
                    .from_pipeline()
                    .set("Object")
                    .set("ObjectRaw")
                    .help("The text to search."),
            )
            .param(
                Param::new("Pattern", string_array())
                    .position(0)
                    .mandatory()
                    .help("The regular expressions to find."),
            )
            .param(
                Param::new("Path", string_array())
                    .position(1)
                    .mandatory()
                    .set("File")
                    .set("FileRaw")
                    .from_pipeline_by_property_name()
                    .help("The files to search; wildcards are permitted."),
            )
            .param(
                Param::new("LiteralPath", string_array())
                    .mandatory()
                    .set("LiteralFile")
                    .set("LiteralFileRaw")
                    .alias("PSPath")
                    .alias("LP")
                    .from_pipeline_by_property_name(),
            )
            .param(Param::switch("Raw").help("Writes the matching lines as strings."))
            .param(Param::switch("SimpleMatch").help("Finds the pattern as plain text."))
            .param(Param::switch("CaseSensitive").help("Matches case-sensitively."))
            .param(Param::switch("Quiet").help("Writes only whether anything matched."))
            .param(Param::switch("List").help("Only the first match in each input."))
            .param(Param::switch("NoEmphasis"))
            .param(Param::new("Include", string_array()))
            .param(Param::new("Exclude", string_array()))
            .param(Param::switch("NotMatch").help("Finds the lines that do not match."))
            .param(Param::switch("AllMatches").help("Finds every match in each line."))
            .param(Param::new("Encoding", PsType::String).accepts(ENCODING_NAMES))
            .param(Param::new("Context", super::super::common::int_array()))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Matching strings",
                "'alpha', 'beta', 'gamma' | Select-String -Pattern 'ta' -Raw",
                "beta\n",
            ),
            Example::new(
                "Line numbers",
                "('x', 'needle', 'y' | Select-String needle).LineNumber",
                "2\n",
            ),
            Example::new(
                "Yes or no",
                "'abc' | Select-String -Pattern 'z' -Quiet",
                "False\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let regexes = compile(cx)?;
        if cx.args.contains("Path") || cx.args.contains("LiteralPath") {
            return search_files(cx, &regexes);
        }
        let Some(item) = current_input(cx) else {
            return Ok(());
        };
        if cx.state::<State>().done || item.is_null() {
            return Ok(());
        }
        cx.state::<State>().line_number += 1;
        let number = cx.state::<State>().line_number;
        let line = convert::to_string(&item, " ");
        search_line(cx, &regexes, &line, number, None)
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        if cx.args.switch("Quiet") && !cx.state::<State>().found {
            return cx.emit(Value::Bool(false));
        }
        Ok(())
    }
}

fn compile(cx: &Context<'_, '_>) -> Eval<Vec<Regex>> {
    let case_sensitive = cx.args.switch("CaseSensitive");
    arg_strings(cx, "Pattern")
        .iter()
        .map(|p| {
            let source = if cx.args.switch("SimpleMatch") {
                pattern::escape(p)
            } else {
                p.clone()
            };
            text::regex(&source, case_sensitive)
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| terminating(cx, e.exception_type(), e.to_string()))
}

fn search_files(cx: &mut Context<'_, '_>, regexes: &[Regex]) -> Eval<()> {
    let literal = cx.args.contains("LiteralPath");
    let paths = if literal {
        arg_strings(cx, "LiteralPath")
    } else {
        arg_strings(cx, "Path")
    };
    for path in paths {
        let files = if literal {
            vec![resolve(&path)]
        } else {
            expand(&path)
        };
        if files.is_empty() || files.iter().any(|f| !f.exists()) {
            cx.write_error(
                &not_found(&resolve(&path)),
                ITEM_NOT_FOUND,
                Value::str(path.as_str()),
            )?;
            continue;
        }
        for file in files.into_iter().filter(|f| f.is_file()) {
            let bytes = match std::fs::read(&file) {
                Ok(bytes) => bytes,
                Err(error) => {
                    let message = format!("Cannot read '{}': {error}", file.display());
                    cx.write_error(
                        &message,
                        "System.IO.IOException",
                        Value::str(file.display().to_string()),
                    )?;
                    continue;
                }
            };
            let content = decode(&bytes, cx.args.string("Encoding").as_deref());
            for (index, line) in content.lines().enumerate() {
                let line = line.strip_suffix('\r').unwrap_or(line);
                let before = cx.state::<State>().found;
                search_line(cx, regexes, line, index + 1, Some(&file))?;
                if cx.state::<State>().done {
                    return Ok(());
                }
                if cx.args.switch("List") && !before && cx.state::<State>().found {
                    break;
                }
            }
        }
    }
    Ok(())
}

/// Test one line and write what the switches ask for.
fn search_line(
    cx: &mut Context<'_, '_>,
    regexes: &[Regex],
    line: &str,
    number: usize,
    file: Option<&Path>,
) -> Eval<()> {
    let hit = regexes.iter().find(|r| r.is_match(line));
    let selected = hit.is_some() != cx.args.switch("NotMatch");
    if !selected {
        return Ok(());
    }
    let first_hit = !cx.state::<State>().found;
    cx.state::<State>().found = true;
    if cx.args.switch("Quiet") {
        cx.state::<State>().done = true;
        return if first_hit {
            cx.emit(Value::Bool(true))
        } else {
            Ok(())
        };
    }
    if cx.args.switch("Raw") {
        return cx.emit(Value::str(line));
    }
    let matches: Vec<Value> = match hit {
        Some(regex) if cx.args.switch("AllMatches") => regex
            .captures_iter(line)
            .map(|c| text::match_object_in(&c, regex, line))
            .collect(),
        Some(regex) => regex
            .captures(line)
            .map(|c| vec![text::match_object_in(&c, regex, line)])
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let pattern = hit.map(|r| r.as_str().to_string()).unwrap_or_default();
    let (path, filename, display) = match file {
        Some(file) => {
            let shown = relative(file);
            (
                file.display().to_string(),
                file.file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default(),
                format!("{shown}:{number}:{line}"),
            )
        }
        None => (
            "InputStream".to_string(),
            "InputStream".to_string(),
            line.to_string(),
        ),
    };
    let info = typed_object(
        MATCH_INFO,
        vec![
            ("IgnoreCase", Value::Bool(!cx.args.switch("CaseSensitive"))),
            ("LineNumber", int(number)),
            ("Line", Value::str(line)),
            ("Filename", Value::str(filename)),
            ("Path", Value::str(path)),
            ("Pattern", Value::str(pattern)),
            ("Matches", Value::array(matches)),
        ],
        Some(display),
    );
    cx.emit(info)
}

/// A path relative to the current directory when it is under it (as pwsh shows matches).
fn relative(file: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            file.strip_prefix(&cwd)
                .ok()
                .map(|p| p.display().to_string())
        })
        .unwrap_or_else(|| file.display().to_string())
}
