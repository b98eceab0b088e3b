//! L4 — Remove-PSDrive: forget a drive New-PSDrive made.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{Value, drives};

use super::super::common::paths::ITEM_NOT_FOUND;
use super::super::common::{arg_strings, string_array};

/// `Remove-PSDrive [-Name] <String[]> [-PSProvider …] [-Force] [-WhatIf] [-Confirm]`
pub struct RemovePsDrive;

impl Cmdlet for RemovePsDrive {
    fn signature(&self) -> Signature {
        Signature::new("Remove-PSDrive", "Removes a drive New-PSDrive mapped.")
            .should_process()
            .param(
                Param::new("Name", string_array())
                    .position(0)
                    .mandatory()
                    .help("The drives to remove."),
            )
            .param(Param::new("PSProvider", string_array()).help("Accepted."))
            .param(Param::switch("Force"))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Map, then unmap",
            "$null = New-PSDrive -Name Tmp2 -PSProvider FileSystem -Root /tmp\nRemove-PSDrive Tmp2\n@(Get-PSDrive -Name Tmp*).Count",
            "0\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        for name in arg_strings(cx, "Name") {
            if !drives::list()
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case(&name))
            {
                let message =
                    format!("Cannot find drive. A drive with the name '{name}' does not exist.");
                cx.write_error(&message, ITEM_NOT_FOUND, Value::str(name.as_str()))?;
                continue;
            }
            if cx.should_process(&format!("Name: {name}"))? {
                drives::remove(&name);
            }
        }
        Ok(())
    }
}
