//! L4 — one formatting run, pwsh's format/output protocol in small: the first object picks
//! the view and opens a document (a blank line); objects the view applies to become rows or
//! list entries; scalars, and objects of other types (as lists), are written out of band in
//! between; the end closes the document. Tables sized from their data hold their rows until
//! the end (or until the grouping delay passes) so every column fits its widest cell.

use std::time::{Duration, Instant};

use super::display::{expand_into, field_text, prints_as_text, property, text_of};
use super::list::write_entry;
use super::table::{SCREEN_WIDTH, TableWriter, widths_from_data};
use super::view::{Column, Request, Shape, View};
use crate::value::Value;

/// How a formatting run lays out its text.
#[derive(Debug, Clone, PartialEq)]
pub struct FormatOptions {
    /// Screen width in cells (pwsh assumes 120 when the output is not a console).
    pub width: usize,
    /// Format-Table `-Wrap`: long cells continue on further lines instead of being cut.
    pub wrap: bool,
    /// Format-Table `-HideTableHeaders`.
    pub hide_headers: bool,
    /// Stop holding the rows of a table sized from its data once this much time has passed
    /// since it started (pwsh waits 300 ms); `None` holds them to the end.
    pub group_timeout: Option<Duration>,
}

impl Default for FormatOptions {
    fn default() -> Self {
        FormatOptions {
            width: SCREEN_WIDTH,
            wrap: false,
            hide_headers: false,
            group_timeout: None,
        }
    }
}

/// A formatting run over a stream of values.
#[derive(Debug)]
pub struct Document {
    request: Request,
    options: FormatOptions,
    state: State,
}

#[derive(Debug)]
enum State {
    Idle,
    Table(TableState),
    List(View),
    Custom(View, fn(&Value) -> String),
}

#[derive(Debug)]
struct TableState {
    view: View,
    columns: Vec<Column>,
    mode: TableMode,
    /// The group-by property of a registered view and the value of the current group.
    group: Option<(&'static str, String)>,
}

#[derive(Debug)]
enum TableMode {
    /// Rows held until the widths are known.
    Caching {
        started: Instant,
        entries: Vec<Entry>,
    },
    /// Widths fixed: rows are written as they come.
    Streaming(TableWriter),
}

#[derive(Debug)]
enum Entry {
    Row(Vec<String>),
    Text(String),
}

impl Document {
    /// A run drawing the shape `request` asks for, laid out as `options` say.
    pub fn new(request: Request, options: FormatOptions) -> Document {
        Document {
            request,
            options,
            state: State::Idle,
        }
    }

    /// Format one value (arrays and dictionaries are unrolled first), appending what can be
    /// written now to `out`.
    pub fn push(&mut self, value: &Value, out: &mut String) {
        let mut items = Vec::new();
        expand_into(value, &mut items);
        for item in &items {
            self.push_item(item, out);
        }
    }

    /// Write everything held back and close the open document.
    pub fn finish(&mut self, out: &mut String) {
        match std::mem::replace(&mut self.state, State::Idle) {
            State::Idle | State::List(..) => {}
            State::Custom(..) => out.push('\n'),
            State::Table(mut table) => {
                table.stream(&self.options, out);
                out.push('\n');
            }
        }
    }

    fn push_item(&mut self, item: &Value, out: &mut String) {
        if prints_as_text(item) {
            let mut line = text_of(item);
            line.push('\n');
            self.write_out_of_band(line, out);
            return;
        }
        match &mut self.state {
            State::Idle => self.start(item, out),
            State::Table(table) if table.view.applies(item) => {
                let row = table.columns.iter().map(|c| cell(item, c)).collect();
                table.next_group(item, &self.options, out);
                match &mut table.mode {
                    TableMode::Caching { entries, .. } => entries.push(Entry::Row(row)),
                    TableMode::Streaming(_) if table.columns.is_empty() => {}
                    TableMode::Streaming(writer) => writer.row(&row, out),
                }
                self.check_timeout(out);
            }
            State::List(view) if view.applies(item) => {
                let names = view.list_names(item, &self.request);
                write_entry(&names, &values(item, &names), self.options.width, out);
                out.push('\n');
            }
            State::Custom(view, show) if view.applies(item) => {
                out.push_str(&show(item));
                out.push('\n');
            }
            State::Table(_) | State::List(_) | State::Custom(..) => {
                let view = View::out_of_band(item);
                let names = view.list_names(item, &Request::List(None));
                let mut text = String::from("\n");
                write_entry(&names, &values(item, &names), self.options.width, &mut text);
                text.push('\n');
                self.write_out_of_band(text, out);
            }
        }
    }

    fn start(&mut self, item: &Value, out: &mut String) {
        let view = View::select(item, &self.request);
        out.push('\n');
        match view.shape.clone() {
            Shape::List(_) => {
                let names = view.list_names(item, &self.request);
                write_entry(&names, &values(item, &names), self.options.width, out);
                out.push('\n');
                self.state = State::List(view);
            }
            Shape::Custom(show) => {
                out.push_str(&show(item));
                out.push('\n');
                self.state = State::Custom(view, show);
            }
            Shape::Table(columns) => {
                let row = columns.iter().map(|c| cell(item, c)).collect();
                let group = view
                    .registered
                    .and_then(|known| known.group_by())
                    .map(|name| {
                        let value = field_text(&property(item, name));
                        out.push_str(&group_heading(name, &value));
                        (name, value)
                    });
                let sized_by_data = columns.first().is_some_and(|c| c.width == 0);
                let mode = if sized_by_data {
                    TableMode::Caching {
                        started: Instant::now(),
                        entries: vec![Entry::Row(row)],
                    }
                } else {
                    let widths: Vec<usize> = columns.iter().map(|c| c.width).collect();
                    let writer = TableWriter::new(&columns, &widths, &self.options);
                    if !columns.is_empty() {
                        writer.header(out);
                        writer.row(&row, out);
                    }
                    TableMode::Streaming(writer)
                };
                self.state = State::Table(TableState {
                    view,
                    columns,
                    mode,
                    group,
                });
            }
        }
    }

    /// Scalars and foreign objects go out at once, or after the held rows when a table is
    /// still waiting for its widths.
    fn write_out_of_band(&mut self, text: String, out: &mut String) {
        match &mut self.state {
            State::Table(TableState {
                mode: TableMode::Caching { entries, .. },
                ..
            }) => {
                entries.push(Entry::Text(text));
                self.check_timeout(out);
            }
            _ => out.push_str(&text),
        }
    }

    fn check_timeout(&mut self, out: &mut String) {
        let Some(limit) = self.options.group_timeout else {
            return;
        };
        if let State::Table(table) = &mut self.state
            && let TableMode::Caching { started, .. } = &table.mode
            && started.elapsed() > limit
        {
            table.stream(&self.options, out);
        }
    }
}

/// pwsh's heading of a group: `   PSParentPath: …` and a blank line.
fn group_heading(name: &str, value: &str) -> String {
    format!("   {name}: {value}\n\n")
}

impl TableState {
    /// When `item` starts a new group, close the rows so far and write the group's heading
    /// and the table header again.
    fn next_group(&mut self, item: &Value, options: &FormatOptions, out: &mut String) {
        let Some((name, current)) = &mut self.group else {
            return;
        };
        let value = field_text(&property(item, name));
        if value == *current {
            return;
        }
        let heading = group_heading(name, &value);
        *current = value;
        self.stream(options, out);
        out.push('\n');
        out.push_str(&heading);
        if let TableMode::Streaming(writer) = &self.mode
            && !self.columns.is_empty()
        {
            writer.header(out);
        }
    }

    /// Fix the widths from the held rows, write the header and everything held, and write
    /// later rows directly.
    fn stream(&mut self, options: &FormatOptions, out: &mut String) {
        let TableMode::Caching { entries, .. } = &mut self.mode else {
            return;
        };
        let entries = std::mem::take(entries);
        let rows: Vec<Vec<String>> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Row(row) => Some(row.clone()),
                Entry::Text(_) => None,
            })
            .collect();
        let widths = widths_from_data(&self.columns, &rows);
        let writer = TableWriter::new(&self.columns, &widths, options);
        if !self.columns.is_empty() {
            writer.header(out);
        }
        for entry in &entries {
            match entry {
                Entry::Row(row) if !self.columns.is_empty() => writer.row(row, out),
                Entry::Row(_) => {}
                Entry::Text(text) => out.push_str(text),
            }
        }
        self.mode = TableMode::Streaming(writer);
    }
}

fn cell(item: &Value, column: &Column) -> String {
    field_text(&column_value(item, &column.property))
}

/// A column's value: a property, or `A.B` — B of A, enumerated over A's items as PowerShell's
/// member enumeration does (one item gives its value, none gives nothing).
fn column_value(item: &Value, path: &str) -> Value {
    let Some((first, rest)) = path.split_once('.') else {
        return property(item, path);
    };
    match property(item, first) {
        Value::Array(items) => {
            let mut values: Vec<Value> = items
                .items
                .borrow()
                .iter()
                .map(|element| column_value(element, rest))
                .filter(|v| !v.is_null())
                .collect();
            match values.len() {
                0 => Value::Null,
                1 => values.remove(0),
                _ => Value::array(values),
            }
        }
        other => column_value(&other, rest),
    }
}

fn values(item: &Value, names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|name| field_text(&property(item, name)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::builtin::typed;

    const CERT: &str = "System.Security.Cryptography.X509Certificates.X509Certificate2";

    fn eku(name: &str) -> Value {
        typed(
            "Microsoft.PowerShell.Commands.EnhancedKeyUsageRepresentation",
            vec![("FriendlyName", Value::str(name))],
            None,
        )
    }

    fn cert(store: &str, thumbprint: &str, subject: &str, ekus: &[&str]) -> Value {
        typed(
            CERT,
            vec![
                (
                    "PSParentPath",
                    Value::str(format!(
                        "Microsoft.PowerShell.Security\\Certificate::{store}"
                    )),
                ),
                ("Thumbprint", Value::str(thumbprint)),
                ("Subject", Value::str(subject)),
                (
                    "EnhancedKeyUsageList",
                    Value::array(ekus.iter().map(|e| eku(e)).collect()),
                ),
            ],
            None,
        )
    }

    fn run(values: &[Value]) -> String {
        let mut document = Document::new(Request::Default, FormatOptions::default());
        let mut out = String::new();
        for value in values {
            document.push(value, &mut out);
        }
        document.finish(&mut out);
        out
    }

    #[test]
    fn certificates_are_grouped_by_their_store_as_pwsh_does() {
        let a = "A".repeat(40);
        let b = "B".repeat(40);
        let c = "C".repeat(40);
        let text = run(&[
            cert(
                "CurrentUser\\My",
                &a,
                "CN=mail.contoso.com",
                &["Server Authentication"],
            ),
            cert(
                "CurrentUser\\My",
                &b,
                "CN=Alice",
                &["Secure Email", "Client Authentication"],
            ),
            cert(
                "CurrentUser\\CA",
                &c,
                "CN=A subject longer than twenty",
                &[],
            ),
        ]);
        let header = "Thumbprint                                Subject              EnhancedKeyUsageList\n\
                      ----------                                -------              --------------------\n";
        let expected = format!(
            "\n   PSParentPath: Microsoft.PowerShell.Security\\Certificate::CurrentUser\\My\n\n{header}\
             {a}  CN=mail.contoso.com  Server Authentication\n\
             {b}  CN=Alice             {{Secure Email, Client Authentication}}\n\
             \n   PSParentPath: Microsoft.PowerShell.Security\\Certificate::CurrentUser\\CA\n\n{header}\
             {c}  CN=A subject longer… \n\n"
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn a_dotted_column_enumerates_the_items_it_names() {
        let one = cert("x", "T", "S", &["Code Signing"]);
        assert_eq!(
            text_of(&column_value(&one, "EnhancedKeyUsageList.FriendlyName")),
            "Code Signing"
        );
        let none = cert("x", "T", "S", &[]);
        assert!(column_value(&none, "EnhancedKeyUsageList.FriendlyName").is_null());
    }
}
