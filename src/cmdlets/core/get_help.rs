//! L4 — Get-Help: help built from each command's declaration — name, synopsis, syntax per
//! parameter set, parameters, the command's own tested examples, aliases.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value};

use super::super::common::help::{HelpRequest, help_text};
use super::super::common::{custom_object, has_wildcard, wildcard};

/// `Get-Help [[-Name] <String>] [-Full] [-Detailed] [-Examples] [-Parameter <String>]`
pub struct GetHelp;

const GENERAL_HELP: &str = "TOPIC
    mailsec help

SHORT DESCRIPTION
    Displays help about mailsec cmdlets and concepts.

LONG DESCRIPTION
    mailsec runs the same command lines as Exchange Online PowerShell and the
    PKI module, against a typed configuration model.

    Get-Command                 lists every command.
    Get-Help <name>             shows a command's syntax and aliases.
    Get-Help <name> -Examples   shows its examples with their output.
    Get-Help <name> -Full       shows every parameter as well.";

impl Cmdlet for GetHelp {
    fn signature(&self) -> Signature {
        Signature::new(
            "Get-Help",
            "Displays information about PowerShell commands and concepts.",
        )
        .default_set("AllUsersView")
        .param(
            Param::new("Name", PsType::String)
                .position(0)
                .from_pipeline_by_property_name()
                .help("The command to get help for; wildcards list matching commands."),
        )
        .param(
            Param::switch("Full")
                .set("AllUsersView")
                .help("Shows parameters and examples too."),
        )
        .param(
            Param::switch("Detailed")
                .mandatory()
                .set("DetailedView")
                .help("Shows parameters too."),
        )
        .param(
            Param::switch("Examples")
                .mandatory()
                .set("Examples")
                .help("Shows only the examples."),
        )
        .param(
            Param::new("Parameter", PsType::String)
                .mandatory()
                .set("Parameters")
                .help("Shows only the parameters matching this name."),
        )
        .param(Param::new("Category", super::super::common::string_array()))
        .param(Param::switch("Online").mandatory().set("Online"))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Help for one parameter",
            "Get-Help Out-Null -Parameter InputObject",
            "    -InputObject <PSObject>\n        The objects to discard.\n\n        Required?                    false\n        Position?                    named\n        Accept pipeline input?       True (ByValue)\n        Aliases                      none\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let Some(name) = cx.args.string("Name").filter(|n| !n.is_empty()) else {
            return cx.emit(Value::str(GENERAL_HELP));
        };
        if cx.args.switch("Online") {
            let message = "Online help is not available in mailsec; use Get-Help without -Online.";
            return cx.write_error(
                message,
                "System.InvalidOperationException",
                Value::str(name.as_str()),
            );
        }
        if has_wildcard(&name) {
            return list_matches(cx, &name);
        }
        let Some(signature) = cx.interp.command_signature(&name) else {
            let message = format!("Get-Help could not find {name} in a help file in this session.");
            return cx.write_error(
                &message,
                "Microsoft.PowerShell.Commands.HelpNotFoundException",
                Value::str(name.as_str()),
            );
        };
        let registry = cx.interp.registry().clone();
        let examples = registry
            .get(&signature.name)
            .filter(|entry| entry.signature.name == signature.name)
            .map(|entry| entry.cmdlet.examples())
            .unwrap_or_default();
        let aliases: Vec<String> = registry
            .alias_names()
            .into_iter()
            .filter(|(_, target)| target.eq_ignore_ascii_case(&signature.name))
            .map(|(alias, _)| alias)
            .collect();
        let request = HelpRequest {
            full: cx.args.switch("Full") || cx.args.switch("Detailed"),
            examples_only: cx.args.switch("Examples"),
            parameter: cx.args.string("Parameter"),
        };
        let text = help_text(&signature, &examples, &aliases, &request);
        cx.emit(Value::str(text))
    }
}

/// `Get-Help *-Object`: one row per matching command (Name, Category, Module, Synopsis).
fn list_matches(cx: &mut Context<'_, '_>, pattern: &str) -> Eval<()> {
    let registry = cx.interp.registry().clone();
    let mut rows: Vec<(String, &str, &str, String)> = registry
        .entries()
        .filter(|e| wildcard(pattern, &e.signature.name))
        .map(|e| {
            (
                e.signature.name.clone(),
                "Cmdlet",
                "mailsec",
                e.signature.synopsis.clone(),
            )
        })
        .collect();
    rows.extend(
        cx.interp
            .functions()
            .filter(|f| wildcard(pattern, &f.name))
            .map(|f| (f.name.clone(), "Function", "", f.signature.synopsis.clone())),
    );
    rows.sort_by_key(|(name, ..)| name.to_lowercase());
    for (name, category, module, synopsis) in rows {
        let row = custom_object(vec![
            ("Name".into(), Value::str(name)),
            ("Category".into(), Value::str(category)),
            ("Module".into(), Value::str(module)),
            ("Synopsis".into(), Value::str(synopsis)),
        ]);
        cx.emit(row)?;
    }
    Ok(())
}
