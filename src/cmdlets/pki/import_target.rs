//! L4 — what the certificate import cmdlets (Import-Certificate, Import-PfxCertificate) share:
//! the `-FilePath` parameter, the store `-CertStoreLocation` names (the current location by default) and the output of
//! the certificates imported into it.

use crate::engine::{Context, Eval, Param};
use crate::pki::Certificate;
use crate::value::{PsType, Value};

use super::cert_path::{parse_store, resolve};
use super::stores::BAD_PATH;

/// The `-FilePath` parameter of the import cmdlets: positional, mandatory, bound from a piped
/// file's `FullName`.
pub fn file_path_param(help: &str) -> Param {
    Param::new("FilePath", PsType::String)
        .position(0)
        .mandatory()
        .alias("FullName")
        .from_pipeline_by_property_name()
        .help(help)
}

/// The store `-CertStoreLocation` names (default: the current location, when it is a store),
/// as (location, store); `None` after a non-terminating error. `example` is the store the
/// error suggests; `file_path` (as given) is its target when no store is given at all.
pub fn target_store(
    cx: &mut Context<'_, '_>,
    file_path: &str,
    example: &str,
) -> Eval<Option<(&'static str, &'static str)>> {
    let given = cx
        .args
        .string("CertStoreLocation")
        .or_else(|| crate::value::drives::location().provider);
    let Some(target) = given.map(|l| resolve(&l).unwrap_or(l)) else {
        let message = format!(
            "The current location is not a certificate store; give -CertStoreLocation, such as {example}."
        );
        cx.write_error(&message, BAD_PATH, Value::str(file_path))?;
        return Ok(None);
    };
    match parse_store(cx, &target)? {
        Ok(found) => Ok(Some(found)),
        Err(message) => {
            cx.write_error(&message, BAD_PATH, Value::str(target))?;
            Ok(None)
        }
    }
}

/// Output `certificates` as the certificates of `location\store`.
pub fn emit_imported(
    cx: &mut Context<'_, '_>,
    (location, store): (&str, &str),
    certificates: &[Certificate],
) -> Eval<()> {
    let store_path = format!("{location}\\{store}");
    for certificate in certificates {
        cx.emit(certificate.to_value(Some(&store_path)))?;
    }
    Ok(())
}
