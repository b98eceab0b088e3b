//! L4 — Write-Output: sends objects down the pipeline, unrolling collections unless
//! `-NoEnumerate`.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::PsType;

use super::super::common::current_input;

/// `Write-Output [-InputObject] <PSObject> [-NoEnumerate]`
pub struct WriteOutput;

impl Cmdlet for WriteOutput {
    fn signature(&self) -> Signature {
        Signature::new(
            "Write-Output",
            "Writes the specified objects to the pipeline.",
        )
        .param(
            Param::new("InputObject", PsType::PsObject)
                .position(0)
                .mandatory()
                .from_pipeline()
                .remaining()
                .help("The objects to send down the pipeline."),
        )
        .param(
            Param::switch("NoEnumerate")
                .help("Writes a collection as one object instead of its items."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new("Write several objects", "Write-Output 'a' 'b'", "a\nb\n"),
            Example::new(
                "Keep a collection together",
                "Write-Output -NoEnumerate 1, 2, 3 | Measure-Object | ForEach-Object Count",
                "1\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let Some(value) = current_input(cx) else {
            return Ok(());
        };
        if cx.args.switch("NoEnumerate") {
            cx.emit(value)
        } else {
            cx.emit_enumerated(value)
        }
    }
}
