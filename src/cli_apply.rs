//! L5 — the idempotent-apply subcommands of the `mailsec` binary: `plan FILE [--json]
//! [-o PLAN] [--strict] [--as-script]`, `apply FILE|PLAN [--strict] [--json]` and
//! `export [-o FILE]`, with Terraform-style exit codes (0 nothing to do / converged,
//! 2 changes pending, 1 error, 3 partial apply).

use std::path::{Path, PathBuf};

use mailsec::apply::{self, ApplyError, EXIT_ERROR, EXIT_OK, render, run, script};
use mailsec::store::YamlStore;

/// The subcommands (a first word that is exactly one of these).
pub const VERBS: &[&str] = &["plan", "apply", "export"];

const USAGE: &str =
    "usage: mailsec [--state PATH] plan FILE [--json] [-o PLAN] [--strict] [--as-script]
       mailsec [--state PATH] apply FILE|PLAN [--strict] [--json]
       mailsec [--state PATH] export [-o FILE]
exit status: 0 no changes / converged, 2 changes pending (plan), 1 error, 3 partial apply";

/// The options after the verb.
#[derive(Debug, Default, PartialEq)]
struct Options {
    file: Option<PathBuf>,
    json: bool,
    strict: bool,
    as_script: bool,
    out: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        match word.to_ascii_lowercase().as_str() {
            "--json" | "-json" => options.json = true,
            "--strict" | "-strict" => options.strict = true,
            "--as-script" | "-asscript" => options.as_script = true,
            "-o" | "--out" | "-out" => {
                let path = words.next().ok_or("-o needs a file name")?;
                options.out = Some(PathBuf::from(path));
            }
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option '{word}'"));
            }
            _ if options.file.is_none() => options.file = Some(PathBuf::from(word)),
            _ => return Err(format!("unexpected argument '{word}'")),
        }
    }
    Ok(options)
}

/// Run `verb` with `args` against the state at `state`; the exit status.
pub fn run(verb: &str, args: &[String], state: Option<PathBuf>) -> i32 {
    if args
        .iter()
        .any(|a| matches!(a.as_str(), "-h" | "--help" | "-?"))
    {
        println!("{USAGE}");
        return EXIT_OK;
    }
    let options = match parse(args) {
        Ok(options) => options,
        Err(message) => return fail(&format!("{message}\n{USAGE}")),
    };
    let Some(state) = state else {
        return fail("no state file: pass --state PATH or set MAILSEC_STATE");
    };
    let store = match YamlStore::open(state) {
        Ok(store) => store,
        Err(error) => return fail(&error.to_string()),
    };
    match verb {
        "plan" => plan(&store, &options),
        "apply" => apply_cmd(&store, &options),
        _ => export(&store, &options),
    }
}

fn fail(message: &str) -> i32 {
    eprintln!("mailsec: {message}");
    EXIT_ERROR
}

fn failed(error: &ApplyError) -> i32 {
    fail(&error.to_string())
}

fn needs_file(options: &Options) -> Result<&Path, i32> {
    options
        .file
        .as_deref()
        .ok_or_else(|| fail(&format!("a desired-state FILE is needed\n{USAGE}")))
}

fn plan(store: &YamlStore, options: &Options) -> i32 {
    let file = match needs_file(options) {
        Ok(file) => file,
        Err(code) => return code,
    };
    let plan = match run::plan_file(
        store,
        file,
        options.strict,
        options.json || options.out.is_some(),
    ) {
        Ok(plan) => plan,
        Err(error) => return failed(&error),
    };
    let json = serde_json::to_string_pretty(&plan).unwrap_or_default();
    if options.json {
        println!("{json}");
    } else if options.as_script {
        print!("{}", script::plan_script(&plan));
    } else {
        print!("{}", render::plan_text(&plan));
    }
    let code = plan.exit_code();
    if let Some(out) = &options.out {
        if code == EXIT_ERROR {
            return fail("the plan has errors; it was not saved");
        }
        if let Err(error) = std::fs::write(out, format!("{json}\n")) {
            return fail(&format!(
                "cannot write the plan '{}': {error}",
                out.display()
            ));
        }
        eprintln!(
            "Saved the plan to {}; apply it with: mailsec apply {}",
            out.display(),
            out.display()
        );
    }
    code
}

fn apply_cmd(store: &YamlStore, options: &Options) -> i32 {
    let file = match needs_file(options) {
        Ok(file) => file,
        Err(code) => return code,
    };
    let saved = std::fs::read(file)
        .map(|bytes| run::looks_like_plan(&bytes))
        .unwrap_or(false);
    let result = if saved {
        run::read_plan(file).and_then(|plan| apply::apply_plan(store, &plan))
    } else {
        apply::apply_file(store, file, options.strict)
    };
    match result {
        Ok(report) => {
            if options.json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&report.results).unwrap_or_default()
                );
            } else {
                print!("{}", render::apply_text(&report));
            }
            report.exit_code()
        }
        Err(error) => failed(&error),
    }
}

fn export(store: &YamlStore, options: &Options) -> i32 {
    let text = match run::export_store(store) {
        Ok(text) => text,
        Err(error) => return failed(&error),
    };
    match options.out.as_ref().or(options.file.as_ref()) {
        Some(out) => match std::fs::write(out, &text) {
            Ok(()) => EXIT_OK,
            Err(error) => fail(&format!("cannot write '{}': {error}", out.display())),
        },
        None => {
            print!("{text}");
            EXIT_OK
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn words(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_parse_in_any_order() {
        let options = parse(&words(&["--json", "d.yaml", "-o", "p.json", "--strict"])).unwrap();
        assert_eq!(options.file, Some(PathBuf::from("d.yaml")));
        assert!(options.json && options.strict);
        assert_eq!(options.out, Some(PathBuf::from("p.json")));
        assert!(parse(&words(&["--bogus"])).is_err());
        assert!(parse(&words(&["a", "b"])).is_err());
        assert!(parse(&words(&["-AsScript", "d.yaml"])).unwrap().as_script);
    }
}
