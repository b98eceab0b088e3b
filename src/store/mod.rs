//! L2 — the configuration store: where the organization's [`OrgState`] lives. The engine sees
//! only the [`ConfigStore`] trait; the session picks the implementation (the YAML file by
//! default: [`YamlStore`]).

use crate::model::OrgState;

mod atomic;
mod document;
pub mod error;
pub mod fast_document;
mod fastyaml;
mod lock;
pub mod paths;
#[cfg(test)]
mod test_dir;
pub mod yaml;
pub mod yaml_file;

pub use atomic::NEW_FILE_MODE;
pub use document::SCHEMA_VERSION;
pub use error::StoreError;
pub use lock::DEFAULT_LOCK_TIMEOUT;
pub use paths::default_state_path;
pub use yaml::YamlStore;
pub use yaml_file::YamlFile;

/// A place the organization's configuration is kept.
pub trait ConfigStore {
    /// The current state (an empty default state when nothing was stored yet).
    fn load(&self) -> Result<OrgState, StoreError>;

    /// Change the state atomically: take the exclusive lock, read the current state, let
    /// `change` modify it, and write it back only when `change` returns `Ok(true)`. Returns
    /// whether anything was written. When `change` fails, nothing is written.
    fn update(
        &self,
        change: &mut dyn FnMut(&mut OrgState) -> Result<bool, StoreError>,
    ) -> Result<bool, StoreError>;

    /// Where the state lives, for messages (a path, an LDAP URL).
    fn location(&self) -> String;
}
