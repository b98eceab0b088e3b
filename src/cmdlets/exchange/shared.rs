//! L4 — what the Exchange cmdlets share: the `-Identity` parameter and its values (a name, GUID,
//! DN, or a piped object), the settings parameters taken from the model's tables, the store,
//! and Exchange's messages (object not found, nothing modified, rejected values).

use std::rc::Rc;

use crate::engine::{Context, Eval, Flow, Param, Signature};
use crate::model::object::ConfigObject;
use crate::model::problem::describe_all;
use crate::model::{OrgState, Problem};
use crate::store::{ConfigStore, StoreError};
use crate::value::{PsType, Value, access, convert};

use super::super::common::terminating;

/// The exception type of an identity that matches nothing.
pub const NOT_FOUND: &str =
    "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException";
/// The exception type of rejected values and broken rules.
pub const INVALID: &str = "Microsoft.Exchange.Data.DataValidationException";

/// `-Identity`: position 0, from the pipeline by value and by property name.
pub fn identity_param(mandatory: bool, type_name: &str) -> Param {
    let param = Param::new("Identity", PsType::Object)
        .shown_as(type_name)
        .position(0)
        .from_pipeline()
        .from_pipeline_by_property_name()
        .help(&format!(
            "The object ({type_name}): its name, distinguished name (DN) or GUID, or an object piped in."
        ));
    if mandatory { param.mandatory() } else { param }
}

/// Add a parameter for every setting of `T` that New-* (`on_new`) or Set-* takes; those in
/// `mandatory` must be given.
pub fn with_settings<T: ConfigObject>(
    mut signature: Signature,
    on_new: bool,
    mandatory: &[&str],
) -> Signature {
    for setting in T::settings() {
        let applies = if on_new {
            setting.on_new()
        } else {
            setting.on_set()
        };
        if applies {
            let param = Param::new(setting.name, PsType::Object)
                .shown_as(setting.type_name)
                .help(setting.help);
            let param = if mandatory.contains(&setting.name) {
                param.mandatory()
            } else {
                param
            };
            signature = signature.param(param);
        }
    }
    signature
}

/// The bound arguments that are settings of `T`, with the settings' own spelling.
pub fn setting_args<T: ConfigObject>(
    cx: &Context<'_, '_>,
    on_new: bool,
) -> Vec<(&'static str, Value)> {
    T::settings()
        .iter()
        .filter(|s| if on_new { s.on_new() } else { s.on_set() })
        .filter_map(|s| cx.args.get(s.name).map(|v| (s.name, v.clone())))
        .collect()
}

/// Borrowed view of [`setting_args`] for the model's functions.
pub fn borrowed<'a>(args: &'a [(&'static str, Value)]) -> Vec<(&'static str, &'a Value)> {
    args.iter().map(|(n, v)| (*n, v)).collect()
}

/// An `-Identity` value: the text to look up and the text to show in messages.
pub struct IdentityArg {
    pub lookup: String,
    pub shown: String,
}

/// Read an `-Identity` value: text (a name, GUID or DN), or an object that carries a `Guid`
/// or `Identity` (as Get-* output does). `None` for `$null` or an empty value.
pub fn identity_of(value: &Value) -> Option<IdentityArg> {
    let value = match value {
        Value::Array(array) if array.len() == 1 => {
            array.to_vec().into_iter().next().unwrap_or_default()
        }
        other => other.clone(),
    };
    if value.is_null() {
        return None;
    }
    if let Value::Object(object) = &value {
        let identity = object.get("Identity").filter(|v| !v.is_null());
        let guid = object.get("Guid").filter(|v| !v.is_null());
        if identity.is_some() || guid.is_some() {
            let text = |v: &Option<Value>| v.as_ref().map(|v| convert::to_string(v, " "));
            let shown = text(&identity).or_else(|| text(&guid)).unwrap_or_default();
            let lookup = text(&guid).unwrap_or_else(|| shown.clone());
            return Some(IdentityArg { lookup, shown });
        }
    }
    let text = convert::to_string(&value, " ").trim().to_string();
    (!text.is_empty()).then(|| IdentityArg {
        lookup: text.clone(),
        shown: text,
    })
}

/// The bound `-Identity` (from the command line or the pipeline).
pub fn identity_arg(cx: &Context<'_, '_>) -> Option<IdentityArg> {
    cx.args.get("Identity").and_then(identity_of)
}

/// The session's configuration store.
pub fn open_store(cx: &Context<'_, '_>) -> Eval<Rc<dyn ConfigStore>> {
    cx.interp.config_store(cx.span)
}

/// A store failure as a terminating error (the store's message names the file and the fix).
pub fn store_failure(cx: &Context<'_, '_>, error: &StoreError) -> Flow {
    terminating(cx, "System.IO.IOException", error.to_string())
}

/// The current state.
pub fn load(cx: &Context<'_, '_>, store: &Rc<dyn ConfigStore>) -> Eval<OrgState> {
    store.load().map_err(|error| store_failure(cx, &error))
}

/// Report rejected values and broken rules as one non-terminating error that lists them all.
pub fn report_problems(cx: &mut Context<'_, '_>, problems: &[Problem], target: &str) -> Eval<()> {
    let message = describe_all(problems);
    cx.write_error(&message, INVALID, Value::str(target))
}

/// Exchange's error for an identity that matches nothing.
pub fn report_not_found(cx: &mut Context<'_, '_>, identity: &str, location: &str) -> Eval<()> {
    let message = crate::model::collection::not_found_message(identity, location);
    cx.write_error(&message, NOT_FOUND, Value::str(identity))
}

/// Exchange's warning for a Set-* that changed nothing.
pub fn warn_unchanged(cx: &mut Context<'_, '_>, identity: &str) {
    cx.write_warning(&format!(
        "The command completed successfully but no settings of '{identity}' have been modified."
    ));
}

/// Warnings about settings that are allowed but probably not meant.
pub fn warn_advice(cx: &mut Context<'_, '_>, advice: Vec<String>) {
    for line in advice {
        cx.write_warning(&line);
    }
}

/// Will ShouldProcess show something or ask (so the change should be checked first)?
pub fn previews(cx: &Context<'_, '_>, high_impact: bool) -> bool {
    let what_if =
        cx.args.common.what_if || convert::to_bool(&cx.interp.get_var("WhatIfPreference"));
    let confirm = cx.args.common.confirm.unwrap_or(high_impact);
    what_if || confirm
}

/// What a change inside the store's lock came to.
#[derive(Debug, Default)]
pub enum Outcome {
    #[default]
    Unset,
    Done,
    Unchanged,
    NotFound,
    Rejected(Vec<Problem>),
}

impl Outcome {
    /// The store's result for this outcome (write only when done).
    pub fn store_result(&self) -> Result<bool, StoreError> {
        match self {
            Outcome::Done => Ok(true),
            Outcome::Unchanged | Outcome::Unset => Ok(false),
            Outcome::NotFound | Outcome::Rejected(_) => Err(StoreError::Rejected),
        }
    }
}

/// Run `change` under the store's lock; `change` says what happened. Store failures other than
/// the change's own rejection are terminating errors.
pub fn change_state(
    cx: &Context<'_, '_>,
    store: &Rc<dyn ConfigStore>,
    change: &mut dyn FnMut(&mut OrgState) -> Outcome,
) -> Eval<Outcome> {
    let mut outcome = Outcome::Unset;
    let result = store.update(&mut |state| {
        outcome = change(state);
        outcome.store_result()
    });
    match result {
        Ok(_) | Err(StoreError::Rejected) => Ok(outcome),
        Err(error) => Err(store_failure(cx, &error)),
    }
}

/// The string form of a property of an output object (for messages).
pub fn property_text(value: &Value, name: &str) -> String {
    convert::to_string(&access::get_member(value, name), " ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{InboundConnector, object};

    #[test]
    fn identities_come_from_text_or_objects() {
        let text = identity_of(&Value::str(" Contoso ")).unwrap();
        assert_eq!(text.lookup, "Contoso");
        assert!(identity_of(&Value::Null).is_none());
        assert!(identity_of(&Value::str("")).is_none());
        let connector = InboundConnector::new("Contoso");
        let piped = object::to_value(&connector, "Org");
        let arg = identity_of(&piped).unwrap();
        assert_eq!(arg.shown, "Contoso");
        assert_eq!(arg.lookup, connector.meta.guid.to_string());
    }
}
