//! L4 — Format-Table: lays the input out as a table (chosen properties, calculated columns)
//! and writes the rendered text, which the console prints as it is.

use super::super::common::{collect_input, take_collected};
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::format;
use crate::value::PsType;

use super::super::common::properties::{FORMAT_KEYS, parse_specs, project_for_format};
use super::super::common::{argument_error, object_array};

/// `Format-Table [[-Property] <Object[]>] [-AutoSize] [-HideTableHeaders] [-Wrap] …`
pub struct FormatTable;

impl Cmdlet for FormatTable {
    fn signature(&self) -> Signature {
        Signature::new("Format-Table", "Formats the output as a table.")
            .param(Param::switch("AutoSize").help("Sizes the columns to their data."))
            .param(Param::switch("RepeatHeader"))
            .param(Param::switch("HideTableHeaders").help("Leaves out the column headings."))
            .param(Param::switch("Wrap").help("Wraps long values instead of truncating them."))
            .param(
                Param::new("Property", object_array())
                    .position(0)
                    .help("The properties (or @{Name=…; Expression=…}) to show."),
            )
            .param(Param::new("GroupBy", PsType::Object))
            .param(Param::new("View", PsType::String))
            .param(Param::switch("ShowError"))
            .param(Param::switch("DisplayError"))
            .param(Param::switch("Force"))
            .param(Param::new("Expand", PsType::String).accepts(&["CoreOnly", "EnumOnly", "Both"]))
            .param(
                Param::new("InputObject", PsType::PsObject)
                    .from_pipeline()
                    .help("The objects to format."),
            )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Choose the columns",
            "[pscustomobject]@{ Name = 'srv'; Port = 25; Tls = $true } | Format-Table Name, Port",
            "\nName Port\n---- ----\nsrv    25\n\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        collect_input(cx);
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let items = take_collected(cx);
        if items.is_empty() {
            return Ok(());
        }
        let text = match cx.args.get("Property") {
            Some(value) => {
                let specs = parse_specs(value, FORMAT_KEYS).map_err(|e| argument_error(cx, e))?;
                let (items, names) = project_for_format(cx, &items, &specs)?;
                format::format_table(&items, Some(&names))
            }
            None => format::format_table(&items, None),
        };
        let text = if cx.args.switch("HideTableHeaders") {
            hide_headers(&text)
        } else {
            text
        };
        cx.emit(format::formatted_text(text))
    }
}

/// Remove each heading line and the dashed line under it.
fn hide_headers(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let is_rule =
        |line: &str| !line.trim().is_empty() && line.chars().all(|c| c == '-' || c == ' ');
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if i + 1 < lines.len() && is_rule(lines[i + 1]) && !is_rule(lines[i]) {
            i += 2;
            continue;
        }
        out.push(lines[i]);
        i += 1;
    }
    out.join("\n")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn hides_heading_and_rule() {
        assert_eq!(
            hide_headers("\nName Port\n---- ----\nsrv    25\n\n"),
            "\nsrv    25\n\n"
        );
    }
}
