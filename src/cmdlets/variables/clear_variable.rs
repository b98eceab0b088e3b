//! L4 — Clear-Variable: sets variables to `$null`, keeping them defined.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::Value;

use super::super::common::variables::{
    report_not_found, scope_index, scope_param, target_scope, variable_object,
};
use super::super::common::{arg_strings, string_array};

/// `Clear-Variable [-Name] <String[]> [-Scope …] [-PassThru]`
pub struct ClearVariable;

impl Cmdlet for ClearVariable {
    fn signature(&self) -> Signature {
        Signature::new("Clear-Variable", "Deletes the value of a variable.")
            .should_process()
            .param(
                Param::new("Name", string_array())
                    .position(0)
                    .mandatory()
                    .from_pipeline_by_property_name()
                    .help("Variable names (no $)."),
            )
            .param(Param::new("Include", string_array()))
            .param(Param::new("Exclude", string_array()))
            .param(Param::switch("Force"))
            .param(Param::switch("PassThru").help("Writes the cleared variables."))
            .param(scope_param())
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Clear a variable",
            "$tmp = 1; Clear-Variable tmp; $null -eq $tmp",
            "True\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let start = scope_index(cx)?;
        for name in arg_strings(cx, "Name") {
            let key = name.to_lowercase();
            let index = target_scope(cx, &key, start);
            match index.filter(|&i| cx.interp.scopes.lookup_in(i, &key).is_some()) {
                Some(index) => {
                    cx.interp.scopes.set_in(index, &key.into(), Value::Null);
                    if cx.args.switch("PassThru") {
                        cx.emit(variable_object(&name, Value::Null))?;
                    }
                }
                None => {
                    report_not_found(cx, &name)?;
                }
            }
        }
        Ok(())
    }
}
