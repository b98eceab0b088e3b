//! L4 — Get-Variable: the variables visible in the current scope (or a given one), by name
//! with wildcards, as PSVariable objects or just their values.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::Value;

use super::super::common::variables::{
    report_not_found, scope_index, scope_param, variable_object,
};
use super::super::common::{arg_strings, has_wildcard, string_array, wildcard};

/// `Get-Variable [[-Name] <String[]>] [-ValueOnly] [-Include …] [-Exclude …] [-Scope …]`
pub struct GetVariable;

impl Cmdlet for GetVariable {
    fn signature(&self) -> Signature {
        Signature::new("Get-Variable", "Gets the variables in the current console.")
            .param(
                Param::new("Name", string_array())
                    .position(0)
                    .from_pipeline()
                    .from_pipeline_by_property_name()
                    .help("Variable names (no $); wildcards are permitted."),
            )
            .param(Param::switch("ValueOnly").help("Writes the values instead of the variables."))
            .param(Param::new("Include", string_array()))
            .param(Param::new("Exclude", string_array()))
            .param(scope_param())
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "A variable's value",
            "$port = 25; Get-Variable port -ValueOnly",
            "25\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let index = scope_index(cx)?;
        let mut visible: Vec<(String, Value)> = Vec::new();
        for (key, variable) in cx.interp.scopes.visible() {
            if key.contains(':') {
                continue;
            }
            let defined_here = (0..=index).any(|i| cx.interp.scopes.lookup_in(i, &key).is_some());
            if defined_here {
                let value = (0..=index)
                    .rev()
                    .find_map(|i| cx.interp.scopes.lookup_in(i, &key))
                    .map(|v| v.value.clone())
                    .unwrap_or(variable.value);
                visible.push((key.to_string(), value));
            }
        }
        visible.sort_by(|a, b| a.0.cmp(&b.0));
        let mut names = arg_strings(cx, "Name");
        if names.is_empty() {
            names.push("*".into());
        }
        let include = arg_strings(cx, "Include");
        let exclude = arg_strings(cx, "Exclude");
        let value_only = cx.args.switch("ValueOnly");
        for name in names {
            let mut found = false;
            for (key, value) in &visible {
                if !wildcard(&name, key)
                    || (!include.is_empty() && !include.iter().any(|p| wildcard(p, key)))
                    || exclude.iter().any(|p| wildcard(p, key))
                {
                    continue;
                }
                found = true;
                let shown = if has_wildcard(&name) {
                    key.as_str()
                } else {
                    name.as_str()
                };
                let output = if value_only {
                    value.clone()
                } else {
                    variable_object(shown, value.clone())
                };
                cx.emit(output)?;
            }
            if !found && !has_wildcard(&name) {
                report_not_found(cx, &name)?;
            }
        }
        Ok(())
    }
}
