//! L5 — a test that keeps the layers honest: it scans `src/` for `crate::` paths that reach
//! into a higher layer than the file's own (see README, Architecture).

/// The top-level modules each layer's modules may import (besides themselves).
const ALLOWED: &[(&str, &[&str])] = &[
    ("syntax", &["syntax"]),
    ("value", &["syntax", "value"]),
    ("pki", &["syntax", "value", "pki"]),
    ("probe", &["syntax", "value", "pki", "probe"]),
    ("model", &["syntax", "value", "pki", "model"]),
    (
        "directory",
        &["syntax", "value", "pki", "model", "directory"],
    ),
    ("store", &["syntax", "value", "pki", "model", "store"]),
    (
        "apply",
        &[
            "syntax",
            "value",
            "pki",
            "model",
            "store",
            "directory",
            "apply",
        ],
    ),
    (
        "engine",
        &["syntax", "value", "pki", "model", "store", "engine"],
    ),
    (
        "format",
        &["syntax", "value", "pki", "model", "engine", "format"],
    ),
    (
        "cmdlets",
        &[
            "syntax",
            "value",
            "pki",
            "probe",
            "model",
            "directory",
            "store",
            "apply",
            "engine",
            "format",
            "cmdlets",
        ],
    ),
];

fn module_of(path: &std::path::Path, src: &std::path::Path) -> Option<String> {
    let relative = path.strip_prefix(src).ok()?;
    let first = relative
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .to_string();
    Some(first.trim_end_matches(".rs").to_string())
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `crate::NAME` a file mentions, with its line number.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for (index, _) in code.match_indices("crate::") {
            let rest = &code[index + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((number + 1, name));
            }
        }
    }
    found
}

#[test]
fn no_module_imports_a_higher_layer() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(
        !files.is_empty(),
        "no sources found under {}",
        src.display()
    );
    let mut violations = Vec::new();
    for file in files {
        let Some(module) = module_of(&file, &src) else {
            continue;
        };
        let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| *m == module) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (line, name) in crate_paths(&text) {
            if !allowed.contains(&name.as_str()) {
                violations.push(format!(
                    "{}:{line}: {module} imports crate::{name}",
                    file.display()
                ));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "layer violations:\n{}",
        violations.join("\n")
    );
}

#[test]
fn crate_paths_are_found_outside_comments_only() {
    let text = "use crate::value::Value;\n// crate::repl in a comment\nlet x = crate::engine::Flow::Return;";
    assert_eq!(
        crate_paths(text),
        vec![(1, "value".to_string()), (3, "engine".to_string())]
    );
}
