//! L4 — Disconnect-Directory: unbind and close a directory connection of the session.

use crate::directory::sessions;
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value};

use super::shared::connection_name;

/// `Disconnect-Directory [[-Name] <String>]`
pub struct DisconnectDirectory;

impl Cmdlet for DisconnectDirectory {
    fn signature(&self) -> Signature {
        Signature::new(
            "Disconnect-Directory",
            "Closes a directory connection opened by Connect-Directory (its saved settings stay).",
        )
        .param(
            Param::new("Name", PsType::Object)
                .position(0)
                .from_pipeline()
                .alias("Connection")
                .help("The connection to close (default: the last connected)."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Closing when nothing is open says so",
            "Disconnect-Directory -ErrorAction SilentlyContinue; $Error[0].Exception.Message",
            "No directory connection is open.\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let name = cx
            .input()
            .cloned()
            .or_else(|| cx.args.get("Name").cloned())
            .map(|v| connection_name(&v));
        if sessions::close(name.as_deref()).is_none() {
            let message = match &name {
                Some(name) => format!("No directory connection named '{name}' is open."),
                None => "No directory connection is open.".to_string(),
            };
            let target = Value::str(name.unwrap_or_default());
            cx.write_error(&message, "System.InvalidOperationException", target)?;
        }
        Ok(())
    }
}
