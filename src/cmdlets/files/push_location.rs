//! L4 — Push-Location (`pushd`): remember the current location, then (with a path) move
//! as Set-Location does; Pop-Location goes back.

use crate::engine::{Cmdlet, Context, Eval, Example, Signature};
use crate::value::drives;

use super::location::{given_path, move_signature, move_to};

/// `Push-Location [[-Path] <String>] [-PassThru]`
pub struct PushLocation;

impl Cmdlet for PushLocation {
    fn signature(&self) -> Signature {
        move_signature(
            "Push-Location",
            "Remembers the current location, then sets the location to a directory or a Cert: path.",
            "The new location (none: stay, only remember).",
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Work in a store, then come back",
            "Set-Location Cert:\\CurrentUser\nPush-Location Cert:\\LocalMachine\\Root\n(Get-Location).Path\nPop-Location\n(Get-Location).Path",
            "Cert:\\LocalMachine\\Root\nCert:\\CurrentUser\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let path = given_path(cx);
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
