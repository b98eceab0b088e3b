//! L1 — the session's file-system drives (`New-PSDrive -Name C -PSProvider FileSystem -Root
//! /srv/exchange`): a per-thread table that maps Windows-style paths (`C:\My Documents\x.sst`)
//! to directories here, for the file cmdlets and `[System.IO.File]` alike.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

thread_local! {
    static DRIVES: RefCell<Vec<(String, PathBuf)>> = const { RefCell::new(Vec::new()) };
}

/// Define (or redefine) a file-system drive; `false` when the name is not a drive name
/// (letters, digits, `_`, `-`; not empty).
pub fn define(name: &str, root: &Path) -> bool {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if valid {
        DRIVES.with(|d| {
            let mut drives = d.borrow_mut();
            drives.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            drives.push((name.to_string(), root.to_path_buf()));
        });
    }
    valid
}

/// Remove a drive; `false` when there was none of that name.
pub fn remove(name: &str) -> bool {
    DRIVES.with(|d| {
        let mut drives = d.borrow_mut();
        let before = drives.len();
        drives.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        drives.len() != before
    })
}

/// Forget every drive (a new session starts with none).
pub fn clear() {
    DRIVES.with(|d| d.borrow_mut().clear());
}

/// Every drive defined in this session: (name, root), in definition order.
pub fn list() -> Vec<(String, PathBuf)> {
    DRIVES.with(|d| d.borrow().clone())
}

/// Split `path` at a drive prefix (`C:`, `Data:`) into (name, rest); `None` when the path
/// has no drive.
fn split_drive(path: &str) -> Option<(&str, &str)> {
    let (name, rest) = path.split_once(':')?;
    let named = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (named && (rest.is_empty() || rest.starts_with(['\\', '/']))).then_some((name, rest))
}

/// Map a drive-qualified path to the file system: `Ok(None)` when `path` names no drive or a
/// drive that is not a file-system drive of this session (`Cert:`, `Env:`); `Err` with
/// advice for an unmapped one-letter (Windows) drive.
pub fn map_path(path: &str) -> Result<Option<PathBuf>, String> {
    let Some((name, rest)) = split_drive(path) else {
        return Ok(None);
    };
    let root = DRIVES.with(|d| {
        d.borrow()
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, root)| root.clone())
    });
    match root {
        Some(root) => {
            let mut mapped = root;
            for part in rest.split(['\\', '/']).filter(|p| !p.is_empty()) {
                mapped.push(part);
            }
            Ok(Some(mapped))
        }
        None if name.len() == 1 => Err(format!(
            "Cannot find drive. A drive with the name '{name}' does not exist. Map it to a directory first: New-PSDrive -Name {} -PSProvider FileSystem -Root <dir>",
            name.to_ascii_uppercase()
        )),
        None => Ok(None),
    }
}

/// `path` with a mapped drive replaced by its directory (unchanged otherwise).
pub fn map_or_keep(path: &str) -> Result<String, String> {
    Ok(map_path(path)?.map_or_else(|| path.to_string(), |p| p.display().to_string()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn windows_paths_map_through_a_defined_drive() {
        assert!(
            map_path("Q:\\x")
                .unwrap_err()
                .contains("New-PSDrive -Name Q")
        );
        assert!(define("Q", Path::new("/srv/exchange")));
        assert_eq!(
            map_path("q:\\My Documents\\Exported Certificate Store.sst").unwrap(),
            Some(PathBuf::from(
                "/srv/exchange/My Documents/Exported Certificate Store.sst"
            ))
        );
        assert_eq!(
            map_path("Q:").unwrap(),
            Some(PathBuf::from("/srv/exchange"))
        );
        assert_eq!(map_path("Cert:\\LocalMachine").unwrap(), None);
        assert_eq!(map_path("/tmp/a:b").unwrap(), None);
        assert_eq!(map_or_keep("/tmp/x").unwrap(), "/tmp/x");
        assert!(list().iter().any(|(n, _)| n == "Q"));
        assert!(remove("q"));
        assert!(!remove("q"));
        assert!(map_path("Q:\\x").is_err());
        assert!(!define("bad name", Path::new("/")));
    }
}
