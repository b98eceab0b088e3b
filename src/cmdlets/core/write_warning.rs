//! L4 — Write-Warning: writes `WARNING: message` to the warning stream (stderr), honouring
//! `-WarningAction` and `$WarningPreference`.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::PsType;

/// `Write-Warning [-Message] <String>`
pub struct WriteWarning;

impl Cmdlet for WriteWarning {
    fn signature(&self) -> Signature {
        Signature::new("Write-Warning", "Writes a warning message.").param(
            Param::new("Message", PsType::String)
                .position(0)
                .mandatory()
                .from_pipeline()
                .alias("Msg")
                .help("The warning text."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Warnings go to the warning stream, not the output",
            "Write-Warning 'careful'; 'done'",
            "done\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let message = cx.args.string("Message").unwrap_or_default();
        cx.write_warning(&message);
        Ok(())
    }
}
