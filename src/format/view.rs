//! L4 — choosing a view for the objects reaching a formatter, as pwsh's format database does:
//! the registered table and list views of known .NET types, else a view made from the first
//! object's properties (a table up to four properties, a list from five).

use std::rc::Rc;

use super::display::{DICTIONARY_ENTRY, aligns_right, property, property_names, type_name_of};
use crate::value::Value;
use crate::value::text::wildcard_match;

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One table column: its header, the property it shows, its width (0 = sized from the data)
/// and alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub label: String,
    pub property: String,
    pub width: usize,
    pub align: Align,
}

/// The shape a view draws.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Table(Vec<Column>),
    /// The properties shown, one `Name : Value` line each.
    List(Vec<String>),
}

/// A view: its shape and the type it was registered for (`None` for a view made from
/// properties, which pwsh applies to every later object).
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub shape: Shape,
    pub applies_to: Option<Rc<str>>,
}

/// Which shape the caller asked for: `Format-Table`, `Format-List`, or Out-Default's choice.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Default,
    Table(Option<Vec<String>>),
    List(Option<Vec<String>>),
}

/// pwsh shows at most this many properties in a table made from properties.
const MAX_TABLE_COLUMNS: usize = 10;
/// Objects with more properties than this get a list by default.
const MAX_DEFAULT_TABLE_PROPERTIES: usize = 4;

impl View {
    /// The view for a formatting run that starts with `first`.
    pub fn select(first: &Value, request: &Request) -> View {
        let type_name = type_name_of(first);
        let registered = |table: bool| {
            let name = type_name.as_deref()?;
            let shape = if table {
                registered_table(name)
            } else {
                registered_list(name)
            }?;
            Some(View {
                shape,
                applies_to: type_name.clone(),
            })
        };
        let from_properties = |shape: Shape| View {
            shape,
            applies_to: None,
        };
        match request {
            Request::Table(Some(names)) => {
                from_properties(table_of(first, &resolve_names(first, names)))
            }
            Request::List(Some(names)) => from_properties(Shape::List(resolve_names(first, names))),
            Request::Table(None) => registered(true).unwrap_or_else(|| {
                let mut names = property_names(first);
                names.truncate(MAX_TABLE_COLUMNS);
                from_properties(table_of(first, &names))
            }),
            Request::List(None) => {
                registered(false).unwrap_or_else(|| from_properties(Shape::List(property_names(first))))
            }
            Request::Default => registered(true)
                .or_else(|| registered(false))
                .unwrap_or_else(|| {
                    let names = property_names(first);
                    if names.len() > MAX_DEFAULT_TABLE_PROPERTIES {
                        from_properties(Shape::List(names))
                    } else {
                        from_properties(table_of(first, &names))
                    }
                }),
        }
    }

    /// The list view pwsh uses for an object its current view does not apply to.
    pub fn out_of_band(item: &Value) -> View {
        View::select(item, &Request::List(None))
    }

    /// Does this view format `item`? Views made from properties take anything; registered
    /// views only their type.
    pub fn applies(&self, item: &Value) -> bool {
        match &self.applies_to {
            None => true,
            Some(name) => type_name_of(item).is_some_and(|t| t.eq_ignore_ascii_case(name)),
        }
    }
}

/// A table of `names`, aligned by the first object's values.
fn table_of(first: &Value, names: &[String]) -> Shape {
    let columns = names
        .iter()
        .map(|name| Column {
            label: name.clone(),
            property: name.clone(),
            width: 0,
            align: if aligns_right(&property(first, name)) {
                Align::Right
            } else {
                Align::Left
            },
        })
        .collect();
    Shape::Table(columns)
}

/// Expand wildcard names (`*`, `Na*`) against the first object's properties; plain names stay
/// as written (their spelling is the column header).
fn resolve_names(first: &Value, names: &[String]) -> Vec<String> {
    let available = property_names(first);
    let mut resolved: Vec<String> = Vec::new();
    for name in names {
        if name.contains(['*', '?', '[']) {
            for candidate in &available {
                let known = resolved.iter().any(|r| r.eq_ignore_ascii_case(candidate));
                if !known && wildcard_match(name, candidate, false) {
                    resolved.push(candidate.clone());
                }
            }
        } else {
            resolved.push(name.clone());
        }
    }
    resolved
}

fn column(label: &str, width: usize, align: Align) -> Column {
    Column {
        label: label.to_string(),
        property: label.to_string(),
        width,
        align,
    }
}

/// The table views of pwsh's format files (DotNetTypes, PowerShellCore) for the types our
/// values model.
fn registered_table(type_name: &str) -> Option<Shape> {
    let left = Align::Left;
    let columns = match type_name {
        DICTIONARY_ENTRY => vec![column("Name", 30, left), column("Value", 0, left)],
        "System.Version" => vec![
            column("Major", 6, left),
            column("Minor", 6, left),
            column("Build", 6, left),
            column("Revision", 8, left),
        ],
        "Microsoft.PowerShell.Commands.GroupInfo" => vec![
            column("Count", 5, Align::Right),
            column("Name", 25, left),
            column("Group", 0, left),
        ],
        "Microsoft.PowerShell.Commands.GroupInfoNoElement" => {
            vec![column("Count", 5, Align::Right), column("Name", 0, left)]
        }
        _ => return None,
    };
    Some(Shape::Table(columns))
}

/// The list views of pwsh's format files for the types our values model.
fn registered_list(type_name: &str) -> Option<Shape> {
    let names: &[&str] = match type_name {
        DICTIONARY_ENTRY => &["Name", "Value"],
        "Microsoft.PowerShell.Commands.GroupInfo" => &["Name", "Count", "Group", "Values"],
        _ => return None,
    };
    Some(Shape::List(names.iter().map(|n| n.to_string()).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::display::dictionary_entry;
    use crate::value::{PropertyBag, PsObject};

    fn custom(pairs: &[(&str, Value)]) -> Value {
        let mut props = PropertyBag::new();
        for (name, value) in pairs {
            props.set(name, value.clone());
        }
        Value::Object(Rc::new(PsObject::custom(props)))
    }

    #[test]
    fn up_to_four_properties_make_a_table_five_a_list() {
        let four = custom(&[
            ("a", Value::Int(1)),
            ("b", Value::str("x")),
            ("c", Value::Null),
            ("d", Value::Bool(true)),
        ]);
        let view = View::select(&four, &Request::Default);
        let Shape::Table(columns) = &view.shape else {
            panic!("expected a table");
        };
        let aligns: Vec<Align> = columns.iter().map(|c| c.align).collect();
        assert_eq!(aligns, [Align::Right, Align::Left, Align::Left, Align::Right]);
        assert!(view.applies(&Value::Int(1)));

        let five = custom(&[
            ("a", Value::Int(1)),
            ("b", Value::Int(1)),
            ("c", Value::Int(1)),
            ("d", Value::Int(1)),
            ("e", Value::Int(1)),
        ]);
        let view = View::select(&five, &Request::Default);
        assert_eq!(view.shape, Shape::List(vec!["a", "b", "c", "d", "e"].into_iter().map(String::from).collect()));
    }

    #[test]
    fn dictionary_entries_use_the_name_value_view_only_for_their_type() {
        let entry = dictionary_entry(Value::str("k"), Value::Int(1));
        let view = View::select(&entry, &Request::Default);
        let Shape::Table(columns) = &view.shape else {
            panic!("expected a table");
        };
        assert_eq!(columns[0].width, 30);
        assert_eq!(columns[1].label, "Value");
        assert!(!view.applies(&custom(&[("a", Value::Int(1))])));
        let list = View::out_of_band(&entry);
        assert_eq!(list.shape, Shape::List(vec!["Name".into(), "Value".into()]));
    }

    #[test]
    fn explicit_properties_keep_their_spelling() {
        let item = custom(&[("Name", Value::str("x")), ("Port", Value::Int(25))]);
        let view = View::select(&item, &Request::Table(Some(vec!["port".into()])));
        let Shape::Table(columns) = &view.shape else {
            panic!("expected a table");
        };
        assert_eq!(columns[0].label, "port");
        assert_eq!(columns[0].align, Align::Right);
    }
}
