//! L4 — Get-ChildItem on the Cert: drive: the store locations, a location's stores, a store's
//! certificates, or one certificate by thumbprint; `-Recurse` walks down. Paths of other
//! drives are an error that says so (the file-system listing is not here).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::model::StoredCertificate;
use crate::model::cert_store::{LOCATIONS, STORES};
use crate::value::Value;

use super::super::common::paths::ITEM_NOT_FOUND;
use super::super::common::{string_array, typed_object};
use super::cert_path::{CertPath, is_cert_path, parse};
use super::stores::{BAD_PATH, certificate_value, load_certificates};

/// `Get-ChildItem [[-Path] <String[]>] [-Recurse]` (the Cert: drive)
pub struct GetChildItem;

const LOCATION_TYPE: &str = "Microsoft.PowerShell.Commands.X509StoreLocation";
const STORE_TYPE: &str = "System.Security.Cryptography.X509Certificates.X509Store";

impl Cmdlet for GetChildItem {
    fn signature(&self) -> Signature {
        Signature::new(
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
        .param(Param::switch("Force"))
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
                "$null = Import-Certificate src/pki/testdata/contoso-chain.pem -CertStoreLocation Cert:\\LocalMachine\\CA\nGet-ChildItem -Path cert:/localmachine/ca | ForEach-Object Thumbprint",
                "F50713740220206E6632E5277527BCC0D9C3F5FE\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let paths: Vec<String> = match cx.args.get("Path") {
            Some(_) => super::super::common::arg_strings(cx, "Path"),
            None => Vec::new(),
        };
        if paths.is_empty() {
            let message = "Get-ChildItem lists the Cert: drive only; give a path such as Cert:\\LocalMachine\\CA.";
            return cx.write_error(message, BAD_PATH, Value::Null);
        }
        let recurse = cx.args.switch("Recurse");
        for path in paths {
            if !is_cert_path(&path) {
                let message = format!(
                    "Get-ChildItem lists the Cert: drive only; '{path}' is not a Cert: path."
                );
                cx.write_error(&message, BAD_PATH, Value::str(path.as_str()))?;
                continue;
            }
            let target = match parse(&path) {
                Ok(target) => target,
                Err(message) => {
                    cx.write_error(&message, ITEM_NOT_FOUND, Value::str(path.as_str()))?;
                    continue;
                }
            };
            let certificates = load_certificates(cx)?;
            list(cx, &certificates, &target, recurse, &path)?;
        }
        Ok(())
    }
}

/// Write the children of `target` (and, with `recurse`, theirs).
fn list(
    cx: &mut Context<'_, '_>,
    certificates: &[StoredCertificate],
    target: &CertPath,
    recurse: bool,
    shown: &str,
) -> Eval<()> {
    match target {
        CertPath::Root => {
            for location in LOCATIONS {
                cx.emit(location_value(location))?;
                if recurse {
                    list(cx, certificates, &CertPath::Location(location), true, shown)?;
                }
            }
        }
        CertPath::Location(location) => {
            for store in STORES {
                cx.emit(store_value(location, store))?;
                if recurse {
                    list(
                        cx,
                        certificates,
                        &CertPath::Store(location, store),
                        true,
                        shown,
                    )?;
                }
            }
        }
        CertPath::Store(location, store) => {
            for stored in certificates.iter().filter(|c| c.is_in(location, store)) {
                let value = certificate_value(cx, stored)?;
                cx.emit(value)?;
            }
        }
        CertPath::Certificate(location, store, thumbprint) => {
            let found = certificates.iter().find(|c| {
                c.is_in(location, store) && c.thumbprint.eq_ignore_ascii_case(thumbprint)
            });
            match found {
                Some(stored) => {
                    let value = certificate_value(cx, stored)?;
                    cx.emit(value)?;
                }
                None => {
                    let message = format!("Cannot find path '{shown}' because it does not exist.");
                    cx.write_error(&message, ITEM_NOT_FOUND, Value::str(shown))?;
                }
            }
        }
    }
    Ok(())
}

fn location_value(location: &str) -> Value {
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

fn store_value(location: &str, store: &str) -> Value {
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
