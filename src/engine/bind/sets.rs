//! L3 — choosing the parameter set an invocation's arguments fit: named parameters first,
//! then whether the positional arguments fit a set's slots by type, then the default set.

use crate::syntax::Span;
use crate::value::{PsType, Value};

use super::super::RuntimeError;
use super::super::cmdlet::{Param, Signature};

/// Pick the parameter set the named (and, as a tie-break, positional) arguments fit.
pub(super) fn choose_set(
    sig: &Signature,
    named: &[(usize, Value, Span)],
    positional: &[(Value, Span)],
    call_span: Span,
) -> Result<String, Box<RuntimeError>> {
    let sets = sig.sets();
    if sets.is_empty() {
        return Ok("__AllParameterSets".into());
    }
    let fits = |set: &String| named.iter().all(|(i, _, _)| sig.params[*i].in_set(set));
    let candidates: Vec<&String> = sets.iter().filter(|s| fits(s)).collect();
    if candidates.is_empty() {
        let names: Vec<String> = named
            .iter()
            .map(|(i, _, _)| format!("-{}", sig.params[*i].name))
            .collect();
        return Err(Box::new(RuntimeError::ParameterBinding {
            command: sig.name.clone(),
            parameter: String::new(),
            message: format!(
                "Parameter set cannot be resolved using the specified named parameters ({}). One or more parameters issued cannot be used together or an insufficient number of parameters were provided.",
                names.join(", ")
            ),
            span: call_span,
            label: "these parameters belong to different parameter sets".into(),
            help: None,
        }));
    }
    // Prefer a set whose positional slots take every positional argument with a fitting type
    // (a script block goes only where a script block or any object is wanted, and only a
    // script block goes where a script block is wanted); then one with a named parameter
    // exclusive to it; then the default set.
    let takes_positionals = |set: &&String| {
        let mut slots: Vec<&Param> = sig
            .params
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                p.in_set(set) && p.position.is_some() && !named.iter().any(|(n, _, _)| n == i)
            })
            .map(|(_, p)| p)
            .collect();
        slots.sort_by_key(|p| p.position);
        let remaining = sig.params.iter().find(|p| p.remaining && p.in_set(set));
        positional.iter().enumerate().all(|(i, (value, _))| {
            match slots.get(i).copied().or(remaining) {
                Some(param) => positional_fits(param, value),
                None => false,
            }
        })
    };
    let specific = |set: &&String| {
        named
            .iter()
            .any(|(i, _, _)| !sig.params[*i].sets.is_empty() && sig.params[*i].in_set(set))
    };
    let default = sig.default_set.as_ref();
    let pick = candidates
        .iter()
        .find(|s| takes_positionals(s) && specific(s))
        .or_else(|| {
            candidates
                .iter()
                .find(|s| takes_positionals(s) && Some(**s) == default)
        })
        .or_else(|| candidates.iter().find(|s| takes_positionals(s)))
        .or_else(|| candidates.first())
        .map(|s| (*s).clone());
    Ok(pick.unwrap_or_else(|| "__AllParameterSets".into()))
}

/// Could `value` bind to `param` by position? Script blocks and non-script-blocks don't mix.
fn positional_fits(param: &Param, value: &Value) -> bool {
    let is_block = matches!(value, Value::ScriptBlock(_));
    let wants_block = match &param.ty {
        PsType::ScriptBlock => true,
        PsType::Array(inner) => **inner == PsType::ScriptBlock,
        _ => false,
    };
    match (is_block, wants_block) {
        (true, true) | (false, false) => true,
        (true, false) => matches!(param.ty, PsType::Object),
        (false, true) => false,
    }
}
