//! L4 — Get-Credential: asks for a user name and password through the host and returns a
//! PSCredential (its password a SecureString, never shown).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value, convert};

use super::credential::{credential_value, prompt_password};

/// `Get-Credential [[-UserName] <String>] [-Message <String>] [-Title <String>]`
pub struct GetCredential;

impl Cmdlet for GetCredential {
    fn signature(&self) -> Signature {
        Signature::new(
            "Get-Credential",
            "Asks for a user name and password and returns them as a PSCredential.",
        )
        .param(
            Param::new("UserName", PsType::String)
                .position(0)
                .alias("Credential")
                .help("The user name (asked for when omitted)."),
        )
        .param(Param::new("Message", PsType::String).help("A message shown before the prompt."))
        .param(Param::new("Title", PsType::String).help("A title shown before the prompt."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Without a terminal there is nobody to ask",
            "Get-Credential admin -ErrorAction SilentlyContinue; $Error[0].Exception.Message",
            "Get-Credential needs a terminal to ask for the password. In scripts, use a PSCredential built with ConvertTo-SecureString, or Connect-Directory -PasswordVariable.\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        if !cx.interp.host.is_interactive() {
            return cx.write_error(
                "Get-Credential needs a terminal to ask for the password. In scripts, use a PSCredential built with ConvertTo-SecureString, or Connect-Directory -PasswordVariable.",
                "System.InvalidOperationException",
                Value::Null,
            );
        }
        for param in ["Title", "Message"] {
            if let Some(text) = cx.args.string(param) {
                cx.interp.host.write_information(&format!("{text}\n"));
            }
        }
        let user = match cx.args.string("UserName").filter(|u| !u.trim().is_empty()) {
            Some(user) => user,
            None => match cx.interp.host.read_line("User: ") {
                Some(line) => {
                    convert::to_string(&Value::str(line.trim_end_matches(['\r', '\n'])), " ")
                }
                None => return Ok(()),
            },
        };
        let Some(password) = prompt_password(cx, &user) else {
            return Ok(());
        };
        cx.emit(credential_value(&user, password.expose()))
    }
}
