//! Shared test plumbing: run a script in a fresh session on a thread with a time limit and
//! capture what it writes; a line diff for failure messages; scratch files.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use mailsec::engine::{CaptureHost, Host};
use mailsec::report;
use mailsec::syntax::Source;
use mailsec::{Session, SessionOptions};

/// The crate root.
pub fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// True when running under CI (`CI=true`): missing fixtures fail instead of skipping.
/// Skip a test with a loud message, or fail it under `CI=true` (CI installs what tests need).
pub fn skip(message: &str) {
    assert!(!in_ci(), "{message} (CI=true: this is a failure)");
    eprintln!("\n**********\n* SKIP: {message}\n**********\n");
}

/// Run openssl in `dir`; its stdout. `None` (after a loud skip) when openssl is not installed;
/// a failing openssl command fails the test.
pub fn openssl(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let output = match std::process::Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
    {
        Ok(output) => output,
        Err(e) => {
            skip(&format!(
                "openssl cannot run ({e}); install it (apt-get install openssl)"
            ));
            return None;
        }
    };
    assert!(
        output.status.success(),
        "openssl {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    Some(output.stdout)
}

/// Run openssl in `dir`: (success, stdout + stderr), a failure left to the caller. `None`
/// (after a loud skip) when openssl is not installed.
pub fn openssl_output(dir: &Path, args: &[&str]) -> Option<(bool, String)> {
    match std::process::Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
    {
        Ok(out) => Some((out.status.success(), output_text(&out))),
        Err(e) => {
            skip(&format!(
                "openssl cannot run ({e}); install it (apt-get install openssl)"
            ));
            None
        }
    }
}

/// The arguments of `openssl req -x509` making a new unencrypted RSA-2048 key (`key`) and a
/// certificate self-signed with it (`cert`) for `subject` (`/CN=…`), valid `days`; add
/// `-addext …` after them as needed.
pub fn self_signed_args<'a>(
    (key, cert): (&'a str, &'a str),
    subject: &'a str,
    days: &'a str,
) -> Vec<&'a str> {
    vec![
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-subj",
        subject, "-days", days,
    ]
}

/// The arguments of `openssl req -new` making a new unencrypted RSA-2048 key (`key`) and a
/// certificate request signed with it (`csr`) for `subject`.
pub fn request_args<'a>((key, csr): (&'a str, &'a str), subject: &'a str) -> Vec<&'a str> {
    vec![
        "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj",
        subject,
    ]
}

/// What `openssl s_client ARGS` says (stdout + stderr), stdin closed and cut off after 10 s.
pub fn s_client(args: &[&str]) -> String {
    let output = std::process::Command::new("timeout")
        .args(["10", "openssl", "s_client"])
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    output_text(&output)
}

/// A process's stdout then stderr, as text.
pub fn output_text(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A host writing into a [`CaptureHost`] the test keeps a handle on; `interrupted()` turns true
/// when the test's time limit ran out, so the engine stops a runaway script.
#[derive(Clone, Default)]
pub struct SharedHost {
    pub captured: Arc<Mutex<CaptureHost>>,
    pub cancel: Arc<AtomicBool>,
}

impl SharedHost {
    fn with<R>(&self, f: impl FnOnce(&mut CaptureHost) -> R) -> R {
        let mut guard = match self.captured.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        f(&mut guard)
    }
}

impl Host for SharedHost {
    fn write_output(&mut self, text: &str) {
        self.with(|host| host.write_output(text));
    }

    fn write_information(&mut self, text: &str) {
        self.with(|host| host.write_information(text));
    }

    fn write_error(&mut self, text: &str) {
        self.with(|host| host.write_error(text));
    }

    fn interrupted(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// How a script run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Ran to its end (`None`) or called `exit n`.
    Finished(Option<i32>),
    /// A terminating or parse error stopped it (rendered diagnostic is in `stderr`).
    Failed,
    /// The engine panicked (a bug: nothing may panic on any input).
    Panicked(String),
    /// It did not finish within the time limit.
    TimedOut,
}

/// What a script wrote and how it ended.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub stdout: String,
    /// Error-stream text, then the rendered diagnostic (no colour) of a terminating error.
    pub stderr: String,
    pub ending: Ending,
}

/// Run `text` as a script file (named `name` in diagnostics) with `$args` = `args` in a fresh
/// session, on its own thread, giving up after `limit`.
pub fn run_script(name: &str, text: &str, args: Vec<String>, limit: Duration) -> Outcome {
    let host = SharedHost::default();
    let source = Source::new(name, text);
    // Each run keeps its configuration in a state file of its own.
    let state = ScratchDir::new("state");
    let options = SessionOptions {
        state_path: Some(state.path().join("state.yaml")),
    };
    let (done, finished) = mpsc::channel();
    let thread_host = host.clone();
    let thread_source = source.clone();
    let spawned = std::thread::Builder::new()
        .name(format!("script {name}"))
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut session = Session::new(Box::new(thread_host), options);
                let result = session.run_file(&thread_source, args);
                session.host_mut().flush();
                match result {
                    Ok(exit) => (Ending::Finished(exit), None),
                    Err(error) => (
                        Ending::Failed,
                        Some(report::render_run_error(&error, &thread_source, false)),
                    ),
                }
            }));
            let _ = done
                .send(result.unwrap_or_else(|panic| (Ending::Panicked(panic_text(&panic)), None)));
        });
    let (ending, diagnostic) = match spawned {
        Err(error) => (
            Ending::Panicked(format!("cannot start a thread: {error}")),
            None,
        ),
        Ok(_) => match finished.recv_timeout(limit) {
            Ok(result) => result,
            Err(_) => {
                host.cancel.store(true, Ordering::Relaxed);
                (Ending::TimedOut, None)
            }
        },
    };
    let (stdout, mut stderr) = host.with(|h| (h.output.clone(), h.errors.clone()));
    stderr.push_str(&diagnostic.unwrap_or_default());
    Outcome {
        stdout,
        stderr,
        ending,
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "(no message)".to_string()
    }
}

/// A unified-style line diff of `expected` against `actual` (`-` expected only, `+` actual
/// only, ` ` both), at most `max_lines` lines of it. Line ends are made visible when the texts
/// differ only in them.
pub fn diff(expected: &str, actual: &str, max_lines: usize) -> String {
    let old: Vec<&str> = expected.split_inclusive('\n').collect();
    let new: Vec<&str> = actual.split_inclusive('\n').collect();
    let mut out = Vec::new();
    if old.len().saturating_mul(new.len()) > 4_000_000 {
        out.push(format!(
            "(too long to diff: {} vs {} lines)",
            old.len(),
            new.len()
        ));
    } else {
        for (tag, line) in lcs_diff(&old, &new) {
            out.push(format!("{tag}{}", show_line(line)));
        }
    }
    let total = out.len();
    out.truncate(max_lines);
    if total > max_lines {
        out.push(format!("… {} more diff lines", total - max_lines));
    }
    out.join("\n")
}

fn show_line(line: &str) -> String {
    match line.strip_suffix('\n') {
        Some(body) => body.replace('\r', "␍"),
        None => format!("{}⏎(no newline at end)", line.replace('\r', "␍")),
    }
}

/// Longest-common-subsequence diff of two line lists.
fn lcs_diff<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<(char, &'a str)> {
    let (n, m) = (old.len(), new.len());
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] = if old[i] == new[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            out.push((' ', old[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || table[i + 1][j] >= table[i][j + 1]) {
            out.push(('-', old[i]));
            i += 1;
        } else {
            out.push(('+', new[j]));
            j += 1;
        }
    }
    out
}

/// A fresh scratch directory under the system temp dir, removed when dropped.
pub struct ScratchDir(pub PathBuf);

impl ScratchDir {
    pub fn new(label: &str) -> ScratchDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("mailsec-test-{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        ScratchDir(dir)
    }

    /// Write `contents` to `name` in the directory; its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn diff_marks_removed_and_added_lines() {
    let text = diff("a\nb\nc\n", "a\nx\nc\n", 100);
    assert_eq!(text, " a\n-b\n+x\n c");
    assert_eq!(diff("a\n", "a", 100), "-a\n+a⏎(no newline at end)");
    assert!(diff("1\n2\n3\n", "4\n5\n6\n", 2).ends_with("… 4 more diff lines"));
}
