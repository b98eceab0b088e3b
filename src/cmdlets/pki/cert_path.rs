//! L4 — paths of the Cert: drive (`Cert:\LocalMachine\CA\<thumbprint>`, `cert:/currentuser`,
//! the provider-qualified form, and paths relative to a Cert: location Set-Location chose:
//! `My`, `..\Root`): parsed case-insensitively into root, location, store or certificate, with
//! `/` and `\` alike. The custom stores New-Item made count as stores: [`parse_known`] reads
//! them from the state, [`parse_in`] takes them.

use crate::engine::{Context, Eval};
use crate::model::CustomStore;
use crate::model::cert_store::{canonical_location, canonical_store_in, store_names};

use super::stores::load_custom_stores;

/// The provider prefix PowerShell puts in front of PSPath / PSParentPath.
const PROVIDER_PREFIX: &str = "Microsoft.PowerShell.Security\\Certificate::";

/// What a Cert: path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertPath {
    /// `Cert:\` — the store locations.
    Root,
    /// `Cert:\LocalMachine` — a location's stores.
    Location(&'static str),
    /// `Cert:\LocalMachine\CA` — a store's certificates.
    Store(&'static str, &'static str),
    /// `Cert:\LocalMachine\CA\<thumbprint>` — one certificate (thumbprint upper-cased).
    Certificate(&'static str, &'static str, String),
}

/// Is `path` on the Cert: drive?
pub fn is_cert_path(path: &str) -> bool {
    strip_drive(path).is_some()
}

fn strip_drive(path: &str) -> Option<&str> {
    let lower = path.to_ascii_lowercase();
    let provider = PROVIDER_PREFIX.to_ascii_lowercase();
    if lower.starts_with(&provider) {
        return path.get(provider.len()..);
    }
    if lower.starts_with("cert:") {
        return path.get(5..);
    }
    None
}

/// `path` as an absolute Cert: path: itself when it is one; joined to the current location
/// when that is on the Cert: drive and `path` is relative (`My`, `..`, `.\<thumbprint>`);
/// `None` otherwise (a file-system path, another drive).
pub fn resolve(path: &str) -> Option<String> {
    if is_cert_path(path) {
        return Some(path.to_string());
    }
    let current = crate::value::drives::location().provider?;
    let relative = !path.starts_with(['\\', '/', '~']) && !path.contains(':');
    relative.then(|| format!("{current}\\{path}"))
}

/// The canonical text of a Cert: path (`Cert:\LocalMachine\CA`).
pub fn display(target: &CertPath) -> String {
    match target {
        CertPath::Root => "Cert:\\".to_string(),
        CertPath::Location(location) => format!("Cert:\\{location}"),
        CertPath::Store(location, store) => format!("Cert:\\{location}\\{store}"),
        CertPath::Certificate(location, store, thumbprint) => {
            format!("Cert:\\{location}\\{store}\\{thumbprint}")
        }
    }
}

/// Parse a Cert: path knowing the standard stores only (see [`parse_known`]).
pub fn parse(path: &str) -> Result<CertPath, String> {
    parse_in(path, &[])
}

/// Parse a Cert: path, the custom stores of the state counting as stores.
pub fn parse_known(cx: &Context<'_, '_>, path: &str) -> Eval<Result<CertPath, String>> {
    let custom = load_custom_stores(cx)?;
    Ok(parse_in(path, &custom))
}

/// The parts of a Cert: path under the drive (`.` and `..` applied), or `None` when it is
/// not one.
pub fn parts(path: &str) -> Option<Vec<&str>> {
    let rest = strip_drive(path)?;
    let mut parts: Vec<&str> = Vec::new();
    for part in rest
        .split(['\\', '/'])
        .filter(|p| !p.is_empty() && *p != ".")
    {
        if part == ".." {
            parts.pop();
        } else {
            parts.push(part);
        }
    }
    Some(parts)
}

/// Parse a Cert: path (`.` and `..` allowed) with `custom` stores beside the standard ones;
/// the error says what is wrong.
pub fn parse_in(path: &str, custom: &[CustomStore]) -> Result<CertPath, String> {
    let parts = parts(path).ok_or_else(|| format!("'{path}' is not a Cert: path."))?;
    let missing = || format!("Cannot find path '{path}' because it does not exist.");
    match parts.as_slice() {
        [] => Ok(CertPath::Root),
        [loc] => canonical_location(loc)
            .map(CertPath::Location)
            .ok_or_else(missing),
        [loc, store] => canonical_store_in(loc, store, custom)
            .map(|(l, s)| CertPath::Store(l, s))
            .ok_or_else(missing),
        [loc, store, thumbprint] => canonical_store_in(loc, store, custom)
            .map(|(l, s)| CertPath::Certificate(l, s, thumbprint.to_ascii_uppercase()))
            .ok_or_else(missing),
        _ => Err(missing()),
    }
}

/// A store given as `-CertStoreLocation`: the path must name a store (a standard one or a
/// custom one of the state).
pub fn parse_store(
    cx: &Context<'_, '_>,
    path: &str,
) -> Eval<Result<(&'static str, &'static str), String>> {
    let custom = load_custom_stores(cx)?;
    Ok(parse_store_in(path, &custom))
}

/// [`parse_store`] with the custom stores given.
pub fn parse_store_in(
    path: &str,
    custom: &[CustomStore],
) -> Result<(&'static str, &'static str), String> {
    match parse_in(path, custom) {
        Ok(CertPath::Store(location, store)) => Ok((location, store)),
        Ok(_) => Err(format!(
            "'{path}' is not a certificate store; give one such as Cert:\\LocalMachine\\Root (stores: {}).",
            store_names(crate::model::cert_store::CUSTOM_STORE_LOCATION, custom).join(", ")
        )),
        Err(message) => Err(message),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_level_case_insensitively_with_either_slash() {
        assert_eq!(parse("Cert:\\").unwrap(), CertPath::Root);
        assert_eq!(parse("cert:").unwrap(), CertPath::Root);
        assert_eq!(
            parse("cert:/localmachine").unwrap(),
            CertPath::Location("LocalMachine")
        );
        assert_eq!(
            parse("CERT:\\LocalMachine\\ca\\").unwrap(),
            CertPath::Store("LocalMachine", "CA")
        );
        assert_eq!(
            parse("Microsoft.PowerShell.Security\\Certificate::CurrentUser\\My\\ab12").unwrap(),
            CertPath::Certificate("CurrentUser", "My", "AB12".into())
        );
        assert!(
            parse("Cert:\\Nowhere")
                .unwrap_err()
                .contains("does not exist")
        );
        assert!(parse("C:\\x").is_err());
        assert!(is_cert_path("cert:\\x") && !is_cert_path("/tmp"));
        assert_eq!(
            parse("Cert:\\CurrentUser\\My\\..\\.\\Root").unwrap(),
            CertPath::Store("CurrentUser", "Root")
        );
        assert_eq!(parse("Cert:\\CurrentUser\\..\\..").unwrap(), CertPath::Root);
    }

    #[test]
    fn relative_paths_resolve_against_a_cert_location_only() {
        crate::value::drives::clear();
        assert_eq!(resolve("My"), None);
        assert_eq!(resolve("cert:\\x").as_deref(), Some("cert:\\x"));
        crate::value::drives::set_provider_location("Cert:\\CurrentUser");
        let my = resolve("My").unwrap();
        assert_eq!(parse(&my).unwrap(), CertPath::Store("CurrentUser", "My"));
        assert_eq!(parse(&resolve("..").unwrap()).unwrap(), CertPath::Root);
        assert_eq!(resolve("/tmp/x"), None);
        assert_eq!(resolve("C:\\x"), None);
        assert_eq!(display(&parse(&my).unwrap()), "Cert:\\CurrentUser\\My");
        crate::value::drives::clear();
    }

    #[test]
    fn a_store_location_must_name_a_store() {
        let custom = [CustomStore {
            location: "LocalMachine".into(),
            name: "Web Hosting".into(),
        }];
        assert_eq!(
            parse_store_in("Cert:\\LocalMachine\\Root", &[]).unwrap(),
            ("LocalMachine", "Root")
        );
        assert_eq!(
            parse_store_in("cert:/localmachine/web hosting", &custom).unwrap(),
            ("LocalMachine", "Web Hosting")
        );
        assert_eq!(
            parse_in("Cert:\\LocalMachine\\WEB HOSTING\\ab", &custom).unwrap(),
            CertPath::Certificate("LocalMachine", "Web Hosting", "AB".into())
        );
        assert!(parse_store_in("Cert:\\LocalMachine\\Web Hosting", &[]).is_err());
        assert!(parse_store_in("Cert:\\CurrentUser\\Web Hosting", &custom).is_err());
        assert!(
            parse_store_in("Cert:\\LocalMachine", &custom)
                .unwrap_err()
                .contains("not a certificate store")
        );
    }
}
