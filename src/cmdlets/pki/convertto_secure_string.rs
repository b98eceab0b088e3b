//! L4 — ConvertTo-SecureString: plain text to a `System.Security.SecureString` value (see
//! `common::secure_string`), for -Password parameters.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::PsType;

use super::super::common::argument_error;
use super::super::common::secure_string::secure_string;

/// `ConvertTo-SecureString [-String] <String> [-AsPlainText] [-Force]`
pub struct ConvertToSecureString;

impl Cmdlet for ConvertToSecureString {
    fn signature(&self) -> Signature {
        Signature::new(
            "ConvertTo-SecureString",
            "Converts plain text to a SecureString, for -Password parameters.",
        )
        .param(
            Param::new("String", PsType::String)
                .position(0)
                .mandatory()
                .from_pipeline()
                .help("The text to protect."),
        )
        .param(Param::switch("AsPlainText").help(
            "The input is plain text (required: mailsec has no DPAPI-encrypted standard strings).",
        ))
        .param(Param::switch(
            "Force",
        ).help("Confirms the use of -AsPlainText (Windows PowerShell 5.1 requires it; accepted and ignored)."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "A secure string shows its type, never its text",
                "$password = ConvertTo-SecureString -String 'P@ssw0rd!' -AsPlainText -Force\n$password\n\"$password\"",
                "System.Security.SecureString\nSystem.Security.SecureString\n",
            ),
            Example::new(
                "A credential for Connect-Directory -Credential",
                "$secure = ConvertTo-SecureString 'P@ssw0rd!' -AsPlainText -Force\n$admin = New-Object System.Management.Automation.PSCredential('cn=admin,dc=contoso,dc=com', $secure)\n$admin.UserName\n$admin.Password\n([pscredential]::new('u', $secure)).GetType().FullName",
                "cn=admin,dc=contoso,dc=com\nSystem.Security.SecureString\nSystem.Management.Automation.PSCredential\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        if !cx.args.switch("AsPlainText") {
            return Err(argument_error(
                cx,
                "ConvertTo-SecureString reads only plain text here: add -AsPlainText (encrypted standard strings need Windows DPAPI keys, which mailsec does not have).",
            ));
        }
        let text = match cx.input() {
            Some(value) => crate::value::convert::to_string(value, " "),
            None => cx.args.string("String").unwrap_or_default(),
        };
        cx.emit(secure_string(&text))
    }
}
