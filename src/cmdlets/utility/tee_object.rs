//! L4 — Tee-Object: passes its input on and also saves it to a variable or a file.

use super::super::common::{keep, take_collected};
use crate::engine::pipeline::Collector;
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::format;
use crate::value::PsType;

use super::super::common::content::{Content, target_files, write_content};
use super::super::common::current_input;
use super::super::common::encoding::ENCODING_NAMES;

/// `Tee-Object [-FilePath] <String> [-Append]` or `Tee-Object -Variable <String>`
pub struct TeeObject;

impl Cmdlet for TeeObject {
    fn signature(&self) -> Signature {
        Signature::new(
            "Tee-Object",
            "Saves command output in a file or variable and also sends it down the pipeline.",
        )
        .default_set("File")
        .param(
            Param::new("InputObject", PsType::PsObject)
                .from_pipeline()
                .help("The objects to save and pass on."),
        )
        .param(
            Param::new("FilePath", PsType::String)
                .position(0)
                .mandatory()
                .set("File")
                .alias("Path")
                .help("The file to save to."),
        )
        .param(
            Param::new("LiteralPath", PsType::String)
                .mandatory()
                .set("LiteralFile")
                .alias("PSPath")
                .alias("LP")
                .help("The file to save to, taken literally."),
        )
        .param(
            Param::switch("Append")
                .set("File")
                .set("LiteralFile")
                .help("Adds to the end of the file."),
        )
        .param(
            Param::new("Encoding", PsType::String)
                .set("File")
                .set("LiteralFile")
                .accepts(ENCODING_NAMES),
        )
        .param(
            Param::new("Variable", PsType::String)
                .mandatory()
                .set("Variable")
                .help("The variable to save to (no $)."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Save to a variable while passing on",
            "1, 2 | Tee-Object -Variable saved | ForEach-Object { $_ * 10 }\n$saved.Count",
            "10\n20\n2\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let Some(item) = current_input(cx) else {
            return Ok(());
        };
        keep(cx, item.clone());
        cx.emit(item)
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let items = take_collected(cx);
        if let Some(name) = cx.args.string("Variable") {
            let name = name.trim_start_matches('$').to_string();
            cx.interp.set_var(&name, Collector(items).into_value());
            return Ok(());
        }
        let text = format::out_string(&items);
        let encoding = cx.args.string("Encoding");
        let append = cx.args.switch("Append");
        for file in target_files(cx, "FilePath")? {
            let content = Content::Text {
                text: &text,
                encoding: encoding.as_deref(),
            };
            write_content(cx, &file, &content, append)?;
        }
        Ok(())
    }
}
