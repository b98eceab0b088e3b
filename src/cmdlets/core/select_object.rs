//! L4 — Select-Object: picks objects by position (`-First`, `-Last`, `-Skip`, `-SkipLast`,
//! `-Index`, `-SkipIndex`), drops duplicates (`-Unique`), and projects properties into new
//! objects (`-Property` with names, wildcards and calculated properties; `-ExpandProperty`).
//! Once `-First` (or the largest `-Index`) is satisfied, it stops the commands before it.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value, access, convert};

use super::super::common::properties::{PropertySpec, SELECT_KEYS, parse_specs};
use super::super::common::{
    arg_int, arg_items, arg_strings, argument_error, current_input, custom_object, has_property,
    int_array, object_array, same_value, string_array, wildcard,
};

/// `Select-Object [[-Property] <Object[]>] [-ExcludeProperty …] [-ExpandProperty …]
/// [-Unique] [-Last …] [-First …] [-Skip …] [-SkipLast …] [-Index …]`
pub struct SelectObject;

#[derive(Default)]
struct State {
    specs: Vec<PropertySpec>,
    /// Objects seen so far (for -Skip/-First/-Index counting).
    seen: usize,
    /// Objects passed on so far (for -First).
    taken: usize,
    /// Held back for -Last / -SkipLast.
    held: Vec<Value>,
    /// Already written (for -Unique).
    written: Vec<Value>,
    /// The commands before this one were told to stop (-First / -Index satisfied).
    stopped_upstream: bool,
}

impl Cmdlet for SelectObject {
    fn signature(&self) -> Signature {
        let projection = |p: Param| p.set("DefaultParameter").set("SkipLastParameter");
        Signature::new("Select-Object", "Selects objects or object properties.")
            .default_set("DefaultParameter")
            .param(
                Param::new("InputObject", PsType::PsObject)
                    .from_pipeline()
                    .help("The objects to select from."),
            )
            .param(projection(
                Param::new("Property", object_array()).position(0).help(
                    "Properties to select: names (wildcards allowed) or @{Name=…; Expression=…}.",
                ),
            ))
            .param(projection(
                Param::new("ExcludeProperty", string_array()).help("Properties to leave out."),
            ))
            .param(projection(
                Param::new("ExpandProperty", PsType::String)
                    .help("A property whose value is written instead of the object."),
            ))
            .param(Param::switch("Unique").help("Writes each distinct object once."))
            .param(
                Param::switch("CaseInsensitive")
                    .help("Compares strings case-insensitively for -Unique."),
            )
            .param(
                Param::new("Last", PsType::Int)
                    .set("DefaultParameter")
                    .help("How many objects to take from the end."),
            )
            .param(
                Param::new("First", PsType::Int)
                    .set("DefaultParameter")
                    .help("How many objects to take from the start."),
            )
            .param(projection(
                Param::new("Skip", PsType::Int).help("How many objects to skip from the start."),
            ))
            .param(
                Param::new("SkipLast", PsType::Int)
                    .set("SkipLastParameter")
                    .help("How many objects to skip at the end."),
            )
            .param(
                Param::switch("Wait")
                    .set("DefaultParameter")
                    .set("IndexParameter"),
            )
            .param(
                Param::new("Index", int_array())
                    .set("IndexParameter")
                    .help("The positions (from 0) of the objects to select."),
            )
            .param(
                Param::new("SkipIndex", int_array())
                    .set("SkipIndexParameter")
                    .help("The positions of the objects to leave out."),
            )
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "The first three",
                "1..10 | Select-Object -First 3",
                "1\n2\n3\n",
            ),
            Example::new(
                "Stop early: the range is never counted past 3",
                "1..1000000000 | Select-Object -First 3",
                "1\n2\n3\n",
            ),
            Example::new(
                "Skip and take",
                "1..10 | Select-Object -Skip 2 -First 3",
                "3\n4\n5\n",
            ),
            Example::new(
                "Unique objects",
                "1, 2, 2, 3, 1 | Select-Object -Unique",
                "1\n2\n3\n",
            ),
            Example::new(
                "A calculated property",
                "1, 2, 3 | Select-Object @{ Name = 'Double'; Expression = { $_ * 2 } } | ForEach-Object Double",
                "2\n4\n6\n",
            ),
            Example::new(
                "Expand a property",
                "[pscustomobject]@{ Name = 'srv'; Port = 25 } | Select-Object -ExpandProperty Port",
                "25\n",
            ),
        ]
    }

    fn begin(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let specs = match cx.args.get("Property") {
            Some(value) => parse_specs(value, SELECT_KEYS).map_err(|e| argument_error(cx, e))?,
            None => Vec::new(),
        };
        for name in ["First", "Last", "Skip", "SkipLast"] {
            if arg_int(cx, name).is_some_and(|n| n < 0) {
                return Err(argument_error(
                    cx,
                    format!(
                        "Cannot validate argument on parameter '{name}'. The argument cannot be negative."
                    ),
                ));
            }
        }
        cx.state::<State>().specs = specs;
        Ok(())
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let Some(item) = current_input(cx) else {
            return Ok(());
        };
        let position = cx.state::<State>().seen;
        cx.state::<State>().seen += 1;
        if cx.args.contains("Index") || cx.args.contains("SkipIndex") {
            let listed = |name: &str| {
                arg_items(cx, name)
                    .iter()
                    .any(|i| convert::to_i64(i).ok() == Some(position as i64))
            };
            let wanted = if cx.args.contains("Index") {
                listed("Index")
            } else {
                !listed("SkipIndex")
            };
            if wanted {
                write(cx, item)?;
            }
            // Past the largest wanted index, nothing more can be selected.
            let last_wanted = cx.args.contains("Index").then(|| {
                let indexes: Vec<i64> = arg_items(cx, "Index")
                    .iter()
                    .filter_map(|i| convert::to_i64(i).ok())
                    .collect();
                match indexes.iter().any(|&i| i < 0) {
                    true => None,
                    false => indexes.into_iter().max(),
                }
            });
            return match last_wanted {
                Some(Some(max)) if position as i64 >= max => stop_upstream(cx),
                _ => Ok(()),
            };
        }
        // With -Last, -Skip counts from the end (see `end`).
        let skip = arg_int(cx, "Skip").unwrap_or(0) as usize;
        if position < skip && !cx.args.contains("Last") {
            return Ok(());
        }
        if cx.args.contains("Last") || cx.args.contains("SkipLast") {
            cx.state::<State>().held.push(item);
            return Ok(());
        }
        if let Some(first) = arg_int(cx, "First") {
            let first = first as usize;
            if cx.state::<State>().taken >= first {
                return stop_upstream(cx);
            }
            cx.state::<State>().taken += 1;
            write(cx, item)?;
            if cx.state::<State>().taken >= first {
                return stop_upstream(cx);
            }
            return Ok(());
        }
        write(cx, item)
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let mut held = std::mem::take(&mut cx.state::<State>().held);
        if let Some(skip_last) = arg_int(cx, "SkipLast") {
            held.truncate(held.len().saturating_sub(skip_last as usize));
        }
        let chosen: Vec<Value> = match arg_int(cx, "Last") {
            Some(last) => {
                let skip = arg_int(cx, "Skip").unwrap_or(0) as usize;
                held.truncate(held.len().saturating_sub(skip));
                let first = arg_int(cx, "First").map(|n| n as usize);
                let last = last as usize;
                let start = held.len().saturating_sub(last);
                match first {
                    // -First and -Last together: the first n, then the last m of the rest.
                    Some(first) => {
                        let head = first.min(held.len());
                        let tail_start = start.max(head);
                        held[..head]
                            .iter()
                            .chain(&held[tail_start..])
                            .cloned()
                            .collect()
                    }
                    None => held[start..].to_vec(),
                }
            }
            None => held,
        };
        for item in chosen {
            write(cx, item)?;
        }
        Ok(())
    }
}

/// Tell the commands before this one to stop, once (objects that still arrive, e.g. written
/// by an upstream `finally`, are dropped). With `-Wait`, upstream runs to its end.
fn stop_upstream(cx: &mut Context<'_, '_>) -> Eval<()> {
    if cx.args.switch("Wait") || std::mem::replace(&mut cx.state::<State>().stopped_upstream, true)
    {
        return Ok(());
    }
    cx.stop_upstream()
}

/// Project `item` as asked and write what results (unless -Unique has seen it).
fn write(cx: &mut Context<'_, '_>, item: Value) -> Eval<()> {
    let specs = cx.state::<State>().specs.clone();
    let excluded = arg_strings(cx, "ExcludeProperty");
    let projected = if specs.is_empty() && excluded.is_empty() {
        item.clone()
    } else if specs.is_empty() {
        let names = super::super::common::property_names(&item);
        let pairs = names
            .into_iter()
            .filter(|n| !excluded.iter().any(|e| wildcard(e, n)))
            .map(|n| {
                let value = access::get_member(&item, &n);
                (n, value)
            })
            .collect();
        custom_object(pairs)
    } else {
        let mut pairs: Vec<(String, Value)> = Vec::new();
        for spec in &specs {
            for (name, value) in spec.pairs(cx, &item)? {
                if excluded.iter().any(|e| wildcard(e, &name)) {
                    continue;
                }
                match pairs
                    .iter_mut()
                    .find(|(n, _)| n.eq_ignore_ascii_case(&name))
                {
                    Some(slot) => slot.1 = value,
                    None => pairs.push((name, value)),
                }
            }
        }
        custom_object(pairs)
    };
    let outputs = match cx.args.string("ExpandProperty") {
        Some(name) if !has_property(&item, &name) => {
            let message = format!("Property \"{name}\" cannot be found.");
            return cx.write_error(
                &message,
                "System.Management.Automation.PSArgumentException",
                item,
            );
        }
        Some(name) => expand(&item, &name, &projected, !specs.is_empty()),
        None => vec![projected],
    };
    for output in outputs {
        if cx.args.switch("Unique") {
            let case_sensitive = !cx.args.switch("CaseInsensitive");
            let state = cx.state::<State>();
            if state
                .written
                .iter()
                .any(|w| same_value(w, &output, case_sensitive))
            {
                continue;
            }
            state.written.push(output.clone());
        }
        cx.emit(output)?;
    }
    Ok(())
}

/// `-ExpandProperty`: the property's value, unrolled; with `-Property` too, the selected
/// properties are added to each expanded object.
fn expand(item: &Value, name: &str, projected: &Value, add: bool) -> Vec<Value> {
    let values = convert::items_of(&access::get_member(item, name));
    if add && let Value::Object(extra) = projected {
        for value in &values {
            if let Value::Object(object) = value {
                for (prop, v) in extra.props.borrow().iter() {
                    if !object.props.borrow().contains(prop) {
                        object.set(prop, v.clone());
                    }
                }
            }
        }
    }
    values
}
