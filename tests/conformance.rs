//! The PowerShell conformance corpus: every `NNN-name.ps1` in `../shared/conformance/lang/`
//! runs in a fresh session and its stdout must equal `NNN-name.out` (what pwsh prints) exactly.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::{Ending, crate_root, diff, in_ci, run_script};

/// How long one case may run.
const CASE_LIMIT: Duration = Duration::from_secs(10);
/// Diff lines shown per failing case.
const DIFF_LINES: usize = 40;

fn corpus_dir() -> PathBuf {
    crate_root().join("../shared/conformance/lang")
}

/// The cases: `(name, script path)`, sorted by name.
fn cases(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ps1"))
        .filter_map(|path| Some((path.file_stem()?.to_str()?.to_string(), path)))
        .collect();
    cases.sort();
    cases
}

/// Run one case; `None` when it passes, else what went wrong.
fn check(name: &str, script: &Path) -> Option<String> {
    let text = match std::fs::read_to_string(script) {
        Ok(text) => text,
        Err(error) => return Some(format!("cannot read the script: {error}")),
    };
    let expected = match std::fs::read_to_string(script.with_extension("out")) {
        Ok(text) => text,
        Err(error) => return Some(format!("cannot read {name}.out: {error}")),
    };
    let outcome = run_script(&format!("{name}.ps1"), &text, Vec::new(), CASE_LIMIT);
    let ending = match &outcome.ending {
        Ending::TimedOut => return Some(format!("timed out after {CASE_LIMIT:?}")),
        Ending::Panicked(message) => return Some(format!("panicked: {message}")),
        Ending::Finished(_) | Ending::Failed => &outcome.ending,
    };
    if outcome.stdout == expected {
        return None;
    }
    let mut report = diff(&expected, &outcome.stdout, DIFF_LINES);
    if *ending == Ending::Failed || !outcome.stderr.is_empty() {
        let first_error = outcome.stderr.lines().next().unwrap_or_default();
        report.push_str(&format!("\n  (stderr: {first_error})"));
    }
    Some(report)
}

#[test]
fn conformance_corpus() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        let message = format!(
            "conformance corpus not found at {} — SKIPPING every conformance case",
            dir.display()
        );
        assert!(
            !in_ci(),
            "{message} (CI=true: a missing corpus is a failure)"
        );
        eprintln!("\n**********\n* SKIP: {message}\n**********\n");
        return;
    }
    // `MAILSEC_CASE=substring cargo test conformance` runs only the matching cases.
    let filter = std::env::var("MAILSEC_CASE").unwrap_or_default();
    let cases: Vec<_> = cases(&dir)
        .into_iter()
        .filter(|(name, _)| name.contains(&filter))
        .collect();
    assert!(
        !cases.is_empty(),
        "no .ps1 cases in {} matching {filter:?}",
        dir.display()
    );
    let mut failures = Vec::new();
    for (name, script) in &cases {
        if let Some(problem) = check(name, script) {
            failures.push((name.clone(), problem));
        }
    }
    let summary = format!(
        "{} of {} conformance cases pass",
        cases.len() - failures.len(),
        cases.len()
    );
    println!("{summary}");
    if failures.is_empty() {
        return;
    }
    let mut message = String::new();
    for (name, problem) in &failures {
        message.push_str(&format!("\n=== {name} (- expected, + actual)\n{problem}\n"));
    }
    let names: Vec<&str> = failures.iter().map(|(name, _)| name.as_str()).collect();
    message.push_str(&format!("\nfailing: {}\n{summary}", names.join(" ")));
    panic!("{message}");
}
