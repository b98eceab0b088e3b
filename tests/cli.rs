//! The `mailsec` binary as a user runs it: `-c`, script files with arguments, piped stdin,
//! exit statuses, `--help`, and hostile input.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::ScratchDir;

/// What a run of the binary produced.
#[derive(Debug)]
struct Run {
    /// `None` when killed by a signal (a crash) or by the time limit.
    code: Option<i32>,
    stdout: String,
    stderr: String,
    timed_out: bool,
}

/// Run `mailsec ARGS` with `stdin` piped in, giving up after `limit`.
fn mailsec_with(args: &[&str], stdin: &[u8], limit: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mailsec"))
        .args(args)
        .env_remove("MAILSEC_STATE")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let read = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let out_reader = read(Box::new(stdout));
    let err_reader = read(Box::new(stderr));
    let deadline = Instant::now() + limit;
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            timed_out = true;
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let _ = writer.join();
    Run {
        code: if timed_out { None } else { status.code() },
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
        timed_out,
    }
}

fn mailsec(args: &[&str]) -> Run {
    mailsec_with(args, b"", Duration::from_secs(20))
}

#[test]
fn command_prints_its_result() {
    let run = mailsec(&["-c", "1+1"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (Some(0), "2\n", "")
    );
}

#[test]
fn command_can_be_spelled_like_pwsh_and_take_several_words() {
    let run = mailsec(&["-Command", "Write-Output", "a", "b"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (Some(0), "a\nb\n"),
        "{run:?}"
    );
}

#[test]
fn exit_n_is_the_exit_status() {
    let run = mailsec(&["-c", "Write-Output before; exit 3; Write-Output after"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (Some(3), "before\n"),
        "{run:?}"
    );
    assert_eq!(mailsec(&["-c", "exit"]).code, Some(0));
}

#[test]
fn terminating_error_exits_1_with_a_located_message() {
    let run = mailsec(&["-c", "Write-Output one; throw 'boom'; Write-Output two"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "one\n");
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("<command>:1:"), "{run:?}");
    assert!(first.contains("boom"), "{run:?}");
}

#[test]
fn parse_error_exits_1_naming_file_line_and_column() {
    let dir = ScratchDir::new("cli-parse");
    let script = dir.file("broken.ps1", "Write-Output ok\n$x = (1 + )\n");
    let path = script.to_str().unwrap();
    let run = mailsec(&[path]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "", "a script that does not parse runs nothing");
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with(&format!("{path}:2:")), "{run:?}");
    assert!(
        run.stderr.contains("$x = (1 + )"),
        "shows the source line: {run:?}"
    );
}

#[test]
fn script_file_gets_its_arguments_as_args() {
    let dir = ScratchDir::new("cli-args");
    let script = dir.file(
        "args.ps1",
        "\"count=$($args.Count)\"\nforeach ($a in $args) { \"[$a]\" }\n",
    );
    let run = mailsec(&[script.to_str().unwrap(), "one", "-two", "--three"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (Some(0), "count=3\n[one]\n[-two]\n[--three]\n", "")
    );
}

#[test]
fn shebang_line_is_ignored() {
    let dir = ScratchDir::new("cli-shebang");
    let script = dir.file("tool.ps1", "#!/usr/bin/env mailsec\n'ran'\nexit 4\n");
    let run = mailsec(&[script.to_str().unwrap()]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (Some(4), "ran\n", "")
    );
}

#[test]
fn piped_stdin_runs_as_a_script() {
    let run = mailsec_with(&[], b"$n = 6\n$n * 7\n", Duration::from_secs(20));
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (Some(0), "42\n", "")
    );
    let run = mailsec_with(&[], b"throw 'from stdin'", Duration::from_secs(20));
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.starts_with("<stdin>:1:"), "{run:?}");
}

#[test]
fn missing_script_file_is_an_error_not_a_crash() {
    let run = mailsec(&["/nonexistent/dir/none.ps1"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("cannot read '/nonexistent/dir/none.ps1'"),
        "{run:?}"
    );
}

#[test]
fn help_says_where_the_state_lives() {
    let run = mailsec(&["--help"]);
    assert_eq!(run.code, Some(0));
    assert!(run.stdout.contains("--state <PATH>"), "{}", run.stdout);
    assert!(
        run.stdout.contains("$XDG_STATE_HOME/mailsec/state.yaml"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("~/.local/state/mailsec/state.yaml"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("MAILSEC_STATE"), "{}", run.stdout);
}

#[test]
fn version_is_printed() {
    let run = mailsec(&["--version"]);
    assert_eq!(run.code, Some(0));
    assert_eq!(
        run.stdout,
        format!("mailsec {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_option_is_a_usage_error() {
    let run = mailsec(&["--no-such-option"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("--no-such-option"), "{run:?}");
}

/// 1 MiB of reproducible pseudo-random bytes.
fn junk() -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..1 << 20)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 56) as u8
        })
        .collect()
}

#[test]
fn binary_junk_is_an_error_not_a_panic_or_a_hang() {
    let dir = ScratchDir::new("cli-junk");
    let script = dir.file("junk.ps1", junk());
    let run = mailsec_with(&[script.to_str().unwrap()], b"", Duration::from_secs(60));
    assert!(!run.timed_out, "mailsec hung on 1 MiB of junk");
    assert_eq!(
        run.code,
        Some(1),
        "stderr starts: {:?}",
        run.stderr.get(..500)
    );
    assert!(
        !run.stderr.contains("panicked"),
        "{:?}",
        run.stderr.get(..2000)
    );
    assert!(
        run.stderr.starts_with(&format!("{}:", script.display())),
        "{:?}",
        run.stderr.get(..500)
    );
}
