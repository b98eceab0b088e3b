//! L3 — the host: where a session's text goes (stdout, stderr) and where it reads input from.
//! Everything the engine writes goes through a `Host`, so tests can capture it.

use std::io::{IsTerminal, Write};

pub trait Host {
    /// Formatted success output (already rendered text, including line ends).
    fn write_output(&mut self, text: &str);
    /// `Write-Host` / information text: goes to stdout as pwsh does when redirected.
    fn write_information(&mut self, text: &str) {
        self.write_output(text);
    }
    /// Error, warning, verbose and debug text (already prefixed, with line ends).
    fn write_error(&mut self, text: &str);
    /// A line typed by the user (Read-Host, credential prompts); `None` when there is no input.
    fn read_line(&mut self, prompt: &str) -> Option<String> {
        let _ = prompt;
        None
    }
    /// A secret typed by the user (passwords): not echoed, not kept in any history; `None`
    /// when there is no input. Hosts without a terminal fall back to [`Host::read_line`].
    fn read_secret(&mut self, prompt: &str) -> Option<String> {
        self.read_line(prompt)
    }
    /// True when a person can answer prompts (a terminal on stdin).
    fn is_interactive(&self) -> bool {
        false
    }
    /// True once the user asked to stop the running pipeline (Ctrl-C).
    fn interrupted(&self) -> bool {
        false
    }
    /// Flush buffered output.
    fn flush(&mut self) {}
}

/// The process's stdout and stderr (stdout buffered, flushed before stderr writes and at exit).
pub struct StdHost {
    out: std::io::BufWriter<std::io::Stdout>,
    interrupt: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl StdHost {
    pub fn new() -> StdHost {
        StdHost {
            out: std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout()),
            interrupt: None,
        }
    }

    /// Report `interrupted()` from this flag (set by a Ctrl-C handler).
    pub fn with_interrupt(
        mut self,
        flag: std::sync::Arc<std::sync::atomic::AtomicBool>,
    ) -> StdHost {
        self.interrupt = Some(flag);
        self
    }
}

impl Default for StdHost {
    fn default() -> Self {
        StdHost::new()
    }
}

impl Host for StdHost {
    fn write_output(&mut self, text: &str) {
        let _ = self.out.write_all(text.as_bytes());
    }

    fn write_error(&mut self, text: &str) {
        let _ = self.out.flush();
        let _ = std::io::stderr().write_all(text.as_bytes());
    }

    fn read_line(&mut self, prompt: &str) -> Option<String> {
        if !self.is_interactive() {
            return None;
        }
        let _ = self.out.write_all(prompt.as_bytes());
        let _ = self.out.flush();
        let mut line = String::new();
        match std::io::stdin().read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line.trim_end_matches(['\r', '\n']).to_string()),
        }
    }

    fn read_secret(&mut self, prompt: &str) -> Option<String> {
        if !self.is_interactive() {
            return None;
        }
        let _ = self.out.flush();
        rpassword::prompt_password(prompt).ok()
    }

    fn is_interactive(&self) -> bool {
        std::io::stdin().is_terminal()
    }

    fn interrupted(&self) -> bool {
        self.interrupt
            .as_ref()
            .is_some_and(|flag| flag.load(std::sync::atomic::Ordering::Relaxed))
    }

    fn flush(&mut self) {
        let _ = self.out.flush();
    }
}

impl Drop for StdHost {
    fn drop(&mut self) {
        let _ = self.out.flush();
    }
}

/// A host that keeps everything in memory (tests, examples, `Out-String`).
#[derive(Default, Debug, Clone)]
pub struct CaptureHost {
    pub output: String,
    pub errors: String,
}

impl Host for CaptureHost {
    fn write_output(&mut self, text: &str) {
        self.output.push_str(text);
    }

    fn write_error(&mut self, text: &str) {
        self.errors.push_str(text);
    }
}
