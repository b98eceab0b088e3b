//! L4 — list layout as pwsh's `ListWriter` does it: one `Name : Value` line per property,
//! names padded to the longest, long or multi-line values continued under the value column.

use super::display::{cells, spaces};
use super::lines::{split_lines, wrap};

const SEPARATOR: &str = " : ";

/// Write the lines of one list entry (no blank lines around it). Nothing is written when
/// there are no properties or the screen is too narrow.
pub fn write_entry(labels: &[String], values: &[String], screen: usize, out: &mut String) {
    if labels.is_empty() || screen < SEPARATOR.len() + 2 {
        return;
    }
    let max_label = screen - SEPARATOR.len() - 1;
    let label_width = labels
        .iter()
        .map(|l| cells(l))
        .max()
        .unwrap_or(0)
        .min(max_label);
    let value_width = screen - label_width - SEPARATOR.len();
    let continuation = spaces(label_width + SEPARATOR.len());
    for (index, label) in labels.iter().enumerate() {
        let label_cells = cells(label);
        let head = if label_cells <= label_width {
            format!("{label}{}{SEPARATOR}", spaces(label_width - label_cells))
        } else {
            let cut: String = label.chars().take(label_width).collect();
            format!("{cut}{SEPARATOR}")
        };
        let value = values.get(index).map(String::as_str).unwrap_or("");
        for (line_index, line) in split_lines(value).iter().enumerate() {
            let prefix = if line_index == 0 {
                &head
            } else {
                &continuation
            };
            for (piece_index, piece) in wrap(line, value_width, value_width).iter().enumerate() {
                out.push_str(if piece_index == 0 {
                    prefix
                } else {
                    &continuation
                });
                out.push_str(piece);
                out.push('\n');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_are_padded_to_the_longest() {
        let mut out = String::new();
        write_entry(
            &strings(&["a", "Long"]),
            &strings(&["1", ""]),
            120,
            &mut out,
        );
        assert_eq!(out, "a    : 1\nLong : \n");
    }

    #[test]
    fn multi_line_values_continue_under_the_value_column() {
        let mut out = String::new();
        write_entry(&strings(&["Text"]), &strings(&["one\ntwo"]), 120, &mut out);
        assert_eq!(out, "Text : one\n       two\n");
    }

    #[test]
    fn long_values_wrap_at_the_screen_width() {
        let mut out = String::new();
        write_entry(&strings(&["N"]), &strings(&["aaa bbb ccc"]), 12, &mut out);
        assert_eq!(out, "N : aaa bbb \n    ccc\n");
    }
}
