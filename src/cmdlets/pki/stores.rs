//! L4 — what the certificate cmdlets share: reading the Cert: stores from the configuration
//! state, changing them under the store's lock, reading certificate files, and errors.

use std::path::{Path, PathBuf};

use crate::engine::{Context, Eval};
use crate::model::StoredCertificate;
use crate::pki::{self, Certificate};
use crate::store::StoreError;
use crate::value::Value;

use super::super::common::paths::{ITEM_NOT_FOUND, not_found};
use super::super::common::{terminating, typed_object};
use crate::model::cert_store::STORES;

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

/// The certificate a stored entry holds (an unreadable one is a terminating error).
pub fn decode_stored(cx: &Context<'_, '_>, stored: &StoredCertificate) -> Eval<Certificate> {
    stored.certificate().map_err(|error| {
        terminating(
            cx,
            "System.Security.Cryptography.CryptographicException",
            format!(
                "The state's certificate {} is unreadable: {error}",
                stored.thumbprint
            ),
        )
    })
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
pub fn read_file(cx: &mut Context<'_, '_>, file: &Path) -> Eval<Option<Vec<u8>>> {
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
    file: &Path,
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
/// A Windows path (`C:\x`) goes through the drives New-PSDrive mapped; an unmapped one is a
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

const LOCATION_TYPE: &str = "Microsoft.PowerShell.Commands.X509StoreLocation";
const STORE_TYPE: &str = "System.Security.Cryptography.X509Certificates.X509Store";

/// A store location of the Cert: drive as an object (`Cert:\LocalMachine`).
pub fn location_value(location: &str) -> Value {
    typed_object(
        LOCATION_TYPE,
        vec![
            ("Location", Value::str(location)),
            (
                "StoreNames",
                Value::array(STORES.iter().map(|s| Value::str(*s)).collect()),
            ),
            ("PSChildName", Value::str(location)),
            ("PSIsContainer", Value::Bool(true)),
        ],
        None,
    )
}

/// A store of the Cert: drive as an object (`Cert:\LocalMachine\CA`).
pub fn store_value(location: &str, store: &str) -> Value {
    typed_object(
        STORE_TYPE,
        vec![
            ("Name", Value::str(store)),
            ("Location", Value::str(location)),
            ("PSChildName", Value::str(store)),
            ("PSIsContainer", Value::Bool(true)),
        ],
        None,
    )
}
