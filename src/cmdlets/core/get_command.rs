//! L4 — Get-Command: lists the commands of the session (cmdlets, aliases, functions) as
//! CommandInfo objects, filtered by name (wildcards), verb, noun and command type.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value};

use super::super::common::help::syntax_lines;
use super::super::common::{arg_strings, has_wildcard, string_array, typed_object, wildcard};

/// The command types `-CommandType` accepts.
const COMMAND_TYPES: &[&str] = &[
    "Alias",
    "Function",
    "Filter",
    "Cmdlet",
    "ExternalScript",
    "Application",
    "Script",
    "Configuration",
    "All",
];

/// `Get-Command [[-Name] <String[]>] [-Verb …] [-Noun …] [-CommandType …] [-Syntax]`
pub struct GetCommand;

/// One command found, before it becomes an object.
struct Found {
    kind: &'static str,
    name: String,
    /// The alias target, the cmdlet's syntax, or the function's text.
    definition: String,
}

impl Cmdlet for GetCommand {
    fn signature(&self) -> Signature {
        Signature::new("Get-Command", "Gets all commands.")
            .default_set("CmdletSet")
            .param(
                Param::new("Name", string_array())
                    .position(0)
                    .set("AllCommandSet")
                    .from_pipeline_by_property_name()
                    .help("Command names; wildcards are permitted."),
            )
            .param(
                Param::new("Verb", string_array())
                    .set("CmdletSet")
                    .from_pipeline_by_property_name()
                    .help("Commands whose verb matches."),
            )
            .param(
                Param::new("Noun", string_array())
                    .set("CmdletSet")
                    .from_pipeline_by_property_name()
                    .help("Commands whose noun matches."),
            )
            .param(
                Param::new("Module", string_array())
                    .alias("PSSnapin")
                    .from_pipeline_by_property_name(),
            )
            .param(
                Param::new("CommandType", string_array())
                    .alias("Type")
                    .set("AllCommandSet")
                    .accepts(COMMAND_TYPES)
                    .from_pipeline_by_property_name()
                    .help("The kinds of command to get."),
            )
            .param(Param::new("TotalCount", PsType::Int))
            .param(
                Param::switch("Syntax")
                    .help("Gets the syntax of the command instead of the command."),
            )
            .param(Param::switch("All"))
            .param(Param::switch("ListImported"))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Find cmdlets by wildcard",
                "(Get-Command Write-Out*).Name",
                "Write-Output\n",
            ),
            Example::new(
                "Resolve an alias",
                "(Get-Command echo).Definition",
                "Write-Output\n",
            ),
            Example::new(
                "Show a syntax",
                "Get-Command Out-Null -Syntax",
                "\nOut-Null [-InputObject <PSObject>] [<CommonParameters>]\n\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let all = all_commands(cx);
        let names = arg_strings(cx, "Name");
        let verbs = arg_strings(cx, "Verb");
        let nouns = arg_strings(cx, "Noun");
        let types = arg_strings(cx, "CommandType");
        let type_ok = |kind: &str| {
            types.is_empty()
                || types
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(kind) || t.eq_ignore_ascii_case("All"))
        };
        let part_ok = |name: &str, patterns: &[String], first: bool| {
            if patterns.is_empty() {
                return true;
            }
            let part = match name.split_once('-') {
                Some((verb, noun)) => {
                    if first {
                        verb
                    } else {
                        noun
                    }
                }
                None => return false,
            };
            patterns.iter().any(|p| wildcard(p, part))
        };
        let by_parts = !verbs.is_empty() || !nouns.is_empty();
        let mut selected: Vec<&Found> = all
            .iter()
            .filter(|f| type_ok(f.kind))
            .filter(|f| !(by_parts && f.kind == "Alias"))
            .filter(|f| part_ok(&f.name, &verbs, true) && part_ok(&f.name, &nouns, false))
            .filter(|f| names.is_empty() || names.iter().any(|n| wildcard(n, &f.name)))
            .collect();
        selected.sort_by_key(|f| (kind_rank(f.kind), f.name.to_lowercase()));
        for name in &names {
            if !has_wildcard(name) && !selected.iter().any(|f| f.name.eq_ignore_ascii_case(name)) {
                let message = format!(
                    "The term '{name}' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again."
                );
                cx.write_error(
                    &message,
                    "System.Management.Automation.CommandNotFoundException",
                    Value::str(name.as_str()),
                )?;
            }
        }
        if let Some(limit) = cx
            .args
            .get("TotalCount")
            .and_then(|v| crate::value::convert::to_i64(v).ok())
        {
            selected.truncate(usize::try_from(limit).unwrap_or(0));
        }
        let syntax = cx.args.switch("Syntax");
        for found in selected {
            let value = if syntax {
                syntax_text(cx, found)
            } else {
                command_info(found)
            };
            cx.emit(value)?;
        }
        Ok(())
    }
}

fn kind_rank(kind: &str) -> u8 {
    match kind {
        "Alias" => 0,
        "Function" => 1,
        _ => 2,
    }
}

fn all_commands(cx: &Context<'_, '_>) -> Vec<Found> {
    let registry = cx.interp.registry();
    let mut found: Vec<Found> = registry
        .entries()
        .map(|entry| Found {
            kind: "Cmdlet",
            name: entry.signature.name.clone(),
            definition: format!("\n{}\n", syntax_lines(&entry.signature).join("\n\n")),
        })
        .collect();
    for (alias, target) in registry.alias_names() {
        let name = registry
            .get(&alias)
            .map(|entry| entry.signature.name.clone())
            .unwrap_or(target);
        found.push(Found {
            kind: "Alias",
            name: alias,
            definition: name,
        });
    }
    for function in cx.interp.functions() {
        found.push(Found {
            kind: if function.is_filter {
                "Filter"
            } else {
                "Function"
            },
            name: function.name.clone(),
            definition: function.ast.text.to_string(),
        });
    }
    found
}

fn command_info(found: &Found) -> Value {
    let (type_name, version, source) = match found.kind {
        "Alias" => (
            "System.Management.Automation.AliasInfo",
            env!("CARGO_PKG_VERSION"),
            "mailsec",
        ),
        "Cmdlet" => (
            "System.Management.Automation.CmdletInfo",
            env!("CARGO_PKG_VERSION"),
            "mailsec",
        ),
        "Filter" => ("System.Management.Automation.FilterInfo", "", ""),
        _ => ("System.Management.Automation.FunctionInfo", "", ""),
    };
    let display_name = if found.kind == "Alias" {
        format!("{} -> {}", found.name, found.definition)
    } else {
        found.name.clone()
    };
    let mut props = vec![
        ("CommandType", Value::str(found.kind)),
        ("Name", Value::str(found.name.as_str())),
        ("Version", Value::str(version)),
        ("Source", Value::str(source)),
        ("Definition", Value::str(found.definition.as_str())),
        ("DisplayName", Value::str(display_name.as_str())),
    ];
    if found.kind == "Alias" {
        props.push(("ResolvedCommandName", Value::str(found.definition.as_str())));
    }
    typed_object(type_name, props, Some(found.name.clone()))
}

fn syntax_text(cx: &Context<'_, '_>, found: &Found) -> Value {
    let target = if found.kind == "Alias" {
        &found.definition
    } else {
        &found.name
    };
    let lines = cx
        .interp
        .command_signature(target)
        .map(|sig| syntax_lines(&sig))
        .unwrap_or_default();
    let body = lines.join("\n\n");
    if found.kind == "Alias" {
        Value::str(format!(
            "{} (alias) -> {}\n\n{body}\n",
            found.name, found.definition
        ))
    } else {
        Value::str(format!("\n{body}\n"))
    }
}
