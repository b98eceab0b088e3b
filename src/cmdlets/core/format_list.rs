//! L4 — Format-List: writes each input object as a list of `Name : Value` lines (chosen
//! properties, calculated ones too) as rendered text the console prints as it is.

use super::super::common::{collect_input, take_collected};
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::format;
use crate::value::PsType;

use super::super::common::properties::{FORMAT_KEYS, parse_specs, project_for_format};
use super::super::common::{argument_error, object_array};

/// `Format-List [[-Property] <Object[]>] …`
pub struct FormatList;

impl Cmdlet for FormatList {
    fn signature(&self) -> Signature {
        Signature::new("Format-List", "Formats the output as a list of properties in which each property appears on a new line.")
            .param(Param::new("Property", object_array()).position(0).help("The properties (or @{Name=…; Expression=…}) to show."))
            .param(Param::new("GroupBy", PsType::Object))
            .param(Param::new("View", PsType::String))
            .param(Param::switch("ShowError"))
            .param(Param::switch("DisplayError"))
            .param(Param::switch("Force"))
            .param(Param::new("Expand", PsType::String).accepts(&["CoreOnly", "EnumOnly", "Both"]))
            .param(Param::new("InputObject", PsType::PsObject).from_pipeline().help("The objects to format."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Show chosen properties",
            "[pscustomobject]@{ Name = 'srv'; Port = 25; Tls = $true } | Format-List Name, Port",
            "\nName : srv\nPort : 25\n\n",
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
                format::format_list(&items, Some(&names))
            }
            None => format::format_list(&items, None),
        };
        cx.emit(format::formatted_text(text))
    }
}
