//! L3 — the engine: evaluator, pipelines, scopes, the cmdlet framework (signature, binder,
//! registry) and the host interface.

pub mod bind;
pub mod cmdlet;
pub mod error;
pub mod flow;
pub mod host;
pub mod interp;
pub mod pipeline;
pub mod registry;
pub mod scope;
mod suggest;

pub use cmdlet::{Cmdlet, ConfirmImpact, Context, Example, Param, Signature};
pub use error::RuntimeError;
pub use flow::{Eval, Flow};
pub use host::{CaptureHost, Host, StdHost};
pub use interp::{Interp, OutputWriter};
pub use registry::Registry;
pub use suggest::closest;
