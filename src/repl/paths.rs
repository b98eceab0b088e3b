//! L5 — where mailsec keeps per-user files: the configuration store and the REPL history, under
//! `$XDG_STATE_HOME/mailsec/` (else `~/.local/state/mailsec/`).

use std::ffi::OsString;
use std::path::PathBuf;

/// Where the help text says the configuration store lives by default.
pub const DEFAULT_STATE_HELP: &str =
    "$XDG_STATE_HOME/mailsec/state.yaml, else ~/.local/state/mailsec/state.yaml";

/// mailsec's state directory from this process's environment; `None` when neither
/// `XDG_STATE_HOME` (absolute) nor `HOME` is set.
pub fn state_dir() -> Option<PathBuf> {
    state_dir_from(std::env::var_os("XDG_STATE_HOME"), std::env::var_os("HOME"))
}

/// The default configuration store: `state.yaml` in [`state_dir`].
pub fn default_state_path() -> Option<PathBuf> {
    state_dir().map(|dir| dir.join("state.yaml"))
}

/// The REPL's history file: `history` in [`state_dir`].
pub fn history_path() -> Option<PathBuf> {
    state_dir().map(|dir| dir.join("history"))
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
    }

    #[test]
    fn nothing_without_home() {
        assert_eq!(state_dir_from(None, None), None);
        assert_eq!(state_dir_from(None, Some("".into())), None);
    }
}
