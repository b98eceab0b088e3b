//! L1 — the organization's configuration as a typed model: S/MIME settings, inbound and
//! outbound connectors, mobile device mailbox policies; their value types, defaults and
//! validation rules, as Exchange defines them.

use serde::{Deserialize, Serialize};

/// Everything the configuration store keeps, in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OrgState {}
