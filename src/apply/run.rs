//! L2 — the four operations on a store: plan a document, apply a document (plan and apply in
//! one hold of the store's lock), apply a saved plan (only if the state is still the one it
//! was made against), and export. The document is checked completely before the store is read.

use std::fmt;
use std::path::Path;

use crate::store::{ConfigStore, StoreError};

use super::document::{self, DocumentError};
use super::execute::{ObjectResult, Status, execute};
use super::export::export_document;
use super::kind::Kind;
use super::plan::{PLAN_FORMAT, Plan, fingerprint};
use super::planner::build;
use super::resolve::read_inputs;
use super::users::{self, Link};

/// Why an operation stopped before changing anything.
#[derive(Debug)]
pub enum ApplyError {
    /// The document does not follow the schema (file, line, field, what is accepted).
    Document(DocumentError),
    /// The store could not be read or written.
    Store(StoreError),
    /// The plan has errors (or warnings under `-Strict`); nothing was changed.
    Refused(Vec<String>),
    /// A saved plan was made against another state.
    Stale { planned: String, found: String },
    /// A saved plan file is unreadable.
    PlanFile(String),
}

impl fmt::Display for ApplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApplyError::Document(error) => write!(f, "{error}"),
            ApplyError::Store(error) => write!(f, "{error}"),
            ApplyError::Refused(problems) => write!(
                f,
                "nothing was changed; the plan has errors:\n  {}",
                problems.join("\n  ")
            ),
            ApplyError::Stale { planned, found } => write!(
                f,
                "the saved plan was made against another state of the store (fingerprint {} when planned, {} now); nothing was changed. Make a new plan.",
                short(planned),
                short(found)
            ),
            ApplyError::PlanFile(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ApplyError {}

fn short(fingerprint: &str) -> &str {
    fingerprint.get(..12).unwrap_or(fingerprint)
}

impl From<DocumentError> for ApplyError {
    fn from(error: DocumentError) -> ApplyError {
        ApplyError::Document(error)
    }
}

impl From<StoreError> for ApplyError {
    fn from(error: StoreError) -> ApplyError {
        ApplyError::Store(error)
    }
}

/// What an apply did.
#[derive(Debug, Clone)]
pub struct ApplyReport {
    pub plan: Plan,
    pub results: Vec<ObjectResult>,
}

impl ApplyReport {
    /// How many results have `status`.
    pub fn count(&self, status: Status) -> usize {
        self.results.iter().filter(|r| r.status == status).count()
    }

    /// 0 converged (or nothing to do), 3 partial (an object failed or was skipped after
    /// others were applied), 1 failed without changing anything.
    pub fn exit_code(&self) -> i32 {
        let not_done = self.count(Status::Failed) + self.count(Status::Skipped);
        match (not_done, self.count(Status::Applied)) {
            (0, _) => 0,
            (_, 0) => 1,
            _ => 3,
        }
    }
}

/// Plan `path` against the store; `fingerprinted` records the state's fingerprint in the plan
/// (needed to save it; it costs a pass over the whole state).
pub fn plan_file(
    store: &dyn ConfigStore,
    path: &Path,
    strict: bool,
    fingerprinted: bool,
) -> Result<Plan, ApplyError> {
    let document = document::read(path)?;
    let inputs = read_inputs(&document);
    let state = store.load()?;
    let settings = users::settings(&document, &state);
    let link = users::open(settings.as_ref());
    let mut plan = build(&document, &inputs, &state, strict, &link);
    plan.directory = settings.and_then(Result::ok);
    if fingerprinted {
        plan.state_fingerprint = fingerprint(&state);
    }
    Ok(plan)
}

/// Plan and apply `path` under one hold of the store's lock.
pub fn apply_file(
    store: &dyn ConfigStore,
    path: &Path,
    strict: bool,
) -> Result<ApplyReport, ApplyError> {
    let document = document::read(path)?;
    let inputs = read_inputs(&document);
    let mut outcome: Option<Result<ApplyReport, ApplyError>> = None;
    let written = store.update(&mut |state| {
        let settings = users::settings(&document, state);
        let link = users::open(settings.as_ref());
        let mut plan = build(&document, &inputs, state, strict, &link);
        plan.directory = settings.and_then(Result::ok);
        let blocking = plan.blocking();
        if !blocking.is_empty() {
            outcome = Some(Err(ApplyError::Refused(blocking)));
            return Err(StoreError::Rejected);
        }
        let results = execute(&plan, state, link.directory());
        let changed = results.iter().any(|r| r.status == Status::Applied);
        outcome = Some(Ok(ApplyReport { plan, results }));
        Ok(changed)
    });
    finish(written, outcome)
}

/// Apply a saved plan, if the store is still in the state it was made against.
pub fn apply_plan(store: &dyn ConfigStore, plan: &Plan) -> Result<ApplyReport, ApplyError> {
    let blocking = plan.blocking();
    if !blocking.is_empty() {
        return Err(ApplyError::Refused(blocking));
    }
    let link = if plan.changes.iter().any(|c| c.kind == Kind::User) {
        users::open(plan.directory.clone().map(Ok).as_ref())
    } else {
        Link::Unused
    };
    let mut outcome: Option<Result<ApplyReport, ApplyError>> = None;
    let written = store.update(&mut |state| {
        let found = fingerprint(state);
        if found != plan.state_fingerprint {
            outcome = Some(Err(ApplyError::Stale {
                planned: plan.state_fingerprint.clone(),
                found,
            }));
            return Err(StoreError::Rejected);
        }
        let results = execute(plan, state, link.directory());
        let changed = results.iter().any(|r| r.status == Status::Applied);
        outcome = Some(Ok(ApplyReport {
            plan: plan.clone(),
            results,
        }));
        Ok(changed)
    });
    finish(written, outcome)
}

fn finish(
    written: Result<bool, StoreError>,
    outcome: Option<Result<ApplyReport, ApplyError>>,
) -> Result<ApplyReport, ApplyError> {
    match (written, outcome) {
        (Ok(_), Some(outcome)) | (Err(StoreError::Rejected), Some(outcome)) => outcome,
        (Err(error), _) => Err(ApplyError::Store(error)),
        (Ok(_), None) => Err(ApplyError::Refused(vec![
            "the store did not run the change".into(),
        ])),
    }
}

/// Is `bytes` a saved plan (JSON with a `FormatVersion`) rather than a document?
pub fn looks_like_plan(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes.get(..4096).unwrap_or(bytes));
    text.trim_start().starts_with('{') && text.contains("\"FormatVersion\"")
}

/// Read a saved plan.
pub fn read_plan(path: &Path) -> Result<Plan, ApplyError> {
    let bytes = std::fs::read(path).map_err(|e| {
        ApplyError::PlanFile(format!("cannot read the plan '{}': {e}", path.display()))
    })?;
    let plan: Plan = serde_json::from_slice(&bytes).map_err(|e| {
        ApplyError::PlanFile(format!(
            "'{}' is not a saved mailsec plan: {e}",
            path.display()
        ))
    })?;
    if plan.format_version != PLAN_FORMAT {
        return Err(ApplyError::PlanFile(format!(
            "the plan '{}' has format {}; this mailsec reads format {PLAN_FORMAT}",
            path.display(),
            plan.format_version
        )));
    }
    Ok(plan)
}

/// The store as a desired-state document.
pub fn export_store(store: &dyn ConfigStore) -> Result<String, ApplyError> {
    let state = store.load()?;
    Ok(export_document(&state, &store.location()))
}
