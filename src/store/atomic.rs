//! L2 — replace a file atomically: write a temporary file in the same directory, fsync it,
//! rename it over the target, fsync the directory. A crash at any point leaves either the old
//! or the new file, never a torn one. The file keeps its permissions; a new file gets 0600.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use super::StoreError;
use super::lock::io_error;
use super::paths::{parent_dir, with_suffix};

/// The mode of a state file mailsec creates: readable and writable by its owner only.
pub const NEW_FILE_MODE: u32 = 0o600;

/// Replace `path` with `bytes` atomically, creating missing parent directories.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = parent_dir(path);
    fs::create_dir_all(dir).map_err(|e| io_error(dir, "cannot create the directory", &e))?;
    let mode = match fs::metadata(path) {
        Ok(meta) => meta.permissions().mode() & 0o7777,
        Err(_) => NEW_FILE_MODE,
    };
    let temp = TempFile::create(path)?;
    temp.fill(bytes, mode)?;
    temp.rename_over(path)?;
    sync_dir(dir)
}

/// A temporary file beside the target, removed again unless it was renamed into place.
struct TempFile {
    path: PathBuf,
    file: Option<File>,
}

impl TempFile {
    /// Create `.<name>.<pid>.<n>.tmp` beside `target` (exclusively, mode 0600 until `fill`).
    fn create(target: &Path) -> Result<TempFile, StoreError> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let hidden = target.with_file_name(format!(".{name}"));
        let path = with_suffix(&hidden, &format!(".{}.{n}.tmp", std::process::id()));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(NEW_FILE_MODE)
            .open(&path)
            .map_err(|e| io_error(&path, "cannot create a temporary file", &e))?;
        Ok(TempFile {
            path,
            file: Some(file),
        })
    }

    /// Write `bytes`, set `mode` (the umask does not apply), and fsync.
    fn fill(&self, bytes: &[u8], mode: u32) -> Result<(), StoreError> {
        let Some(mut file) = self.file.as_ref() else {
            return Ok(());
        };
        let fail = |what: &str, e: std::io::Error| io_error(&self.path, what, &e);
        file.write_all(bytes)
            .map_err(|e| fail("cannot write the temporary file", e))?;
        file.set_permissions(Permissions::from_mode(mode))
            .map_err(|e| fail("cannot set the temporary file's permissions", e))?;
        file.sync_all()
            .map_err(|e| fail("cannot flush the temporary file to disk", e))
    }

    /// Close the file and rename it over `target`.
    fn rename_over(mut self, target: &Path) -> Result<(), StoreError> {
        drop(self.file.take());
        fs::rename(&self.path, target)
            .map_err(|e| io_error(target, "cannot replace the file", &e))?;
        // Renamed: nothing left to clean up.
        self.path = PathBuf::new();
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// fsync a directory so a rename in it survives a crash.
fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io_error(dir, "cannot flush the directory to disk", &e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_dir::TestDir;

    #[test]
    fn writes_new_files_0600_creating_parents_and_leaves_no_temp_files() {
        let dir = TestDir::new("atomic-new");
        let path = dir.path().join("a/b/state.yaml");
        write_atomically(&path, b"version: 1\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"version: 1\n");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o600);
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["state.yaml"]);
    }

    #[test]
    fn keeps_the_existing_files_mode() {
        let dir = TestDir::new("atomic-mode");
        let path = dir.path().join("state.yaml");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o640);
        assert_eq!(dir.file_names(), vec!["state.yaml"]);
    }

    #[test]
    fn a_failed_write_removes_its_temp_file_and_keeps_the_target() {
        let dir = TestDir::new("atomic-fail");
        // The target is a non-empty directory: the rename fails after the temp file was written.
        let target = dir.path().join("state.yaml");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("keep"), "x").unwrap();
        let error = write_atomically(&target, b"new").unwrap_err();
        assert!(matches!(error, StoreError::Io { .. }), "{error:?}");
        assert_eq!(dir.file_names(), vec!["state.yaml"]);
        assert!(target.join("keep").exists());
    }
}
