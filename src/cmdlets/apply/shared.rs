//! L4 — what the desired-state cmdlets share: the `-Path` of a document (resolved like every
//! file path), the session's store, and turning apply's errors into PowerShell errors.

use std::path::PathBuf;
use std::rc::Rc;

use crate::apply::ApplyError;
use crate::engine::{Context, Eval, Param};
use crate::store::ConfigStore;
use crate::value::{PsType, Value};

use super::super::common::paths;

/// The exception type of a document that breaks the schema, or a refused plan.
pub const INVALID: &str = "System.IO.InvalidDataException";

/// `-Path`: the desired-state document.
pub fn path_param() -> Param {
    Param::new("Path", PsType::String)
        .position(0)
        .mandatory()
        .help("The desired-state document (YAML).")
}

/// `-Strict`: policy warnings are errors.
pub fn strict_param() -> Param {
    Param::switch("Strict").help("Treat the plan's policy warnings as errors.")
}

/// The bound `-Path`, resolved against the current location.
pub fn document_path(cx: &Context<'_, '_>) -> PathBuf {
    paths::resolve(&cx.args.string("Path").unwrap_or_default())
}

/// The session's configuration store.
pub fn store(cx: &Context<'_, '_>) -> Eval<Rc<dyn ConfigStore>> {
    cx.interp.config_store(cx.span)
}

/// Report an apply error as a non-terminating error.
pub fn report(cx: &mut Context<'_, '_>, error: &ApplyError, target: &str) -> Eval<()> {
    cx.write_error(&error.to_string(), INVALID, Value::str(target))
}

/// Each line of `text` as a string on the pipeline.
pub fn emit_lines(cx: &mut Context<'_, '_>, text: &str) -> Eval<()> {
    for line in text.lines() {
        cx.emit(Value::str(line))?;
    }
    Ok(())
}
