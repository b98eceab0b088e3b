//! L4 — table layout as pwsh's `TableWriter` and `ColumnWidthManager` do it: column widths
//! fitted to the screen, headers with dash lines, cells padded or cut with an ellipsis, one
//! space between columns, no trailing padding after the last column.

use super::display::{ELLIPSIS, cells, spaces};
use super::document::FormatOptions;
use super::lines::{truncate_at_newline, wrap};
use super::view::{Align, Column};

/// The width pwsh assumes when the output is not a console.
pub const SCREEN_WIDTH: usize = 120;

const SEPARATOR: usize = 1;
const MIN_COLUMN_WIDTH: i64 = 1;
const MIN_SCREEN_COLUMNS: usize = 5;

/// Writes the header and rows of one table with fixed column widths.
#[derive(Debug, Clone)]
pub struct TableWriter {
    /// `None` for a column that did not fit on the screen.
    widths: Vec<Option<usize>>,
    aligns: Vec<Align>,
    labels: Vec<String>,
    /// Rows take several lines for long cells instead of cutting them.
    wrap: bool,
    hide_headers: bool,
}

impl TableWriter {
    /// A writer for `columns`, with `widths` as asked (0 = share the free space), fitted to
    /// the screen width of `options`.
    pub fn new(columns: &[Column], widths: &[usize], options: &FormatOptions) -> TableWriter {
        let fitted = if options.width < MIN_SCREEN_COLUMNS {
            vec![None; columns.len()]
        } else {
            fit_widths(widths, options.width)
        };
        TableWriter {
            widths: fitted,
            aligns: columns.iter().map(|c| c.align).collect(),
            labels: columns.iter().map(|c| c.label.clone()).collect(),
            wrap: options.wrap,
            hide_headers: options.hide_headers,
        }
    }

    /// The header lines (labels, wrapped when a column is narrower, then dashes); nothing
    /// when headers are hidden.
    pub fn header(&self, out: &mut String) {
        if self.hide_headers {
            return;
        }
        self.multi_line_row(&self.labels, out);
        let dashes: Vec<String> = self
            .widths
            .iter()
            .zip(&self.labels)
            .map(|(width, label)| match width {
                None => String::new(),
                Some(width) if label.is_empty() => "-".repeat(*width),
                Some(width) => "-".repeat(cells(label).min(*width)),
            })
            .collect();
        self.single_line_row(&dashes, out);
    }

    /// One row: a single line, or several when wrapping.
    pub fn row(&self, values: &[String], out: &mut String) {
        if self.wrap {
            self.multi_line_row(values, out);
        } else {
            self.single_line_row(values, out);
        }
    }

    fn single_line_row(&self, values: &[String], out: &mut String) {
        let last = self.widths.len().saturating_sub(1);
        let empty = String::new();
        for (k, width) in self.widths.iter().enumerate() {
            let Some(width) = width else { continue };
            if k > 0 {
                out.push_str(&spaces(SEPARATOR));
            }
            let value = values.get(k).unwrap_or(&empty);
            out.push_str(&field(value, *width, self.aligns[k], k != last));
        }
        out.push('\n');
    }

    /// A row whose cells may take several lines (headers, and rows when wrapping).
    fn multi_line_row(&self, values: &[String], out: &mut String) {
        let visible: Vec<(usize, usize)> = self
            .widths
            .iter()
            .enumerate()
            .filter_map(|(k, w)| w.map(|w| (k, w)))
            .collect();
        let mut columns: Vec<Vec<String>> = Vec::new();
        for (index, (k, width)) in visible.iter().enumerate() {
            let pad = index + 1 != visible.len();
            let align = self.aligns[*k];
            let value = values.get(*k).map(String::as_str).unwrap_or("");
            let mut lines = wrap(value, *width, *width);
            for line in lines.iter_mut() {
                if (pad || align == Align::Right) && cells(line) < *width {
                    *line = field(line, *width, align, pad);
                }
                if index > 0 {
                    line.insert_str(0, &spaces(SEPARATOR));
                }
            }
            columns.push(lines);
        }
        let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
        let last_with_content: Vec<usize> = (0..rows)
            .map(|row| {
                columns
                    .iter()
                    .rposition(|lines| lines.len() > row)
                    .unwrap_or(0)
            })
            .collect();
        let count = columns.len();
        for (col, lines) in columns.iter_mut().enumerate() {
            let blanks = if col + 1 < count {
                visible[col].1 + if col > 0 { SEPARATOR } else { 0 }
            } else {
                0
            };
            let missing: Vec<String> = last_with_content[lines.len()..]
                .iter()
                .map(|last| {
                    if col > *last {
                        String::new()
                    } else {
                        spaces(blanks)
                    }
                })
                .collect();
            lines.extend(missing);
        }
        for (row, last) in last_with_content.iter().enumerate() {
            for (col, lines) in columns.iter().enumerate() {
                if col == *last && rows > 1 {
                    out.push_str(lines[row].trim_end());
                } else {
                    out.push_str(&lines[row]);
                }
            }
            out.push('\n');
        }
    }
}

/// The widths a table gets when sized from its data: each column as wide as its label or
/// its widest cell.
pub fn widths_from_data(columns: &[Column], rows: &[Vec<String>]) -> Vec<usize> {
    columns
        .iter()
        .enumerate()
        .map(|(k, column)| {
            rows.iter()
                .filter_map(|row| row.get(k))
                .map(|cell| cells(cell))
                .fold(cells(&column.label), usize::max)
        })
        .collect()
}

/// One cell: cut at its first line break, padded to `width` (left-aligned cells only when
/// `pad`), or shortened with an ellipsis when too long.
fn field(value: &str, width: usize, align: Align, pad: bool) -> String {
    let text = truncate_at_newline(value);
    let length = cells(&text);
    if length < width {
        let fill = spaces(width - length);
        return match align {
            Align::Right => fill + &text,
            Align::Left if pad => text + &fill,
            Align::Left => text,
        };
    }
    if length == width {
        return text;
    }
    let keep = width.saturating_sub(1);
    let chars: Vec<char> = text.chars().collect();
    match (align, keep > 0) {
        (Align::Right, true) => {
            let tail: String = chars[length - keep..].iter().collect();
            format!("{ELLIPSIS}{tail}")
        }
        (Align::Left, true) => {
            let head: String = chars[..keep].iter().collect();
            format!("{head}{ELLIPSIS}")
        }
        (Align::Right, false) => chars[length - width..].iter().collect(),
        (Align::Left, false) => chars[..width].iter().collect(),
    }
}

/// pwsh's `ColumnWidthManager`: columns without a width share the free space one cell at a
/// time; when the table is too wide the last visible column shrinks, or is hidden when it
/// cannot keep one cell, until it fits.
pub fn fit_widths(requested: &[usize], table_width: usize) -> Vec<Option<usize>> {
    let table_width = i64::try_from(table_width).unwrap_or(i64::MAX);
    let mut widths: Vec<i64> = requested
        .iter()
        .map(|w| i64::try_from(*w).unwrap_or(i64::MAX / 4))
        .collect();
    if !assign_widths(&mut widths, table_width) {
        trim_to_fit(&mut widths, table_width);
    }
    widths
        .into_iter()
        .map(|w| usize::try_from(w).ok().filter(|w| *w > 0))
        .collect()
}

/// Give unsized columns their share; false when the table does not fit.
fn assign_widths(widths: &mut [i64], table_width: i64) -> bool {
    if widths.iter().all(|w| *w > 0) {
        return current_width(widths) <= table_width;
    }
    let fixed: Vec<bool> = widths.iter().map(|w| *w > 0).collect();
    for w in widths.iter_mut().filter(|w| **w <= 0) {
        *w = MIN_COLUMN_WIDTH;
    }
    let mut available = table_width - current_width(widths);
    if available < 0 {
        return false;
    }
    while available > 0 {
        for (k, w) in widths.iter_mut().enumerate() {
            if fixed[k] {
                continue;
            }
            *w += 1;
            available -= 1;
            if available == 0 {
                break;
            }
        }
    }
    true
}

fn trim_to_fit(widths: &mut [i64], table_width: i64) {
    loop {
        let excess = current_width(widths) - table_width;
        if excess <= 0 {
            return;
        }
        let last = match widths.iter().position(|w| *w < 0) {
            Some(0) => return,
            Some(k) => k - 1,
            None if widths.is_empty() => return,
            None => widths.len() - 1,
        };
        let shrunk = widths[last] - excess;
        widths[last] = if shrunk < MIN_COLUMN_WIDTH {
            -1
        } else {
            shrunk
        };
    }
}

fn current_width(widths: &[i64]) -> i64 {
    let visible: Vec<i64> = widths.iter().copied().filter(|w| *w > 0).collect();
    let count = i64::try_from(visible.len()).unwrap_or(0);
    visible.iter().sum::<i64>() + (count - 1) * SEPARATOR as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(specs: &[(&str, Align)]) -> Vec<Column> {
        specs
            .iter()
            .map(|(label, align)| Column {
                label: label.to_string(),
                property: label.to_string(),
                width: 0,
                align: *align,
            })
            .collect()
    }

    fn render(columns: &[Column], rows: &[Vec<String>]) -> String {
        let widths = widths_from_data(columns, rows);
        let writer = TableWriter::new(columns, &widths, &FormatOptions::default());
        let mut out = String::new();
        writer.header(&mut out);
        for row in rows {
            writer.row(row, &mut out);
        }
        out
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn numeric_columns_align_right_with_their_headers() {
        let cols = columns(&[("a", Align::Right), ("b", Align::Right)]);
        assert_eq!(
            render(&cols, &[row(&["123", "123"])]),
            "  a   b\n  -   -\n123 123\n"
        );
    }

    #[test]
    fn the_last_column_is_not_padded_and_dashes_match_labels() {
        let cols = columns(&[("Name", Align::Left), ("Value", Align::Left)]);
        let out = render(&cols, &[row(&["averylongname", "x"]), row(&["b", "yy"])]);
        assert_eq!(
            out,
            "Name          Value\n----          -----\naverylongname x\nb             yy\n"
        );
    }

    #[test]
    fn free_space_goes_to_unsized_columns() {
        assert_eq!(fit_widths(&[30, 0], 120), [Some(30), Some(89)]);
        assert_eq!(fit_widths(&[5, 0, 0], 20), [Some(5), Some(7), Some(6)]);
    }

    #[test]
    fn too_wide_tables_shrink_then_hide_the_last_columns() {
        assert_eq!(fit_widths(&[100, 30], 120), [Some(100), Some(19)]);
        assert_eq!(fit_widths(&[119, 30], 120), [Some(119), None]);
    }

    #[test]
    fn long_cells_are_cut_with_an_ellipsis() {
        assert_eq!(field("abcdef", 4, Align::Left, true), "abc…");
        assert_eq!(field("abcdef", 4, Align::Right, true), "…def");
        assert_eq!(field("abcdef", 1, Align::Left, true), "a");
        assert_eq!(field("two\nlines", 20, Align::Left, false), "two…");
    }

    #[test]
    fn fixed_width_columns_pad_and_wrap_headers() {
        let mut cols = columns(&[("Major", Align::Left), ("Revision", Align::Left)]);
        cols[0].width = 6;
        cols[1].width = 8;
        let writer = TableWriter::new(&cols, &[6, 8], &FormatOptions::default());
        let mut out = String::new();
        writer.header(&mut out);
        writer.row(&row(&["1", "-1"]), &mut out);
        assert_eq!(out, "Major  Revision\n-----  --------\n1      -1\n");

        let narrow = TableWriter::new(&cols, &[3, 8], &FormatOptions::default());
        let mut out = String::new();
        narrow.header(&mut out);
        assert_eq!(out, "Maj Revision\nor\n--- --------\n");
    }
}
