//! Golden cases: every `tests/cases/**/NAME.ps1` runs in a fresh session; its stdout must equal
//! `NAME.out` and its stderr (error stream, then the rendered diagnostic without colour) must
//! equal `NAME.err` — or be empty when there is no `NAME.err`. Diagnostics name the script by
//! its path under `tests/cases/`. `MAILSEC_BLESS=1` writes the actual outputs instead (review
//! them before committing). Also: every `scripts/*.ps1` runs without error.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::{Ending, crate_root, diff, run_script};

const CASE_LIMIT: Duration = Duration::from_secs(10);
const DIFF_LINES: usize = 60;

/// Every `.ps1` under `dir`, recursively, sorted.
fn scripts_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "ps1") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn read_or_empty(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// Compare one golden case; `None` when it passes.
fn check(root: &Path, script: &Path, bless: bool) -> Option<String> {
    let name = script
        .strip_prefix(root)
        .unwrap_or(script)
        .to_string_lossy()
        .replace('\\', "/");
    let text = std::fs::read_to_string(script).ok()?;
    let outcome = run_script(&name, &text, Vec::new(), CASE_LIMIT);
    match &outcome.ending {
        Ending::TimedOut => return Some(format!("{name}: timed out after {CASE_LIMIT:?}")),
        Ending::Panicked(message) => return Some(format!("{name}: panicked: {message}")),
        Ending::Finished(_) | Ending::Failed => {}
    }
    let out_path = script.with_extension("out");
    let err_path = script.with_extension("err");
    if bless {
        let _ = std::fs::write(&out_path, &outcome.stdout);
        if outcome.stderr.is_empty() {
            let _ = std::fs::remove_file(&err_path);
        } else {
            let _ = std::fs::write(&err_path, &outcome.stderr);
        }
        return None;
    }
    let mut problems = Vec::new();
    match read_or_empty(&out_path) {
        None => problems.push(format!("missing {}", out_path.display())),
        Some(expected) if expected != outcome.stdout => problems.push(format!(
            "stdout (- expected, + actual):\n{}",
            diff(&expected, &outcome.stdout, DIFF_LINES)
        )),
        Some(_) => {}
    }
    let expected_err = read_or_empty(&err_path).unwrap_or_default();
    if expected_err != outcome.stderr {
        problems.push(format!(
            "stderr (- expected, + actual):\n{}",
            diff(&expected_err, &outcome.stderr, DIFF_LINES)
        ));
    }
    (!problems.is_empty()).then(|| format!("=== {name}\n{}", problems.join("\n")))
}

#[test]
fn golden_cases() {
    let root = crate_root().join("tests/cases");
    let bless = std::env::var_os("MAILSEC_BLESS").is_some();
    let scripts = scripts_under(&root);
    assert!(
        !scripts.is_empty(),
        "no golden cases under {}",
        root.display()
    );
    let failures: Vec<String> = scripts
        .iter()
        .filter_map(|script| check(&root, script, bless))
        .collect();
    assert!(
        failures.is_empty(),
        "{}\n{} of {} golden cases fail",
        failures.join("\n\n"),
        failures.len(),
        scripts.len()
    );
}

#[test]
fn every_example_script_runs_cleanly() {
    let dir = crate_root().join("scripts");
    let scripts = scripts_under(&dir);
    assert!(!scripts.is_empty(), "no scripts under {}", dir.display());
    let mut failures = Vec::new();
    for script in &scripts {
        let name = script
            .strip_prefix(crate_root())
            .unwrap_or(script)
            .display()
            .to_string();
        let text = std::fs::read_to_string(script).unwrap();
        let outcome = run_script(&name, &text, Vec::new(), CASE_LIMIT);
        let clean = matches!(outcome.ending, Ending::Finished(None | Some(0)))
            && outcome.stderr.is_empty()
            && !outcome.stdout.trim().is_empty();
        if !clean {
            failures.push(format!(
                "=== {name}: {:?}\n{}",
                outcome.ending,
                outcome
                    .stderr
                    .lines()
                    .take(20)
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
