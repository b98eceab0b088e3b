//! L4 — Add-Content: appends values to files as lines of text (creating them when missing),
//! or as bytes with `-AsByteStream`.

use crate::engine::{Cmdlet, Context, Eval, Example, Signature};

use super::super::common::content::{collect_values, content_signature, write_values};

/// `Add-Content [-Path] <String[]> [-Value] <Object[]> [-NoNewline] [-Encoding …]
/// [-AsByteStream] [-PassThru]`
pub struct AddContent;

impl Cmdlet for AddContent {
    fn signature(&self) -> Signature {
        content_signature(
            "Add-Content",
            "Adds content to the specified items, such as adding words to a file.",
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Append a line",
            "Set-Content /tmp/mailsec-example-ac.txt 'first'\nAdd-Content /tmp/mailsec-example-ac.txt 'second'\nGet-Content /tmp/mailsec-example-ac.txt",
            "first\nsecond\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        collect_values(cx);
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        write_values(cx, true)
    }
}
