//! L4 — Get-PSDrive: the file-system drives New-PSDrive made in this session (and Cert:).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{Value, drives};

use super::super::common::paths::ITEM_NOT_FOUND;
use super::super::common::{arg_strings, string_array, wildcard};
use super::drive_value;

/// `Get-PSDrive [[-Name] <String[]>]`
pub struct GetPsDrive;

impl Cmdlet for GetPsDrive {
    fn signature(&self) -> Signature {
        Signature::new(
            "Get-PSDrive",
            "Gets the drives New-PSDrive mapped in this session.",
        )
        .param(
            Param::new("Name", string_array())
                .position(0)
                .help("Drive names; wildcards are permitted."),
        )
        .param(
            Param::new("PSProvider", string_array())
                .help("Accepted; only FileSystem drives are listed."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "The mapped drives",
            "$null = New-PSDrive -Name Exch -PSProvider FileSystem -Root /tmp\nGet-PSDrive -Name Exch | ForEach-Object Root",
            "/tmp\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let names = arg_strings(cx, "Name");
        let all = drives::list();
        if names.is_empty() {
            for (name, root) in &all {
                cx.emit(drive_value(name, root))?;
            }
            return Ok(());
        }
        for pattern in names {
            let found: Vec<_> = all
                .iter()
                .filter(|(name, _)| wildcard(&pattern, name))
                .collect();
            if found.is_empty() && !super::super::common::has_wildcard(&pattern) {
                let message =
                    format!("Cannot find drive. A drive with the name '{pattern}' does not exist.");
                cx.write_error(&message, ITEM_NOT_FOUND, Value::str(pattern.as_str()))?;
            }
            for (name, root) in found {
                cx.emit(drive_value(name, root))?;
            }
        }
        Ok(())
    }
}
