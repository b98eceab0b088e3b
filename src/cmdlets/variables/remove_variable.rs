//! L4 — Remove-Variable: deletes variables (from the scope that holds them, or a given one).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};

use super::super::common::variables::{report_not_found, scope_index, scope_param, target_scope};
use super::super::common::{arg_strings, has_wildcard, string_array, wildcard};

/// `Remove-Variable [-Name] <String[]> [-Scope …] [-Force]`
pub struct RemoveVariable;

impl Cmdlet for RemoveVariable {
    fn signature(&self) -> Signature {
        Signature::new("Remove-Variable", "Deletes a variable and its value.")
            .should_process()
            .param(
                Param::new("Name", string_array())
                    .position(0)
                    .mandatory()
                    .from_pipeline_by_property_name()
                    .help("Variable names (no $); wildcards are permitted."),
            )
            .param(Param::new("Include", string_array()))
            .param(Param::new("Exclude", string_array()))
            .param(Param::switch("Force"))
            .param(scope_param())
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Remove a variable",
            "$tmp = 1; Remove-Variable tmp; $null -eq $tmp",
            "True\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let start = scope_index(cx)?;
        for name in arg_strings(cx, "Name") {
            let keys: Vec<String> = if has_wildcard(&name) {
                cx.interp
                    .scopes
                    .visible()
                    .into_iter()
                    .map(|(k, _)| k.to_string())
                    .filter(|k| !k.contains(':') && wildcard(&name, k))
                    .collect()
            } else {
                vec![name.to_lowercase()]
            };
            let mut removed = false;
            for key in keys {
                let index = target_scope(cx, &key, start);
                if let Some(index) = index
                    && cx.interp.scopes.remove_in(index, &key).is_some()
                {
                    removed = true;
                }
            }
            if !removed && !has_wildcard(&name) {
                report_not_found(cx, &name)?;
            }
        }
        Ok(())
    }
}
