//! L4 — file-system paths for the file cmdlets: `~` expansion, absolute paths relative to the
//! current directory, wildcard expansion component by component (`-Path`), and pwsh's
//! "cannot find path" message.

use std::path::{Component, Path, PathBuf};

use super::has_wildcard;

/// The exception type of a missing path.
pub const ITEM_NOT_FOUND: &str = "System.Management.Automation.ItemNotFoundException";

/// True for paths of a PowerShell provider other than the file system (`Cert:\…`,
/// `Env:`, `Variable:`), which the file cmdlets do not handle.
pub fn is_provider_path(path: &str) -> bool {
    match path.split_once(':') {
        Some((drive, _)) => drive.len() > 1 && drive.chars().all(|c| c.is_ascii_alphabetic()),
        None => false,
    }
}

/// An absolute, lexically normalised path (`~` is the home directory; `.` and `..` removed).
pub fn resolve(path: &str) -> PathBuf {
    // A path on a drive New-PSDrive mapped (`C:\x`) is a path under the drive's root.
    let mapped = crate::value::drives::map_or_keep(path).unwrap_or_else(|_| path.to_string());
    let path = mapped.as_str();
    let expanded = match path.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with(['/', '\\']) => {
            let home = std::env::var("HOME").unwrap_or_default();
            format!("{home}{rest}")
        }
        _ => path.to_string(),
    };
    let raw = Path::new(&expanded);
    let joined = if raw.is_absolute() {
        raw.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(raw)
    };
    normalize(&joined)
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The paths `-Path` names: itself when it has no wildcard, else every existing match
/// (sorted). A literal path is returned whether it exists or not.
pub fn expand(path: &str) -> Vec<PathBuf> {
    let resolved = resolve(path);
    if !has_wildcard(path) {
        return vec![resolved];
    }
    let mut current = vec![PathBuf::new()];
    for component in resolved.components() {
        let part = component.as_os_str().to_string_lossy().to_string();
        let is_plain = !matches!(component, Component::Normal(_)) || !has_wildcard(&part);
        let mut next = Vec::new();
        for base in &current {
            if is_plain {
                next.push(base.join(&part));
                continue;
            }
            let Ok(entries) = std::fs::read_dir(base) else {
                continue;
            };
            let mut names: Vec<String> = entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|name| crate::value::text::wildcard_match(&part, name, false))
                .collect();
            names.sort();
            next.extend(names.into_iter().map(|name| base.join(name)));
        }
        current = next;
    }
    current.retain(|p| p.exists());
    current
}

/// pwsh's message for a path that does not exist.
pub fn not_found(path: &Path) -> String {
    format!(
        "Cannot find path '{}' because it does not exist.",
        path.display()
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_and_dotted_paths() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(resolve("a/./b/../c"), cwd.join("a/c"));
        assert_eq!(resolve("/x/y/.."), PathBuf::from("/x"));
        assert!(is_provider_path("Cert:\\LocalMachine\\My"));
        assert!(!is_provider_path("/tmp/x"));
        assert!(!is_provider_path("C:\\x"));
    }

    #[test]
    fn expands_wildcards_against_the_file_system() {
        let dir = std::env::temp_dir().join(format!("mailsec-paths-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a1.txt"), "x").unwrap();
        std::fs::write(dir.join("a2.txt"), "x").unwrap();
        std::fs::write(dir.join("b.log"), "x").unwrap();
        let pattern = format!("{}/a*.txt", dir.display());
        let found = expand(&pattern);
        assert_eq!(found, vec![dir.join("a1.txt"), dir.join("a2.txt")]);
        assert!(expand(&format!("{}/zz*", dir.display())).is_empty());
        assert_eq!(
            not_found(Path::new("/x")),
            "Cannot find path '/x' because it does not exist."
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
