//! mailsec: a PowerShell-compatible shell for mail-security configuration.
//!
//! Layers (lower never imports higher): `syntax` (L0) → `value` (L1) → `engine` (L3) →
//! `cmdlets`, `format` (L4) → `repl`, `report`, the session and the binary (L5).

pub mod cmdlets;
pub mod engine;
pub mod format;
pub mod repl;
pub mod report;
pub mod session;
pub mod syntax;
pub mod value;
pub use session::{RunError, Session, SessionOptions};

#[cfg(test)]
mod layering;
