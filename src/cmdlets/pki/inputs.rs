//! L4 — what the certificate cmdlets take as input: certificate objects from the Cert: drive
//! or Import-Certificate (read back from their `RawData`), Cert: paths, whole stores.

use crate::engine::{Context, Eval, Param};
use crate::pki::Certificate;
use crate::value::object_methods::bytes_of;
use crate::value::{Value, access, convert};

use super::super::common::secure_string::secure_string_text;
use super::super::common::{argument_error, items, string_array};
use super::cert_path::{CertPath, parse_known, resolve};
use super::stores::{BAD_PATH, load_certificates};

/// The certificates of a store name in these locations.
pub fn store_certificates(
    cx: &Context<'_, '_>,
    locations: &[&str],
    store: &str,
) -> Eval<Vec<Certificate>> {
    Ok(load_certificates(cx)?
        .iter()
        .filter(|s| locations.iter().any(|l| s.is_in(l, store)))
        .filter_map(|s| s.certificate().ok())
        .collect())
}

/// Every certificate of the Cert: drive, whatever its store.
pub fn all_store_certificates(cx: &Context<'_, '_>) -> Eval<Vec<Certificate>> {
    Ok(load_certificates(cx)?
        .iter()
        .filter_map(|s| s.certificate().ok())
        .collect())
}

/// The `-Path` parameter of the Cert: item cmdlets (Move-Item, Remove-Item): positional,
/// mandatory, and bound from the PSPath of a certificate piped from Get-ChildItem.
pub fn item_path_param(help: &str) -> Param {
    Param::new("Path", string_array())
        .position(0)
        .mandatory()
        .from_pipeline_by_property_name()
        .alias("PSPath")
        .alias("LiteralPath")
        .help(help)
}

/// The value this `process` call works on: the pipeline object, else the `parameter` argument
/// (`-Cert`, `-Certificate`).
pub fn piped_or(cx: &Context<'_, '_>, parameter: &str) -> Value {
    cx.input()
        .cloned()
        .or_else(|| cx.args.get(parameter).cloned())
        .unwrap_or(Value::Null)
}

/// The certificates this `process` call is given: the pipeline object, else the `parameter`
/// argument (see [`input_certificates`]).
pub fn given_certificates(cx: &mut Context<'_, '_>, parameter: &str) -> Eval<Vec<Certificate>> {
    let given = piped_or(cx, parameter);
    input_certificates(cx, &given)
}

/// The text of a `-Password` value, which must be a SecureString (an argument error otherwise,
/// which never quotes what was given).
pub fn password_text(cx: &Context<'_, '_>, value: &Value) -> Eval<String> {
    secure_string_text(value).ok_or_else(|| {
        argument_error(
            cx,
            "-Password must be a SecureString; make one with ConvertTo-SecureString -String '…' -AsPlainText -Force.",
        )
    })
}

/// The certificates a parameter value gives: certificate objects (their RawData) and Cert:
/// paths (a certificate's or a store's); anything else is a non-terminating error.
pub fn input_certificates(cx: &mut Context<'_, '_>, given: &Value) -> Eval<Vec<Certificate>> {
    let mut out = Vec::new();
    for item in items(given) {
        if let Value::String(_) = item {
            let path = convert::to_string(&item, " ");
            out.extend(path_certificates(cx, &path)?);
            continue;
        }
        let certificate = raw_bytes(&access::get_member(&item, "RawData"))
            .and_then(|raw| Certificate::from_der(raw).ok())
            .map(|mut certificate| {
                let has_key = convert::to_bool(&access::get_member(&item, "HasPrivateKey"));
                certificate.set_has_private_key(has_key);
                let friendly = convert::to_string(&access::get_member(&item, "FriendlyName"), " ");
                if !friendly.is_empty() {
                    certificate.set_friendly_name(&friendly);
                }
                certificate
            });
        match certificate {
            Some(certificate) => out.push(certificate),
            None => {
                let message = "The object is not a certificate (it has no readable RawData).";
                cx.write_error(message, BAD_PATH, item.clone())?;
            }
        }
    }
    Ok(out)
}

/// The bytes of a `RawData` value: a `Byte[]` read directly (10,000 certificates piped to
/// Export-Certificate are 4 million bytes), anything else converted element by element.
fn raw_bytes(value: &Value) -> Option<Vec<u8>> {
    if let Value::Array(array) = value {
        let items = array.items.borrow();
        let direct: Option<Vec<u8>> = items
            .iter()
            .map(|item| match item {
                Value::Byte(byte) => Some(*byte),
                _ => None,
            })
            .collect();
        if direct.is_some() {
            return direct;
        }
    }
    bytes_of(value).ok()
}

/// The certificates a Cert: path (or one relative to a Cert: location) names.
fn path_certificates(cx: &mut Context<'_, '_>, given: &str) -> Eval<Vec<Certificate>> {
    let path = resolve(given).unwrap_or_else(|| given.to_string());
    let path = path.as_str();
    let (location, store, thumbprint) = match parse_known(cx, path)? {
        Ok(CertPath::Store(l, s)) => (l, s, None),
        Ok(CertPath::Certificate(l, s, t)) => (l, s, Some(t)),
        Ok(_) => {
            let message = format!("'{path}' names no certificates; give a store or a certificate.");
            cx.write_error(&message, BAD_PATH, Value::str(path))?;
            return Ok(Vec::new());
        }
        Err(message) => {
            cx.write_error(&message, BAD_PATH, Value::str(path))?;
            return Ok(Vec::new());
        }
    };
    let found: Vec<Certificate> = load_certificates(cx)?
        .iter()
        .filter(|s| s.is_in(location, store))
        .filter(|s| {
            thumbprint
                .as_ref()
                .is_none_or(|t| s.thumbprint.eq_ignore_ascii_case(t))
        })
        .filter_map(|s| s.certificate().ok())
        .collect();
    if found.is_empty() && thumbprint.is_some() {
        let message = format!("Cannot find path '{path}' because it does not exist.");
        cx.write_error(&message, BAD_PATH, Value::str(path))?;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_data_reads_byte_arrays_directly_and_other_arrays_by_conversion() {
        let bytes = crate::value::builtin::byte_array(vec![0x30, 0x82, 0xff]);
        assert_eq!(raw_bytes(&bytes), Some(vec![0x30, 0x82, 0xff]));
        let ints = Value::array(vec![Value::Int(48), Value::Int(130)]);
        assert_eq!(raw_bytes(&ints), Some(vec![48, 130]));
        let bad = Value::array(vec![Value::Int(300)]);
        assert_eq!(raw_bytes(&bad), None);
    }
}
