//! L4 — Pop-Location (`popd`): go back to the location Push-Location remembered last (nothing
//! happens when none is left, as in PowerShell).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::drives;

use super::location::current_path_info;

/// `Pop-Location [-PassThru]`
pub struct PopLocation;

impl Cmdlet for PopLocation {
    fn signature(&self) -> Signature {
        Signature::new(
            "Pop-Location",
            "Changes the location back to the one Push-Location remembered last.",
        )
        .param(Param::switch("PassThru").help("Also outputs the location returned to."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "With nothing remembered, the location stays",
            "Set-Location Cert:\\LocalMachine\nPop-Location\n(Get-Location).Path",
            "Cert:\\LocalMachine\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        if drives::pop_location() && cx.args.switch("PassThru") {
            cx.emit(current_path_info())?;
        }
        Ok(())
    }
}
