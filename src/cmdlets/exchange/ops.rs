//! L4 — the four verbs on a named collection (connectors, mobile policies), as Exchange runs
//! them: New-* creates and returns the object, Set-* changes it (warning when nothing changed),
//! Get-* lists or finds, Remove-* deletes after confirmation. Every change happens inside the
//! store's lock and writes nothing when it is rejected or changes nothing.

use crate::engine::{Context, Eval};
use crate::model::Problem;
use crate::model::collection::{Stored, create, find, find_all, remove, update};
use crate::model::object::to_value;
use crate::model::param::PropertyType;
use crate::model::quantity::Unlimited;

use super::shared::{
    Outcome, borrowed, change_state, identity_arg, load, open_store, previews, report_not_found,
    report_problems, setting_args, warn_advice, warn_unchanged,
};

/// The error for a `-Identity` that is `$null` or empty on a command that needs one.
fn null_identity(cx: &mut Context<'_, '_>) -> Eval<()> {
    report_problems(
        cx,
        &[Problem::new(
            "Identity",
            "",
            "Cannot bind argument to parameter 'Identity' because it is null or empty. Give a name, a distinguished name or a GUID.",
        )],
        "",
    )
}

/// New-*: create the object named by `-Name` with the given settings and write it out.
pub fn new_object<T: Stored>(cx: &mut Context<'_, '_>) -> Eval<()> {
    let name = cx
        .args
        .string("Name")
        .unwrap_or_default()
        .trim()
        .to_string();
    let args = setting_args::<T>(cx, true);
    let store = open_store(cx)?;
    if previews(cx, false) {
        let state = load(cx, &store)?;
        let mut items = T::items(&state).clone();
        if let Err(problems) = create(&mut items, T::named(&name), &borrowed(&args)) {
            return report_problems(cx, &problems, &name);
        }
    }
    if !cx.should_process(&format!("Creating {} \"{name}\".", T::KIND.noun))? {
        return Ok(());
    }
    let mut created = None;
    let outcome = change_state(cx, &store, &mut |state| {
        let organization = state.organization.clone();
        let items = T::items_mut(state);
        match create(items, T::named(&name), &borrowed(&args)) {
            Ok(index) => {
                created = Some((items[index].clone(), organization));
                Outcome::Done
            }
            Err(problems) => Outcome::Rejected(problems),
        }
    })?;
    match (outcome, created) {
        (Outcome::Done, Some((object, organization))) => {
            warn_advice(cx, object.advisories());
            cx.emit(to_value(&object, &organization))
        }
        (Outcome::Rejected(problems), _) => report_problems(cx, &problems, &name),
        _ => Ok(()),
    }
}

/// Set-*: change the object `-Identity` names; warn when nothing changed.
pub fn set_object<T: Stored>(cx: &mut Context<'_, '_>) -> Eval<()> {
    let Some(identity) = identity_arg(cx) else {
        return null_identity(cx);
    };
    let args = setting_args::<T>(cx, false);
    let store = open_store(cx)?;
    let mut shown = identity.shown.clone();
    if previews(cx, false) {
        let state = load(cx, &store)?;
        let Some(index) = find(T::items(&state), &state.organization, &identity.lookup) else {
            return report_not_found(cx, &identity.shown, &store.location());
        };
        shown = T::items(&state)[index].name().to_string();
        let mut items = T::items(&state).clone();
        match update(&mut items, index, &borrowed(&args)) {
            Err(problems) => return report_problems(cx, &problems, &shown),
            Ok(false) => {
                warn_unchanged(cx, &shown);
                return Ok(());
            }
            Ok(true) => {}
        }
    }
    if !cx.should_process(&format!("Setting {} \"{shown}\".", T::KIND.noun))? {
        return Ok(());
    }
    let mut advice = Vec::new();
    let outcome = change_state(cx, &store, &mut |state| {
        let organization = state.organization.clone();
        let items = T::items_mut(state);
        let Some(index) = find(items, &organization, &identity.lookup) else {
            return Outcome::NotFound;
        };
        shown = items[index].name().to_string();
        match update(items, index, &borrowed(&args)) {
            Ok(true) => {
                advice = items[index].advisories();
                Outcome::Done
            }
            Ok(false) => Outcome::Unchanged,
            Err(problems) => Outcome::Rejected(problems),
        }
    })?;
    match outcome {
        Outcome::Done => warn_advice(cx, advice),
        Outcome::Unchanged => warn_unchanged(cx, &shown),
        Outcome::NotFound => report_not_found(cx, &identity.shown, &store.location())?,
        Outcome::Rejected(problems) => report_problems(cx, &problems, &shown)?,
        Outcome::Unset => {}
    }
    Ok(())
}

/// `-ResultSize`: a number or `Unlimited` (default 1000), and whether it was given.
fn result_size(cx: &mut Context<'_, '_>) -> Eval<Option<(Option<usize>, bool)>> {
    let Some(value) = cx.args.get("ResultSize").cloned() else {
        return Ok(Some((Some(1000), false)));
    };
    match Unlimited::<u32>::from_arg("ResultSize", &value) {
        Ok(Unlimited::Unlimited) => Ok(Some((None, true))),
        Ok(Unlimited::Limited(n)) => Ok(Some((Some(n as usize), true))),
        Err(problem) => {
            report_problems(cx, &[problem], "")?;
            Ok(None)
        }
    }
}

/// Get-*: the object `-Identity` names, or all of them that `keep` accepts (at most
/// `-ResultSize`, when the command has it).
pub fn get_objects<T: Stored>(cx: &mut Context<'_, '_>, keep: &dyn Fn(&T) -> bool) -> Eval<()> {
    let store = open_store(cx)?;
    let state = load(cx, &store)?;
    let organization = state.organization.as_str();
    let items = T::items(&state);
    if let Some(identity) = identity_arg(cx) {
        let found = find_all(items, organization, &identity.lookup);
        if found.is_empty() {
            return report_not_found(cx, &identity.shown, &store.location());
        }
        for index in found {
            cx.emit(to_value(&items[index], organization))?;
        }
        return Ok(());
    }
    let Some((limit, explicit)) = result_size(cx)? else {
        return Ok(());
    };
    for (shown, item) in items.iter().filter(|item| keep(item)).enumerate() {
        if limit.is_some_and(|limit| shown >= limit) {
            let message = if explicit {
                "There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter."
            } else {
                "By default, only the first 1000 items are returned. Use the ResultSize parameter to specify the number of items returned. To return all items, specify \"-ResultSize Unlimited\"."
            };
            cx.write_warning(message);
            break;
        }
        cx.emit(to_value(item, organization))?;
    }
    Ok(())
}

/// Remove-*: delete the object `-Identity` names, after confirmation (`-Force` skips it).
pub fn remove_object<T: Stored>(cx: &mut Context<'_, '_>, force: bool) -> Eval<()> {
    let Some(identity) = identity_arg(cx) else {
        return null_identity(cx);
    };
    let store = open_store(cx)?;
    let mut shown = identity.shown.clone();
    let what_if = cx.args.common.what_if
        || crate::value::convert::to_bool(&cx.interp.get_var("WhatIfPreference"));
    if previews(cx, !force) {
        let state = load(cx, &store)?;
        let items = T::items(&state);
        let Some(index) = find(items, &state.organization, &identity.lookup) else {
            return report_not_found(cx, &identity.shown, &store.location());
        };
        shown = items[index].name().to_string();
        if let Some(problem) = T::removal_problem(items, index) {
            return report_problems(cx, &[problem], &shown);
        }
    }
    let description = format!("Removing {} \"{shown}\".", T::KIND.noun);
    let go = if force && !what_if {
        true
    } else {
        cx.should_process(&description)?
    };
    if !go {
        return Ok(());
    }
    let outcome = change_state(cx, &store, &mut |state| {
        let organization = state.organization.clone();
        let items = T::items_mut(state);
        let Some(index) = find(items, &organization, &identity.lookup) else {
            return Outcome::NotFound;
        };
        match remove(items, index) {
            Ok(_) => Outcome::Done,
            Err(problem) => Outcome::Rejected(vec![problem]),
        }
    })?;
    match outcome {
        Outcome::NotFound => report_not_found(cx, &identity.shown, &store.location()),
        Outcome::Rejected(problems) => report_problems(cx, &problems, &shown),
        _ => Ok(()),
    }
}
