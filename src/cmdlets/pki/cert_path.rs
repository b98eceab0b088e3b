//! L4 — paths of the Cert: drive (`Cert:\LocalMachine\CA\<thumbprint>`, `cert:/currentuser`,
//! the provider-qualified form): parsed case-insensitively into root, location, store or
//! certificate, with `/` and `\` alike.

use crate::model::cert_store::{LOCATIONS, STORES, canonical_store};

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

/// Parse a Cert: path; the error says what is wrong and what exists.
pub fn parse(path: &str) -> Result<CertPath, String> {
    let rest = strip_drive(path).ok_or_else(|| format!("'{path}' is not a Cert: path."))?;
    let parts: Vec<&str> = rest.split(['\\', '/']).filter(|p| !p.is_empty()).collect();
    let missing = || format!("Cannot find path '{path}' because it does not exist.");
    let location = |name: &str| {
        LOCATIONS
            .iter()
            .copied()
            .find(|l| l.eq_ignore_ascii_case(name))
    };
    match parts.as_slice() {
        [] => Ok(CertPath::Root),
        [loc] => location(loc).map(CertPath::Location).ok_or_else(missing),
        [loc, store] => canonical_store(loc, store)
            .map(|(l, s)| CertPath::Store(l, s))
            .ok_or_else(missing),
        [loc, store, thumbprint] => canonical_store(loc, store)
            .map(|(l, s)| CertPath::Certificate(l, s, thumbprint.to_ascii_uppercase()))
            .ok_or_else(missing),
        _ => Err(missing()),
    }
}

/// A store given as `-CertStoreLocation`: the path must name a store.
pub fn parse_store(path: &str) -> Result<(&'static str, &'static str), String> {
    match parse(path) {
        Ok(CertPath::Store(location, store)) => Ok((location, store)),
        Ok(_) => Err(format!(
            "'{path}' is not a certificate store; give one such as Cert:\\LocalMachine\\Root (stores: {}).",
            STORES.join(", ")
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
    }

    #[test]
    fn a_store_location_must_name_a_store() {
        assert_eq!(
            parse_store("Cert:\\LocalMachine\\Root").unwrap(),
            ("LocalMachine", "Root")
        );
        assert!(
            parse_store("Cert:\\LocalMachine")
                .unwrap_err()
                .contains("not a certificate store")
        );
    }
}
