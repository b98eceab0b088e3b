//! L4 — Group-Object: groups objects that have the same value for the given properties or
//! script blocks; writes GroupInfo objects (Count, Name, Group, Values) ordered by key, or
//! a hashtable of the groups (`-AsHashTable`).

use super::super::common::{collect_input, take_collected};
use std::rc::Rc;

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{Array, ArrayKind, Dict, PsType, Value, convert};

use super::super::common::properties::{EXPRESSION_KEYS, parse_specs};
use super::super::common::{argument_error, int, object_array, order, same_value, typed_object};

const GROUP_INFO: &str = "Microsoft.PowerShell.Commands.GroupInfo";
const GROUP_INFO_NO_ELEMENT: &str = "Microsoft.PowerShell.Commands.GroupInfoNoElement";

/// `Group-Object [[-Property] <Object[]>] [-NoElement] [-AsHashTable] [-AsString]
/// [-CaseSensitive]`
pub struct GroupObject;

struct Group {
    keys: Vec<Value>,
    members: Vec<Value>,
}

impl Cmdlet for GroupObject {
    fn signature(&self) -> Signature {
        Signature::new(
            "Group-Object",
            "Groups objects that contain the same value for specified properties.",
        )
        .param(Param::switch("NoElement").help("Leaves the members out of the groups."))
        .param(
            Param::switch("AsHashTable")
                .alias("AHT")
                .help("Returns a hashtable of key → members."),
        )
        .param(Param::switch("AsString").help("Converts the keys to strings (with -AsHashTable)."))
        .param(
            Param::new("InputObject", PsType::PsObject)
                .from_pipeline()
                .help("The objects to group."),
        )
        .param(
            Param::new("Property", object_array())
                .position(0)
                .help("The properties or script blocks to group by."),
        )
        .param(Param::new("Culture", PsType::String))
        .param(Param::switch("CaseSensitive").help("Groups upper and lower case apart."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Group by a script block",
                "1..20 | Group-Object -Property {$_ % 2} | ForEach-Object { \"$($_.Name)=$($_.Count)\" }",
                "0=10\n1=10\n",
            ),
            Example::new(
                "Group hashtables by a key",
                "@{ w = 7 }, @{ w = 1 }, @{ w = 7 } | Group-Object -Property w -NoElement | ForEach-Object { \"$($_.Count) $($_.Name)\" }",
                "1 1\n2 7\n",
            ),
            Example::new(
                "As a hashtable",
                "$h = 'a', 'bb', 'cc' | Group-Object -Property Length -AsHashTable\n$h[2] -join ','",
                "bb,cc\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        collect_input(cx);
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let items = take_collected(cx);
        let specs = match cx.args.get("Property") {
            Some(value) => {
                parse_specs(value, EXPRESSION_KEYS).map_err(|e| argument_error(cx, e))?
            }
            None => Vec::new(),
        };
        let case_sensitive = cx.args.switch("CaseSensitive");
        let mut groups: Vec<Group> = Vec::new();
        for item in items {
            let keys = if specs.is_empty() {
                vec![item.clone()]
            } else {
                let mut keys = Vec::with_capacity(specs.len());
                for spec in &specs {
                    keys.push(spec.value(cx, &item)?);
                }
                keys
            };
            let same = |g: &Group| {
                g.keys.len() == keys.len()
                    && g.keys
                        .iter()
                        .zip(&keys)
                        .all(|(a, b)| same_value(a, b, case_sensitive))
            };
            match groups.iter_mut().find(|g| same(g)) {
                Some(group) => group.members.push(item),
                None => groups.push(Group {
                    keys,
                    members: vec![item],
                }),
            }
        }
        groups.sort_by(|a, b| {
            a.keys
                .iter()
                .zip(&b.keys)
                .map(|(x, y)| order(x, y, case_sensitive))
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        if cx.args.switch("AsHashTable") {
            let table = as_hashtable(groups, cx.args.switch("AsString"));
            return cx.emit(table);
        }
        let no_element = cx.args.switch("NoElement");
        for group in groups {
            let info = group_info(group, no_element);
            cx.emit(info)?;
        }
        Ok(())
    }
}

/// The group's name: its key values as text, joined by ", ".
fn group_name(keys: &[Value]) -> String {
    keys.iter()
        .map(|k| convert::to_string(k, " "))
        .collect::<Vec<_>>()
        .join(", ")
}

fn array_list(items: Vec<Value>) -> Value {
    Value::Array(Rc::new(Array {
        items: std::cell::RefCell::new(items),
        kind: ArrayKind::ArrayList,
    }))
}

fn group_info(group: Group, no_element: bool) -> Value {
    let name = Value::str(group_name(&group.keys));
    let count = int(group.members.len());
    let values = array_list(group.keys);
    if no_element {
        return typed_object(
            GROUP_INFO_NO_ELEMENT,
            vec![("Count", count), ("Name", name), ("Values", values)],
            None,
        );
    }
    typed_object(
        GROUP_INFO,
        vec![
            ("Count", count),
            ("Name", name),
            ("Group", Value::array(group.members)),
            ("Values", values),
        ],
        None,
    )
}

fn as_hashtable(groups: Vec<Group>, as_string: bool) -> Value {
    let table = Dict::new(false);
    for group in groups {
        let key = if as_string || group.keys.len() != 1 {
            Value::str(group_name(&group.keys))
        } else {
            group.keys.into_iter().next().unwrap_or_default()
        };
        table.insert(key, array_list(group.members));
    }
    Value::Dict(Rc::new(table))
}
