//! L4 — Get-ChildItem on the Cert: drive: the store locations, a location's stores, a store's
//! certificates, or one certificate by thumbprint; `-Recurse` walks down. Paths of other
//! drives are an error that says so (the file-system listing is not here).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::model::cert_store::{LOCATIONS, store_names};
use crate::model::{OrgState, StoredCertificate};
use crate::value::Value;

use super::super::common::paths::ITEM_NOT_FOUND;
use super::super::common::string_array;
use super::cert_filter::{CertFilter, with_filters};
use super::cert_path::{CertPath, parse_in, resolve};
use super::stores::{BAD_PATH, decode_stored, load_state, location_value, store_value};

/// `Get-ChildItem [[-Path] <String[]>] [-Recurse]` (the Cert: drive)
pub struct GetChildItem;

impl Cmdlet for GetChildItem {
    fn signature(&self) -> Signature {
        let signature = Signature::new(
            "Get-ChildItem",
            "Gets the items in a location of the Cert: drive: store locations, stores or certificates.",
        )
        .param(
            Param::new("Path", string_array())
                .position(0)
                .from_pipeline_by_property_name()
                .help("Cert: paths such as Cert:\\LocalMachine\\CA or Cert:\\LocalMachine\\CA\\<thumbprint>."),
        )
        .param(Param::switch("Recurse").help("Also gets the items below each location and store."))
        .param(Param::switch("Force"));
        with_filters(signature)
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "The store locations",
                "Get-ChildItem Cert:\\ | ForEach-Object Location",
                "CurrentUser\nLocalMachine\n",
            ),
            Example::new(
                "The certificates of a store",
                "$null = Import-Certificate src/pki/testdata/contoso-chain.pem -CertStoreLocation Cert:\\LocalMachine\\CA\nGet-ChildItem -Path cert:/localmachine/ca | ForEach-Object Subject",
                "CN=Contoso Root, O=Contoso, C=US\n",
            ),
            Example::new(
                "Dynamic filters: certificates whose DNS names match, in every store",
                "$null = Import-Certificate src/pki/testdata/contoso-chain.pem -CertStoreLocation Cert:\\CurrentUser\\My\n@(Get-ChildItem Cert:\\ -Recurse -DnsName 'contoso*').Count",
                "1\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let mut paths: Vec<String> = match cx.args.get("Path") {
            Some(_) => super::super::common::arg_strings(cx, "Path"),
            None => Vec::new(),
        };
        if paths.is_empty() {
            match crate::value::drives::location().provider {
                Some(current) => paths.push(current),
                None => {
                    let message = "Get-ChildItem lists the Cert: drive only; give a path such as Cert:\\LocalMachine\\CA, or Set-Location into it first.";
                    return cx.write_error(message, BAD_PATH, Value::Null);
                }
            }
        }
        let recurse = cx.args.switch("Recurse");
        let filter = CertFilter::from_args(cx);
        for given in paths {
            let Some(path) = resolve(&given) else {
                let message = format!(
                    "Get-ChildItem lists the Cert: drive only; '{given}' is not a Cert: path."
                );
                cx.write_error(&message, BAD_PATH, Value::str(given.as_str()))?;
                continue;
            };
            let state = load_state(cx)?;
            let target = match parse_in(&path, &state.certificate_stores) {
                Ok(target) => target,
                Err(message) => {
                    cx.write_error(&message, ITEM_NOT_FOUND, Value::str(path.as_str()))?;
                    continue;
                }
            };
            list(cx, &state, &target, recurse, &path, &filter)?;
        }
        Ok(())
    }
}

/// Write the children of `target` (and, with `recurse`, theirs).
fn list(
    cx: &mut Context<'_, '_>,
    state: &OrgState,
    target: &CertPath,
    recurse: bool,
    shown: &str,
    filter: &CertFilter,
) -> Eval<()> {
    let containers = !filter.is_active();
    match target {
        CertPath::Root => {
            for location in LOCATIONS {
                if containers {
                    let stores = store_names(location, &state.certificate_stores);
                    cx.emit(location_value(location, &stores))?;
                }
                if recurse {
                    list(
                        cx,
                        state,
                        &CertPath::Location(location),
                        true,
                        shown,
                        filter,
                    )?;
                }
            }
        }
        CertPath::Location(location) => {
            for store in store_names(location, &state.certificate_stores) {
                if containers {
                    cx.emit(store_value(location, store))?;
                }
                if recurse {
                    list(
                        cx,
                        state,
                        &CertPath::Store(location, store),
                        true,
                        shown,
                        filter,
                    )?;
                }
            }
        }
        CertPath::Store(location, store) => {
            for stored in state
                .certificates
                .iter()
                .filter(|c| c.is_in(location, store))
            {
                emit_certificate(cx, stored, filter)?;
            }
        }
        CertPath::Certificate(location, store, thumbprint) => {
            let found = state.certificates.iter().find(|c| {
                c.is_in(location, store) && c.thumbprint.eq_ignore_ascii_case(thumbprint)
            });
            match found {
                Some(stored) => emit_certificate(cx, stored, filter)?,
                None => {
                    let message = format!("Cannot find path '{shown}' because it does not exist.");
                    cx.write_error(&message, ITEM_NOT_FOUND, Value::str(shown))?;
                }
            }
        }
    }
    Ok(())
}

/// Write a stored certificate when it passes the filters.
fn emit_certificate(
    cx: &mut Context<'_, '_>,
    stored: &StoredCertificate,
    filter: &CertFilter,
) -> Eval<()> {
    let certificate = decode_stored(cx, stored)?;
    if filter.accepts(&certificate) {
        cx.emit(certificate.to_value(Some(&stored.store_path())))?;
    }
    Ok(())
}
