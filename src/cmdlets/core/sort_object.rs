//! L4 — Sort-Object: sorts objects by property values, script blocks or hashtables
//! (`@{Expression=…; Descending=$true}`), with PowerShell's comparison (numbers as numbers,
//! strings case-insensitively unless `-CaseSensitive`); stable; `-Unique`, `-Top`, `-Bottom`.

use super::super::common::{collect_input, take_collected};
use std::cmp::Ordering;

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value};

use super::super::common::properties::{SORT_KEYS, parse_specs};
use super::super::common::{arg_int, argument_error, object_array, order};

/// `Sort-Object [[-Property] <Object[]>] [-Descending] [-Unique] [-Top …] [-Bottom …]
/// [-CaseSensitive] [-Stable]`
pub struct SortObject;

impl Cmdlet for SortObject {
    fn signature(&self) -> Signature {
        Signature::new("Sort-Object", "Sorts objects by property values.")
            .default_set("Default")
            .param(
                Param::switch("Stable")
                    .set("Stable")
                    .help("Keeps equal objects in input order (always the case here)."),
            )
            .param(Param::switch("Descending").help("Sorts in descending order."))
            .param(Param::switch("Unique").help("Writes only the first of equal objects."))
            .param(
                Param::new("Top", PsType::Int)
                    .mandatory()
                    .set("Top")
                    .help("How many objects to write from the start of the sorted order."),
            )
            .param(
                Param::new("Bottom", PsType::Int)
                    .mandatory()
                    .set("Bottom")
                    .help("How many objects to write from the end of the sorted order."),
            )
            .param(
                Param::new("InputObject", PsType::PsObject)
                    .from_pipeline()
                    .help("The objects to sort."),
            )
            .param(Param::new("Property", object_array()).position(0).help(
                "Properties or script blocks to sort by; @{Expression=…; Descending=…} per key.",
            ))
            .param(Param::new("Culture", PsType::String))
            .param(Param::switch("CaseSensitive").help("Sorts upper and lower case apart."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new("Sort numbers", "3, 1, 2 | Sort-Object", "1\n2\n3\n"),
            Example::new(
                "Descending and unique",
                "3, 1, 3, 2 | Sort-Object -Descending -Unique",
                "3\n2\n1\n",
            ),
            Example::new(
                "Strings sort as text",
                "'10', '9', '100' | Sort-Object",
                "10\n100\n9\n",
            ),
            Example::new(
                "Sort by a script block",
                "'10', '9', '100' | Sort-Object { [int]$_ }",
                "9\n10\n100\n",
            ),
            Example::new(
                "Sort by a property, descending",
                "$p = [pscustomobject]@{N='a'; V=2}, [pscustomobject]@{N='b'; V=1}\n$p | Sort-Object -Property @{ Expression = 'V'; Descending = $true } | ForEach-Object N",
                "a\nb\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        collect_input(cx);
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let items = take_collected(cx);
        let specs = match cx.args.get("Property") {
            Some(value) => parse_specs(value, SORT_KEYS).map_err(|e| argument_error(cx, e))?,
            None => Vec::new(),
        };
        let descending = cx.args.switch("Descending");
        let case_sensitive = cx.args.switch("CaseSensitive");
        let mut keyed: Vec<(Vec<Value>, Value)> = Vec::with_capacity(items.len());
        for item in items {
            let mut keys = Vec::with_capacity(specs.len().max(1));
            if specs.is_empty() {
                keys.push(item.clone());
            }
            for spec in &specs {
                keys.push(spec.value(cx, &item)?);
            }
            keyed.push((keys, item));
        }
        let directions: Vec<bool> = if specs.is_empty() {
            vec![descending]
        } else {
            specs
                .iter()
                .map(|s| s.descending.unwrap_or(descending))
                .collect()
        };
        let compare = |a: &[Value], b: &[Value]| -> Ordering {
            for ((x, y), desc) in a.iter().zip(b).zip(&directions) {
                let ordering = order(x, y, case_sensitive);
                if ordering != Ordering::Equal {
                    return if *desc { ordering.reverse() } else { ordering };
                }
            }
            Ordering::Equal
        };
        keyed.sort_by(|(a, _), (b, _)| compare(a, b));
        if cx.args.switch("Unique") {
            keyed.dedup_by(|(a, _), (b, _)| compare(a, b) == Ordering::Equal);
        }
        let mut sorted: Vec<Value> = keyed.into_iter().map(|(_, item)| item).collect();
        if let Some(top) = arg_int(cx, "Top") {
            sorted.truncate(top.max(0) as usize);
        }
        if let Some(bottom) = arg_int(cx, "Bottom") {
            let start = sorted.len().saturating_sub(bottom.max(0) as usize);
            sorted.drain(..start);
        }
        for item in sorted {
            cx.emit(item)?;
        }
        Ok(())
    }
}
