//! L4 — Remove-Item: delete certificates from the Cert: drive (by path, thumbprint wildcards
//! allowed, or piped from Get-ChildItem), with `-DeleteKey` deleting the private key from the
//! key directory too; `-WhatIf`/`-Confirm` as PowerShell. A custom store goes with its
//! certificates (see `store_items`). Files and directories too.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::pki::keys;
use crate::value::Value;
use crate::value::text::wildcard_match;

use super::super::common::arg_strings;
use super::super::common::paths::{ITEM_NOT_FOUND, expand, not_found};
use super::cert_path::{CertPath, display, parse_known, resolve};
use super::inputs::item_path_param;
use super::store_items::remove_store;
use super::stores::{BAD_PATH, change_certificates, load_certificates};

/// `Remove-Item [-Path] <String[]> [-DeleteKey] [-Recurse] [-Force] [-WhatIf] [-Confirm]`
pub struct RemoveItem;

impl Cmdlet for RemoveItem {
    fn signature(&self) -> Signature {
        Signature::new(
            "Remove-Item",
            "Deletes certificates from the Cert: drive (and their private keys with -DeleteKey), or files and directories.",
        )
        .should_process()
        .param(item_path_param(
            "Cert:\\LocalMachine\\CA\\<thumbprint> (wildcards allowed in the thumbprint), or files; certificates piped from Get-ChildItem bind by their PSPath.",
        ))
        .param(Param::switch("DeleteKey").help("Also deletes the certificate's private key from the key directory (the copies of the certificate in other stores then have no key)."))
        .param(Param::switch("Recurse").help("Deletes a directory, or a custom certificate store, with what it holds."))
        .param(Param::switch("Force").help("Accepted for compatibility."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Delete a certificate by its thumbprint; -WhatIf only says what would go",
                "$t = (Import-Certificate src/pki/testdata/contoso-chain.pem -CertStoreLocation Cert:\\CurrentUser\\CA).Thumbprint\nRemove-Item \"Cert:\\CurrentUser\\CA\\$t\" -WhatIf\nRemove-Item \"Cert:\\CurrentUser\\CA\\$t\"\n@(Get-ChildItem Cert:\\CurrentUser\\CA).Count",
                "What if: Performing the operation \"Remove certificate\" on target \"Item: CurrentUser\\CA\\F50713740220206E6632E5277527BCC0D9C3F5FE (CN=Contoso Root, O=Contoso, C=US)\".\n0\n",
            ),
            Example::new(
                "Delete a custom store with its certificates",
                "$null = New-Item Cert:\\LocalMachine -Name Lab\n$null = Import-Certificate src/pki/testdata/contoso-chain.pem -CertStoreLocation Cert:\\LocalMachine\\lab\nRemove-Item Cert:\\LocalMachine\\Lab -Recurse\n@(Get-ChildItem Cert:\\LocalMachine).Count",
                "5\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        for given in arg_strings(cx, "Path") {
            match resolve(&given) {
                Some(path) => remove_certificates(cx, &given, &path)?,
                None => remove_files(cx, &given)?,
            }
        }
        Ok(())
    }
}

/// Delete the certificates a Cert: path names, or the custom store it names.
fn remove_certificates(cx: &mut Context<'_, '_>, given: &str, path: &str) -> Eval<()> {
    let delete_key = cx.args.switch("DeleteKey");
    let key_dir = keys::key_dir(&cx.interp.config_store(cx.span)?.location());
    let (location, store, pattern) = match parse_known(cx, path)? {
        Ok(CertPath::Certificate(location, store, thumbprint)) => (location, store, thumbprint),
        Ok(CertPath::Store(location, store)) => {
            return remove_store(cx, given, location, store, &mut |cx, stored| {
                let subject = subject_of(&stored.raw_data);
                let target = (
                    location,
                    store,
                    stored.thumbprint.as_str(),
                    subject.as_str(),
                );
                remove_one(cx, target, delete_key, &key_dir)
            });
        }
        Ok(target) => {
            let message = format!(
                "'{}' is a store location; Remove-Item removes certificates and the stores New-Item made.",
                display(&target)
            );
            return cx.write_error(&message, BAD_PATH, Value::str(given));
        }
        Err(message) => return cx.write_error(&message, ITEM_NOT_FOUND, Value::str(given)),
    };
    let targets: Vec<(String, String)> = load_certificates(cx)?
        .iter()
        .filter(|c| c.is_in(location, store) && wildcard_match(&pattern, &c.thumbprint, false))
        .map(|c| (c.thumbprint.clone(), subject_of(&c.raw_data)))
        .collect();
    if targets.is_empty() {
        let message = format!("Cannot find path '{given}' because it does not exist.");
        return cx.write_error(&message, ITEM_NOT_FOUND, Value::str(given));
    }
    for (thumbprint, subject) in targets {
        remove_one(
            cx,
            (location, store, &thumbprint, &subject),
            delete_key,
            &key_dir,
        )?;
    }
    Ok(())
}

/// Delete one certificate (`location`, `store`, thumbprint, subject) once ShouldProcess
/// agrees, and its private key with `delete_key`.
fn remove_one(
    cx: &mut Context<'_, '_>,
    (location, store, thumbprint, subject): (&str, &str, &str, &str),
    delete_key: bool,
    key_dir: &std::path::Path,
) -> Eval<()> {
    let action = if delete_key {
        "Remove certificate and its private key"
    } else {
        "Remove certificate"
    };
    let description = format!(
        "Performing the operation \"{action}\" on target \"Item: {location}\\{store}\\{thumbprint} ({subject})\"."
    );
    if !cx.should_process(&description)? {
        return Ok(());
    }
    let mut key_deleted = false;
    if delete_key {
        match keys::delete_private_key(key_dir, thumbprint) {
            Ok(deleted) => key_deleted = deleted,
            Err(error) => {
                let message = format!("Cannot delete the private key of {thumbprint}: {error}");
                return cx.write_error(&message, "System.IO.IOException", Value::str(thumbprint));
            }
        }
    }
    change_certificates(cx, &mut |stored| {
        stored.retain(|c| {
            !(c.is_in(location, store) && c.thumbprint.eq_ignore_ascii_case(thumbprint))
        });
        if key_deleted {
            for other in stored
                .iter_mut()
                .filter(|c| c.thumbprint.eq_ignore_ascii_case(thumbprint))
            {
                other.has_private_key = false;
            }
        }
        true
    })?;
    Ok(())
}

/// The subject of a stored certificate (base64 DER), for messages.
fn subject_of(raw_base64: &str) -> String {
    crate::value::static_convert::base64_decode(raw_base64)
        .and_then(|der| crate::pki::Certificate::from_der(der).ok())
        .map(|c| c.subject().to_string())
        .unwrap_or_default()
}

/// Delete files and directories (`-Recurse` for a directory that is not empty).
fn remove_files(cx: &mut Context<'_, '_>, given: &str) -> Eval<()> {
    let found = expand(given);
    let found: Vec<_> = found
        .into_iter()
        .filter(|p| p.exists() || p.is_symlink())
        .collect();
    if found.is_empty() {
        let message = not_found(&super::super::common::paths::resolve(given));
        return cx.write_error(&message, ITEM_NOT_FOUND, Value::str(given));
    }
    for path in found {
        let is_dir = path.is_dir() && !path.is_symlink();
        let action = if is_dir {
            "Remove Directory"
        } else {
            "Remove File"
        };
        let description = format!(
            "Performing the operation \"{action}\" on target \"{}\".",
            path.display()
        );
        if !cx.should_process(&description)? {
            continue;
        }
        let result = if !is_dir {
            std::fs::remove_file(&path)
        } else if cx.args.switch("Recurse") {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_dir(&path)
        };
        if let Err(error) = result {
            let message = if is_dir && !cx.args.switch("Recurse") {
                format!(
                    "The directory '{}' is not empty (or cannot be deleted: {error}); add -Recurse to delete it with what it holds.",
                    path.display()
                )
            } else {
                format!("Cannot remove '{}': {error}", path.display())
            };
            cx.write_error(
                &message,
                "System.IO.IOException",
                Value::str(path.display().to_string()),
            )?;
        }
    }
    Ok(())
}
