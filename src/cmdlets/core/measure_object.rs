//! L4 — Measure-Object: counts objects and computes sum, average, maximum, minimum and
//! standard deviation of their values (or of a property), or counts lines, words and
//! characters of text.

use super::super::common::{keep, take_collected};
use std::cmp::Ordering;

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value, convert};

use super::super::common::properties::{EXPRESSION_KEYS, PropertySpec, parse_specs};
use super::super::common::{argument_error, current_input, int, object_array, order, typed_object};

const GENERIC_MEASURE_INFO: &str = "Microsoft.PowerShell.Commands.GenericMeasureInfo";
const TEXT_MEASURE_INFO: &str = "Microsoft.PowerShell.Commands.TextMeasureInfo";

/// `Measure-Object [[-Property] <Object[]>] [-Sum] [-Average] [-Maximum] [-Minimum]
/// [-StandardDeviation] [-AllStats]` or `… [-Line] [-Word] [-Character] [-IgnoreWhiteSpace]`
pub struct MeasureObject;

impl Cmdlet for MeasureObject {
    fn signature(&self) -> Signature {
        let generic = |p: Param| p.set("GenericMeasure");
        let text = |p: Param| p.set("TextMeasure");
        Signature::new("Measure-Object", "Calculates the numeric properties of objects, and the characters, words, and lines in string objects.")
            .default_set("GenericMeasure")
            .param(Param::new("InputObject", PsType::PsObject).from_pipeline().help("The objects to measure."))
            .param(Param::new("Property", object_array()).position(0).help("The properties (or script blocks) to measure."))
            .param(generic(Param::switch("StandardDeviation").help("Computes the sample standard deviation.")))
            .param(generic(Param::switch("Sum").help("Adds the values.")))
            .param(generic(Param::switch("AllStats").help("Computes every statistic.")))
            .param(generic(Param::switch("Average").help("Averages the values.")))
            .param(generic(Param::switch("Maximum").help("Finds the largest value.")))
            .param(generic(Param::switch("Minimum").help("Finds the smallest value.")))
            .param(text(Param::switch("Line").help("Counts lines.")))
            .param(text(Param::switch("Word").help("Counts words.")))
            .param(text(Param::switch("Character").help("Counts characters.")))
            .param(text(Param::switch("IgnoreWhiteSpace").help("Leaves white space out of the character count.")))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Count objects",
                "('a', 'b', 'c' | Measure-Object).Count",
                "3\n",
            ),
            Example::new("Sum", "(1..5 | Measure-Object -Sum).Sum", "15\n"),
            Example::new(
                "Average",
                "(1, 2, 3, 4 | Measure-Object -Average).Average",
                "2.5\n",
            ),
            Example::new(
                "Measure a property",
                "$m = 'a', 'bb', 'ccc' | Measure-Object -Property Length -Sum -Maximum\n$m.Sum\n$m.Maximum",
                "6\n3\n",
            ),
            Example::new(
                "Hashtable keys are properties",
                "(@{num=3}, @{num=5} | Measure-Object -Maximum num).Maximum",
                "5\n",
            ),
            Example::new(
                "Count words",
                "('one two', 'three' | Measure-Object -Word).Words",
                "3\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        if let Some(item) = current_input(cx)
            && !item.is_null()
        {
            keep(cx, item);
        }
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let items = take_collected(cx);
        let specs = match cx.args.get("Property") {
            Some(value) => {
                parse_specs(value, EXPRESSION_KEYS).map_err(|e| argument_error(cx, e))?
            }
            None => Vec::new(),
        };
        let text_mode = cx.args.set.eq_ignore_ascii_case("TextMeasure");
        let targets: Vec<Option<&PropertySpec>> = if specs.is_empty() {
            vec![None]
        } else {
            specs.iter().map(Some).collect()
        };
        for spec in targets {
            let mut values = Vec::new();
            for item in &items {
                match spec {
                    None => values.push(item.clone()),
                    Some(spec) if spec.applies_to(item) => values.push(spec.value(cx, item)?),
                    Some(_) => {}
                }
            }
            let name = spec.map(PropertySpec::name);
            if let Some(name) = &name
                && values.is_empty()
                && !items.is_empty()
            {
                let message = format!(
                    "The property \"{name}\" cannot be found in the input for any objects."
                );
                cx.write_error(
                    &message,
                    "System.Management.Automation.PSArgumentException",
                    Value::Null,
                )?;
                continue;
            }
            let result = if text_mode {
                measure_text(cx, &values, name)
            } else {
                measure_values(cx, &values, name)?
            };
            cx.emit(result)?;
        }
        Ok(())
    }
}

fn measure_values(
    cx: &mut Context<'_, '_>,
    values: &[Value],
    property: Option<String>,
) -> Eval<Value> {
    let all = cx.args.switch("AllStats");
    let wants = |name: &str| all || cx.args.switch(name);
    let (sum, average, deviation) = (wants("Sum"), wants("Average"), wants("StandardDeviation"));
    let (maximum, minimum) = (wants("Maximum"), wants("Minimum"));
    let mut numbers = Vec::new();
    if sum || average || deviation {
        for value in values {
            match as_number(value) {
                Some(n) => numbers.push(n),
                None => {
                    let message = format!(
                        "Input object \"{}\" is not numeric.",
                        convert::to_string(value, " ")
                    );
                    cx.write_error(
                        &message,
                        "System.Management.Automation.PSInvalidOperationException",
                        value.clone(),
                    )?;
                }
            }
        }
    }
    let total: f64 = numbers.iter().sum();
    let count = numbers.len();
    let mean = (count > 0).then(|| total / count as f64);
    let stat = |on: bool, value: Option<f64>| {
        if on {
            value.map(Value::Double).unwrap_or_default()
        } else {
            Value::Null
        }
    };
    let std_dev = match (mean, count) {
        (Some(mean), n) if n > 1 => {
            let squares: f64 = numbers.iter().map(|x| (x - mean) * (x - mean)).sum();
            Some((squares / (n - 1) as f64).sqrt())
        }
        (Some(_), _) => Some(0.0),
        _ => None,
    };
    let extreme = |on: bool, want: Ordering| {
        if on {
            extreme(values, want)
        } else {
            Value::Null
        }
    };
    Ok(typed_object(
        GENERIC_MEASURE_INFO,
        vec![
            ("Count", int(values.len())),
            ("Average", stat(average, mean)),
            ("Sum", stat(sum, Some(total))),
            ("Maximum", extreme(maximum, Ordering::Greater)),
            ("Minimum", extreme(minimum, Ordering::Less)),
            ("StandardDeviation", stat(deviation, std_dev)),
            ("Property", property.map(Value::str).unwrap_or_default()),
        ],
        None,
    ))
}

/// A value as a double when it is numeric (numbers, numeric strings).
fn as_number(value: &Value) -> Option<f64> {
    match convert::to_number(value).ok()? {
        number @ (Value::Byte(_)
        | Value::Int(_)
        | Value::Long(_)
        | Value::Double(_)
        | Value::Decimal(_)) => match convert::convert_to(&number, &PsType::Double, " ").ok()? {
            Value::Double(x) => Some(x),
            _ => None,
        },
        _ => None,
    }
}

/// The largest (`Greater`) or smallest (`Less`) value: numbers as doubles, else by
/// PowerShell's ordering.
fn extreme(values: &[Value], want: Ordering) -> Value {
    if values.is_empty() {
        return Value::Null;
    }
    let numbers: Option<Vec<f64>> = values.iter().map(as_number).collect();
    if let Some(numbers) = numbers {
        let pick = numbers.into_iter().reduce(|a, b| {
            let better = if want == Ordering::Greater {
                b > a
            } else {
                b < a
            };
            if better { b } else { a }
        });
        return pick.map(Value::Double).unwrap_or_default();
    }
    values
        .iter()
        .cloned()
        .reduce(|a, b| if order(&b, &a, false) == want { b } else { a })
        .unwrap_or_default()
}

fn measure_text(cx: &Context<'_, '_>, values: &[Value], property: Option<String>) -> Value {
    let (mut lines, mut words, mut chars) = (0usize, 0usize, 0usize);
    let ignore_space = cx.args.switch("IgnoreWhiteSpace");
    for value in values {
        let text = convert::to_string(value, " ");
        lines += text.lines().count();
        words += text.split_whitespace().count();
        chars += text
            .chars()
            .filter(|c| !(ignore_space && c.is_whitespace()))
            .count();
    }
    let field = |on: bool, n: usize| if on { int(n) } else { Value::Null };
    typed_object(
        TEXT_MEASURE_INFO,
        vec![
            ("Lines", field(cx.args.switch("Line"), lines)),
            ("Words", field(cx.args.switch("Word"), words)),
            ("Characters", field(cx.args.switch("Character"), chars)),
            ("Property", property.map(Value::str).unwrap_or_default()),
        ],
        None,
    )
}
