//! L4 — what the certificate cmdlets share: reading the Cert: stores from the configuration
//! state, changing them under the store's lock, reading certificate files, and errors.

use std::path::PathBuf;

use crate::engine::{Context, Eval};
use crate::model::StoredCertificate;
use crate::pki::{self, Certificate};
use crate::store::StoreError;
use crate::value::Value;

use super::super::common::paths::{ITEM_NOT_FOUND, not_found};
use super::super::common::terminating;

/// The exception type of a bad Cert: path or store.
pub const BAD_PATH: &str = "System.ArgumentException";

/// Every certificate the state keeps (decoding errors become terminating errors).
pub fn load_certificates(cx: &Context<'_, '_>) -> Eval<Vec<StoredCertificate>> {
    let store = cx.interp.config_store(cx.span)?;
    let state = store
        .load()
        .map_err(|error| terminating(cx, "System.IO.IOException", error.to_string()))?;
    Ok(state.certificates)
}

/// The certificate a stored entry holds, as the shell object of its store.
pub fn certificate_value(cx: &Context<'_, '_>, stored: &StoredCertificate) -> Eval<Value> {
    let certificate = stored.certificate().map_err(|error| {
        terminating(
            cx,
            "System.Security.Cryptography.CryptographicException",
            format!(
                "The state's certificate {} is unreadable: {error}",
                stored.thumbprint
            ),
        )
    })?;
    Ok(certificate.to_value(Some(&stored.store_path())))
}

/// Change the certificates under the store's lock; `change` returns whether it changed
/// anything (the state is written only then).
pub fn change_certificates(
    cx: &Context<'_, '_>,
    change: &mut dyn FnMut(&mut Vec<StoredCertificate>) -> bool,
) -> Eval<bool> {
    let store = cx.interp.config_store(cx.span)?;
    store
        .update(&mut |state| Ok::<bool, StoreError>(change(&mut state.certificates)))
        .map_err(|error| terminating(cx, "System.IO.IOException", error.to_string()))
}

/// The bytes of a file, or a non-terminating error (and `None`).
pub fn read_file(cx: &mut Context<'_, '_>, file: &PathBuf) -> Eval<Option<Vec<u8>>> {
    match std::fs::read(file) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) => {
            let target = Value::str(file.display().to_string());
            if error.kind() == std::io::ErrorKind::NotFound {
                cx.write_error(&not_found(file), ITEM_NOT_FOUND, target)?;
            } else {
                let message = format!("Cannot read '{}': {error}", file.display());
                cx.write_error(&message, "System.IO.IOException", target)?;
            }
            Ok(None)
        }
    }
}

/// The certificates in a file of any format (told by content), or a non-terminating error.
pub fn decode_file(
    cx: &mut Context<'_, '_>,
    file: &PathBuf,
    bytes: &[u8],
) -> Eval<Option<Vec<Certificate>>> {
    match pki::decode_any(bytes) {
        Ok(certificates) => Ok(Some(certificates)),
        Err(error) => {
            let message = format!(
                "Cannot read certificates from '{}': {error}",
                file.display()
            );
            cx.write_error(
                &message,
                "System.Security.Cryptography.CryptographicException",
                Value::str(file.display().to_string()),
            )?;
            Ok(None)
        }
    }
}

/// The file a `-FilePath` names (relative paths against the current directory).
/// A Windows path (`C:\\x`) goes through the drives New-PSDrive mapped; an unmapped one is a
/// non-terminating error that says how to map it (and `None`).
pub fn resolve_file(cx: &mut Context<'_, '_>, path: &str) -> Eval<Option<PathBuf>> {
    if let Err(message) = crate::value::drives::map_path(path) {
        cx.write_error(&message, DRIVE_NOT_FOUND, Value::str(path))?;
        return Ok(None);
    }
    Ok(Some(super::super::common::paths::resolve(path)))
}

/// The exception type of an unmapped drive.
pub const DRIVE_NOT_FOUND: &str = "System.Management.Automation.DriveNotFoundException";
