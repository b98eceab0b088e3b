//! L5 — the rustyline helper: completion of command and parameter names (from the live
//! session), file names for other arguments, and the validator that keeps reading lines while a
//! brace, paren or string is open.

use std::cell::RefCell;
use std::rc::Rc;

use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};

use super::complete::{Target, matching, target};
use crate::session::Session;
use crate::syntax::{self, Source};

/// The REPL's rustyline helper; it reads names from the session it shares with the loop.
pub struct ShellHelper {
    session: Rc<RefCell<Session>>,
    files: FilenameCompleter,
}

impl ShellHelper {
    pub fn new(session: Rc<RefCell<Session>>) -> ShellHelper {
        ShellHelper {
            session,
            files: FilenameCompleter::new(),
        }
    }

    fn names(&self, target: &Target<'_>) -> Vec<String> {
        let Ok(session) = self.session.try_borrow() else {
            return Vec::new();
        };
        match target {
            Target::Command { prefix, .. } => {
                let commands = session.command_names();
                matching(commands.iter().map(String::as_str), prefix)
            }
            Target::Parameter {
                command, prefix, ..
            } => {
                let parameters = session.parameter_names(command);
                matching(parameters.iter().map(String::as_str), prefix)
                    .into_iter()
                    .map(|name| format!("-{name}"))
                    .collect()
            }
            Target::Argument { .. } | Target::Nothing => Vec::new(),
        }
    }
}

/// True when `input` ends while a brace, paren or string is still open.
pub fn is_incomplete(input: &str) -> bool {
    let source = Source::new("<interactive>", input);
    matches!(syntax::parse(&source), Err(error) if error.is_incomplete())
}

fn pairs(names: Vec<String>) -> Vec<Pair> {
    names
        .into_iter()
        .map(|name| Pair {
            display: name.clone(),
            replacement: name,
        })
        .collect()
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let found = target(line, pos);
        match found {
            Target::Nothing => Ok((pos, Vec::new())),
            Target::Argument { .. } => self.files.complete(line, pos, ctx),
            Target::Command { start, prefix } if prefix.contains(['/', '\\']) => {
                let _ = start;
                self.files.complete(line, pos, ctx)
            }
            Target::Command { start, .. } | Target::Parameter { start, .. } => {
                Ok((start, pairs(self.names(&found))))
            }
        }
    }
}

impl Hinter for ShellHelper {
    type Hint = String;
}

impl Highlighter for ShellHelper {}

impl Validator for ShellHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        if is_incomplete(ctx.input()) {
            Ok(ValidationResult::Incomplete)
        } else {
            Ok(ValidationResult::Valid(None))
        }
    }
}

impl Helper for ShellHelper {}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::engine::CaptureHost;
    use crate::session::SessionOptions;

    fn helper() -> ShellHelper {
        let session = Session::new(Box::<CaptureHost>::default(), SessionOptions::default());
        ShellHelper::new(Rc::new(RefCell::new(session)))
    }

    fn completions(helper: &ShellHelper, line: &str) -> Vec<String> {
        helper.names(&target(line, line.len()))
    }

    #[test]
    fn completes_cmdlet_names_from_the_session() {
        let helper = helper();
        assert!(completions(&helper, "write-outp").contains(&"Write-Output".to_string()));
        assert!(completions(&helper, "1..3 | Sort-Obj").contains(&"Sort-Object".to_string()));
        assert!(completions(&helper, "No-Such-Prefix").is_empty());
    }

    #[test]
    fn completes_parameters_of_the_element_command_and_of_functions() {
        let helper = helper();
        assert_eq!(
            completions(&helper, "1..3 | Sort-Object -Desc"),
            vec!["-Descending".to_string()]
        );
        let source = Source::new("<test>", "function Set-Port { param($Port, $Protocol) }");
        helper
            .session
            .borrow_mut()
            .run(&source, Vec::new())
            .unwrap();
        assert_eq!(
            completions(&helper, "Set-Port -P"),
            vec!["-Port".to_string(), "-Protocol".to_string()]
        );
        assert!(completions(&helper, "set-p").contains(&"Set-Port".to_string()));
    }

    #[test]
    fn complete_input_is_not_incomplete() {
        // Whatever the parser thinks of it, a finished line is never "keep reading".
        assert!(!is_incomplete("1 + 1"));
        assert!(!is_incomplete(""));
    }

    #[test]
    fn open_brace_paren_or_string_keeps_reading() {
        assert!(is_incomplete("function f {"));
        assert!(is_incomplete("(1 +"));
        assert!(is_incomplete("'abc"));
        assert!(is_incomplete("@\"\nline"));
    }

    #[test]
    fn closed_input_after_several_lines_is_complete() {
        assert!(!is_incomplete("function f {\n  1\n}"));
    }
}
