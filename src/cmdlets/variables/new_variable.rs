//! L4 — New-Variable: creates a variable in the current or a given scope (an error when it
//! exists there, unless `-Force`).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value};

use super::super::common::variables::{scope_index, scope_param, variable_object};

/// `New-Variable [-Name] <String> [[-Value] <Object>] [-Scope …] [-Force] [-PassThru]`
pub struct NewVariable;

impl Cmdlet for NewVariable {
    fn signature(&self) -> Signature {
        Signature::new("New-Variable", "Creates a new variable.")
            .should_process()
            .param(
                Param::new("Name", PsType::String)
                    .position(0)
                    .mandatory()
                    .from_pipeline_by_property_name()
                    .help("The variable's name (no $)."),
            )
            .param(
                Param::new("Value", PsType::Object)
                    .position(1)
                    .from_pipeline()
                    .from_pipeline_by_property_name()
                    .help("Its initial value."),
            )
            .param(Param::new("Description", PsType::String))
            .param(Param::new("Option", super::super::common::string_array()))
            .param(Param::new("Visibility", PsType::String).accepts(&["Public", "Private"]))
            .param(Param::switch("Force").help("Replaces an existing variable."))
            .param(Param::switch("PassThru").help("Writes the new variable."))
            .param(scope_param())
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Create a variable",
            "New-Variable -Name relay -Value 'smtp.example.com'; $relay",
            "smtp.example.com\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let name = cx.args.string("Name").unwrap_or_default();
        let index = scope_index(cx)?;
        let key = name.to_lowercase();
        if cx.interp.scopes.lookup_in(index, &key).is_some() && !cx.args.switch("Force") {
            let message = format!("A variable with name '{name}' already exists.");
            return cx.write_error(
                &message,
                "System.Management.Automation.SessionStateUnauthorizedAccessException",
                Value::str(name.as_str()),
            );
        }
        let value = cx.args.get("Value").cloned().unwrap_or_default();
        cx.interp.scopes.set_in(index, &key.into(), value.clone());
        if cx.args.switch("PassThru") {
            cx.emit(variable_object(&name, value))?;
        }
        Ok(())
    }
}
