//! L4 — Set-Variable: sets (creating when needed) variables in the current or a given scope;
//! values piped in are collected.

use crate::engine::pipeline::Collector;
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value};

use super::super::common::variables::{scope_index, scope_param, variable_object};
use super::super::common::{arg_strings, current_input, string_array};

/// `Set-Variable [-Name] <String[]> [[-Value] <Object>] [-Scope …] [-PassThru]`
pub struct SetVariable;

#[derive(Default)]
struct State {
    values: Vec<Value>,
    piped: bool,
}

impl Cmdlet for SetVariable {
    fn signature(&self) -> Signature {
        Signature::new("Set-Variable", "Sets the value of a variable.")
            .should_process()
            .param(
                Param::new("Name", string_array())
                    .position(0)
                    .mandatory()
                    .from_pipeline_by_property_name()
                    .help("Variable names (no $)."),
            )
            .param(
                Param::new("Value", PsType::Object)
                    .position(1)
                    .from_pipeline()
                    .from_pipeline_by_property_name()
                    .help("The value to set."),
            )
            .param(Param::new("Include", string_array()))
            .param(Param::new("Exclude", string_array()))
            .param(Param::new("Description", PsType::String))
            .param(Param::new("Option", string_array()))
            .param(Param::switch("Force"))
            .param(Param::new("Visibility", PsType::String).accepts(&["Public", "Private"]))
            .param(Param::switch("PassThru").help("Writes the variable."))
            .param(scope_param())
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Set a variable",
                "Set-Variable -Name port -Value 587; $port",
                "587\n",
            ),
            Example::new(
                "From the pipeline",
                "1, 2 | Set-Variable nums; $nums.Count",
                "2\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        if cx.expecting_input {
            if let Some(item) = current_input(cx) {
                let state = cx.state::<State>();
                state.values.push(item);
                state.piped = true;
            }
            return Ok(());
        }
        let value = cx.args.get("Value").cloned().unwrap_or_default();
        assign(cx, value)
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let state = std::mem::take(cx.state::<State>());
        if cx.expecting_input {
            let value = if state.piped {
                Collector(state.values).into_value()
            } else {
                Value::Null
            };
            return assign(cx, value);
        }
        Ok(())
    }
}

fn assign(cx: &mut Context<'_, '_>, value: Value) -> Eval<()> {
    let index = scope_index(cx)?;
    for name in arg_strings(cx, "Name") {
        let key: std::rc::Rc<str> = name.to_lowercase().into();
        if cx.args.common.what_if {
            let message = format!(
                "What if: Performing the operation \"Set variable\" on target \"Name: {name} Value: {}\".\n",
                crate::value::convert::to_string(&value, " ")
            );
            cx.interp.host.write_output(&message);
            continue;
        }
        cx.interp.scopes.set_in(index, &key, value.clone());
        if cx.args.switch("PassThru") {
            cx.emit(variable_object(&name, value.clone()))?;
        }
    }
    Ok(())
}
