//! L4 — Write-Information: writes to the information stream, shown when
//! `$InformationPreference` is `Continue`.

use crate::engine::bind::ActionPreference;
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, convert};

/// `Write-Information [-MessageData] <Object> [[-Tags] <String[]>]`
pub struct WriteInformation;

impl Cmdlet for WriteInformation {
    fn signature(&self) -> Signature {
        Signature::new(
            "Write-Information",
            "Specifies how PowerShell handles information stream data for a command.",
        )
        .param(
            Param::new("MessageData", PsType::Object)
                .position(0)
                .mandatory()
                .from_pipeline()
                .alias("Msg")
                .alias("Message")
                .help("The information to write."),
        )
        .param(Param::new("Tags", super::super::common::string_array()).position(1))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Shown when the information preference is Continue",
            "$InformationPreference = 'Continue'; Write-Information 'note'",
            "note\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let preference = convert::to_string(&cx.interp.get_var("InformationPreference"), " ");
        if matches!(
            ActionPreference::parse(&preference),
            Some(ActionPreference::Continue)
        ) {
            let data = cx.args.get("MessageData").cloned().unwrap_or_default();
            let text = convert::to_string(&data, &cx.interp.ofs());
            cx.interp.host.write_information(&format!("{text}\n"));
        }
        Ok(())
    }
}
