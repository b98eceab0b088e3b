//! L2 — where the configuration state lives by default: `$XDG_STATE_HOME/mailsec/state.yaml`,
//! else `~/.local/state/mailsec/state.yaml`; and the sidecar paths beside a state file.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// How `--help` describes the default state path.
pub const DEFAULT_STATE_HELP: &str =
    "$XDG_STATE_HOME/mailsec/state.yaml, else ~/.local/state/mailsec/state.yaml";

/// mailsec's per-user state directory from this process's environment; `None` when neither
/// an absolute `XDG_STATE_HOME` nor `HOME` is set.
pub fn state_dir() -> Option<PathBuf> {
    state_dir_from(std::env::var_os("XDG_STATE_HOME"), std::env::var_os("HOME"))
}

/// The default configuration state file: `state.yaml` in [`state_dir`]; `None` when there is no
/// home directory to put it in.
pub fn default_state_path() -> Option<PathBuf> {
    state_dir().map(|dir| dir.join("state.yaml"))
}

/// The state directory for given values of `XDG_STATE_HOME` and `HOME`. The XDG base-directory
/// specification says a relative `XDG_STATE_HOME` is invalid and must be ignored.
pub fn state_dir_from(xdg_state_home: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    let xdg = xdg_state_home
        .map(PathBuf::from)
        .filter(|path| path.is_absolute());
    let base = match xdg {
        Some(path) => path,
        None => PathBuf::from(home.filter(|h| !h.is_empty())?).join(".local/state"),
    };
    Some(base.join("mailsec"))
}

/// The lock file beside a state file: `<state>.lock`.
pub(crate) fn lock_path(state: &Path) -> PathBuf {
    with_suffix(state, ".lock")
}

/// `path` with `suffix` appended to its file name (`state.yaml` → `state.yaml.lock`).
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .unwrap_or(OsStr::new("state"))
        .to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// The directory a state file lives in (`.` for a bare file name).
pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xdg_state_home_wins_when_absolute() {
        let dir = state_dir_from(Some("/x/state".into()), Some("/home/u".into()));
        assert_eq!(dir, Some(PathBuf::from("/x/state/mailsec")));
    }

    #[test]
    fn falls_back_to_home_local_state() {
        let expected = Some(PathBuf::from("/home/u/.local/state/mailsec"));
        assert_eq!(state_dir_from(None, Some("/home/u".into())), expected);
        assert_eq!(
            state_dir_from(Some("relative/dir".into()), Some("/home/u".into())),
            expected
        );
        assert_eq!(state_dir_from(None, None), None);
        assert_eq!(state_dir_from(None, Some("".into())), None);
    }

    #[test]
    fn sidecars_sit_beside_the_state() {
        assert_eq!(
            lock_path(Path::new("/a/state.yaml")),
            PathBuf::from("/a/state.yaml.lock")
        );
        assert_eq!(parent_dir(Path::new("state.yaml")), Path::new("."));
        assert_eq!(parent_dir(Path::new("/a/state.yaml")), Path::new("/a"));
    }
}
