//! L4 — Set-Content: writes values to files as lines of text (replacing what was there), or
//! as bytes with `-AsByteStream`.

use crate::engine::{Cmdlet, Context, Eval, Example, Signature};

use super::super::common::content::{collect_values, content_signature, write_values};

/// `Set-Content [-Path] <String[]> [-Value] <Object[]> [-NoNewline] [-Encoding …]
/// [-AsByteStream] [-PassThru]`
pub struct SetContent;

impl Cmdlet for SetContent {
    fn signature(&self) -> Signature {
        content_signature(
            "Set-Content",
            "Writes new content or replaces existing content in a file.",
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Write lines and read them back",
            "'alpha', 'beta' | Set-Content /tmp/mailsec-example-sc.txt\nGet-Content /tmp/mailsec-example-sc.txt -Raw",
            "alpha\nbeta\n\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        collect_values(cx);
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        write_values(cx, false)
    }
}
