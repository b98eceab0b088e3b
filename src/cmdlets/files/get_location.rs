//! L4 — Get-Location: the session's current location (a directory or a Cert: path) as a
//! `PathInfo`.

use crate::engine::{Cmdlet, Context, Eval, Example, Signature};

use super::location::current_path_info;

/// `Get-Location`
pub struct GetLocation;

impl Cmdlet for GetLocation {
    fn signature(&self) -> Signature {
        Signature::new(
            "Get-Location",
            "Gets the current location: a file-system directory or a path on the Cert: drive.",
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "The location after Set-Location",
            "Set-Location Cert:\\LocalMachine\\Root\n(Get-Location).Path\nGet-Location",
            "Cert:\\LocalMachine\\Root\n\nPath\n----\nCert:\\LocalMachine\\Root\n\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        cx.emit(current_path_info())
    }
}
