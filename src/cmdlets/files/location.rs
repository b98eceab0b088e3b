//! L4 — the session's current location as PowerShell shows it: a `PathInfo` object (`Path`,
//! `Drive`, `Provider`, `ProviderPath`) for the file system or the Cert: drive, and moving it;
//! shared by Set-Location, Get-Location, Push-Location and Pop-Location.

use std::path::Path;

use crate::engine::{Context, Eval, Param, Signature};
use crate::value::drives;
use crate::value::{PsType, Value};

use super::super::common::paths::{ITEM_NOT_FOUND, is_provider_path, not_found, resolve};
use super::super::common::typed_object;
use super::super::pki::cert_path::{self, CertPath};

const BAD_PATH: &str = "System.Management.Automation.PSArgumentException";

/// The .NET type of a location.
pub const PATH_INFO: &str = "System.Management.Automation.PathInfo";

const FILE_SYSTEM: &str = "Microsoft.PowerShell.Core\\FileSystem";
const CERTIFICATE: &str = "Microsoft.PowerShell.Security\\Certificate";

/// The current location as a `PathInfo`.
pub fn current_path_info() -> Value {
    match drives::location().provider {
        Some(path) => cert_path_info(&path),
        None => directory_path_info(&drives::current_directory()),
    }
}

/// A `PathInfo` for a Cert: path (canonical, such as `Cert:\CurrentUser\My`).
pub fn cert_path_info(path: &str) -> Value {
    let provider_path = path
        .get(5..)
        .map(|rest| rest.trim_start_matches('\\'))
        .unwrap_or_default();
    path_info(path, "Cert", CERTIFICATE, provider_path)
}

/// A `PathInfo` for a file-system directory.
pub fn directory_path_info(directory: &Path) -> Value {
    let text = directory.display().to_string();
    path_info(&text, "/", FILE_SYSTEM, &text)
}

fn path_info(path: &str, drive: &str, provider: &str, provider_path: &str) -> Value {
    typed_object(
        PATH_INFO,
        vec![
            ("Drive", Value::str(drive)),
            ("Provider", Value::str(provider)),
            ("ProviderPath", Value::str(provider_path)),
            ("Path", Value::str(path)),
        ],
        Some(path.to_string()),
    )
}

/// The signature Set-Location and Push-Location share: `[[-Path] <String>] [-PassThru]`, the
/// path also taken from the pipeline.
pub fn move_signature(name: &str, synopsis: &str, path_help: &str) -> Signature {
    Signature::new(name, synopsis)
        .param(
            Param::new("Path", PsType::String)
                .position(0)
                .from_pipeline()
                .from_pipeline_by_property_name()
                .alias("LiteralPath")
                .help(path_help),
        )
        .param(Param::switch("PassThru").help("Also outputs the new location (a PathInfo)."))
}

/// The path a Set-Location or Push-Location call is given: the pipeline object, else `-Path`.
pub fn given_path(cx: &Context<'_, '_>) -> Option<String> {
    match cx.input() {
        Some(value) => Some(crate::value::convert::to_string(value, " ")),
        None => cx.args.string("Path"),
    }
}

/// Change the location to `path` (Set-Location, Push-Location): the new location, or `None`
/// after a non-terminating error (the location is then unchanged).
pub fn move_to(cx: &mut Context<'_, '_>, path: &str) -> Eval<Option<Value>> {
    if let Some(absolute) = cert_path::resolve(path) {
        return match cert_path::parse_known(cx, &absolute)? {
            Ok(CertPath::Certificate(..)) => {
                let message = format!(
                    "Cannot set the location to '{path}': it is a certificate, not a container (a store location or a store)."
                );
                cx.write_error(&message, BAD_PATH, Value::str(path))?;
                Ok(None)
            }
            Ok(target) => {
                let shown = cert_path::display(&target);
                drives::set_provider_location(&shown);
                Ok(Some(cert_path_info(&shown)))
            }
            Err(_) => {
                let message = format!("Cannot find path '{path}' because it does not exist.");
                cx.write_error(&message, ITEM_NOT_FOUND, Value::str(path))?;
                Ok(None)
            }
        };
    }
    if let Err(message) = drives::map_path(path) {
        cx.write_error(
            &message,
            "System.Management.Automation.DriveNotFoundException",
            Value::str(path),
        )?;
        return Ok(None);
    }
    if is_provider_path(path) && drives::map_path(path).ok().flatten().is_none() {
        let message = format!(
            "Cannot set the location to '{path}': Set-Location knows the file system, the drives New-PSDrive mapped and the Cert: drive."
        );
        cx.write_error(&message, BAD_PATH, Value::str(path))?;
        return Ok(None);
    }
    let directory = resolve(path);
    if !directory.is_dir() {
        let message = if directory.exists() {
            format!("Cannot set the location to '{path}': it is a file, not a directory.")
        } else {
            not_found(&directory)
        };
        cx.write_error(&message, ITEM_NOT_FOUND, Value::str(path))?;
        return Ok(None);
    }
    drives::set_directory(&directory);
    Ok(Some(directory_path_info(&directory)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::access::get_member;
    use crate::value::convert::to_string;

    #[test]
    fn cert_and_directory_locations_name_their_provider() {
        let cert = cert_path_info("Cert:\\CurrentUser\\My");
        assert_eq!(
            to_string(&get_member(&cert, "Path"), " "),
            "Cert:\\CurrentUser\\My"
        );
        assert_eq!(
            to_string(&get_member(&cert, "ProviderPath"), " "),
            "CurrentUser\\My"
        );
        assert_eq!(to_string(&get_member(&cert, "Drive"), " "), "Cert");
        let dir = directory_path_info(Path::new("/srv/pki"));
        assert_eq!(to_string(&dir, " "), "/srv/pki");
        assert_eq!(to_string(&get_member(&dir, "Provider"), " "), FILE_SYSTEM);
    }
}
