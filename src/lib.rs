//! mailsec: a PowerShell-compatible shell for mail-security configuration.
//!
//! Layers (lower never imports higher): `syntax` (L0) → `value`, `pki`, `probe`, `model`,
//! `directory` (L1) → `store`, `apply` (L2) → `engine` (L3, only the store's trait) →
//! `cmdlets`, `format` (L4) → `repl`, `report`, the session and the binary (L5).

pub mod apply;
pub mod cmdlets;
pub mod directory;
pub mod engine;
pub mod format;
pub mod model;
pub mod pki;
pub mod probe;
pub mod repl;
pub mod report;
pub mod session;
pub mod store;
pub mod syntax;
pub mod value;
pub use session::{RunError, Session, SessionOptions};

#[cfg(test)]
mod layering;
