//! L4 — Out-Host: renders the input and writes it to the host directly (not down the
//! pipeline).

use super::super::common::{collect_input, take_collected};
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::format;
use crate::value::PsType;

/// `Out-Host [-Paging] [-InputObject <PSObject>]`
pub struct OutHost;

impl Cmdlet for OutHost {
    fn signature(&self) -> Signature {
        Signature::new("Out-Host", "Sends output to the command line.")
            .param(Param::switch("Paging").help("Accepted; output is not paged."))
            .param(
                Param::new("InputObject", PsType::PsObject)
                    .from_pipeline()
                    .help("The objects to display."),
            )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Write to the host",
            "'shown' | Out-Host",
            "shown\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        collect_input(cx);
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let items = take_collected(cx);
        let text = format::out_string(&items);
        if !text.is_empty() {
            cx.interp.host.write_output(&text);
        }
        Ok(())
    }
}
