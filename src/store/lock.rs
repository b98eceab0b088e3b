//! L2 — advisory locks on the sidecar `<state>.lock` file, taken with a deadline so a stuck
//! process turns into a clear error instead of a hang. The operating system releases a lock when
//! its holder exits, so a crash never leaves the state locked.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use super::StoreError;

/// How long the store waits for another process's lock by default.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub(crate) struct LockGuard {
    file: File,
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first just makes it prompt.
        let _ = self.file.unlock();
    }
}

/// Which kind of lock to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Shared,
    Exclusive,
}

/// Take the exclusive lock, creating the lock file (mode 0600) when it does not exist yet.
pub(crate) fn exclusive(lock_path: &Path, timeout: Duration) -> Result<LockGuard, StoreError> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(lock_path)
        .map_err(|e| io_error(lock_path, "cannot create the lock file", &e))?;
    acquire(file, lock_path, Mode::Exclusive, timeout)
}

/// Take a shared lock when the lock file exists. Without one, no writer has ever run here, and
/// readers need no lock anyway (writers replace the state by rename, so a reader always sees a
/// whole file); not creating it keeps reading free of side effects.
pub(crate) fn shared(lock_path: &Path, timeout: Duration) -> Result<Option<LockGuard>, StoreError> {
    match File::open(lock_path) {
        Ok(file) => acquire(file, lock_path, Mode::Shared, timeout).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        // A lock file we may not open (another user's) must not stop a read.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Ok(None),
        Err(e) => Err(io_error(lock_path, "cannot open the lock file", &e)),
    }
}

/// Poll for the lock until `timeout`, backing off from 1 ms to 50 ms between attempts.
fn acquire(
    file: File,
    lock_path: &Path,
    mode: Mode,
    timeout: Duration,
) -> Result<LockGuard, StoreError> {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    loop {
        let attempt = match mode {
            Mode::Shared => file.try_lock_shared(),
            Mode::Exclusive => file.try_lock(),
        };
        match attempt {
            Ok(()) => return Ok(LockGuard { file }),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => {
                return Err(io_error(lock_path, "cannot lock the lock file", &e));
            }
        }
        let now = Instant::now();
        if now >= deadline {
            return Err(StoreError::LockTimeout {
                path: lock_path.to_path_buf(),
                waited_secs: timeout.as_secs(),
            });
        }
        thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// A [`StoreError::Io`] for `path`: what failed, then the system's reason.
pub(crate) fn io_error(path: &Path, what: &str, error: &io::Error) -> StoreError {
    StoreError::Io {
        path: PathBuf::from(path),
        message: format!("{what}: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_dir::TestDir;

    #[test]
    fn a_second_exclusive_lock_times_out_with_the_lock_path() {
        let dir = TestDir::new("lock-timeout");
        let path = dir.path().join("state.yaml.lock");
        let held = exclusive(&path, DEFAULT_LOCK_TIMEOUT).unwrap();
        let error = exclusive(&path, Duration::from_millis(30)).unwrap_err();
        assert_eq!(
            error,
            StoreError::LockTimeout {
                path: path.clone(),
                waited_secs: 0
            }
        );
        assert!(matches!(
            shared(&path, Duration::from_millis(10)),
            Err(StoreError::LockTimeout { .. })
        ));
        drop(held);
        assert!(exclusive(&path, Duration::from_millis(30)).is_ok());
    }

    #[test]
    fn shared_locks_coexist_and_need_no_lock_file() {
        let dir = TestDir::new("lock-shared");
        let path = dir.path().join("state.yaml.lock");
        assert!(shared(&path, DEFAULT_LOCK_TIMEOUT).unwrap().is_none());
        assert!(!path.exists(), "a reader must not create the lock file");
        drop(exclusive(&path, DEFAULT_LOCK_TIMEOUT).unwrap());
        let first = shared(&path, DEFAULT_LOCK_TIMEOUT).unwrap();
        let second = shared(&path, Duration::from_millis(30)).unwrap();
        assert!(first.is_some() && second.is_some());
    }
}
