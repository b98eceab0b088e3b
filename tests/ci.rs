//! `.ci/run` runs exactly the test command the README gives, and can run without a terminal.

use crate::support::crate_root;

/// The commands `.ci/run` runs: its lines without the shebang, comments, `set`, the `cd` to
/// the crate root and blank lines.
fn ci_commands() -> Vec<String> {
    let script = std::fs::read_to_string(crate_root().join(".ci/run")).unwrap();
    script
        .lines()
        .map(str::trim)
        .filter(|line| {
            !line.is_empty()
                && !line.starts_with('#')
                && !line.starts_with("set ")
                && !line.starts_with("cd ")
        })
        .map(str::to_string)
        .collect()
}

/// The lines of the README's fenced code blocks.
fn readme_code_lines() -> Vec<String> {
    let readme = std::fs::read_to_string(crate_root().join("README.md")).unwrap();
    let mut inside = false;
    let mut lines = Vec::new();
    for line in readme.lines() {
        if line.trim_start().starts_with("```") {
            inside = !inside;
        } else if inside {
            lines.push(line.trim().to_string());
        }
    }
    lines
}

#[test]
fn ci_runs_the_readme_test_command() {
    let commands = ci_commands();
    let test_command = commands.last().expect(".ci/run runs no command");
    assert_eq!(
        test_command, "cargo test",
        ".ci/run should end by running the README's test command"
    );
    assert!(
        readme_code_lines().iter().any(|line| line == test_command),
        "README.md has no code line `{test_command}`"
    );
    assert_eq!(
        commands
            .iter()
            .filter(|c| c.starts_with("cargo test"))
            .count(),
        1,
        ".ci/run should run the tests once"
    );
}

#[test]
fn ci_script_is_strict_bash_and_executable() {
    use std::os::unix::fs::PermissionsExt;
    let path = crate_root().join(".ci/run");
    let script = std::fs::read_to_string(&path).unwrap();
    assert!(script.starts_with("#!/usr/bin/env bash\n") || script.starts_with("#!/bin/bash\n"));
    assert!(script.contains("set -euo pipefail"));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_ne!(mode & 0o111, 0, ".ci/run is not executable");
}
