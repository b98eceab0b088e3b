//! L4 — Move-Item on the Cert: drive: move certificates (by path, thumbprint wildcards
//! allowed, or piped from Get-ChildItem) to another store of the same store location, as the
//! Certificate provider allows; the private key stays with the certificate.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::text::wildcard_match;
use crate::value::{PsType, Value};

use super::super::common::arg_strings;
use super::super::common::paths::ITEM_NOT_FOUND;
use super::cert_path::{CertPath, display, parse_in, resolve};
use super::inputs::item_path_param;
use super::stores::{
    BAD_PATH, change_certificates, decode_stored, load_certificates, load_custom_stores,
};

/// `Move-Item [-Path] <String[]> [-Destination] <String> [-PassThru] [-WhatIf] [-Confirm]`
pub struct MoveItem;

impl Cmdlet for MoveItem {
    fn signature(&self) -> Signature {
        Signature::new(
            "Move-Item",
            "Moves certificates to another store of the same store location on the Cert: drive.",
        )
        .should_process()
        .param(item_path_param(
            "Cert:\\LocalMachine\\My\\<thumbprint> (wildcards allowed in the thumbprint); certificates piped from Get-ChildItem bind by their PSPath.",
        ))
        .param(
            Param::new("Destination", PsType::String)
                .position(1)
                .mandatory()
                .help("The store to move to, in the same store location (Cert:\\LocalMachine\\WebHosting …)."),
        )
        .param(Param::switch("PassThru").help("Outputs the moved certificates."))
        .param(Param::switch("Force").help("Accepted for compatibility."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Move a store's certificates to another store",
            "$null = Import-Certificate src/pki/testdata/contoso-chain.pem -CertStoreLocation Cert:\\LocalMachine\\Root\nGet-ChildItem Cert:\\LocalMachine\\Root | Move-Item -Destination Cert:\\LocalMachine\\CA\n@(Get-ChildItem Cert:\\LocalMachine\\Root).Count\n@(Get-ChildItem Cert:\\LocalMachine\\CA).Count",
            "0\n1\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let destination = cx.args.string("Destination").unwrap_or_default();
        let resolved = resolve(&destination).unwrap_or_else(|| destination.clone());
        let custom = load_custom_stores(cx)?;
        let (to_location, to_store) = match parse_in(&resolved, &custom) {
            Ok(CertPath::Store(location, store)) => (location, store),
            Ok(_) | Err(_) => {
                let message = format!(
                    "The destination '{destination}' is not a certificate store; give one such as Cert:\\LocalMachine\\CA."
                );
                return cx.write_error(&message, BAD_PATH, Value::str(destination.as_str()));
            }
        };
        for given in arg_strings(cx, "Path") {
            let path = resolve(&given).unwrap_or_else(|| given.clone());
            let (location, store, pattern) = match parse_in(&path, &custom) {
                Ok(CertPath::Certificate(l, s, t)) => (l, s, t),
                Ok(target) => {
                    let message = format!(
                        "'{}' is not a certificate: Move-Item moves certificates, not stores or store locations.",
                        display(&target)
                    );
                    cx.write_error(&message, BAD_PATH, Value::str(given.as_str()))?;
                    continue;
                }
                Err(_) => {
                    let message = format!(
                        "Move-Item moves certificates on the Cert: drive; '{given}' is not a certificate there."
                    );
                    cx.write_error(&message, ITEM_NOT_FOUND, Value::str(given.as_str()))?;
                    continue;
                }
            };
            if location != to_location {
                let message = format!(
                    "Cannot move a certificate from {location} to {to_location}: certificates move only between stores of the same store location."
                );
                cx.write_error(&message, BAD_PATH, Value::str(given.as_str()))?;
                continue;
            }
            let moving: Vec<_> = load_certificates(cx)?
                .into_iter()
                .filter(|c| {
                    c.is_in(location, store) && wildcard_match(&pattern, &c.thumbprint, false)
                })
                .collect();
            if moving.is_empty() {
                let message = format!("Cannot find path '{given}' because it does not exist.");
                cx.write_error(&message, ITEM_NOT_FOUND, Value::str(given.as_str()))?;
                continue;
            }
            for stored in moving {
                let thumbprint = stored.thumbprint.clone();
                let description = format!(
                    "Performing the operation \"Move certificate\" on target \"Item: {location}\\{store}\\{thumbprint} Destination: {to_location}\\{to_store}\"."
                );
                if !cx.should_process(&description)? {
                    continue;
                }
                change_certificates(cx, &mut |all| {
                    let already = all.iter().any(|c| {
                        c.is_in(to_location, to_store)
                            && c.thumbprint.eq_ignore_ascii_case(&thumbprint)
                    });
                    let mut changed = false;
                    for c in all.iter_mut() {
                        if c.is_in(location, store)
                            && c.thumbprint.eq_ignore_ascii_case(&thumbprint)
                            && !already
                        {
                            c.store = to_store.to_string();
                            changed = true;
                        }
                    }
                    if already {
                        let before = all.len();
                        all.retain(|c| {
                            !(c.is_in(location, store)
                                && c.thumbprint.eq_ignore_ascii_case(&thumbprint))
                        });
                        changed = all.len() != before;
                    }
                    changed
                })?;
                if cx.args.switch("PassThru") {
                    let mut moved = stored.clone();
                    moved.store = to_store.to_string();
                    let certificate = decode_stored(cx, &moved)?;
                    cx.emit(certificate.to_value(Some(&moved.store_path())))?;
                }
            }
        }
        Ok(())
    }
}
