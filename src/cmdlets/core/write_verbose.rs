//! L4 — Write-Verbose: writes `VERBOSE: message` when `-Verbose` or `$VerbosePreference`
//! asks for it.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::PsType;

/// `Write-Verbose [-Message] <String>`
pub struct WriteVerbose;

impl Cmdlet for WriteVerbose {
    fn signature(&self) -> Signature {
        Signature::new(
            "Write-Verbose",
            "Writes text to the verbose message stream.",
        )
        .param(
            Param::new("Message", PsType::String)
                .position(0)
                .mandatory()
                .from_pipeline()
                .alias("Msg")
                .help("The verbose message text."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Verbose text is hidden unless asked for",
            "Write-Verbose 'details'; 'done'",
            "done\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let message = cx.args.string("Message").unwrap_or_default();
        cx.write_verbose(&message);
        Ok(())
    }
}
