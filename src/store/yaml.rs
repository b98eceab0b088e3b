//! L2 — the embedded default store: the organization's [`OrgState`] in one YAML file (see
//! [`YamlFile`] for locking, atomic writes and caching).

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::model::OrgState;

use super::lock::io_error;
use super::paths::default_state_path;
use super::yaml_file::YamlFile;
use super::{ConfigStore, StoreError};

/// The organization's configuration in a YAML file (`--state PATH` / `MAILSEC_STATE`).
pub struct YamlStore {
    file: YamlFile<OrgState>,
}

impl YamlStore {
    /// The store at `path`. Nothing is read or created yet: a missing file is the empty default
    /// state, and the file (with its directories) appears on the first change. The path is made
    /// absolute, and a symbolic link is followed so the file it points to is the one replaced.
    /// Fails only when the path cannot be a state file (it is a directory).
    pub fn open(path: impl Into<PathBuf>) -> Result<YamlStore, StoreError> {
        let path = path.into();
        let absolute =
            std::path::absolute(&path).map_err(|e| io_error(&path, "invalid state path", &e))?;
        let resolved = match std::fs::symlink_metadata(&absolute) {
            Ok(meta) if meta.file_type().is_symlink() => {
                std::fs::canonicalize(&absolute).unwrap_or(absolute)
            }
            _ => absolute,
        };
        if resolved.is_dir() {
            return Err(StoreError::Io {
                path: resolved,
                message: "this is a directory; --state needs the path of a file".into(),
            });
        }
        Ok(YamlStore {
            file: YamlFile::new(resolved),
        })
    }

    /// The store at the default path ([`default_state_path`]).
    pub fn open_default() -> Result<YamlStore, StoreError> {
        match default_state_path() {
            Some(path) => YamlStore::open(path),
            None => Err(StoreError::Io {
                path: PathBuf::from("~/.local/state/mailsec/state.yaml"),
                message: "neither HOME nor XDG_STATE_HOME is set; pass --state PATH or set \
                          MAILSEC_STATE"
                    .into(),
            }),
        }
    }

    /// Wait at most `timeout` for another process's lock (30 s by default).
    pub fn with_lock_timeout(self, timeout: Duration) -> YamlStore {
        YamlStore {
            file: self.file.with_lock_timeout(timeout),
        }
    }

    /// The state file.
    pub fn path(&self) -> &Path {
        self.file.path()
    }
}

impl ConfigStore for YamlStore {
    fn load(&self) -> Result<OrgState, StoreError> {
        self.file.load()
    }

    fn update(
        &self,
        change: &mut dyn FnMut(&mut OrgState) -> Result<bool, StoreError>,
    ) -> Result<bool, StoreError> {
        self.file.update(change)
    }

    fn location(&self) -> String {
        self.file.path().display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_dir::TestDir;

    #[test]
    fn opens_lazily_and_reports_its_path() {
        let dir = TestDir::new("yaml-open");
        let path = dir.path().join("state.yaml");
        let store = YamlStore::open(&path).unwrap();
        assert_eq!(store.location(), path.display().to_string());
        assert_eq!(store.load().unwrap(), OrgState::default());
        assert!(dir.file_names().is_empty());
        assert!(store.update(&mut |_| Ok(true)).unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("version: 1\n"), "{text}");
        assert_eq!(
            YamlStore::open(&path).unwrap().load().unwrap(),
            OrgState::default()
        );
    }

    #[test]
    fn a_directory_is_no_state_file() {
        let dir = TestDir::new("yaml-dir");
        let error = YamlStore::open(dir.path()).err().unwrap();
        assert!(error.to_string().contains("directory"), "{error}");
    }

    #[test]
    fn a_symlinked_state_stays_a_symlink() {
        let dir = TestDir::new("yaml-link");
        let target = dir.path().join("real.yaml");
        let link = dir.path().join("state.yaml");
        std::fs::write(&target, "version: 1\n").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let store = YamlStore::open(&link).unwrap();
        store.update(&mut |_| Ok(true)).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}
