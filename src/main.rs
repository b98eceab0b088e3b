//! L5 — the `mailsec` command line: REPL, script files, `-c` commands; errors → exit codes.
//!
//! Start-up does nothing heavy: the REPL (history, completion, Ctrl-C handler) is only set up
//! when there is no script and stdin is a terminal.

use std::ffi::OsString;
use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

mod cli_apply;

use mailsec::engine::StdHost;
use mailsec::repl;
use mailsec::report;
use mailsec::store;
use mailsec::syntax::Source;
use mailsec::{Session, SessionOptions};

const AFTER_HELP: &str = "\
With no FILE and no -c, mailsec reads a script from stdin when it is piped, else starts the \
interactive shell (history in $XDG_STATE_HOME/mailsec/history, else \
~/.local/state/mailsec/history).

Exit status: 0 on success, 1 when an error ended the run, N for `exit N`.";

/// mailsec — a PowerShell-compatible shell for mail-security configuration.
#[derive(Debug, Parser)]
#[command(
    name = "mailsec",
    version,
    about,
    after_help = AFTER_HELP,
    override_usage = "mailsec [OPTIONS] [FILE [ARGS]...]\n       mailsec [OPTIONS] -c COMMAND...\n       mailsec [OPTIONS] plan|apply|export ... (idempotent apply; `mailsec plan` for its usage)"
)]
struct Cli {
    /// Run COMMAND (all remaining arguments, joined by spaces) and exit. Also `-Command`.
    #[arg(
        short = 'c',
        long = "command",
        value_name = "COMMAND",
        num_args = 1..,
        allow_hyphen_values = true,
        conflicts_with = "script"
    )]
    command: Option<Vec<String>>,

    /// The configuration store (YAML) [default: $XDG_STATE_HOME/mailsec/state.yaml, else
    /// ~/.local/state/mailsec/state.yaml].
    #[arg(long, env = "MAILSEC_STATE", value_name = "PATH")]
    state: Option<PathBuf>,

    /// Never colour diagnostics (also when NO_COLOR is set, or stderr is not a terminal).
    #[arg(long)]
    no_color: bool,

    /// A script FILE to run, then the ARGS it gets as $args.
    #[arg(value_name = "FILE [ARGS]...", trailing_var_arg = true)]
    script: Vec<String>,
}

/// mimalloc: glibc's malloc gives the interpreter's thread an arena that grows by `mprotect`
/// and page faults, which made listing 10,000 objects take twice as long.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The interpreter recurses once per nested call, so it runs on a thread with a stack big
/// enough for PowerShell's limit of 1,000 nested calls to end in an error, not a crash (the
/// memory is reserved, and used only as deep as a script goes).
const STACK_SIZE: usize = 1 << 30;

fn main() -> ExitCode {
    let worker = std::thread::Builder::new()
        .name("mailsec".into())
        .stack_size(STACK_SIZE)
        .spawn(run_cli);
    let code = match worker {
        Ok(handle) => handle.join().unwrap_or(1),
        Err(_) => run_cli(),
    };
    exit_code(code)
}

/// Parse the command line and run what it asks for; the exit status.
fn run_cli() -> i32 {
    let cli = Cli::parse_from(pwsh_style_arguments(std::env::args_os()));
    let color = use_color(cli.no_color);
    let options = SessionOptions {
        state_path: cli.state.clone().or_else(store::default_state_path),
    };
    // `plan`, `apply` and `export` are subcommands (a script by that name: `./plan`).
    if let (None, Some((verb, args))) = (&cli.command, cli.script.split_first())
        && cli_apply::VERBS.contains(&verb.as_str())
    {
        return cli_apply::run(verb, args, options.state_path);
    }
    match (cli.command, cli.script.split_first()) {
        (Some(words), _) => run_script(
            options,
            Script::Command(Source::new("<command>", words.join(" "))),
            color,
        ),
        (None, Some((file, args))) => match read_script(file) {
            Ok(source) => run_script(options, Script::File(source, args.to_vec()), color),
            Err(message) => {
                eprintln!("mailsec: {message}");
                1
            }
        },
        (None, None) if std::io::stdin().is_terminal() => repl::run(options, color),
        (None, None) => match read_stdin() {
            Ok(source) => run_script(options, Script::Command(source), color),
            Err(message) => {
                eprintln!("mailsec: {message}");
                1
            }
        },
    }
}

/// What to run: a command line (`-c`, stdin) or a script file with its arguments (which runs
/// in its own script scope).
enum Script {
    Command(Source),
    File(Source, Vec<String>),
}

/// Run one script in a fresh session on stdout/stderr; the exit status it ends with.
fn run_script(options: SessionOptions, script: Script, color: bool) -> i32 {
    let mut session = Session::new(Box::new(StdHost::new()), options);
    let is_command = matches!(script, Script::Command(_));
    let (result, source) = match script {
        Script::Command(source) => (session.run(&source, Vec::new()), source),
        Script::File(source, args) => (session.run_file(&source, args), source),
    };
    let code = match result {
        // As pwsh -Command: a command line whose last statement failed exits with 1.
        Ok(None) if is_command && !session.last_status() => 1,
        Ok(None) => 0,
        Ok(Some(code)) => code,
        Err(error) => {
            let text = report::render_run_error(&error, &source, color);
            session.host_mut().write_error(&text);
            1
        }
    };
    session.host_mut().flush();
    // The process ends now: tearing down a big session (10,000 objects, the parsed state)
    // one allocation at a time would only add to its run time.
    std::mem::forget(session);
    code
}

/// A script file's text (invalid UTF-8 replaced, a byte-order mark dropped).
fn read_script(path: &str) -> Result<Source, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read '{path}': {e}"))?;
    Ok(Source::new(path, decode(&bytes)))
}

fn read_stdin() -> Result<Source, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read stdin: {e}"))?;
    Ok(Source::new("<stdin>", decode(&bytes)))
}

fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

/// Accept pwsh's spellings before the script: `-Command`/`-command` mean `--command`, `-File`
/// is dropped (the next word is the file anyway), `-NoProfile`, `-NoLogo` and
/// `-NonInteractive` are accepted and ignored. Words after the command or the file are
/// left alone: a `--` goes before the file, so its arguments are never taken for options.
fn pwsh_style_arguments(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let mut args = args.into_iter();
    let mut out: Vec<OsString> = args.next().into_iter().collect();
    while let Some(arg) = args.next() {
        let lower = arg.to_string_lossy().to_lowercase();
        match lower.as_str() {
            "-command" => {
                out.push("--command".into());
                break;
            }
            "-c" | "--command" => {
                out.push(arg);
                break;
            }
            "-file" => break,
            "-noprofile" | "-nologo" | "-noninteractive" => {}
            "--state" => {
                out.push(arg);
                out.extend(args.next());
            }
            "--" => {
                out.push(arg);
                break;
            }
            _ if lower.starts_with('-') => out.push(arg),
            _ => {
                // The script: everything from here on is its name and its arguments.
                out.push("--".into());
                out.push(arg);
                break;
            }
        }
    }
    out.extend(args);
    out
}

fn use_color(no_color_flag: bool) -> bool {
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color_flag && !no_color_env && std::io::stderr().is_terminal()
}

/// Exit statuses are one byte on Unix: `exit 256` is 0 and `exit -1` is 255, as for pwsh.
fn exit_code(code: i32) -> ExitCode {
    ExitCode::from(code.rem_euclid(256) as u8)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn parse(words: &[&str]) -> Cli {
        let args = std::iter::once("mailsec")
            .chain(words.iter().copied())
            .map(OsString::from);
        Cli::try_parse_from(pwsh_style_arguments(args)).unwrap()
    }

    #[test]
    fn script_arguments_are_passed_through_even_with_dashes() {
        let cli = parse(&["--no-color", "s.ps1", "a", "-b", "--no-color", "-c"]);
        assert!(cli.no_color);
        assert_eq!(cli.script, ["s.ps1", "a", "-b", "--no-color", "-c"]);
        assert_eq!(cli.command, None);
    }

    #[test]
    fn command_takes_the_rest_of_the_line() {
        let cli = parse(&["-c", "Write-Output", "-InputObject", "x"]);
        assert_eq!(
            cli.command.unwrap().join(" "),
            "Write-Output -InputObject x"
        );
        let cli = parse(&["--state", "/tmp/s.yaml", "-Command", "1+1"]);
        assert_eq!(cli.state, Some(PathBuf::from("/tmp/s.yaml")));
        assert_eq!(cli.command.unwrap(), ["1+1"]);
    }

    #[test]
    fn pwsh_flags_are_accepted() {
        let cli = parse(&["-NoProfile", "-File", "x.ps1", "-NoProfile"]);
        assert_eq!(cli.script, ["x.ps1", "-NoProfile"]);
        let cli = parse(&["--", "-odd-name.ps1", "-x"]);
        assert_eq!(cli.script, ["-odd-name.ps1", "-x"]);
    }

    #[test]
    fn unknown_options_before_the_script_are_errors() {
        let args = ["mailsec", "--bogus", "x.ps1"].map(OsString::from);
        assert!(Cli::try_parse_from(pwsh_style_arguments(args)).is_err());
    }

    #[test]
    fn exit_codes_wrap_like_unix() {
        assert_eq!(exit_code(3), ExitCode::from(3));
        assert_eq!(exit_code(256), ExitCode::from(0));
        assert_eq!(exit_code(-1), ExitCode::from(255));
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBF1+1"), "1+1");
        assert_eq!(decode(b"a\xFFb"), "a\u{FFFD}b");
    }
}
