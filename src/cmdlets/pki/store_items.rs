//! L4 — stores as items of the Cert: drive, as the Certificate provider has them: New-Item
//! makes a custom store under `Cert:\LocalMachine` (never under `CurrentUser`, never a
//! certificate), Remove-Item deletes a custom store with its certificates (`-Recurse` when it
//! holds any) but never a system store. Both honour `-WhatIf`/`-Confirm`.

use crate::engine::{Context, Eval};
use crate::model::cert_store::{
    CUSTOM_STORE_LOCATION, canonical_location, canonical_store_in, validate_store_name,
};
use crate::model::{CustomStore, StoredCertificate};
use crate::value::Value;

use super::super::common::paths::ITEM_NOT_FOUND;
use super::cert_path::parts;
use super::stores::{BAD_PATH, change_stores, load_state, store_value};

/// The exception type of an item that already exists.
const ITEM_EXISTS: &str = "System.IO.IOException";

/// What New-Item creates on the Cert: drive (and what it does not).
const STORES_ONLY: &str = "On the Cert: drive New-Item creates certificate stores only, as Cert:\\LocalMachine\\<name>; certificates are made with New-SelfSignedCertificate or Import-Certificate.";

/// New-Item on the Cert: drive: create the store `path` names (`-Name` already joined to
/// it; `name` is that -Name, checked on its own so that `a\b` is called an invalid name).
pub fn new_store(cx: &mut Context<'_, '_>, path: &str, name: Option<&str>) -> Eval<()> {
    if let Some(Err(message)) = name.map(validate_store_name) {
        return cx.write_error(&message, BAD_PATH, Value::str(path));
    }
    let Some(parts) = parts(path) else {
        return cx.write_error(STORES_ONLY, BAD_PATH, Value::str(path));
    };
    let [location, store] = parts.as_slice() else {
        return cx.write_error(STORES_ONLY, BAD_PATH, Value::str(path));
    };
    let Some(location) = canonical_location(location) else {
        let message = format!("Cannot find path '{path}' because it does not exist.");
        return cx.write_error(&message, ITEM_NOT_FOUND, Value::str(path));
    };
    if location != CUSTOM_STORE_LOCATION {
        let message = format!(
            "Cannot create the store '{store}' under {location}: as on Windows, custom stores can be created only under Cert:\\{CUSTOM_STORE_LOCATION}."
        );
        return cx.write_error(&message, BAD_PATH, Value::str(path));
    }
    if let Err(message) = validate_store_name(store) {
        return cx.write_error(&message, BAD_PATH, Value::str(path));
    }
    let exists = |custom: &[CustomStore]| {
        canonical_store_in(location, store, custom).map(|(_, name)| {
            format!("An item with the specified name Cert:\\{location}\\{name} already exists.")
        })
    };
    if let Some(message) = exists(&load_state(cx)?.certificate_stores) {
        return cx.write_error(&message, ITEM_EXISTS, Value::str(path));
    }
    let description = format!(
        "Performing the operation \"Create store\" on target \"Item: {location}\\{store}\"."
    );
    if !cx.should_process(&description)? {
        return Ok(());
    }
    let created = change_stores(cx, &mut |_, custom| {
        if let Some(message) = exists(custom) {
            return Err(message);
        }
        custom.push(CustomStore {
            location: location.to_string(),
            name: store.to_string(),
        });
        Ok(true)
    })?;
    match created {
        Ok(_) => cx.emit(store_value(location, store)),
        Err(message) => cx.write_error(&message, ITEM_EXISTS, Value::str(path)),
    }
}

/// Remove-Item of the store `location\store` (canonical names): refused for `CurrentUser` and
/// for the system stores; a custom store goes with its certificates, each confirmed as
/// `remove_certificate` does it, then the store itself. One that holds certificates needs
/// `-Recurse` (PowerShell asks for confirmation there; without a terminal mailsec asks for
/// the switch instead, as for a directory).
pub fn remove_store(
    cx: &mut Context<'_, '_>,
    given: &str,
    location: &'static str,
    store: &'static str,
    remove_certificate: &mut dyn FnMut(&mut Context<'_, '_>, &StoredCertificate) -> Eval<()>,
) -> Eval<()> {
    let state = load_state(cx)?;
    let target = Value::str(given);
    if location != CUSTOM_STORE_LOCATION {
        let message = format!(
            "Cannot remove the store '{store}' of {location}: as on Windows, stores can be removed only under Cert:\\{CUSTOM_STORE_LOCATION}."
        );
        return cx.write_error(&message, BAD_PATH, target);
    }
    if !state
        .certificate_stores
        .iter()
        .any(|c| c.is(location, store))
    {
        let message = format!(
            "Cannot remove the system store '{store}': Remove-Item removes the stores New-Item made and certificates (Cert:\\{location}\\{store}\\<thumbprint>)."
        );
        return cx.write_error(&message, BAD_PATH, target);
    }
    let held: Vec<&StoredCertificate> = state
        .certificates
        .iter()
        .filter(|c| c.is_in(location, store))
        .collect();
    if !held.is_empty() && !cx.args.switch("Recurse") {
        let message = format!(
            "The store Cert:\\{location}\\{store} holds {} certificate(s) and -Recurse was not given; add -Recurse to remove it with its certificates.",
            held.len()
        );
        return cx.write_error(&message, "System.IO.IOException", target);
    }
    for stored in held {
        remove_certificate(cx, stored)?;
    }
    let description = format!(
        "Performing the operation \"Remove store\" on target \"Item: {location}\\{store}\"."
    );
    if !cx.should_process(&description)? {
        return Ok(());
    }
    let removed = change_stores(cx, &mut |certificates, custom| {
        let before = (certificates.len(), custom.len());
        custom.retain(|c| !c.is(location, store));
        certificates.retain(|c| !c.is_in(location, store));
        Ok(before != (certificates.len(), custom.len()))
    })?;
    match removed {
        Ok(_) => Ok(()),
        Err(message) => cx.write_error(&message, BAD_PATH, Value::str(given)),
    }
}
