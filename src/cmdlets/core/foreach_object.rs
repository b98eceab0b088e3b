//! L4 — ForEach-Object: runs script blocks for each pipeline object (dot-sourced, so they see
//! and change the caller's variables), with begin/end blocks; or reads a property / calls a
//! method of each object (`ForEach-Object Length`, `-MemberName Split -ArgumentList '.'`).

use std::rc::Rc;

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, ScriptBlockValue, Value, access, convert, methods};

use super::super::common::{
    argument_error, current_input, has_property, items, object_array, run_block,
};

/// `ForEach-Object [-Process] <ScriptBlock[]> [-Begin …] [-End …] [-RemainingScripts …]` or
/// `ForEach-Object [-MemberName] <String> [-ArgumentList <Object[]>]`.
pub struct ForEachObject;

/// What the command does per object, worked out in `begin`.
#[derive(Default)]
struct Plan {
    process: Vec<Rc<ScriptBlockValue>>,
    end: Option<Rc<ScriptBlockValue>>,
    member: Option<(String, Vec<Value>)>,
}

impl Cmdlet for ForEachObject {
    fn signature(&self) -> Signature {
        Signature::new(
            "ForEach-Object",
            "Performs an operation against each item in a collection of input objects.",
        )
        .default_set("ScriptBlockSet")
        .param(
            Param::new("InputObject", PsType::PsObject)
                .from_pipeline()
                .help("The input objects."),
        )
        .param(
            Param::new("Begin", PsType::ScriptBlock)
                .set("ScriptBlockSet")
                .help("A script block that runs before the first input object."),
        )
        // Declared `Object` (pwsh: ScriptBlock[]) so that `ForEach-Object Length` binds here
        // and is then read as a member name.
        .param(
            Param::new("Process", PsType::Object)
                .shown_as("ScriptBlock[]")
                .position(0)
                .mandatory()
                .set("ScriptBlockSet")
                .help("The script blocks run for each input object."),
        )
        .param(
            Param::new("End", PsType::ScriptBlock)
                .set("ScriptBlockSet")
                .help("A script block that runs after the last input object."),
        )
        .param(
            Param::new("RemainingScripts", PsType::Object)
                .shown_as("ScriptBlock[]")
                .remaining()
                .set("ScriptBlockSet")
                .help("Script blocks not taken by -Process."),
        )
        .param(
            Param::new("MemberName", PsType::String)
                .position(0)
                .mandatory()
                .set("PropertyAndMethodSet")
                .help("The property to get or the method to call on each object."),
        )
        .param(
            Param::new("ArgumentList", object_array())
                .remaining()
                .alias("Args")
                .set("PropertyAndMethodSet")
                .help("The arguments of the method call."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Divide each number",
                "30000, 56798, 12432 | ForEach-Object -Process {$_/1024}",
                "29.296875\n55.466796875\n12.140625\n",
            ),
            Example::new(
                "Begin, process and end",
                "1..3 | ForEach-Object -Begin { $sum = 0 } -Process { $sum += $_ } -End { \"sum=$sum\" }",
                "sum=6\n",
            ),
            Example::new(
                "Read a property",
                "'a', 'bb', 'ccc' | ForEach-Object Length",
                "1\n2\n3\n",
            ),
            Example::new(
                "Call a method with arguments",
                "'Microsoft.PowerShell.Core' | ForEach-Object -MemberName Split -ArgumentList '.'",
                "Microsoft\nPowerShell\nCore\n",
            ),
        ]
    }

    fn begin(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let (plan, begin) = plan(cx)?;
        *cx.state::<Plan>() = plan;
        match begin {
            Some(block) => cx
                .interp
                .invoke_block(&block, None, Vec::new(), false, &mut *cx.out),
            None => Ok(()),
        }
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let item = current_input(cx).unwrap_or_default();
        let plan = std::mem::take(cx.state::<Plan>());
        let result = match &plan.member {
            Some((name, args)) => apply_member(cx, &item, name, args),
            None => plan
                .process
                .iter()
                .try_for_each(|block| run_block(cx, block, item.clone())),
        };
        *cx.state::<Plan>() = plan;
        result
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        match cx.state::<Plan>().end.clone() {
            Some(block) => cx
                .interp
                .invoke_block(&block, None, Vec::new(), false, &mut *cx.out),
            None => Ok(()),
        }
    }
}

/// Work out the per-object plan and the begin block. As in pwsh, with several script blocks
/// and no `-Begin`/`-End`, the first is the begin block and (from three on) the last is the
/// end block.
fn plan(cx: &Context<'_, '_>) -> Eval<(Plan, Option<Rc<ScriptBlockValue>>)> {
    let mut plan = Plan::default();
    if let Some(name) = cx.args.string("MemberName") {
        plan.member = Some((
            name,
            cx.args.get("ArgumentList").map(items).unwrap_or_default(),
        ));
        return Ok((plan, None));
    }
    let process = cx.args.get("Process").cloned().unwrap_or_default();
    let remaining = cx
        .args
        .get("RemainingScripts")
        .map(items)
        .unwrap_or_default();
    if !matches!(process, Value::ScriptBlock(_) | Value::Array(_)) && !process.is_null() {
        let name = convert::to_string(&process, " ");
        plan.member = Some((name, remaining));
        return Ok((plan, None));
    }
    let mut scripts: Vec<Rc<ScriptBlockValue>> = Vec::new();
    if let Some(Value::ScriptBlock(begin)) = cx.args.get("Begin") {
        scripts.push(begin.clone());
    }
    for value in items(&process).into_iter().chain(remaining) {
        match value {
            Value::ScriptBlock(block) => scripts.push(block),
            other => {
                return Err(argument_error(
                    cx,
                    format!(
                        "Cannot convert '{}' to the type 'System.Management.Automation.ScriptBlock' required by parameter 'Process'.",
                        convert::to_string(&other, " ")
                    ),
                ));
            }
        }
    }
    if let Some(Value::ScriptBlock(end)) = cx.args.get("End") {
        plan.end = Some(end.clone());
    } else if scripts.len() > 2 {
        plan.end = scripts.pop();
    }
    let begin = if scripts.len() > 1 {
        Some(scripts.remove(0))
    } else {
        None
    };
    plan.process = scripts;
    Ok((plan, begin))
}

/// `ForEach-Object Name`: the property's value (unrolled), else the method's result.
fn apply_member(cx: &mut Context<'_, '_>, item: &Value, name: &str, args: &[Value]) -> Eval<()> {
    if item.is_null() {
        return Ok(());
    }
    if args.is_empty() && has_property(item, name) {
        let value = access::get_member(item, name);
        return cx.emit_enumerated(value);
    }
    match methods::call_method(item, name, args) {
        Some(Ok(Value::Null)) => Ok(()),
        Some(Ok(value)) => cx.emit_enumerated(value),
        Some(Err(error)) => {
            let message = error.to_string();
            cx.write_error(&message, error.exception_type(), item.clone())
        }
        None => {
            let value = access::get_member(item, name);
            if value.is_null() {
                Ok(())
            } else {
                cx.emit_enumerated(value)
            }
        }
    }
}
