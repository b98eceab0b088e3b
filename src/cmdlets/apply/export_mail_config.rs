//! L4 — Export-MailConfig: the store as a desired-state document in a stable order (applying
//! it changes nothing); written to `-Path`, else emitted as text.

use crate::apply;
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value};

use super::super::common::paths;
use super::shared::{emit_lines, report, store};

/// `Export-MailConfig [[-Path] <String>]`
pub struct ExportMailConfig;

impl Cmdlet for ExportMailConfig {
    fn signature(&self) -> Signature {
        Signature::new(
            "Export-MailConfig",
            "Writes the configuration store as a desired-state document (YAML).",
        )
        .param(
            Param::new("Path", PsType::String)
                .position(0)
                .help("The file to write (default: the text is output)."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Export, and applying the export changes nothing",
            "New-InboundConnector -Name Contoso -SenderDomains contoso.com | Out-Null\nExport-MailConfig /tmp/mailsec-example-export.yaml\n@(Invoke-MailConfig /tmp/mailsec-example-export.yaml).Count\n(Export-MailConfig | Select-String 'Name: Contoso').Count",
            "0\n1\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let store = store(cx)?;
        let text = match apply::export_store(store.as_ref()) {
            Ok(text) => text,
            Err(error) => return report(cx, &error, &store.location()),
        };
        let Some(path) = cx.args.string("Path") else {
            return emit_lines(cx, &text);
        };
        let file = paths::resolve(&path);
        if let Err(error) = std::fs::write(&file, text) {
            let message = format!("Cannot write '{}': {error}", file.display());
            return cx.write_error(&message, "System.IO.IOException", Value::str(path.as_str()));
        }
        Ok(())
    }
}
