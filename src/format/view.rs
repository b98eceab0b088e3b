//! L4 — choosing a view for the objects reaching a formatter, as pwsh's format database does:
//! the registered table and list views of known .NET types, else a view made from the first
//! object's properties (a table up to four properties, a list from five).

use super::display::{aligns_right, property, property_names, type_name_of};
use super::known_views::{KnownView, known_view};
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
#[derive(Debug, Clone)]
pub enum Shape {
    Table(Vec<Column>),
    /// The properties shown, one `Name : Value` line each.
    List(Vec<String>),
    /// One line of text per object, made by a registered custom view.
    Custom(fn(&Value) -> String),
}

/// A view: its shape and, for a registered view, the view it came from (`None` for a view
/// made from properties, which pwsh applies to every later object).
#[derive(Debug, Clone)]
pub struct View {
    pub shape: Shape,
    pub registered: Option<&'static KnownView>,
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
        let known = type_name_of(first).and_then(|name| known_view(&name));
        let registered = |table: bool| {
            let known = known?;
            let shape = if table {
                Shape::Table(known.table_columns()?)
            } else {
                Shape::List(known.list_names()?)
            };
            Some(View {
                shape,
                registered: Some(known),
            })
        };
        let from_properties = |shape: Shape| View {
            shape,
            registered: None,
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
            Request::List(None) => registered(false)
                .unwrap_or_else(|| from_properties(Shape::List(property_names(first)))),
            Request::Default => registered(true)
                .or_else(|| registered(false))
                .or_else(|| {
                    let known = known?;
                    Some(View {
                        shape: Shape::Custom(known.custom?),
                        registered: Some(known),
                    })
                })
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

    /// The properties a list entry shows for `item`: a registered view's own, else (pwsh
    /// recomputes them for every object) the requested names resolved against `item`, else
    /// all of its properties.
    pub fn list_names(&self, item: &Value, request: &Request) -> Vec<String> {
        match (&self.shape, &self.registered, request) {
            (Shape::List(names), Some(_), _) => names.clone(),
            (_, _, Request::List(Some(names)) | Request::Table(Some(names))) => {
                resolve_names(item, names)
            }
            _ => property_names(item),
        }
    }

    /// The list view pwsh uses for an object its current view does not apply to.
    pub fn out_of_band(item: &Value) -> View {
        View::select(item, &Request::List(None))
    }

    /// Does this view format `item`? Views made from properties take anything; registered
    /// views only their types.
    pub fn applies(&self, item: &Value) -> bool {
        match self.registered {
            None => true,
            Some(known) => type_name_of(item).is_some_and(|t| known.selects(&t)),
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

/// Resolve the names given to Format-Table / Format-List against an object, as pwsh's
/// property expressions do: wildcards (`*`, `Na*`) expand to the matching properties, a plain
/// name takes the property's own spelling, and a name the object lacks stays as written.
pub fn resolve_names(item: &Value, names: &[String]) -> Vec<String> {
    let available = property_names(item);
    let mut resolved: Vec<String> = Vec::new();
    for name in names {
        if name.contains(['*', '?', '[']) {
            let matching = available
                .iter()
                .filter(|candidate| wildcard_match(name, candidate, false));
            resolved.extend(matching.cloned());
        } else {
            let own = available.iter().find(|c| c.eq_ignore_ascii_case(name));
            resolved.push(own.unwrap_or(name).clone());
        }
    }
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::builtin::dictionary_entry;
    use crate::value::{PropertyBag, PsObject};
    use std::rc::Rc;

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
        assert_eq!(
            aligns,
            [Align::Right, Align::Left, Align::Left, Align::Right]
        );
        assert!(view.applies(&Value::Int(1)));

        let five = custom(&[
            ("a", Value::Int(1)),
            ("b", Value::Int(1)),
            ("c", Value::Int(1)),
            ("d", Value::Int(1)),
            ("e", Value::Int(1)),
        ]);
        let view = View::select(&five, &Request::Default);
        assert!(matches!(&view.shape, Shape::List(names) if names == &["a", "b", "c", "d", "e"]));
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
        assert!(matches!(&list.shape, Shape::List(names) if names == &["Name", "Value"]));
    }

    #[test]
    fn lists_made_from_properties_follow_each_object() {
        let first = custom(&[("a", Value::Int(1))]);
        let second = custom(&[("b", Value::Int(2)), ("c", Value::Int(3))]);
        let request = Request::List(None);
        let view = View::select(&first, &request);
        assert_eq!(view.list_names(&second, &request), ["b", "c"]);
        let entry = dictionary_entry(Value::str("k"), Value::Int(1));
        let registered = View::select(&entry, &request);
        assert_eq!(registered.list_names(&entry, &request), ["Name", "Value"]);
    }

    #[test]
    fn explicit_properties_take_the_property_spelling() {
        let item = custom(&[("Name", Value::str("x")), ("Port", Value::Int(25))]);
        let request = Request::Table(Some(vec!["port".into(), "missing".into()]));
        let view = View::select(&item, &request);
        let Shape::Table(columns) = &view.shape else {
            panic!("expected a table");
        };
        assert_eq!(columns[0].label, "Port");
        assert_eq!(columns[0].align, Align::Right);
        assert_eq!(columns[1].label, "missing");
    }
}
