//! L4 — Compare-Object: compares two sets of objects and reports those only in one set
//! (`<=` reference only, `=>` difference only) and, with `-IncludeEqual`, those in both.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value};

use super::super::common::properties::{PropertySpec, SELECT_KEYS, parse_specs};
use super::super::common::{argument_error, custom_object, items, object_array, same_value};

/// `Compare-Object [-ReferenceObject] <PSObject[]> [-DifferenceObject] <PSObject[]>
/// [-Property …] [-IncludeEqual] [-ExcludeDifferent] [-PassThru] [-CaseSensitive]`
pub struct CompareObject;

#[derive(Default)]
struct State {
    difference: Vec<Value>,
}

impl Cmdlet for CompareObject {
    fn signature(&self) -> Signature {
        Signature::new("Compare-Object", "Compares two sets of objects.")
            .param(
                Param::new("ReferenceObject", object_array())
                    .position(0)
                    .mandatory()
                    .help("The objects used as the reference."),
            )
            .param(
                Param::new("DifferenceObject", object_array())
                    .position(1)
                    .mandatory()
                    .from_pipeline()
                    .help("The objects compared with the reference."),
            )
            .param(Param::new("SyncWindow", PsType::Int))
            .param(Param::new("Property", object_array()).help("The properties to compare."))
            .param(Param::switch("ExcludeDifferent").help("Leaves out the objects that differ."))
            .param(Param::switch("IncludeEqual").help("Includes the objects found in both sets."))
            .param(
                Param::switch("PassThru")
                    .help("Writes the objects themselves instead of comparison results."),
            )
            .param(Param::new("Culture", PsType::String))
            .param(Param::switch("CaseSensitive").help("Compares strings case-sensitively."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Differences both ways",
            "Compare-Object 1, 2, 3 2, 3, 4 | ForEach-Object { \"$($_.InputObject) $($_.SideIndicator)\" }",
            "4 =>\n1 <=\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let values = cx
            .args
            .get("DifferenceObject")
            .map(items)
            .unwrap_or_default();
        cx.state::<State>().difference.extend(values);
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let difference = std::mem::take(&mut cx.state::<State>().difference);
        let reference = match cx.args.get("ReferenceObject") {
            Some(Value::Null) | None => {
                return Err(argument_error(
                    cx,
                    "Cannot bind argument to parameter 'ReferenceObject' because it is null.",
                ));
            }
            Some(value) => items(value),
        };
        let specs = match cx.args.get("Property") {
            Some(value) => parse_specs(value, SELECT_KEYS).map_err(|e| argument_error(cx, e))?,
            None => Vec::new(),
        };
        let case_sensitive = cx.args.switch("CaseSensitive");
        let mut reference_keys = Vec::with_capacity(reference.len());
        for item in &reference {
            reference_keys.push(keys_of(cx, &specs, item)?);
        }
        let mut matched = vec![false; reference.len()];
        let mut results = Vec::new();
        for item in difference {
            let keys = keys_of(cx, &specs, &item)?;
            let found = (0..reference.len()).find(|&i| {
                !matched[i]
                    && reference_keys[i].len() == keys.len()
                    && reference_keys[i]
                        .iter()
                        .zip(&keys)
                        .all(|(a, b)| same_value(a, b, case_sensitive))
            });
            match found {
                Some(i) => {
                    matched[i] = true;
                    if cx.args.switch("IncludeEqual") {
                        results.push((item, keys, "=="));
                    }
                }
                None if !cx.args.switch("ExcludeDifferent") => results.push((item, keys, "=>")),
                None => {}
            }
        }
        if !cx.args.switch("ExcludeDifferent") {
            for (i, item) in reference.into_iter().enumerate() {
                if !matched[i] {
                    let keys = std::mem::take(&mut reference_keys[i]);
                    results.push((item, keys, "<="));
                }
            }
        }
        for (item, keys, side) in results {
            let output = if cx.args.switch("PassThru") {
                item
            } else {
                result_object(&specs, item, keys, side)
            };
            cx.emit(output)?;
        }
        Ok(())
    }
}

fn keys_of(cx: &mut Context<'_, '_>, specs: &[PropertySpec], item: &Value) -> Eval<Vec<Value>> {
    if specs.is_empty() {
        return Ok(vec![item.clone()]);
    }
    let mut keys = Vec::with_capacity(specs.len());
    for spec in specs {
        keys.push(spec.value(cx, item)?);
    }
    Ok(keys)
}

fn result_object(specs: &[PropertySpec], item: Value, keys: Vec<Value>, side: &str) -> Value {
    let mut pairs: Vec<(String, Value)> = if specs.is_empty() {
        vec![("InputObject".to_string(), item)]
    } else {
        specs.iter().map(PropertySpec::name).zip(keys).collect()
    };
    pairs.push(("SideIndicator".to_string(), Value::str(side)));
    custom_object(pairs)
}
