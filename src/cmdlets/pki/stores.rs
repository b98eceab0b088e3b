//! L4 — what the certificate cmdlets share: reading the Cert: stores from the configuration
//! state, changing them under the store's lock, reading certificate files, and errors.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::engine::{Context, Eval};
use crate::model::{CustomStore, OrgState, StoredCertificate};
use crate::pki::{self, Certificate};
use crate::store::StoreError;
use crate::value::Value;

use super::super::common::paths::{ITEM_NOT_FOUND, not_found};
use super::super::common::{terminating, typed_object};

/// The exception type of a bad Cert: path or store.
pub const BAD_PATH: &str = "System.ArgumentException";

/// Every certificate the state keeps (decoding errors become terminating errors).
pub fn load_certificates(cx: &Context<'_, '_>) -> Eval<Vec<StoredCertificate>> {
    Ok(load_state(cx)?.certificates)
}

/// The custom stores New-Item made (the state's `CertificateStores`).
pub fn load_custom_stores(cx: &Context<'_, '_>) -> Eval<Vec<CustomStore>> {
    Ok(load_state(cx)?.certificate_stores)
}

/// The whole state (its certificates and custom stores together, from one read).
pub fn load_state(cx: &Context<'_, '_>) -> Eval<OrgState> {
    let store = cx.interp.config_store(cx.span)?;
    store
        .load()
        .map_err(|error| terminating(cx, "System.IO.IOException", error.to_string()))
}

/// An edit of the certificates and custom stores: whether it changed anything, or why it
/// refuses to.
pub type StoresChange<'a> =
    dyn FnMut(&mut Vec<StoredCertificate>, &mut Vec<CustomStore>) -> Result<bool, String> + 'a;

/// Change the certificates and custom stores under the store's lock; `change` returns
/// whether it changed anything, or an error message (then nothing is written and the message
/// is returned).
pub fn change_stores(
    cx: &Context<'_, '_>,
    change: &mut StoresChange<'_>,
) -> Eval<Result<bool, String>> {
    let store = cx.interp.config_store(cx.span)?;
    let mut refusal = None;
    let changed = store
        .update(&mut |state| {
            Ok::<bool, StoreError>(
                match change(&mut state.certificates, &mut state.certificate_stores) {
                    Ok(changed) => changed,
                    Err(message) => {
                        refusal = Some(message);
                        false
                    }
                },
            )
        })
        .map_err(|error| terminating(cx, "System.IO.IOException", error.to_string()))?;
    Ok(match refusal {
        Some(message) => Err(message),
        None => Ok(changed),
    })
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

/// Add `certificates` to `location\\store`, skipping those whose thumbprint the store (or an
/// earlier one of `certificates`) already has; true when any was added. Linear: the store's
/// thumbprints are looked up in a set, so importing 10,000 certificates is not 10,000 scans.
pub fn add_certificates(
    stored: &mut Vec<StoredCertificate>,
    location: &str,
    store: &str,
    certificates: &[Certificate],
) -> bool {
    let mut present: HashSet<String> = stored
        .iter()
        .filter(|s| s.is_in(location, store))
        .map(|s| s.thumbprint.to_ascii_uppercase())
        .collect();
    let before = stored.len();
    for certificate in certificates {
        let thumbprint = certificate.thumbprint().to_string().to_ascii_uppercase();
        if present.insert(thumbprint) {
            stored.push(StoredCertificate::new(location, store, certificate));
        }
    }
    stored.len() > before
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

/// The file `-FilePath` (`path`) names and its bytes, or `None` after a non-terminating error
/// (a drive that is not mapped, a file that cannot be read).
pub fn read_given_file(cx: &mut Context<'_, '_>, path: &str) -> Eval<Option<(PathBuf, Vec<u8>)>> {
    let Some(file) = resolve_file(cx, path)? else {
        return Ok(None);
    };
    Ok(read_file(cx, &file)?.map(|bytes| (file, bytes)))
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

/// A store location of the Cert: drive as an object (`Cert:\LocalMachine`) with its stores.
pub fn location_value(location: &str, stores: &[&str]) -> Value {
    typed_object(
        LOCATION_TYPE,
        vec![
            ("Location", Value::str(location)),
            (
                "StoreNames",
                Value::array(stores.iter().map(|s| Value::str(*s)).collect()),
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

/// A `System.IO.FileInfo`-like object for a written file.
pub fn file_value(file: &Path, length: usize) -> Value {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let directory = file
        .parent()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    typed_object(
        "System.IO.FileInfo",
        vec![
            ("Name", Value::str(name.as_str())),
            ("FullName", Value::str(file.display().to_string())),
            ("DirectoryName", Value::str(directory)),
            (
                "Length",
                Value::Long(i64::try_from(length).unwrap_or(i64::MAX)),
            ),
            (
                "Extension",
                Value::str(
                    file.extension()
                        .map(|e| format!(".{}", e.to_string_lossy()))
                        .unwrap_or_default(),
                ),
            ),
        ],
        Some(name),
    )
}
