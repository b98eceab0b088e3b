//! L2 — idempotent configuration: the desired-state document ([`document`], checked against
//! the model before the store is read), canonical comparison ([`diff`]), plans ([`plan`],
//! [`planner`], with policy warnings from [`policy`]), apply in dependency order under the
//! store's lock ([`execute`], [`run`]), and export of the store as a document ([`export`]).
//! Plans render as text ([`render`]), JSON (serde) and cmdlet lines ([`script`]).

pub mod diff;
pub mod doc_value;
pub mod document;
pub mod execute;
pub mod export;
pub mod kind;
pub mod plan;
pub mod planner;
mod planner_certs;
pub mod policy;
pub mod render;
pub mod resolve;
pub mod run;
mod schema;
mod schema_certs;
mod schema_users;
pub mod script;
mod suggest;
pub mod users;

pub use doc_value::DocValue;
pub use document::{Document, DocumentError, Ensure};
pub use execute::{ObjectResult, Status};
pub use kind::Kind;
pub use plan::{Action, Change, Plan, PropertyChange, Warning};
pub use run::{ApplyError, ApplyReport, apply_file, apply_plan, export_store, plan_file};

/// Exit status: nothing to change (plan) or converged (apply).
pub const EXIT_OK: i32 = 0;
/// Exit status: an error; nothing was changed.
pub const EXIT_ERROR: i32 = 1;
/// Exit status: changes are pending (plan).
pub const EXIT_PENDING: i32 = 2;
/// Exit status: some objects were applied and others failed or were skipped (apply).
pub const EXIT_PARTIAL: i32 = 3;
