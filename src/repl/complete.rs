//! L5 — what the word under the cursor is (a command name, a `-Parameter`, an argument) and
//! which names complete it. Pure functions over the line, so they are unit-tested without a
//! terminal.

/// The word being completed and what kind of name it can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    /// The first word of a pipeline element (start of line, after `|`, `;`, `{`, `(`, `=` …).
    Command { start: usize, prefix: &'a str },
    /// A word starting with `-` after the command `command` of the same pipeline element.
    Parameter {
        start: usize,
        command: &'a str,
        prefix: &'a str,
    },
    /// Any other word (a path, a value).
    Argument { start: usize, word: &'a str },
    /// Inside a string or a comment: nothing to complete.
    Nothing,
}

/// Characters after which a new pipeline element (so a command name) starts.
fn starts_element(c: char) -> bool {
    matches!(c, '|' | ';' | '{' | '}' | '(' | ')' | '\n' | '=' | '&')
}

/// Classify the word that ends at byte `pos` of `line`.
pub fn target(line: &str, pos: usize) -> Target<'_> {
    let pos = floor_boundary(line, pos.min(line.len()));
    let before = &line[..pos];
    let Some(element_start) = element_start(before) else {
        return Target::Nothing;
    };
    let element = &before[element_start..];
    let word_start = element
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &element[word_start..];
    let start = element_start + word_start;
    let first_word_start = element.len() - element.trim_start().len();
    if word_start <= first_word_start {
        return Target::Command {
            start,
            prefix: word,
        };
    }
    let command = element[first_word_start..]
        .split(char::is_whitespace)
        .next()
        .unwrap_or_default();
    match word.strip_prefix('-') {
        Some(prefix) if is_command_name(command) && !prefix.contains(':') => Target::Parameter {
            start,
            command,
            prefix,
        },
        _ => Target::Argument { start, word },
    }
}

/// The byte offset where the pipeline element around the end of `before` starts; `None` when
/// the end is inside a string or a comment.
fn element_start(before: &str) -> Option<usize> {
    let mut start = 0;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut comment = false;
    let mut chars = before.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if comment {
            if c == '\n' {
                comment = false;
                start = i + 1;
            }
            continue;
        }
        if escaped {
            escaped = false;
            continue;
        }
        match (quote, c) {
            (_, '`') if quote != Some('\'') => escaped = true,
            (Some('\''), '\'') if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '#') => comment = true,
            (None, c) if starts_element(c) => start = i + c.len_utf8(),
            (None, _) => {}
        }
    }
    (quote.is_none() && !comment).then_some(start)
}

/// Whether a word at command position names a command (`Get-Thing`, an alias such as `%` or
/// `?`, a script path), not an expression (a variable, number, string, array or type).
fn is_command_name(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| !c.is_ascii_digit() && !"$'\"(@[{-+".contains(c))
}

/// The names among `names` that start with `prefix`, ignoring case; sorted, without duplicates.
pub fn matching<'n>(names: impl IntoIterator<Item = &'n str>, prefix: &str) -> Vec<String> {
    let prefix = prefix.to_lowercase();
    let mut found: Vec<String> = names
        .into_iter()
        .filter(|name| name.to_lowercase().starts_with(&prefix))
        .map(str::to_string)
        .collect();
    found.sort_by_key(|name| name.to_lowercase());
    found.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    found
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_end(line: &str) -> Target<'_> {
        target(line, line.len())
    }

    #[test]
    fn first_word_is_a_command() {
        assert_eq!(
            at_end("Get-Ch"),
            Target::Command {
                start: 0,
                prefix: "Get-Ch"
            }
        );
        assert_eq!(
            at_end("  wher"),
            Target::Command {
                start: 2,
                prefix: "wher"
            }
        );
    }

    #[test]
    fn after_a_pipe_or_brace_is_a_command_again() {
        assert_eq!(
            at_end("Get-Thing | Sel"),
            Target::Command {
                start: 12,
                prefix: "Sel"
            }
        );
        assert_eq!(
            at_end("1..3|wh"),
            Target::Command {
                start: 5,
                prefix: "wh"
            }
        );
        assert_eq!(
            at_end("foreach ($x in 1) { Write-O"),
            Target::Command {
                start: 20,
                prefix: "Write-O"
            }
        );
        assert_eq!(
            at_end("$x = Get-"),
            Target::Command {
                start: 5,
                prefix: "Get-"
            }
        );
    }

    #[test]
    fn dash_word_is_a_parameter_of_the_element_command() {
        assert_eq!(
            at_end("Get-Thing -Name x | Select-Object -Fi"),
            Target::Parameter {
                start: 34,
                command: "Select-Object",
                prefix: "Fi"
            }
        );
        assert_eq!(
            at_end("Sort-Object -"),
            Target::Parameter {
                start: 12,
                command: "Sort-Object",
                prefix: ""
            }
        );
    }

    #[test]
    fn other_words_are_arguments() {
        assert_eq!(
            at_end("Import-Thing ./fi"),
            Target::Argument {
                start: 13,
                word: "./fi"
            }
        );
        assert_eq!(
            at_end("1..3 | % -Begin"),
            Target::Parameter {
                start: 9,
                command: "%",
                prefix: "Begin"
            }
        );
        // `-` after an expression is an operator, not a parameter.
        assert_eq!(
            at_end("$a -"),
            Target::Argument {
                start: 3,
                word: "-"
            }
        );
    }

    #[test]
    fn separators_inside_strings_do_not_count() {
        assert_eq!(
            at_end("Write-Output 'a|b' -No"),
            Target::Parameter {
                start: 19,
                command: "Write-Output",
                prefix: "No"
            }
        );
        assert_eq!(at_end("Write-Output \"abc | Sel"), Target::Nothing);
        assert_eq!(at_end("Write-Output 'it''s | Sel"), Target::Nothing);
        assert_eq!(at_end("1 # comment | Sel"), Target::Nothing);
        assert_eq!(
            at_end("1 # comment\nGet-"),
            Target::Command {
                start: 12,
                prefix: "Get-"
            }
        );
    }

    #[test]
    fn cursor_in_the_middle_and_inside_a_character() {
        assert_eq!(
            target("Get-Ch | x", 6),
            Target::Command {
                start: 0,
                prefix: "Get-Ch"
            }
        );
        assert_eq!(
            target("é", 1),
            Target::Command {
                start: 0,
                prefix: ""
            }
        );
    }

    #[test]
    fn matching_ignores_case_sorts_and_dedups() {
        let names = [
            "Where-Object",
            "write-output",
            "Write-Host",
            "Write-Output",
            "Sort-Object",
        ];
        assert_eq!(
            matching(names, "wRi"),
            vec!["Write-Host".to_string(), "write-output".to_string()]
        );
        assert_eq!(matching(names, "x"), Vec::<String>::new());
    }
}
