//! The interactive shell driven for real through a terminal: tmux runs `mailsec` in a detached
//! pane, the test types keys and reads the screen. Skipped (loudly) when tmux is not installed.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::ScratchDir;

/// The prompt as the screen shows it (tmux drops the trailing space of `PS mailsec> `).
const PROMPT: &str = "PS mailsec>";
const WAIT: Duration = Duration::from_secs(15);

/// A `mailsec` REPL in its own tmux server, with its own state directory.
struct Repl {
    socket: String,
    state: ScratchDir,
}

impl Repl {
    /// Start the REPL; `None` (after a SKIP message) when tmux is missing.
    fn start(label: &str) -> Option<Repl> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(
                std::env::var("CI").is_err(),
                "tmux is not installed, and CI must run the REPL tests (.ci/run installs it)"
            );
            eprintln!(
                "\n**********\n* SKIP: tmux is not installed; REPL test {label} not run\n**********\n"
            );
            return None;
        }
        let state = ScratchDir::new(&format!("repl-{label}"));
        let socket = format!("mailsec-test-{label}-{}", std::process::id());
        let command = format!(
            "env XDG_STATE_HOME='{}' NO_COLOR=1 TERM=xterm '{}'",
            state.path().display(),
            env!("CARGO_BIN_EXE_mailsec")
        );
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
            ])
            .args(["-x", "150", "-y", "50", &command])
            .status()
            .unwrap();
        assert!(status.success(), "tmux new-session failed");
        let repl = Repl { socket, state };
        repl.wait_for("the first prompt", |screen| screen.contains(PROMPT));
        Some(repl)
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap()
    }

    /// Type `text` literally.
    fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", "--", text]);
    }

    /// Press keys by tmux name (`Enter`, `Tab`, `C-c`, `C-d`).
    fn press(&self, key: &str) {
        self.tmux(&["send-keys", "-t", "t", key]);
    }

    /// Type a line and press Enter.
    fn enter(&self, line: &str) {
        self.type_text(line);
        self.press("Enter");
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    fn alive(&self) -> bool {
        self.tmux(&["has-session", "-t", "t"]).status.success()
    }

    fn prompts(&self) -> usize {
        self.screen().matches(PROMPT).count()
    }

    /// Wait until `ready(screen)`; the screen then. Fails showing the screen after `WAIT`.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Wait until the screen shows `count` prompts.
    fn wait_for_prompts(&self, count: usize) -> String {
        self.wait_for(&format!("{count} prompts"), |screen| {
            screen.matches(PROMPT).count() >= count
        })
    }

    fn wait_for_exit(&self) {
        let deadline = Instant::now() + WAIT;
        while self.alive() {
            assert!(
                Instant::now() < deadline,
                "the REPL did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Repl {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

#[test]
fn repl_runs_entries_keeps_state_survives_errors_and_saves_history() {
    let Some(repl) = Repl::start("state") else {
        return;
    };
    repl.enter("$answer = 20");
    repl.wait_for_prompts(2);
    repl.enter("$answer + 22");
    let screen = repl.wait_for_prompts(3);
    assert!(screen.lines().any(|line| line == "42"), "{screen}");
    repl.enter("throw 'oops'");
    let screen = repl.wait_for_prompts(4);
    assert!(screen.contains("<interactive>:1:1: oops"), "{screen}");
    repl.press("C-d");
    repl.wait_for_exit();
    let history_file = repl.state.path().join("mailsec/history");
    let history = std::fs::read_to_string(&history_file).unwrap_or_default();
    assert!(history.contains("$answer + 22"), "history: {history:?}");
}

#[test]
fn repl_keeps_reading_while_a_brace_is_open() {
    let Some(repl) = Repl::start("multiline") else {
        return;
    };
    repl.enter("function Get-Answer {");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        repl.prompts(),
        1,
        "no new prompt inside an open brace:\n{}",
        repl.screen()
    );
    repl.enter("  6 * 7");
    repl.enter("}");
    repl.wait_for_prompts(2);
    repl.enter("Get-Answer");
    let screen = repl.wait_for_prompts(3);
    assert!(screen.lines().any(|line| line == "42"), "{screen}");
}

#[test]
fn repl_completes_command_and_parameter_names() {
    let Some(repl) = Repl::start("complete") else {
        return;
    };
    repl.type_text("write-outp");
    repl.press("Tab");
    repl.wait_for("the command name completed", |s| {
        s.contains("PS mailsec> Write-Output")
    });
    repl.type_text(" -Inp");
    repl.press("Tab");
    repl.wait_for("the parameter completed", |s| {
        s.contains("PS mailsec> Write-Output -InputObject")
    });
    repl.type_text(" done");
    repl.press("Enter");
    let screen = repl.wait_for_prompts(2);
    assert!(screen.lines().any(|line| line == "done"), "{screen}");
}

#[test]
fn repl_ctrl_c_cancels_the_line_and_stops_a_running_pipeline() {
    let Some(repl) = Repl::start("interrupt") else {
        return;
    };
    repl.type_text("Write-Output never");
    repl.press("C-c");
    repl.wait_for_prompts(2);
    repl.enter("while ($true) { }");
    std::thread::sleep(Duration::from_millis(500));
    repl.press("C-c");
    let screen = repl.wait_for_prompts(3);
    assert!(!screen.lines().any(|line| line == "never"), "{screen}");
    assert!(
        screen.contains("The pipeline has been stopped."),
        "{screen}"
    );
    repl.enter("'still here'");
    let screen = repl.wait_for_prompts(4);
    assert!(screen.lines().any(|line| line == "still here"), "{screen}");
}

#[test]
fn repl_asks_for_a_password_without_echo_and_never_keeps_it() {
    let Some(repl) = Repl::start("credential") else {
        return;
    };
    const SECRET: &str = "S3cret-Never-Shown";
    repl.enter("$c = Get-Credential 'cn=admin'");
    repl.wait_for("the password prompt", |screen| {
        screen.contains("Password for user cn=admin:")
    });
    repl.enter(SECRET);
    repl.wait_for_prompts(2);
    repl.enter("$c.UserName; $c.Password");
    let screen = repl.wait_for_prompts(3);
    assert!(screen.lines().any(|line| line == "cn=admin"), "{screen}");
    assert!(screen.contains("System.Security.SecureString"), "{screen}");
    repl.enter("$p = Read-Host 'PIN' -AsSecureString");
    repl.wait_for("the Read-Host prompt", |screen| screen.contains("PIN:"));
    repl.enter(SECRET);
    repl.wait_for_prompts(4);
    repl.enter("\"$p\"");
    let screen = repl.wait_for_prompts(5);
    assert!(!screen.contains(SECRET), "the secret was echoed:\n{screen}");
    repl.press("C-d");
    repl.wait_for_exit();
    let history =
        std::fs::read_to_string(repl.state.path().join("mailsec/history")).unwrap_or_default();
    assert!(history.contains("Get-Credential"), "history: {history:?}");
    assert!(!history.contains(SECRET), "the secret is in the history");
}
