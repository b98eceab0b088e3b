//! L4 — help text built from a command's signature and examples, as Get-Help prints it:
//! NAME, SYNOPSIS, SYNTAX (one line per parameter set), PARAMETERS, EXAMPLES, ALIASES,
//! REMARKS. Because it is built from the declarations, help cannot go stale.

use crate::engine::{Example, Param, Signature};

/// Which parts Get-Help shows.
#[derive(Debug, Clone, Default)]
pub struct HelpRequest {
    /// `-Full`: parameters and examples too.
    pub full: bool,
    /// `-Examples`: name, synopsis and examples only.
    pub examples_only: bool,
    /// `-Parameter NAME` (wildcards allowed): only those parameters.
    pub parameter: Option<String>,
}

/// One syntax line per parameter set (the default set first), e.g.
/// `Write-Output [-InputObject] <PSObject> [-NoEnumerate] [<CommonParameters>]`.
pub fn syntax_lines(sig: &Signature) -> Vec<String> {
    let sets = sig.sets();
    if sets.is_empty() {
        return vec![syntax_line(sig, None)];
    }
    sets.iter().map(|set| syntax_line(sig, Some(set))).collect()
}

fn syntax_line(sig: &Signature, set: Option<&str>) -> String {
    let params: Vec<&Param> = sig
        .params
        .iter()
        .filter(|p| set.is_none_or(|s| p.in_set(s)))
        .collect();
    let mut positional: Vec<&&Param> = params.iter().filter(|p| p.position.is_some()).collect();
    positional.sort_by_key(|p| p.position);
    let mut parts = vec![sig.name.clone()];
    for param in &positional {
        let body = format!("[-{}] <{}>", param.name, param.type_name());
        parts.push(if param.mandatory {
            body
        } else {
            format!("[{body}]")
        });
    }
    let named = params.iter().filter(|p| p.position.is_none());
    let (mandatory, optional): (Vec<&&Param>, Vec<&&Param>) = named.partition(|p| p.mandatory);
    for param in mandatory.into_iter().chain(optional) {
        let body = if param.is_switch() {
            format!("-{}", param.name)
        } else {
            format!("-{} <{}>", param.name, param.type_name())
        };
        parts.push(if param.mandatory {
            body
        } else {
            format!("[{body}]")
        });
    }
    if sig.supports_should_process {
        parts.push("[-WhatIf]".into());
        parts.push("[-Confirm]".into());
    }
    if sig.strict {
        parts.push("[<CommonParameters>]".into());
    }
    parts.join(" ")
}

/// The whole help text of a command.
pub fn help_text(
    sig: &Signature,
    examples: &[Example],
    aliases: &[String],
    request: &HelpRequest,
) -> String {
    let mut out = String::new();
    section(&mut out, "NAME", std::slice::from_ref(&sig.name));
    if !sig.synopsis.is_empty() {
        section(&mut out, "SYNOPSIS", std::slice::from_ref(&sig.synopsis));
    }
    if let Some(pattern) = &request.parameter {
        let selected: Vec<&Param> = sig
            .params
            .iter()
            .filter(|p| super::wildcard(pattern, &p.name))
            .collect();
        out.clear();
        for param in selected {
            out.push_str(&parameter_block(param));
            out.push('\n');
        }
        return out.trim_end().to_string();
    }
    if request.examples_only {
        examples_section(&mut out, examples);
        return out.trim_end().to_string();
    }
    section(&mut out, "SYNTAX", &syntax_lines(sig));
    if request.full {
        out.push_str("PARAMETERS\n");
        for param in &sig.params {
            out.push_str(&parameter_block(param));
            out.push('\n');
        }
        if sig.strict {
            out.push_str("    <CommonParameters>\n        This cmdlet supports the common parameters: Verbose, Debug,\n        ErrorAction, ErrorVariable, WarningAction, WarningVariable,\n        OutBuffer, PipelineVariable, and OutVariable.\n\n");
        }
        examples_section(&mut out, examples);
    }
    if !aliases.is_empty() {
        section(&mut out, "ALIASES", aliases);
    }
    let name = &sig.name;
    let mut remarks = Vec::new();
    if !examples.is_empty() && !request.full {
        remarks.push(format!(
            "To see the examples, type: \"Get-Help {name} -Examples\""
        ));
    }
    if !request.full {
        remarks.push(format!(
            "For technical information, type: \"Get-Help {name} -Full\""
        ));
    }
    if !remarks.is_empty() {
        section(&mut out, "REMARKS", &remarks);
    }
    out.trim_end().to_string()
}

fn section(out: &mut String, title: &str, lines: &[String]) {
    out.push_str(title);
    out.push('\n');
    for line in lines {
        out.push_str("    ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
}

fn examples_section(out: &mut String, examples: &[Example]) {
    if examples.is_empty() {
        return;
    }
    out.push_str("EXAMPLES\n");
    for (index, example) in examples.iter().enumerate() {
        out.push_str(&format!(
            "    -------------------------- Example {}: {} --------------------------\n\n",
            index + 1,
            example.description
        ));
        for line in example.command.lines() {
            out.push_str(&format!("    PS> {line}\n"));
        }
        for line in example.output.lines() {
            out.push_str(format!("    {line}").trim_end());
            out.push('\n');
        }
        out.push('\n');
    }
}

/// One parameter's description as `Get-Help -Full` and `-Parameter` show it.
pub fn parameter_block(param: &Param) -> String {
    let mut out = if param.is_switch() {
        format!("    -{} [<SwitchParameter>]\n", param.name)
    } else {
        format!("    -{} <{}>\n", param.name, param.type_name())
    };
    if !param.help.is_empty() {
        out.push_str(&format!("        {}\n", param.help));
    }
    out.push('\n');
    let position = param
        .position
        .map(|p| p.to_string())
        .unwrap_or_else(|| "named".into());
    let pipeline = match (param.pipeline.by_value, param.pipeline.by_property_name) {
        (true, true) => "True (ByValue, ByPropertyName)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        (false, false) => "False",
    };
    let aliases = if param.aliases.is_empty() {
        "none".to_string()
    } else {
        param.aliases.join(", ")
    };
    let rows = [
        ("Required?", param.mandatory.to_string()),
        ("Position?", position),
        ("Accept pipeline input?", pipeline.to_string()),
        ("Aliases", aliases),
    ];
    for (label, value) in rows {
        out.push_str(&format!("        {label:<28} {value}\n"));
    }
    if !param.accepted.is_empty() {
        out.push_str(&format!(
            "        {:<28} {}\n",
            "Accepted values",
            param.accepted.join(", ")
        ));
    }
    if param.remaining {
        out.push_str(&format!(
            "        {:<28} true\n",
            "Takes remaining arguments?"
        ));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::value::PsType;

    fn write_output() -> Signature {
        Signature::new("Write-Output", "Writes objects.")
            .param(
                Param::new("InputObject", PsType::Array(Box::new(PsType::PsObject)))
                    .position(0)
                    .mandatory()
                    .from_pipeline(),
            )
            .param(Param::switch("NoEnumerate"))
    }

    #[test]
    fn syntax_from_signature() {
        assert_eq!(
            syntax_lines(&write_output()),
            vec!["Write-Output [-InputObject] <PSObject[]> [-NoEnumerate] [<CommonParameters>]"]
        );
        let sig = Signature::new("Get-Thing", "")
            .param(Param::new("Name", PsType::String).position(0).set("A"))
            .param(Param::new("Id", PsType::Int).mandatory().set("B"))
            .param(Param::switch("Force"));
        assert_eq!(
            syntax_lines(&sig),
            vec![
                "Get-Thing [[-Name] <String>] [-Force] [<CommonParameters>]",
                "Get-Thing -Id <Int32> [-Force] [<CommonParameters>]",
            ]
        );
    }

    #[test]
    fn help_sections() {
        let examples = [Example::new("Write one", "Write-Output 1", "1\n")];
        let text = help_text(
            &write_output(),
            &examples,
            &["echo".into()],
            &HelpRequest::default(),
        );
        assert!(text.starts_with("NAME\n    Write-Output\n\nSYNOPSIS\n    Writes objects.\n"));
        assert!(text.contains("ALIASES\n    echo\n"));
        assert!(!text.contains("PARAMETERS"));
        let full = HelpRequest {
            full: true,
            ..HelpRequest::default()
        };
        let text = help_text(&write_output(), &examples, &[], &full);
        assert!(text.contains("    -InputObject <PSObject[]>\n"));
        assert!(text.contains("Accept pipeline input?       True (ByValue)"));
        assert!(text.contains("    PS> Write-Output 1\n    1"));
        let one = HelpRequest {
            parameter: Some("NoEnum*".into()),
            ..HelpRequest::default()
        };
        let text = help_text(&write_output(), &examples, &[], &one);
        assert!(text.starts_with("    -NoEnumerate [<SwitchParameter>]"));
    }
}
