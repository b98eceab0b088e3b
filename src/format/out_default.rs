//! L4 — the entry points for the success stream: Out-Default (`OutputFormatter`),
//! Format-Table / Format-List (already rendered text wrapped as an object), Out-String.

use std::rc::Rc;

use super::document::{Document, FormatOptions};
use super::view::Request;
use crate::value::{ObjectKind, PropertyBag, PsObject, Value};

/// The type name of the objects Format-Table and Format-List emit: text already laid out,
/// written verbatim by [`OutputFormatter`].
pub const FORMAT_TEXT_TYPE: &str = "Microsoft.PowerShell.Commands.Internal.Format.FormatEntryData";

/// pwsh's Out-Default for a pipe. Feed it every value of the success stream with [`push`]
/// and call [`finish`] when the pipeline ends; each call appends the text ready to be
/// written to `out`.
///
/// As in pwsh, the first object chooses the view for the rest of the run: later objects that
/// view applies to join the same table (a table made from properties applies to every
/// object, so objects with other properties give rows with empty cells), objects of other
/// registered types are written as lists, and scalars are written as lines in between. A
/// table sized from its data holds its rows until [`finish`] (or, with a
/// [`FormatOptions::group_timeout`], until that much time has passed), so text written
/// directly to the host meanwhile (Write-Host) comes out first, as in pwsh.
///
/// [`push`]: OutputFormatter::push
/// [`finish`]: OutputFormatter::finish
#[derive(Debug)]
pub struct OutputFormatter {
    document: Document,
    options: FormatOptions,
}

impl OutputFormatter {
    /// A formatter for a 120-column screen that holds table rows until
    /// [`OutputFormatter::finish`] (deterministic output).
    pub fn new() -> OutputFormatter {
        OutputFormatter::with_options(FormatOptions::default())
    }

    /// A formatter with another screen width, or with a group timeout (pwsh's 300 ms, useful
    /// interactively where output should not wait for the end of the pipeline).
    pub fn with_options(options: FormatOptions) -> OutputFormatter {
        OutputFormatter {
            document: Document::new(Request::Default, options.clone()),
            options,
        }
    }

    /// Format one value of the success stream.
    pub fn push(&mut self, value: &Value, out: &mut String) {
        if let Some(text) = formatted_text_of(value) {
            self.finish(out);
            out.push_str(&text);
            return;
        }
        self.document.push(value, out);
    }

    /// End of the stream: write what is held and close the open table or list. The formatter
    /// can be used again afterwards.
    pub fn finish(&mut self, out: &mut String) {
        self.document.finish(out);
        self.document = Document::new(Request::Default, self.options.clone());
    }
}

impl Default for OutputFormatter {
    fn default() -> Self {
        OutputFormatter::new()
    }
}

/// What `Out-String` returns for these values: the formatter's whole output (`'abc'` gives
/// `"abc\n"`).
pub fn out_string(values: &[Value]) -> String {
    out_string_with(values, &FormatOptions::default())
}

/// `Out-String -Width N`: [`out_string`] for another screen width.
pub fn out_string_with(values: &[Value], options: &FormatOptions) -> String {
    let mut formatter = OutputFormatter::with_options(options.clone());
    let mut out = String::new();
    for value in values {
        formatter.push(value, &mut out);
    }
    formatter.finish(&mut out);
    out
}

/// Format-Table's text for `items`: the columns named by `properties` (wildcards allowed;
/// the caller resolves calculated properties into the objects), or the type's table view,
/// or the first object's properties (at most ten).
pub fn format_table(items: &[Value], properties: Option<&[String]>) -> String {
    format_table_with(items, properties, &FormatOptions::default())
}

/// [`format_table`] with `-Wrap` / `-HideTableHeaders` (and a screen width) from `options`.
pub fn format_table_with(
    items: &[Value],
    properties: Option<&[String]>,
    options: &FormatOptions,
) -> String {
    render(
        items,
        Request::Table(properties.map(<[String]>::to_vec)),
        options,
    )
}

/// Format-List's text for `items`: the properties named, or the type's list view, or all
/// properties.
pub fn format_list(items: &[Value], properties: Option<&[String]>) -> String {
    render(
        items,
        Request::List(properties.map(<[String]>::to_vec)),
        &FormatOptions::default(),
    )
}

fn render(items: &[Value], request: Request, options: &FormatOptions) -> String {
    let mut document = Document::new(request, options.clone());
    let mut out = String::new();
    for item in items {
        match formatted_text_of(item) {
            Some(text) => {
                document.finish(&mut out);
                out.push_str(&text);
            }
            None => document.push(item, &mut out),
        }
    }
    document.finish(&mut out);
    out
}

/// Wrap already rendered text (Format-Table's output) in an object the formatter writes
/// verbatim.
pub fn formatted_text(text: String) -> Value {
    let mut object = PsObject::new(ObjectKind::Typed, FORMAT_TEXT_TYPE, PropertyBag::new());
    object.display = Some(text.into());
    Value::Object(Rc::new(object))
}

fn formatted_text_of(value: &Value) -> Option<Rc<str>> {
    match value {
        Value::Object(object) if &*object.type_name == FORMAT_TEXT_TYPE => {
            Some(object.display.clone().unwrap_or_else(|| "".into()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Dict;
    use std::time::Duration;

    fn custom(pairs: &[(&str, Value)]) -> Value {
        let mut props = PropertyBag::new();
        for (name, value) in pairs {
            props.set(name, value.clone());
        }
        Value::Object(Rc::new(PsObject::custom(props)))
    }

    fn ordered(pairs: &[(Value, Value)]) -> Value {
        let dict = Dict::new(true);
        for (key, value) in pairs {
            dict.insert(key.clone(), value.clone());
        }
        Value::Dict(Rc::new(dict))
    }

    fn run(values: &[Value]) -> String {
        out_string(values)
    }

    #[test]
    fn ordered_dictionary_is_a_name_value_table() {
        let dict = ordered(&[
            (Value::Int(1), Value::str("one")),
            (Value::Int(2), Value::str("two")),
            (Value::str("three"), Value::Int(3)),
        ]);
        assert_eq!(
            run(&[dict]),
            "\nName                           Value\n----                           -----\n\
             1                              one\n2                              two\n\
             three                          3\n\n"
        );
    }

    #[test]
    fn ordered_name_value_pairs() {
        let dict = ordered(&[
            (Value::str("Name"), Value::str("Bob")),
            (Value::str("Age"), Value::Int(30)),
        ]);
        assert_eq!(
            run(&[dict]),
            "\nName                           Value\n----                           -----\n\
             Name                           Bob\nAge                            30\n\n"
        );
    }

    #[test]
    fn empty_dictionary_prints_nothing() {
        assert_eq!(run(&[ordered(&[])]), "");
    }

    #[test]
    fn numeric_columns_are_right_aligned() {
        let object = custom(&[("a", Value::Int(123)), ("b", Value::Int(123))]);
        assert_eq!(run(&[object]), "\n  a   b\n  -   -\n123 123\n\n");
    }

    #[test]
    fn objects_of_one_shape_share_a_table() {
        let first = custom(&[("Name", Value::str("mx1")), ("Port", Value::Int(25))]);
        let second = custom(&[
            ("Name", Value::str("relay.example")),
            ("Port", Value::Int(587)),
        ]);
        assert_eq!(
            run(&[first, second]),
            "\nName          Port\n----          ----\nmx1             25\nrelay.example  587\n\n"
        );
    }

    #[test]
    fn later_objects_with_other_properties_give_empty_cells() {
        let first = custom(&[("a", Value::Int(1))]);
        let second = custom(&[("b", Value::Int(2))]);
        // The empty cell of a right-aligned column is still padded to its width.
        assert_eq!(run(&[first, second]), "\na\n-\n1\n \n\n");
        let first = custom(&[("a", Value::str("x"))]);
        let second = custom(&[("b", Value::str("y"))]);
        assert_eq!(run(&[first, second]), "\na\n-\nx\n\n\n");
    }

    #[test]
    fn five_properties_make_a_list_per_object() {
        let object = custom(&[
            ("Name", Value::str("srv")),
            ("Port", Value::Int(25)),
            ("Tls", Value::Bool(true)),
            ("Note", Value::Null),
            ("Tags", Value::array(vec![Value::str("a"), Value::str("b")])),
        ]);
        let expected_entry = "Name : srv\nPort : 25\nTls  : True\nNote : \nTags : {a, b}\n";
        assert_eq!(
            run(&[object.clone(), object]),
            format!("\n{expected_entry}\n{expected_entry}\n")
        );
    }

    #[test]
    fn list_entries_show_each_objects_own_properties() {
        let five = custom(&[
            ("a", Value::Int(1)),
            ("b", Value::Int(2)),
            ("c", Value::Int(3)),
            ("d", Value::Int(4)),
            ("e", Value::Int(5)),
        ]);
        let other = custom(&[("x", Value::Int(9))]);
        assert_eq!(
            run(&[five, other]),
            "\na : 1\nb : 2\nc : 3\nd : 4\ne : 5\n\nx : 9\n\n"
        );
    }

    #[test]
    fn scalars_print_one_per_line_and_null_prints_nothing() {
        let values = [
            Value::str("abc"),
            Value::Int(42),
            Value::Bool(true),
            Value::Bool(false),
            Value::Char('x'),
            Value::Null,
            Value::str(""),
        ];
        assert_eq!(run(&values), "abc\n42\nTrue\nFalse\nx\n\n");
    }

    #[test]
    fn doubles_print_as_powershell_does() {
        assert_eq!(
            run(&[Value::Double(2.5), Value::Double(0.1 + 0.2)]),
            "2.5\n0.3\n"
        );
    }

    #[test]
    fn nested_arrays_print_each_element() {
        let nested = Value::array(vec![
            Value::Int(1),
            Value::array(vec![Value::Int(2), Value::Int(3)]),
        ]);
        assert_eq!(run(&[nested]), "1\n2\n3\n");
    }

    #[test]
    fn scalars_inside_an_open_table_come_between_its_rows() {
        let first = custom(&[("a", Value::Int(1))]);
        let second = custom(&[("a", Value::Int(22))]);
        assert_eq!(
            run(&[first, Value::str("x"), second]),
            "\n a\n -\n 1\nx\n22\n\n"
        );
    }

    #[test]
    fn objects_foreign_to_a_registered_view_print_as_lists() {
        let dict = ordered(&[(Value::str("k"), Value::Int(1))]);
        let object = custom(&[("a", Value::Int(1))]);
        assert_eq!(
            run(&[dict, object]),
            "\nName                           Value\n----                           -----\n\
             k                              1\n\na : 1\n\n\n"
        );
    }

    #[test]
    fn formatted_text_is_written_verbatim_and_closes_the_table() {
        let object = custom(&[("a", Value::Int(1))]);
        let mut formatter = OutputFormatter::new();
        let mut out = String::new();
        formatter.push(&object, &mut out);
        assert_eq!(out, "\n");
        formatter.push(&formatted_text("TEXT\n".to_string()), &mut out);
        formatter.push(&Value::str("after"), &mut out);
        formatter.finish(&mut out);
        assert_eq!(out, "\na\n-\n1\n\nTEXT\nafter\n");
    }

    #[test]
    fn dictionary_values_are_cut_to_the_screen() {
        let long = "x".repeat(100);
        let dict = ordered(&[(Value::str("k"), Value::str(long))]);
        let out = run(&[dict]);
        let row = out.lines().nth(3).unwrap_or_default();
        assert_eq!(row.chars().count(), 120);
        assert!(row.ends_with("xx…"));
    }

    #[test]
    fn format_table_and_list_choose_the_shape() {
        let object = custom(&[
            ("Name", Value::str("srv")),
            ("Port", Value::Int(25)),
            ("Tls", Value::Bool(true)),
            ("Note", Value::Null),
            ("Extra", Value::Int(1)),
        ]);
        let table = format_table(
            std::slice::from_ref(&object),
            Some(&["Name".to_string(), "Port".to_string()]),
        );
        assert_eq!(table, "\nName Port\n---- ----\nsrv    25\n\n");
        let list = format_list(&[object], Some(&["Port".to_string()]));
        assert_eq!(list, "\nPort : 25\n\n");
        let all = format_table(&[custom(&[("a", Value::Int(1))])], None);
        assert_eq!(all, "\na\n-\n1\n\n");
    }

    #[test]
    fn versions_use_their_registered_table() {
        let version = crate::value::builtin::version(1, 2, Some(3), None);
        assert_eq!(
            run(&[version]),
            "\nMajor  Minor  Build  Revision\n-----  -----  -----  --------\n1      2      3      -1\n\n"
        );
    }

    #[test]
    fn group_info_rows() {
        let group = |count: i32, name: &str| {
            let mut props = PropertyBag::new();
            props.set("Count", Value::Int(count));
            props.set("Name", Value::str(name));
            props.set("Group", Value::array(vec![Value::str(name); 2]));
            let object = PsObject::new(
                ObjectKind::Typed,
                "Microsoft.PowerShell.Commands.GroupInfo",
                props,
            );
            Value::Object(Rc::new(object))
        };
        // Count is 5 wide and right-aligned, Name 25 wide, Group takes the rest.
        let name = |text: &str| format!("{text:<25}");
        let expected = format!(
            "\nCount {} Group\n----- {} -----\n    2 {} {{a, a}}\n   10 {} {{b, b}}\n\n",
            name("Name"),
            name("----"),
            name("a"),
            name("b"),
        );
        assert_eq!(run(&[group(2, "a"), group(10, "b")]), expected);
    }

    #[test]
    fn dates_use_the_custom_view_with_blank_lines_around() {
        let date = crate::value::builtin::datetime(1_704_467_045, 0);
        assert_eq!(
            run(&[date.clone(), date]),
            "\nFriday, 05 January 2024 15:04:05\nFriday, 05 January 2024 15:04:05\n\n"
        );
    }

    #[test]
    fn type_literals_show_the_runtime_type_table() {
        use crate::value::PsType;
        let out = run(&[Value::Type(Rc::new(PsType::Int))]);
        assert_eq!(
            out,
            "\nIsPublic IsSerial Name                                     BaseType\n\
             -------- -------- ----                                     --------\n\
             True     True     Int32                                    System.ValueType\n\n"
        );
    }

    #[test]
    fn format_table_can_wrap_and_hide_headers() {
        let rows = [
            custom(&[("Name", Value::str("a")), ("Note", Value::str("one\ntwo"))]),
            custom(&[("Name", Value::str("bb")), ("Note", Value::str("x"))]),
        ];
        let wrapped = FormatOptions {
            wrap: true,
            ..FormatOptions::default()
        };
        assert_eq!(
            format_table_with(&rows, None, &wrapped),
            "\nName Note\n---- ----\na    one\n     two\nbb   x\n\n"
        );
        let headless = FormatOptions {
            hide_headers: true,
            ..FormatOptions::default()
        };
        assert_eq!(
            format_table_with(&rows, None, &headless),
            "\na    one…\nbb   x\n\n"
        );
    }

    #[test]
    fn out_string_width_cuts_wide_tables() {
        let object = custom(&[("Name", Value::str("x".repeat(30)))]);
        let narrow = FormatOptions {
            width: 10,
            ..FormatOptions::default()
        };
        assert_eq!(
            out_string_with(&[object], &narrow),
            "\nName\n----\nxxxxxxxxx…\n\n"
        );
    }

    #[test]
    fn format_table_output_passes_through_out_default() {
        let object = custom(&[("a", Value::Int(1))]);
        let text = format_table(&[object], None);
        assert_eq!(run(&[formatted_text(text.clone())]), text);
    }

    #[test]
    fn timeout_streams_rows_with_the_widths_seen_so_far() {
        let mut formatter = OutputFormatter::with_options(FormatOptions {
            group_timeout: Some(Duration::ZERO),
            ..FormatOptions::default()
        });
        let mut out = String::new();
        formatter.push(&custom(&[("a", Value::Int(1))]), &mut out);
        std::thread::sleep(Duration::from_millis(2));
        formatter.push(&custom(&[("a", Value::Int(22))]), &mut out);
        formatter.push(&custom(&[("a", Value::Int(333))]), &mut out);
        formatter.finish(&mut out);
        assert_eq!(out, "\n a\n -\n 1\n22\n…3\n\n");
    }
}
