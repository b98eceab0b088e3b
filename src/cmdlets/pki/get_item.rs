//! L4 — Get-Item on the Cert: drive: the item a path names itself (a store location, a store,
//! or a certificate by thumbprint), not its children.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::Value;

use super::super::common::paths::ITEM_NOT_FOUND;
use super::super::common::{arg_strings, string_array};
use crate::model::cert_store::store_names;

use super::cert_path::{CertPath, parse_in, resolve};
use super::stores::{BAD_PATH, decode_stored, load_state, location_value, store_value};

/// `Get-Item [-Path] <String[]>` (the Cert: drive)
pub struct GetItem;

impl Cmdlet for GetItem {
    fn signature(&self) -> Signature {
        Signature::new(
            "Get-Item",
            "Gets the item at a Cert: path: a store location, a store or one certificate.",
        )
        .param(
            Param::new("Path", string_array())
                .position(0)
                .mandatory()
                .from_pipeline_by_property_name()
                .help("Cert: paths such as Cert:\\LocalMachine\\Root\\<thumbprint>."),
        )
        .param(Param::switch("Force"))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "One certificate by its thumbprint",
            "$t = (Import-Certificate src/pki/testdata/contoso-chain.pem -CertStoreLocation Cert:\\LocalMachine\\Root).Thumbprint\n(Get-Item \"Cert:\\LocalMachine\\Root\\$t\").Subject\n(Get-Item Cert:\\LocalMachine\\Root).Name",
            "CN=Contoso Root, O=Contoso, C=US\nRoot\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        for given in arg_strings(cx, "Path") {
            let Some(path) = resolve(&given) else {
                let message =
                    format!("Get-Item reads the Cert: drive only; '{given}' is not a Cert: path.");
                cx.write_error(&message, BAD_PATH, Value::str(given.as_str()))?;
                continue;
            };
            let state = load_state(cx)?;
            match parse_in(&path, &state.certificate_stores) {
                Ok(CertPath::Root) => {
                    let message = "Cert:\\ is the drive itself; use Get-ChildItem Cert:\\ to list its store locations.";
                    cx.write_error(message, BAD_PATH, Value::str(path.as_str()))?;
                }
                Ok(CertPath::Location(location)) => cx.emit(location_value(
                    location,
                    &store_names(location, &state.certificate_stores),
                ))?,
                Ok(CertPath::Store(location, store)) => cx.emit(store_value(location, store))?,
                Ok(CertPath::Certificate(location, store, thumbprint)) => {
                    let found = state.certificates.iter().find(|c| {
                        c.is_in(location, store) && c.thumbprint.eq_ignore_ascii_case(&thumbprint)
                    });
                    match found {
                        Some(stored) => {
                            let certificate = decode_stored(cx, stored)?;
                            cx.emit(certificate.to_value(Some(&stored.store_path())))?;
                        }
                        None => {
                            let message =
                                format!("Cannot find path '{path}' because it does not exist.");
                            cx.write_error(&message, ITEM_NOT_FOUND, Value::str(path.as_str()))?;
                        }
                    }
                }
                Err(message) => {
                    cx.write_error(&message, ITEM_NOT_FOUND, Value::str(path.as_str()))?
                }
            }
        }
        Ok(())
    }
}
