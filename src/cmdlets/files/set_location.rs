//! L4 — Set-Location (`cd`): make a file-system directory or a container of the Cert: drive
//! (`Cert:\`, `Cert:\CurrentUser`, `Cert:\CurrentUser\My`) the current location; relative
//! paths and `..` resolve against the current one. The process directory is not changed:
//! the session's location (`value::drives`) is what later relative paths resolve against.

use crate::engine::{Cmdlet, Context, Eval, Example, Signature};

use super::location::{given_path, move_signature, move_to};

/// `Set-Location [[-Path] <String>] [-PassThru]`
pub struct SetLocation;

impl Cmdlet for SetLocation {
    fn signature(&self) -> Signature {
        move_signature(
            "Set-Location",
            "Sets the current location to a directory or to a location or store of the Cert: drive.",
            "The new location: a directory, or Cert:\\, Cert:\\CurrentUser, Cert:\\LocalMachine\\Root …; relative to the current location; none means the home directory.",
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Into a store, then up to its location",
            "Set-Location Cert:\\CurrentUser\\My\n(Get-Location).Path\nSet-Location ..\n(Set-Location Root -PassThru).Path",
            "Cert:\\CurrentUser\\My\nCert:\\CurrentUser\\Root\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let path = given_path(cx)
            .filter(|given| !given.is_empty())
            .unwrap_or_else(|| "~".to_string());
        let Some(info) = move_to(cx, &path)? else {
            return Ok(());
        };
        if cx.args.switch("PassThru") {
            cx.emit(info)?;
        }
        Ok(())
    }
}
