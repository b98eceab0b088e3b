//! L4 — Write-Debug: writes `DEBUG: message` when `-Debug` or `$DebugPreference` asks for it.

use crate::engine::bind::ActionPreference;
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, convert};

/// `Write-Debug [-Message] <String>`
pub struct WriteDebug;

impl Cmdlet for WriteDebug {
    fn signature(&self) -> Signature {
        Signature::new("Write-Debug", "Writes a debug message.").param(
            Param::new("Message", PsType::String)
                .position(0)
                .mandatory()
                .from_pipeline()
                .alias("Msg")
                .help("The debug message text."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Debug text is hidden unless asked for",
            "Write-Debug 'details'; 'done'",
            "done\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let on = cx.args.common.debug.unwrap_or_else(|| {
            let preference = convert::to_string(&cx.interp.get_var("DebugPreference"), " ");
            matches!(
                ActionPreference::parse(&preference),
                Some(
                    ActionPreference::Continue | ActionPreference::Inquire | ActionPreference::Stop
                )
            )
        });
        if on {
            let message = cx.args.string("Message").unwrap_or_default();
            cx.interp.host.write_error(&format!("DEBUG: {message}\n"));
        }
        Ok(())
    }
}
