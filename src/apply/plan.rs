//! L2 — a plan: what converging the store to a document would do, object by object (create,
//! update with property diffs, delete, or unknown when an input could not be read), the policy
//! warnings, the errors that stop it, and the fingerprint of the state it was made against.
//! Its JSON form is stable (field names and order fixed) and is also the saved-plan file.

use serde::{Deserialize, Serialize};

use crate::model::OrgState;

use super::doc_value::DocValue;
use super::kind::Kind;

/// The saved-plan format this build writes and reads.
pub const PLAN_FORMAT: u32 = 1;

/// What happens to one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    Create,
    Update,
    Delete,
    /// An input of the object could not be read: it is neither created nor deleted.
    Unknown,
}

impl Action {
    /// The plan line's sign.
    pub fn sign(self) -> char {
        match self {
            Action::Create => '+',
            Action::Update => '~',
            Action::Delete => '-',
            Action::Unknown => '?',
        }
    }
}

/// One property's change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PropertyChange {
    #[serde(rename = "Name")]
    pub name: String,
    /// The value before (scalars; `None` for a new object or an empty value).
    #[serde(rename = "Before")]
    pub before: Option<String>,
    /// The value after (scalars; `None` for an empty value).
    #[serde(rename = "After")]
    pub after: Option<String>,
    /// List members added (lists compare as sets).
    #[serde(rename = "Added", default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    /// List members removed.
    #[serde(rename = "Removed", default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
    /// A list property (shown as added/removed members).
    #[serde(rename = "IsList", default)]
    pub is_list: bool,
}

/// One argument of a change, as the model's parameter takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Argument {
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Value")]
    pub value: DocValue,
}

/// One object's planned change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    #[serde(rename = "Action")]
    pub action: Action,
    #[serde(rename = "Kind")]
    pub kind: Kind,
    /// The object's identity (a name; `LocalMachine\CA\<thumbprint>` for a certificate).
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Properties", default)]
    pub properties: Vec<PropertyChange>,
    /// What apply passes to the model (only the properties that drifted).
    #[serde(rename = "Arguments", default)]
    pub arguments: Vec<Argument>,
    /// Changes that must succeed first (by `Kind:Name`).
    #[serde(rename = "DependsOn", default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// Why an unknown object could not be planned.
    #[serde(rename = "Error", default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Change {
    /// A change with no properties yet.
    pub fn new(action: Action, kind: Kind, name: &str) -> Change {
        Change {
            action,
            kind,
            name: name.to_string(),
            properties: Vec::new(),
            arguments: Vec::new(),
            depends_on: Vec::new(),
            error: None,
        }
    }

    /// `Kind:Name`, how dependencies and results name it.
    pub fn key(&self) -> String {
        format!("{}:{}", self.kind.noun(), self.name)
    }

    /// The argument `name`, if planned.
    pub fn argument(&self, name: &str) -> Option<&DocValue> {
        self.arguments
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
            .map(|a| &a.value)
    }
}

/// A configuration the seed documents advise against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// A short stable rule name (`ForcedTlsOneDirection`).
    #[serde(rename = "Rule")]
    pub rule: String,
    /// The object it is about (`InboundConnector:Name`).
    #[serde(rename = "Object")]
    pub object: String,
    #[serde(rename = "Message")]
    pub message: String,
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Summary {
    #[serde(rename = "Add")]
    pub add: usize,
    #[serde(rename = "Change")]
    pub change: usize,
    #[serde(rename = "Destroy")]
    pub destroy: usize,
    #[serde(rename = "Unknown")]
    pub unknown: usize,
}

/// A whole plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(rename = "FormatVersion")]
    pub format_version: u32,
    /// The desired-state document it was made from.
    #[serde(rename = "Document")]
    pub document: String,
    /// The fingerprint of the state it was made against (see [`fingerprint`]).
    #[serde(rename = "StateFingerprint")]
    pub state_fingerprint: String,
    /// Whether warnings are errors.
    #[serde(rename = "Strict")]
    pub strict: bool,
    #[serde(rename = "Summary")]
    pub summary: Summary,
    #[serde(rename = "Changes")]
    pub changes: Vec<Change>,
    #[serde(rename = "Warnings")]
    pub warnings: Vec<Warning>,
    /// Problems that stop the plan from being applied (broken rules, undeletable objects).
    #[serde(rename = "Errors")]
    pub errors: Vec<String>,
    /// The directory connection of the document's users (settings only, never a password),
    /// so a saved plan can publish them.
    #[serde(rename = "Directory", default, skip_serializing_if = "Option::is_none")]
    pub directory: Option<crate::model::DirectoryConnection>,
}

impl Plan {
    /// An empty plan for `document` against a state with `fingerprint`.
    pub fn new(document: &str, fingerprint: String, strict: bool) -> Plan {
        Plan {
            format_version: PLAN_FORMAT,
            document: document.to_string(),
            state_fingerprint: fingerprint,
            strict,
            summary: Summary::default(),
            changes: Vec::new(),
            warnings: Vec::new(),
            errors: Vec::new(),
            directory: None,
        }
    }

    /// Put the changes in apply order (creates and updates in dependency order, then deletes
    /// in reverse dependency order) and count them.
    pub fn finish(&mut self) {
        self.changes.sort_by_key(|c| {
            let index = c.kind as i32;
            match c.action {
                Action::Delete => (1, -index),
                _ => (0, index),
            }
        });
        let count = |action| self.changes.iter().filter(|c| c.action == action).count();
        self.summary = Summary {
            add: count(Action::Create),
            change: count(Action::Update),
            destroy: count(Action::Delete),
            unknown: count(Action::Unknown),
        };
    }

    /// Does the plan change anything?
    pub fn has_changes(&self) -> bool {
        !self.changes.is_empty()
    }

    /// Errors, including warnings when strict.
    pub fn blocking(&self) -> Vec<String> {
        let mut blocking = self.errors.clone();
        if self.strict {
            blocking.extend(
                self.warnings
                    .iter()
                    .map(|w| format!("{} (strict: warnings are errors)", w.message)),
            );
        }
        blocking
    }

    /// The plan's exit status: 1 error (or an unreadable input, or a warning when strict),
    /// 2 changes pending, 0 nothing to do.
    pub fn exit_code(&self) -> i32 {
        if !self.blocking().is_empty() || self.summary.unknown > 0 {
            1
        } else if self.has_changes() {
            2
        } else {
            0
        }
    }
}

/// The fingerprint of a state: SHA-256 of its canonical JSON, in hex. Any change to any
/// object (including by hand in the file) changes it.
pub fn fingerprint(state: &OrgState) -> String {
    let bytes = serde_json::to_vec(state).unwrap_or_default();
    crate::pki::thumbprint::upper_hex(&crate::pki::sha256(&bytes))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn changes_sort_in_dependency_order_and_deletes_in_reverse() {
        let mut plan = Plan::new("d.yaml", String::new(), false);
        plan.changes = vec![
            Change::new(Action::Delete, Kind::Certificate, "c"),
            Change::new(Action::Create, Kind::InboundConnector, "i"),
            Change::new(Action::Delete, Kind::InboundConnector, "j"),
            Change::new(Action::Update, Kind::SmimeConfig, "s"),
            Change::new(Action::Create, Kind::Certificate, "d"),
        ];
        plan.finish();
        let order: Vec<&str> = plan.changes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(order, ["d", "s", "i", "j", "c"]);
        assert_eq!(plan.summary.add, 2);
        assert_eq!(plan.summary.destroy, 2);
        assert_eq!(plan.exit_code(), 2);
        let json = serde_json::to_string(&plan).unwrap();
        let back: Plan = serde_json::from_str(&json).unwrap();
        assert_eq!(back, plan);
    }

    #[test]
    fn fingerprints_follow_the_state() {
        let state = OrgState::default();
        let mut other = state.clone();
        assert_eq!(fingerprint(&state), fingerprint(&other));
        other.organization = "Contoso".into();
        assert_ne!(fingerprint(&state), fingerprint(&other));
        assert_eq!(fingerprint(&state).len(), 64);
    }
}
