//! L3 — the engine: evaluator, pipelines, scopes, the cmdlet framework (signature, binder,
//! registry) and the host interface.

pub mod error;
pub mod host;

pub use error::RuntimeError;
pub use host::{CaptureHost, Host, StdHost};
