//! L1 — the private-key directory beside the configuration state: one PKCS#8 PEM file per
//! certificate (`<state dir>/keys/<THUMBPRINT>.key`), the directory created 0700 and each file
//! created 0600 from the start. Private keys never go into the state file itself.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The name of the key directory beside the state file.
pub const KEY_DIR_NAME: &str = "keys";

/// The key directory for the state kept at `state_location` (a file path): `<its dir>/keys`.
pub fn key_dir(state_location: &str) -> PathBuf {
    let state = Path::new(state_location);
    let parent = state
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    parent.join(KEY_DIR_NAME)
}

/// The key file of the certificate with `thumbprint` (upper-case hex) in `dir`.
pub fn key_path(dir: &Path, thumbprint: &str) -> PathBuf {
    dir.join(format!("{}.key", thumbprint.to_ascii_uppercase()))
}

/// Write `pem` as the private key of `thumbprint`: the directory is made (mode 0700) when
/// missing, the file is created new with mode 0600 (an existing key is an error).
pub fn write_private_key(dir: &Path, thumbprint: &str, pem: &str) -> io::Result<PathBuf> {
    create_private_dir(dir)?;
    let path = key_path(dir, thumbprint);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&path)?;
    file.write_all(pem.as_bytes())?;
    file.sync_all()?;
    Ok(path)
}

/// The private key (PEM) of `thumbprint`, or `None` when the directory holds none.
pub fn read_private_key(dir: &Path, thumbprint: &str) -> io::Result<Option<String>> {
    match fs::read_to_string(key_path(dir, thumbprint)) {
        Ok(pem) => Ok(Some(pem)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// Delete the private key of `thumbprint`; false when the directory held none.
pub fn delete_private_key(dir: &Path, thumbprint: &str) -> io::Result<bool> {
    match fs::remove_file(key_path(dir, thumbprint)) {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(error) => Err(error),
    }
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "mailsec-keys-{name}-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4()
        ));
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn the_key_dir_sits_beside_the_state_file() {
        assert_eq!(
            key_dir("/srv/mailsec/state.yaml"),
            PathBuf::from("/srv/mailsec/keys")
        );
        assert_eq!(key_dir("state.yaml"), PathBuf::from("./keys"));
    }

    #[test]
    fn keys_are_written_private_and_read_back() {
        let root = scratch("write");
        let dir = root.join("keys");
        let path = write_private_key(&dir, "ab12", "PEM").unwrap();
        assert_eq!(path, dir.join("AB12.key"));
        assert_eq!(
            read_private_key(&dir, "AB12").unwrap().as_deref(),
            Some("PEM")
        );
        assert_eq!(read_private_key(&dir, "CD34").unwrap(), None);
        assert!(write_private_key(&dir, "AB12", "again").is_err());
        assert!(delete_private_key(&dir, "ab12").unwrap());
        assert!(!delete_private_key(&dir, "AB12").unwrap());
        assert_eq!(read_private_key(&dir, "AB12").unwrap(), None);
        let path = write_private_key(&dir, "AB12", "PEM").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&dir), 0o700);
        }
        fs::remove_dir_all(root).unwrap();
    }
}
