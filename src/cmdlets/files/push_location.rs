//! L4 — Push-Location (`pushd`): remember the current location, then (with a path) move
//! as Set-Location does; Pop-Location goes back.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, drives};

use super::location::move_to;

/// `Push-Location [[-Path] <String>] [-PassThru]`
pub struct PushLocation;

impl Cmdlet for PushLocation {
    fn signature(&self) -> Signature {
        Signature::new(
            "Push-Location",
            "Remembers the current location, then sets the location to a directory or a Cert: path.",
        )
        .param(
            Param::new("Path", PsType::String)
                .position(0)
                .from_pipeline()
                .from_pipeline_by_property_name()
                .alias("LiteralPath")
                .help("The new location (none: stay, only remember)."),
        )
        .param(Param::switch("PassThru").help("Also outputs the new location (a PathInfo)."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Work in a store, then come back",
            "Set-Location Cert:\\CurrentUser\nPush-Location Cert:\\LocalMachine\\Root\n(Get-Location).Path\nPop-Location\n(Get-Location).Path",
            "Cert:\\LocalMachine\\Root\nCert:\\CurrentUser\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let path = match cx.input() {
            Some(value) => Some(crate::value::convert::to_string(value, " ")),
            None => cx.args.string("Path"),
        };
        drives::push_location();
        let Some(path) = path.filter(|p| !p.is_empty()) else {
            return Ok(());
        };
        match move_to(cx, &path)? {
            Some(info) if cx.args.switch("PassThru") => cx.emit(info),
            Some(_) => Ok(()),
            None => {
                // The move failed: forget the location just remembered.
                drives::pop_location();
                Ok(())
            }
        }
    }
}
