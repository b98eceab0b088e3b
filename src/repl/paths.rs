//! L5 — where the REPL keeps its per-user file: `history` in mailsec's state directory
//! (`$XDG_STATE_HOME/mailsec/`, else `~/.local/state/mailsec/`; the store decides that
//! directory, beside its default `state.yaml`).

use std::path::PathBuf;

use crate::store::paths::state_dir;

/// The REPL's history file; `None` when there is no home directory to keep it in.
pub fn history_path() -> Option<PathBuf> {
    state_dir().map(|dir| dir.join("history"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_lives_beside_the_default_state() {
        let (Some(history), Some(state)) = (history_path(), crate::store::default_state_path())
        else {
            return; // no HOME: neither exists, which is what the types say
        };
        assert_eq!(history.parent(), state.parent());
        assert!(
            history.ends_with("mailsec/history"),
            "{}",
            history.display()
        );
    }
}
