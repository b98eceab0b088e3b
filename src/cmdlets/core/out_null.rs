//! L4 — Out-Null: discards its input.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::PsType;

/// `Out-Null [-InputObject <PSObject>]`
pub struct OutNull;

impl Cmdlet for OutNull {
    fn signature(&self) -> Signature {
        Signature::new(
            "Out-Null",
            "Hides the output instead of sending it down the pipeline or displaying it.",
        )
        .param(
            Param::new("InputObject", PsType::PsObject)
                .from_pipeline()
                .help("The objects to discard."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Discard output",
            "'gone' | Out-Null; 'kept'",
            "kept\n",
        )]
    }

    fn process(&self, _cx: &mut Context<'_, '_>) -> Eval<()> {
        Ok(())
    }
}
