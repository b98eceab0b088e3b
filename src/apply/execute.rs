//! L2 — carrying out a plan on the state, change by change, through the model's own
//! operations (create, update, remove, change — the ones the Exchange cmdlets use) and the
//! Cert: drive's store functions. Each object is applied, failed or skipped (when a change it
//! depends on did not succeed); what was applied stays applied.

use serde::{Deserialize, Serialize};

use std::collections::HashMap;

use crate::model::CustomStore;
use crate::model::cert_store::{
    CUSTOM_STORE_LOCATION, StoredCertificate, canonical_store_in, validate_store_name,
};
use crate::model::collection::{self, Stored};
use crate::model::problem::describe_all;
use crate::model::{InboundConnector, MobileDeviceMailboxPolicy, OrgState, OutboundConnector};
use crate::value::Value;
use crate::value::builtin::byte_array;
use crate::value::static_convert::base64_decode;

use super::doc_value::DocValue;
use super::kind::Kind;
use super::plan::{Action, Change, Plan};
use super::resolve::from_base64;
use super::schema::ISSUING_CA;
use super::schema_certs::{parse_store, store_of};
use super::users::apply_user;
use crate::directory::Directory;

/// What became of one planned change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Applied,
    Failed,
    Skipped,
}

/// One object's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectResult {
    #[serde(rename = "Action")]
    pub action: Action,
    #[serde(rename = "Kind")]
    pub kind: Kind,
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Status")]
    pub status: Status,
    #[serde(rename = "Message", skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Apply every change of `plan` to `state` (users' certificates to `directory`), in the
/// plan's order.
pub fn execute(
    plan: &Plan,
    state: &mut OrgState,
    directory: Option<&Directory>,
) -> Vec<ObjectResult> {
    let mut results: Vec<ObjectResult> = Vec::with_capacity(plan.changes.len());
    let mut not_done: Vec<String> = Vec::new();
    let mut index = Index::default();
    for change in &plan.changes {
        let blocked = change.depends_on.iter().find(|d| not_done.contains(d));
        let (status, message) = if let Some(blocker) = blocked {
            (
                Status::Skipped,
                Some(format!("skipped because {blocker} was not applied")),
            )
        } else if change.action == Action::Unknown {
            (Status::Failed, change.error.clone())
        } else {
            match apply_change(change, state, directory, &mut index) {
                Ok(()) => (Status::Applied, None),
                Err(message) => (Status::Failed, Some(message)),
            }
        };
        if status != Status::Applied {
            not_done.push(change.key());
        }
        results.push(ObjectResult {
            action: change.action,
            kind: change.kind,
            name: change.name.clone(),
            status,
            message,
        });
    }
    results
}

/// The model arguments of a change (the CA collection's bytes from their base64).
fn arguments(change: &Change) -> Result<Vec<(&str, Value)>, String> {
    change
        .arguments
        .iter()
        .map(|a| {
            let value = match (&a.value, a.name.eq_ignore_ascii_case(ISSUING_CA)) {
                (DocValue::Text(text), true) => byte_array(
                    base64_decode(text).ok_or("the planned CA collection is not valid base64")?,
                ),
                (other, _) => other.to_value(),
            };
            Ok((a.name.as_str(), value))
        })
        .collect()
}

fn apply_change(
    change: &Change,
    state: &mut OrgState,
    directory: Option<&Directory>,
    index: &mut Index,
) -> Result<(), String> {
    let owned = arguments(change)?;
    let args: Vec<(&str, &Value)> = owned.iter().map(|(n, v)| (*n, v)).collect();
    match change.kind {
        Kind::CertificateStore => apply_store(change, state),
        Kind::Certificate => apply_certificate(change, state, index),
        Kind::SmimeConfig => collection::change(&mut state.smime_config, &args)
            .map(|_| ())
            .map_err(|p| describe_all(&p)),
        Kind::MobileDeviceMailboxPolicy => {
            apply_named::<MobileDeviceMailboxPolicy>(change, &args, state, index)
        }
        Kind::InboundConnector => apply_named::<InboundConnector>(change, &args, state, index),
        Kind::OutboundConnector => apply_named::<OutboundConnector>(change, &args, state, index),
        Kind::User => apply_user(change, directory),
    }
}

/// Where each object is, by kind and lower-case name (or certificate path), built once per
/// kind so no change searches a whole collection; a delete forgets the kind's index (its
/// positions moved), and it is built again when needed.
#[derive(Default)]
struct Index {
    positions: HashMap<Kind, HashMap<String, usize>>,
}

impl Index {
    fn of(
        &mut self,
        kind: Kind,
        names: impl FnOnce() -> Vec<String>,
    ) -> &mut HashMap<String, usize> {
        self.positions.entry(kind).or_insert_with(|| {
            names()
                .into_iter()
                .enumerate()
                .map(|(i, name)| (name.to_lowercase(), i))
                .collect()
        })
    }

    fn forget(&mut self, kind: Kind) {
        self.positions.remove(&kind);
    }
}

/// Connectors have no rule across the collection: each is created or changed through the
/// model's own operation on a collection of its own, then put in place (no copy of the whole
/// collection per object). Mobile policies (one is the default) always go through the whole
/// collection.
fn independent(kind: Kind) -> bool {
    matches!(kind, Kind::InboundConnector | Kind::OutboundConnector)
}

fn apply_named<T: Stored>(
    change: &Change,
    args: &[(&str, &Value)],
    state: &mut OrgState,
    index: &mut Index,
) -> Result<(), String> {
    let items = T::items_mut(state);
    let positions = index.of(change.kind, || {
        items.iter().map(|i| i.name().to_string()).collect()
    });
    let key = change.name.to_lowercase();
    let found = positions.get(&key).copied().filter(|i| *i < items.len());
    let problems = |p: Vec<crate::model::Problem>| describe_all(&p);
    match (change.action, found) {
        (Action::Create, Some(_)) => Err(format!(
            "the {} '{}' already exists",
            change.kind.noun(),
            change.name
        )),
        (Action::Create, None) if independent(change.kind) => {
            let mut one = Vec::with_capacity(1);
            collection::create(&mut one, T::named(&change.name), args).map_err(problems)?;
            positions.insert(key, items.len());
            items.extend(one);
            Ok(())
        }
        (Action::Create, None) => {
            let at = collection::create(items, T::named(&change.name), args).map_err(problems)?;
            positions.insert(key, at);
            Ok(())
        }
        (Action::Update, Some(at)) if independent(change.kind) => {
            let mut one = vec![items[at].clone()];
            collection::update(&mut one, 0, args).map_err(problems)?;
            if let Some(updated) = one.pop() {
                items[at] = updated;
            }
            Ok(())
        }
        (Action::Update, Some(at)) => collection::update(items, at, args)
            .map(|_| ())
            .map_err(problems),
        (Action::Delete, Some(at)) => {
            index.forget(change.kind);
            collection::remove(items, at)
                .map(|_| ())
                .map_err(|p| describe_all(&[p]))
        }
        (Action::Update | Action::Delete, None) => Err(format!(
            "{} '{}' is no longer there",
            change.kind.noun(),
            change.name
        )),
        (Action::Unknown, _) => Err("not planned".into()),
    }
}

/// `LocalMachine\CA\THUMBPRINT` → the store's canonical names (a custom store's as the state
/// has it) and the thumbprint; an error when the store is not there.
fn split_name<'a>(
    name: &'a str,
    custom: &[CustomStore],
) -> Result<(&'static str, &'static str, &'a str), String> {
    let bad = || format!("'{name}' names no certificate");
    let (store_path, thumbprint) = name.rsplit_once('\\').ok_or_else(bad)?;
    let (location, store) = store_of(store_path).ok_or_else(bad)?;
    let (location, store) = canonical_store_in(location, store, custom)
        .ok_or_else(|| format!("the store Cert:\\{store_path} does not exist"))?;
    Ok((location, store, thumbprint))
}

/// Create the custom store a change names (as New-Item does: `LocalMachine` only, a valid
/// name); one already there (in any case) counts as made.
fn apply_store(change: &Change, state: &mut OrgState) -> Result<(), String> {
    if change.action != Action::Create {
        return Err("a certificate store can only be created".into());
    }
    let (location, store) = parse_store(&change.name)?;
    if canonical_store_in(location, store, &state.certificate_stores).is_some() {
        return Ok(());
    }
    if location != CUSTOM_STORE_LOCATION {
        return Err(format!(
            "custom stores can be created only under {CUSTOM_STORE_LOCATION}"
        ));
    }
    validate_store_name(store)?;
    state.certificate_stores.push(CustomStore {
        location: location.to_string(),
        name: store.to_string(),
    });
    Ok(())
}

fn apply_certificate(
    change: &Change,
    state: &mut OrgState,
    index: &mut Index,
) -> Result<(), String> {
    let (location, store, thumbprint) = split_name(&change.name, &state.certificate_stores)?;
    let friendly = change.argument("FriendlyName").map(DocValue::text);
    let certificates = &mut state.certificates;
    let positions = index.of(Kind::Certificate, || {
        certificates
            .iter()
            .map(|c| format!("{}\\{}", c.store_path(), c.thumbprint))
            .collect()
    });
    let key = format!("{location}\\{store}\\{thumbprint}").to_lowercase();
    let position = positions
        .get(&key)
        .copied()
        .filter(|i| *i < certificates.len());
    match change.action {
        Action::Create => {
            let Some(DocValue::Text(raw)) = change.argument("RawData") else {
                return Err("the planned certificate has no RawData".into());
            };
            if position.is_some() {
                return Ok(());
            }
            let mut certificate = from_base64(raw)?;
            if let Some(name) = &friendly {
                certificate.set_friendly_name(name);
            }
            positions.insert(key, certificates.len());
            certificates.push(StoredCertificate::new(location, store, &certificate));
            Ok(())
        }
        Action::Update => {
            let at = position.ok_or_else(|| format!("{} is no longer there", change.name))?;
            if let Some(name) = friendly {
                certificates[at].friendly_name = name;
            }
            Ok(())
        }
        Action::Delete => {
            let at = position.ok_or_else(|| format!("{} is no longer there", change.name))?;
            index.forget(Kind::Certificate);
            certificates.remove(at);
            Ok(())
        }
        Action::Unknown => Err("not planned".into()),
    }
}
