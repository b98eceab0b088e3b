//! L2 — one YAML document in one file, for any serde type: read under a shared lock, changed
//! under an exclusive lock (read-modify-write), replaced atomically, and never overwritten when it
//! cannot be read. The parsed document is cached by file identity (device, inode, size, mtime),
//! so reading it again in the same process costs a clone instead of a parse.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::marker::PhantomData;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;
use super::atomic::write_atomically;
use super::document::{self, DecodeError, SCHEMA_VERSION};
use super::lock::{self, DEFAULT_LOCK_TIMEOUT, io_error};
use super::paths::lock_path;

/// A state document kept in one YAML file (see the module documentation).
pub struct YamlFile<T> {
    path: PathBuf,
    lock_path: PathBuf,
    lock_timeout: Duration,
    cache: Mutex<Option<Cached<T>>>,
    document: PhantomData<fn() -> T>,
}

/// The last document this process read or wrote, with the identity of the file it came from.
struct Cached<T> {
    stamp: Stamp,
    bytes: Vec<u8>,
    state: T,
}

/// What identifies one version of a file: writers always rename a new file into place, so a new
/// version has a new inode (and size or mtime changes catch editors that write in place).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: i64,
    mtime_nsec: i64,
}

impl Stamp {
    fn of(meta: &Metadata) -> Stamp {
        Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            mtime: meta.mtime(),
            mtime_nsec: meta.mtime_nsec(),
        }
    }
}

impl<T: Serialize + DeserializeOwned + Default + Clone> YamlFile<T> {
    /// The document at `path` (nothing is read or created until it is used).
    pub fn new(path: impl Into<PathBuf>) -> YamlFile<T> {
        let path = path.into();
        YamlFile {
            lock_path: lock_path(&path),
            path,
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            cache: Mutex::new(None),
            document: PhantomData,
        }
    }

    /// Wait at most `timeout` for another process's lock (30 s by default).
    pub fn with_lock_timeout(mut self, timeout: Duration) -> YamlFile<T> {
        self.lock_timeout = timeout;
        self
    }

    /// The state file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The sidecar lock file (`<state>.lock`).
    pub fn lock_path(&self) -> &Path {
        &self.lock_path
    }

    /// The current document; the default when the file does not exist.
    pub fn load(&self) -> Result<T, StoreError> {
        let _guard = lock::shared(&self.lock_path, self.lock_timeout)?;
        let mut cache = self.cache();
        self.refresh(&mut cache)?;
        Ok(cache.as_ref().map(|c| c.state.clone()).unwrap_or_default())
    }

    /// Read-modify-write under the exclusive lock. `change` edits a copy of the current
    /// document and says whether it changed anything; the file is written only when it did and
    /// the new text differs from the old. Returns whether the file was written. When reading
    /// fails or `change` fails, nothing is written.
    pub fn update(
        &self,
        change: impl FnOnce(&mut T) -> Result<bool, StoreError>,
    ) -> Result<bool, StoreError> {
        std::fs::create_dir_all(super::paths::parent_dir(&self.path))
            .map_err(|e| io_error(&self.path, "cannot create the state file's directory", &e))?;
        let _guard = lock::exclusive(&self.lock_path, self.lock_timeout)?;
        let mut cache = self.cache();
        self.refresh(&mut cache)?;
        let (mut state, old_bytes) = match cache.as_ref() {
            Some(cached) => (cached.state.clone(), Some(cached.bytes.as_slice())),
            None => (T::default(), None),
        };
        if !change(&mut state)? {
            return Ok(false);
        }
        let text = document::encode(&state).map_err(|e| StoreError::Encode {
            path: self.path.clone(),
            message: e.to_string(),
        })?;
        if old_bytes == Some(text.as_bytes()) {
            return Ok(false);
        }
        write_atomically(&self.path, text.as_bytes())?;
        *cache = match std::fs::metadata(&self.path) {
            Ok(meta) => Some(Cached {
                stamp: Stamp::of(&meta),
                bytes: text.into_bytes(),
                state,
            }),
            Err(_) => None,
        };
        Ok(true)
    }

    fn cache(&self) -> MutexGuard<'_, Option<Cached<T>>> {
        // A panic elsewhere cannot leave the cache half-updated (it is replaced whole).
        self.cache.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Make the cache match the file (re-reading it when it changed); `None` when there is no
    /// file.
    fn refresh(&self, cache: &mut Option<Cached<T>>) -> Result<(), StoreError> {
        let file = match File::open(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                *cache = None;
                return Ok(());
            }
            Err(e) => return Err(io_error(&self.path, "cannot open the state file", &e)),
        };
        let known = cache.as_ref().map(|c| c.stamp);
        let Some((stamp, bytes)) = self.read_if_changed(file, known)? else {
            return Ok(());
        };
        let state = self.decode(&bytes)?;
        *cache = Some(Cached {
            stamp,
            bytes,
            state,
        });
        Ok(())
    }

    /// The file's identity and bytes; `None` when it is still the `known` (cached) version.
    fn read_if_changed(
        &self,
        mut file: File,
        known: Option<Stamp>,
    ) -> Result<Option<(Stamp, Vec<u8>)>, StoreError> {
        let meta = file
            .metadata()
            .map_err(|e| io_error(&self.path, "cannot read the state file", &e))?;
        if meta.is_dir() {
            return Err(StoreError::Io {
                path: self.path.clone(),
                message: "this is a directory, not a state file".into(),
            });
        }
        let stamp = Stamp::of(&meta);
        if known == Some(stamp) {
            return Ok(None);
        }
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        file.read_to_end(&mut bytes)
            .map_err(|e| io_error(&self.path, "cannot read the state file", &e))?;
        Ok(Some((stamp, bytes)))
    }

    fn decode(&self, bytes: &[u8]) -> Result<T, StoreError> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let (line, column) = line_and_column(bytes, e.valid_up_to());
            self.parse_error(line, column, "the file is not valid UTF-8 text".into())
        })?;
        document::decode(text).map_err(|error| match error {
            DecodeError::Newer(found) => StoreError::NewerVersion {
                path: self.path.clone(),
                found,
                supported: SCHEMA_VERSION,
            },
            DecodeError::MissingVersion => self.parse_error(
                1,
                1,
                format!(
                    "there is no `version:` key; a mailsec state file starts with \
                     `version: {SCHEMA_VERSION}`"
                ),
            ),
            DecodeError::Yaml(error) => {
                let (line, column) = error
                    .location()
                    .map_or((1, 1), |at| (at.line(), at.column()));
                let message = error.to_string();
                let message = message.replacen(&format!(" at line {line} column {column}"), "", 1);
                self.parse_error(line, column, message)
            }
        })
    }

    fn parse_error(&self, line: usize, column: usize, message: String) -> StoreError {
        StoreError::Parse {
            path: self.path.clone(),
            line,
            column,
            message,
        }
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `bytes`.
fn line_and_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_dir::TestDir;
    use serde::Deserialize;

    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    struct Doc {
        names: Vec<String>,
    }

    fn add(name: &str) -> impl FnOnce(&mut Doc) -> Result<bool, StoreError> + '_ {
        move |doc: &mut Doc| {
            doc.names.push(name.to_string());
            Ok(true)
        }
    }

    #[test]
    fn a_missing_file_is_the_default_and_loading_writes_nothing() {
        let dir = TestDir::new("file-missing");
        let file = YamlFile::<Doc>::new(dir.path().join("sub/state.yaml"));
        assert_eq!(file.load().unwrap(), Doc::default());
        assert!(!dir.path().join("sub").exists());
        assert!(!file.update(|_| Ok(false)).unwrap());
        assert!(!file.path().exists(), "no change, no file");
    }

    #[test]
    fn updates_round_trip_and_unchanged_text_is_not_rewritten() {
        let dir = TestDir::new("file-update");
        let file = YamlFile::<Doc>::new(dir.path().join("state.yaml"));
        assert!(file.update(add("a")).unwrap());
        assert_eq!(
            std::fs::read_to_string(file.path()).unwrap(),
            "version: 1\nnames:\n- a\n"
        );
        let before = std::fs::metadata(file.path()).unwrap().ino();
        assert!(
            !file.update(|_| Ok(true)).unwrap(),
            "same text: not written"
        );
        assert_eq!(std::fs::metadata(file.path()).unwrap().ino(), before);
        // Another process (a fresh YamlFile) sees the change; this one sees others' changes.
        let other = YamlFile::<Doc>::new(file.path());
        assert!(other.update(add("b")).unwrap());
        assert_eq!(file.load().unwrap().names, vec!["a", "b"]);
        assert_eq!(
            dir.file_names(),
            vec!["state.yaml", "state.yaml.lock"],
            "no temp files left"
        );
    }

    #[test]
    fn a_failed_change_writes_nothing() {
        let dir = TestDir::new("file-reject");
        let file = YamlFile::<Doc>::new(dir.path().join("state.yaml"));
        file.update(add("a")).unwrap();
        let error = file.update(|doc| {
            doc.names.clear();
            Err(StoreError::Rejected)
        });
        assert_eq!(error, Err(StoreError::Rejected));
        assert_eq!(
            file.load().unwrap().names,
            vec!["a"],
            "the cache is untouched too"
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        let dir = TestDir::new("file-utf8");
        let path = dir.path().join("state.yaml");
        std::fs::write(&path, b"version: 1\nnames: [\"\xff\"]\n").unwrap();
        let error = YamlFile::<Doc>::new(&path).load().unwrap_err();
        assert!(
            matches!(
                error,
                StoreError::Parse {
                    line: 2,
                    column: 10,
                    ..
                }
            ),
            "{error:?}"
        );
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_and_column(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_and_column("é\nx".as_bytes(), 2), (1, 2));
        assert_eq!(line_and_column(b"", 0), (1, 1));
    }
}
