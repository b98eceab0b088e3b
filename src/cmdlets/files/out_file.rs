//! L4 — Out-File: writes the input to a file as the console would show it.

use super::super::common::{collect_input, take_collected};
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::format;
use crate::value::{PsType, Value};

use super::super::common::content::{Content, target_files, write_content};
use super::super::common::encoding::ENCODING_NAMES;

/// `Out-File [-FilePath] <String> [[-Encoding] …] [-Append] [-Force] [-NoClobber] [-Width …]
/// [-NoNewline]`
pub struct OutFile;

impl Cmdlet for OutFile {
    fn signature(&self) -> Signature {
        Signature::new("Out-File", "Sends output to a file.")
            .default_set("ByPath")
            .should_process()
            .param(
                Param::new("FilePath", PsType::String)
                    .position(0)
                    .mandatory()
                    .set("ByPath")
                    .alias("Path")
                    .help("The file to write."),
            )
            .param(
                Param::new("LiteralPath", PsType::String)
                    .mandatory()
                    .set("ByLiteralPath")
                    .alias("PSPath")
                    .alias("LP")
                    .help("The file to write, taken literally."),
            )
            .param(
                Param::new("Encoding", PsType::String)
                    .position(1)
                    .accepts(ENCODING_NAMES)
                    .help("The text encoding (default UTF-8 without BOM)."),
            )
            .param(Param::switch("Append").help("Adds to the end of the file."))
            .param(
                Param::switch("Force").help("Overrides -NoClobber and read-only files (accepted)."),
            )
            .param(
                Param::switch("NoClobber")
                    .alias("NoOverwrite")
                    .help("Does not overwrite an existing file."),
            )
            .param(Param::new("Width", PsType::Int).help("The number of characters per line."))
            .param(Param::switch("NoNewline").help("Writes the output without newlines."))
            .param(
                Param::new("InputObject", PsType::PsObject)
                    .from_pipeline()
                    .help("The objects to write."),
            )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Write and read back",
            "1, 2 | Out-File /tmp/mailsec-example-of.txt\nGet-Content /tmp/mailsec-example-of.txt",
            "1\n2\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        collect_input(cx);
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let items = take_collected(cx);
        let append = cx.args.switch("Append");
        let mut text = format::out_string(&items);
        if cx.args.switch("NoNewline") {
            text = text.replace('\n', "");
        }
        let encoding = cx.args.string("Encoding");
        for file in target_files(cx, "FilePath")? {
            if cx.args.common.what_if {
                let message = format!(
                    "What if: Performing the operation \"Output to File\" on target \"{}\".\n",
                    file.display()
                );
                cx.interp.host.write_output(&message);
                continue;
            }
            if cx.args.switch("NoClobber") && !append && !cx.args.switch("Force") && file.exists() {
                let message = format!("The file '{}' already exists.", file.display());
                cx.write_error(
                    &message,
                    "System.IO.IOException",
                    Value::str(file.display().to_string()),
                )?;
                continue;
            }
            let content = Content::Text {
                text: &text,
                encoding: encoding.as_deref(),
            };
            write_content(cx, &file, &content, append)?;
        }
        Ok(())
    }
}
