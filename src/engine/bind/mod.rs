//! L3 — parameter binding, in one place, as PowerShell does it: case-insensitive names and
//! unique prefixes, aliases, `-Switch` / `-Switch:$false`, `-Name:value`, positionals,
//! parameter sets with a default, type conversion with the argument's span, mandatory checks,
//! pipeline binding by value then by property name, and the common parameters.

use crate::syntax::Span;
use crate::value::{PsType, Value, access, convert};

use super::RuntimeError;
use super::cmdlet::{Param, Signature};
use super::suggest::closest;

mod common;
mod sets;

pub use common::{ActionPreference, CommonParams};
use common::{apply_common, common_params};
use sets::choose_set;

/// One argument as written at the call site, already evaluated.
#[derive(Debug, Clone)]
pub enum Arg {
    /// `-Name`, `-Name:value` (value `Some`), or a splatted `Name = value`.
    Named {
        name: String,
        value: Option<Value>,
        span: Span,
    },
    Positional {
        value: Value,
        span: Span,
    },
}

/// The arguments of one invocation, converted to their parameters' types.
#[derive(Debug, Clone, Default)]
pub struct BoundArgs {
    /// The command's name as declared (for messages).
    pub command: String,
    values: Vec<(String, Value)>,
    /// The parameter set in use.
    pub set: String,
    pub common: CommonParams,
    /// Arguments no parameter took (`$args` of simple functions).
    pub unbound: Vec<Value>,
}

impl BoundArgs {
    /// A bound parameter's value (case-insensitive name).
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// A switch's state (false when not given).
    pub fn switch(&self, name: &str) -> bool {
        self.get(name).is_some_and(convert::to_bool)
    }

    /// A parameter as a string (its PowerShell string form).
    pub fn string(&self, name: &str) -> Option<String> {
        self.get(name).map(|v| convert::to_string(v, " "))
    }

    /// The bound parameters in binding order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.values.iter().map(|(n, v)| (n, v))
    }

    pub fn set_value(&mut self, name: &str, value: Value) {
        match self
            .values
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(slot) => slot.1 = value,
            None => self.values.push((name.to_string(), value)),
        }
    }
}

/// Bind `args` to `sig`. `expecting_input` defers mandatory checks of pipeline parameters to
/// [`bind_pipeline`].
pub fn bind(
    sig: &Signature,
    args: Vec<Arg>,
    expecting_input: bool,
    call_span: Span,
) -> Result<BoundArgs, Box<RuntimeError>> {
    let mut bound = BoundArgs {
        command: sig.name.clone(),
        ..BoundArgs::default()
    };
    let mut named: Vec<(usize, Value, Span)> = Vec::new();
    let mut positional: Vec<(Value, Span)> = Vec::new();

    let mut args = args.into_iter().peekable();
    while let Some(arg) = args.next() {
        let (name, value, span) = match arg {
            Arg::Positional { value, span } => {
                positional.push((value, span));
                continue;
            }
            Arg::Named { name, value, span } => (name, value, span),
        };
        match resolve_name(sig, &name, span)? {
            Resolved::Param(index) => {
                let param = &sig.params[index];
                // The span errors about the value point at: the value when it is separate.
                let (value, value_span) = match value {
                    Some(value) => (value, span),
                    None if param.is_switch() => (Value::Bool(true), span),
                    None => match args.next_if(|a| matches!(a, Arg::Positional { .. })) {
                        Some(Arg::Positional { value, span }) => (value, span),
                        _ => return Err(missing_argument(sig, param, span)),
                    },
                };
                if named.iter().any(|(i, _, _)| *i == index) {
                    return Err(binding_error(
                        sig,
                        &param.name,
                        "the parameter is specified more than once".into(),
                        span,
                        "given again here",
                    ));
                }
                named.push((index, value, value_span));
            }
            Resolved::Common(common, takes_value) => {
                let value = match value {
                    Some(value) => value,
                    None if !takes_value => Value::Bool(true),
                    None => match args.next_if(|a| matches!(a, Arg::Positional { .. })) {
                        Some(Arg::Positional { value, .. }) => value,
                        _ => {
                            return Err(binding_error(
                                sig,
                                common,
                                format!("Missing an argument for parameter '{common}'."),
                                span,
                                "needs a value",
                            ));
                        }
                    },
                };
                apply_common(sig, &mut bound.common, common, &value, span)?;
            }
            Resolved::Unknown => {
                bound.unbound.push(Value::str(format!("-{name}")));
                if let Some(value) = value {
                    bound.unbound.push(value);
                }
            }
        }
    }

    let set = choose_set(sig, &named, &positional, call_span)?;
    bound.set = set.clone();

    // Positional binding in position order within the chosen set.
    let mut slots: Vec<(usize, usize)> = sig
        .params
        .iter()
        .enumerate()
        .filter(|(i, p)| p.in_set(&set) && !p.remaining && !named.iter().any(|(n, _, _)| n == i))
        .filter_map(|(i, p)| p.position.map(|pos| (pos, i)))
        .collect();
    slots.sort();
    let mut slots = slots.into_iter();
    let mut leftovers: Vec<(Value, Span)> = Vec::new();
    for (value, span) in positional {
        match slots.next() {
            Some((_, index)) => named.push((index, value, span)),
            None => leftovers.push((value, span)),
        }
    }
    if !leftovers.is_empty() {
        if let Some(index) = sig
            .params
            .iter()
            .position(|p| p.remaining && p.in_set(&set))
        {
            let span = leftovers[0].1.to(leftovers[leftovers.len() - 1].1);
            let values: Vec<Value> = leftovers.into_iter().map(|(v, _)| v).collect();
            let value = if values.len() == 1 {
                values.into_iter().next().unwrap_or_default()
            } else {
                Value::array(values)
            };
            named.push((index, value, span));
        } else if sig.strict {
            let (value, span) = &leftovers[0];
            return Err(Box::new(RuntimeError::ParameterBinding {
                command: sig.name.clone(),
                parameter: String::new(),
                message: format!(
                    "A positional parameter cannot be found that accepts argument '{}'.",
                    convert::to_string(value, " ")
                ),
                span: *span,
                label: "no parameter takes this argument".into(),
                help: positional_help(sig, &set),
            }));
        } else {
            bound.unbound.extend(leftovers.into_iter().map(|(v, _)| v));
        }
    }

    for (index, value, span) in named {
        let param = &sig.params[index];
        let converted = convert_argument(sig, param, value, span)?;
        bound.values.push((param.name.clone(), converted));
    }

    let missing: Vec<&str> = sig
        .params
        .iter()
        .filter(|p| p.mandatory && p.in_set(&set) && !bound.contains(&p.name))
        .filter(|p| !(expecting_input && (p.pipeline.by_value || p.pipeline.by_property_name)))
        .map(|p| p.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(missing_mandatory(sig, &missing, call_span));
    }
    Ok(bound)
}

/// Bind one pipeline object to the parameters that take pipeline input and are still unbound:
/// by value first, then by property name.
pub fn bind_pipeline(
    sig: &Signature,
    base: &BoundArgs,
    input: &Value,
    call_span: Span,
) -> Result<BoundArgs, Box<RuntimeError>> {
    let mut bound = base.clone();
    let candidates = || {
        sig.params
            .iter()
            .filter(|p| p.in_set(&base.set) && !base.contains(&p.name))
    };
    let mut done = false;
    for param in candidates().filter(|p| p.pipeline.by_value) {
        if let Ok(value) = convert_pipeline_value(param, input) {
            bound.values.push((param.name.clone(), value));
            done = true;
            break;
        }
    }
    if !done {
        for param in candidates().filter(|p| p.pipeline.by_property_name) {
            let names = std::iter::once(&param.name).chain(param.aliases.iter());
            for name in names {
                let property = access::get_member(input, name);
                if !property.is_null()
                    && let Ok(value) = convert_pipeline_value(param, &property)
                {
                    bound.values.push((param.name.clone(), value));
                    done = true;
                    break;
                }
            }
        }
    }
    let missing: Vec<&str> = sig
        .params
        .iter()
        .filter(|p| p.mandatory && p.in_set(&bound.set) && !bound.contains(&p.name))
        .map(|p| p.name.as_str())
        .collect();
    if !missing.is_empty() {
        if !done {
            return Err(Box::new(RuntimeError::ParameterBinding {
                command: sig.name.clone(),
                parameter: missing[0].to_string(),
                message: format!(
                    "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input. (input: {})",
                    convert::to_string(input, " ")
                ),
                span: call_span,
                label: "this command".into(),
                help: None,
            }));
        }
        return Err(missing_mandatory(sig, &missing, call_span));
    }
    Ok(bound)
}

enum Resolved {
    Param(usize),
    Common(&'static str, bool),
    Unknown,
}

fn resolve_name(sig: &Signature, name: &str, span: Span) -> Result<Resolved, Box<RuntimeError>> {
    let exact = sig.params.iter().position(|p| {
        p.name.eq_ignore_ascii_case(name) || p.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    });
    if let Some(index) = exact {
        return Ok(Resolved::Param(index));
    }
    let commons = common_params(sig);
    if let Some((common, _, takes)) = commons
        .iter()
        .find(|(n, a, _)| n.eq_ignore_ascii_case(name) || a.eq_ignore_ascii_case(name))
    {
        return Ok(Resolved::Common(common, *takes));
    }
    let lower = name.to_lowercase();
    let mut matches: Vec<Resolved> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for (i, p) in sig.params.iter().enumerate() {
        if p.name.to_lowercase().starts_with(&lower) {
            matches.push(Resolved::Param(i));
            names.push(p.name.clone());
        }
    }
    for (common, _, takes) in &commons {
        if common.to_lowercase().starts_with(&lower) {
            matches.push(Resolved::Common(common, *takes));
            names.push(common.to_string());
        }
    }
    match matches.len() {
        1 => Ok(matches.remove(0)),
        0 if !sig.strict => Ok(Resolved::Unknown),
        0 => {
            let candidates: Vec<String> = sig
                .params
                .iter()
                .map(|p| p.name.clone())
                .chain(commons.iter().map(|(n, _, _)| n.to_string()))
                .collect();
            Err(Box::new(RuntimeError::ParameterNotFound {
                command: sig.name.clone(),
                parameter: name.to_string(),
                span,
                help: closest(name, candidates.iter().map(String::as_str))
                    .map(|c| format!("did you mean -{c}?")),
            }))
        }
        _ => Err(Box::new(RuntimeError::ParameterBinding {
            command: sig.name.clone(),
            parameter: name.to_string(),
            message: format!(
                "Parameter cannot be processed because the parameter name '{name}' is ambiguous. Possible matches include: -{}.",
                names.join(" -")
            ),
            span,
            label: "ambiguous parameter name".into(),
            help: Some("type more of the name".into()),
        })),
    }
}

fn convert_argument(
    sig: &Signature,
    param: &Param,
    value: Value,
    span: Span,
) -> Result<Value, Box<RuntimeError>> {
    let converted = match &param.ty {
        PsType::Object => value,
        PsType::Switch => Value::Bool(convert::to_bool(&value)),
        ty => convert::convert_to(&value, ty, " ").map_err(|e| {
            binding_error(
                sig,
                &param.name,
                e.to_string(),
                span,
                &format!("expected {}", type_word(ty)),
            )
        })?,
    };
    if !param.accepted.is_empty() {
        let values = convert::enumerate(&converted).unwrap_or_else(|| vec![converted.clone()]);
        for value in &values {
            let text = convert::to_string(value, " ");
            if !param.accepted.iter().any(|a| a.eq_ignore_ascii_case(&text)) {
                return Err(Box::new(RuntimeError::ParameterBinding {
                    command: sig.name.clone(),
                    parameter: param.name.clone(),
                    message: format!(
                        "The argument \"{text}\" does not belong to the set \"{}\" specified by the ValidateSet attribute.",
                        param.accepted.join(",")
                    ),
                    span,
                    label: "not an accepted value".into(),
                    help: closest(&text, param.accepted.iter().map(String::as_str))
                        .map(|c| format!("did you mean {c}?"))
                        .or_else(|| Some(format!("accepted: {}", param.accepted.join(", ")))),
                }));
            }
        }
    }
    Ok(converted)
}

fn convert_pipeline_value(param: &Param, input: &Value) -> Result<Value, crate::value::ValueError> {
    match &param.ty {
        PsType::Object => Ok(input.clone()),
        ty => convert::convert_to(input, ty, " "),
    }
}

fn type_word(ty: &PsType) -> String {
    format!("[{}]", ty.name())
}

pub(super) fn binding_error(
    sig: &Signature,
    parameter: &str,
    message: String,
    span: Span,
    label: &str,
) -> Box<RuntimeError> {
    Box::new(RuntimeError::ParameterBinding {
        command: sig.name.clone(),
        parameter: parameter.to_string(),
        message,
        span,
        label: label.to_string(),
        help: None,
    })
}

fn missing_argument(sig: &Signature, param: &Param, span: Span) -> Box<RuntimeError> {
    binding_error(
        sig,
        &param.name,
        format!(
            "Missing an argument for parameter '{}'. Specify a parameter of type '{}' and try again.",
            param.name,
            param.ty.full_name()
        ),
        span,
        "needs a value",
    )
}

fn missing_mandatory(sig: &Signature, missing: &[&str], span: Span) -> Box<RuntimeError> {
    Box::new(RuntimeError::ParameterBinding {
        command: sig.name.clone(),
        parameter: missing.join(", "),
        message: format!(
            "Cannot process command because of one or more missing mandatory parameters: {}.",
            missing.join(" ")
        ),
        span,
        label: "missing mandatory parameters".into(),
        help: Some(format!(
            "add {}",
            missing
                .iter()
                .map(|m| format!("-{m} <value>"))
                .collect::<Vec<_>>()
                .join(" ")
        )),
    })
}

fn positional_help(sig: &Signature, set: &str) -> Option<String> {
    let positional: Vec<String> = sig
        .params
        .iter()
        .filter(|p| p.in_set(set) && p.position.is_some())
        .map(|p| format!("-{}", p.name))
        .collect();
    if positional.is_empty() {
        Some(format!(
            "{} takes no positional arguments; name the parameter",
            sig.name
        ))
    } else {
        Some(format!("positional parameters: {}", positional.join(", ")))
    }
}
