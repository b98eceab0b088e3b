//! L4 — line handling shared by tables and lists, as pwsh's `StringManipulationHelper` does
//! it: splitting text at line breaks, wrapping long lines at word boundaries, cutting a cell at
//! its first line break.

use super::display::{ELLIPSIS, cells};

/// Split text at `\n` (dropping `\r`), as pwsh's `SplitLines`.
pub fn split_lines(text: &str) -> Vec<String> {
    text.split('\n')
        .map(|line| line.replace('\r', ""))
        .collect()
}

/// The text up to its first line break, with an ellipsis when something was cut.
pub fn truncate_at_newline(text: &str) -> String {
    match text.find(['\n', '\r']) {
        Some(at) => format!("{}{ELLIPSIS}", &text[..at]),
        None => text.to_string(),
    }
}

/// Break `text` into display lines: at its line breaks, then each line wrapped at word
/// boundaries (spaces and tabs stay at the end of the word before them) so that the first
/// line fits `first_width` cells and the others `other_width`; a word longer than a line is
/// cut. Empty text gives one empty line.
pub fn wrap(text: &str, first_width: usize, other_width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    if text.is_empty() {
        lines.push(String::new());
        return lines;
    }
    for line in split_lines(text) {
        if cells(&line) <= first_width {
            lines.push(line);
            continue;
        }
        wrap_line(&line, first_width, other_width, &mut lines);
    }
    lines
}

fn wrap_line(line: &str, first_width: usize, other_width: usize, lines: &mut Vec<String>) {
    let mut width = first_width;
    let mut first = true;
    let mut left = width;
    let mut current = String::new();
    let mut next_line = |current: &mut String, first: &mut bool, width: &mut usize| {
        lines.push(std::mem::take(current));
        if *first {
            *first = false;
            *width = other_width;
        }
    };
    for word in words(line) {
        let word_width = cells(&word);
        if width == 0 {
            if first {
                first = false;
                width = other_width;
            }
            if width == 0 {
                break;
            }
            left = width;
        }
        if word_width > width {
            for c in word.chars() {
                if left < 1 {
                    next_line(&mut current, &mut first, &mut width);
                    left = width;
                }
                current.push(c);
                left = left.saturating_sub(1);
            }
        } else if word_width > left {
            next_line(&mut current, &mut first, &mut width);
            current.push_str(&word);
            left = width - word_width;
        } else {
            current.push_str(&word);
            left -= word_width;
        }
    }
    lines.push(current);
}

/// Words with their trailing delimiter (a space or tab) attached.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in line.chars() {
        word.push(c);
        if c == ' ' || c == '\t' {
            words.push(std::mem::take(&mut word));
        }
    }
    words.push(word);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_line() {
        assert_eq!(wrap("abc", 10, 10), ["abc"]);
        assert_eq!(wrap("", 10, 10), [""]);
    }

    #[test]
    fn line_breaks_split_and_carriage_returns_vanish() {
        assert_eq!(wrap("a\r\nb", 10, 10), ["a", "b"]);
    }

    #[test]
    fn long_lines_wrap_at_words() {
        assert_eq!(wrap("aaa bbb ccc", 8, 8), ["aaa bbb ", "ccc"]);
    }

    #[test]
    fn words_longer_than_a_line_are_cut() {
        assert_eq!(wrap("abcdefghij", 4, 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn cells_are_cut_at_the_first_line_break() {
        assert_eq!(truncate_at_newline("one\ntwo"), "one…");
        assert_eq!(truncate_at_newline("one"), "one");
    }
}
