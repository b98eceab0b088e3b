//! L1 — the session's file-system drives (`New-PSDrive -Name C -PSProvider FileSystem -Root
//! /srv/exchange`): a per-thread table that maps Windows-style paths (`C:\My Documents\x.sst`)
//! to directories here, for the file cmdlets and `[System.IO.File]` alike; and the session's
//! current location (Set-Location): a provider path such as `Cert:\CurrentUser\My`, and the
//! file-system directory relative paths resolve against (the process directory is never
//! changed, so sessions on other threads keep theirs).

use std::cell::RefCell;
use std::path::{Path, PathBuf};

thread_local! {
    static DRIVES: RefCell<Vec<(String, PathBuf)>> = const { RefCell::new(Vec::new()) };
    static LOCATION: RefCell<Location> = const { RefCell::new(Location { provider: None, directory: None }) };
    static LOCATION_STACK: RefCell<Vec<Location>> = const { RefCell::new(Vec::new()) };
}

/// Remember the current location (Push-Location).
pub fn push_location() {
    let current = location();
    LOCATION_STACK.with(|s| s.borrow_mut().push(current));
}

/// Go back to the last remembered location (Pop-Location); `false` when none is left.
pub fn pop_location() -> bool {
    match LOCATION_STACK.with(|s| s.borrow_mut().pop()) {
        Some(previous) => {
            LOCATION.with(|l| *l.borrow_mut() = previous);
            true
        }
        None => false,
    }
}

/// The session's current location.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// The provider path when the location is on a drive other than the file system's
    /// (`Cert:\CurrentUser\My`); `None` when it is the file-system directory.
    pub provider: Option<String>,
    /// The file-system directory (absolute); `None` means the process's directory.
    pub directory: Option<PathBuf>,
}

/// The current location.
pub fn location() -> Location {
    LOCATION.with(|l| l.borrow().clone())
}

/// Set the current location to a provider path (`Cert:\LocalMachine`); the file-system
/// directory is kept for relative file paths.
pub fn set_provider_location(path: &str) {
    LOCATION.with(|l| l.borrow_mut().provider = Some(path.to_string()));
}

/// Set the current location to a file-system directory (absolute).
pub fn set_directory(directory: &Path) {
    LOCATION.with(|l| {
        let mut location = l.borrow_mut();
        location.provider = None;
        location.directory = Some(directory.to_path_buf());
    });
}

/// The directory relative file paths resolve against: the one Set-Location chose, else the
/// process's.
pub fn current_directory() -> PathBuf {
    LOCATION
        .with(|l| l.borrow().directory.clone())
        .unwrap_or_else(|| std::env::current_dir().unwrap_or_default())
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

/// Forget every drive and the location (a new session starts with none, in the process's
/// directory).
pub fn clear() {
    DRIVES.with(|d| d.borrow_mut().clear());
    LOCATION.with(|l| *l.borrow_mut() = Location::default());
    LOCATION_STACK.with(|s| s.borrow_mut().clear());
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

/// `path` with a mapped drive replaced by its directory, and a relative path made absolute
/// under the directory Set-Location chose (unchanged otherwise).
pub fn map_or_keep(path: &str) -> Result<String, String> {
    if let Some(mapped) = map_path(path)? {
        return Ok(mapped.display().to_string());
    }
    let relative = !path.is_empty()
        && !path.starts_with('~')
        && !Path::new(path).is_absolute()
        && split_drive(path).is_none();
    match LOCATION.with(|l| l.borrow().directory.clone()) {
        Some(directory) if relative => Ok(directory.join(path).display().to_string()),
        _ => Ok(path.to_string()),
    }
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

    #[test]
    fn relative_paths_follow_the_location_and_clear_resets_it() {
        clear();
        assert_eq!(map_or_keep("a.sst").unwrap(), "a.sst");
        set_directory(Path::new("/srv/pki"));
        assert_eq!(map_or_keep("a.sst").unwrap(), "/srv/pki/a.sst");
        assert_eq!(map_or_keep("/etc/x").unwrap(), "/etc/x");
        assert_eq!(map_or_keep("~/x").unwrap(), "~/x");
        assert_eq!(
            map_or_keep("Cert:\\CurrentUser").unwrap(),
            "Cert:\\CurrentUser"
        );
        push_location();
        set_provider_location("Cert:\\CurrentUser\\My");
        assert_eq!(
            location().provider.as_deref(),
            Some("Cert:\\CurrentUser\\My")
        );
        assert_eq!(current_directory(), PathBuf::from("/srv/pki"));
        assert!(pop_location());
        assert_eq!(location().provider, None);
        assert!(!pop_location());
        clear();
        assert_eq!(location(), Location::default());
    }
}
