//! L4 — Get-Member: the properties and methods of the input objects, once per type, as
//! MemberDefinition objects (TypeName, Name, MemberType, Definition).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::object::ObjectKind;
use crate::value::{PsType, Value, psobject};

use super::super::common::{arg_strings, current_input, string_array, typed_object, wildcard};

const MEMBER_DEFINITION: &str = "Microsoft.PowerShell.Commands.MemberDefinition";

/// `Get-Member [[-Name] <String[]>] [-MemberType …] [-InputObject <PSObject>]`
pub struct GetMember;

#[derive(Default)]
struct State {
    types: Vec<String>,
}

/// Methods every object has.
const OBJECT_METHODS: &[(&str, &str)] = &[
    ("Equals", "bool Equals(System.Object obj)"),
    ("GetHashCode", "int GetHashCode()"),
    ("GetType", "type GetType()"),
    ("ToString", "string ToString()"),
];

/// Methods of strings (beyond those of every object).
const STRING_METHODS: &[(&str, &str)] = &[
    ("Contains", "bool Contains(string value)"),
    ("EndsWith", "bool EndsWith(string value)"),
    ("IndexOf", "int IndexOf(string value)"),
    ("Insert", "string Insert(int startIndex, string value)"),
    ("LastIndexOf", "int LastIndexOf(string value)"),
    ("PadLeft", "string PadLeft(int totalWidth)"),
    ("PadRight", "string PadRight(int totalWidth)"),
    ("Remove", "string Remove(int startIndex, int count)"),
    (
        "Replace",
        "string Replace(string oldValue, string newValue)",
    ),
    ("Split", "string[] Split(string separator)"),
    ("StartsWith", "bool StartsWith(string value)"),
    ("Substring", "string Substring(int startIndex, int length)"),
    ("ToCharArray", "char[] ToCharArray()"),
    ("ToLower", "string ToLower()"),
    ("ToUpper", "string ToUpper()"),
    ("Trim", "string Trim()"),
    ("TrimEnd", "string TrimEnd()"),
    ("TrimStart", "string TrimStart()"),
];

/// Methods of hashtables.
const DICTIONARY_METHODS: &[(&str, &str)] = &[
    ("Add", "void Add(System.Object key, System.Object value)"),
    ("Clear", "void Clear()"),
    ("Clone", "System.Object Clone()"),
    ("ContainsKey", "bool ContainsKey(System.Object key)"),
    ("ContainsValue", "bool ContainsValue(System.Object value)"),
    (
        "GetEnumerator",
        "System.Collections.IDictionaryEnumerator GetEnumerator()",
    ),
    ("Remove", "void Remove(System.Object key)"),
];

impl Cmdlet for GetMember {
    fn signature(&self) -> Signature {
        Signature::new("Get-Member", "Gets the properties and methods of objects.")
            .param(Param::new("InputObject", PsType::PsObject).from_pipeline().help("The objects whose members to list."))
            .param(Param::new("Name", string_array()).position(0).help("Member names to list; wildcards are permitted."))
            .param(
                Param::new("MemberType", string_array())
                    .alias("Type")
                    .help("Kinds of member to list: Property, NoteProperty, Method, Properties, Methods, All."),
            )
            .param(Param::new("View", PsType::String).accepts(&["Extended", "Adapted", "Base", "All"]))
            .param(Param::switch("Static"))
            .param(Param::switch("Force"))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "The note properties of a custom object",
                "[pscustomobject]@{ Name = 'srv'; Port = 25 } | Get-Member -MemberType NoteProperty | ForEach-Object Definition",
                "string Name=srv\nint Port=25\n",
            ),
            Example::new(
                "The type of a string",
                "('abc' | Get-Member -Name Length).TypeName",
                "System.String\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let Some(item) = current_input(cx) else {
            return Ok(());
        };
        if item.is_null() {
            return Ok(());
        }
        let type_name = type_name_of(&item);
        if cx.state::<State>().types.contains(&type_name) {
            return Ok(());
        }
        cx.state::<State>().types.push(type_name.clone());
        let names = arg_strings(cx, "Name");
        let kinds = arg_strings(cx, "MemberType");
        let mut members = members_of(&item);
        members.retain(|(name, kind, _)| {
            (names.is_empty() || names.iter().any(|n| wildcard(n, name)))
                && (kinds.is_empty() || kinds.iter().any(|k| kind_matches(k, kind)))
        });
        members.sort_by(|a, b| {
            a.1.cmp(b.1)
                .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
        });
        for (name, kind, definition) in members {
            let member = typed_object(
                MEMBER_DEFINITION,
                vec![
                    ("TypeName", Value::str(type_name.as_str())),
                    ("Name", Value::str(name)),
                    ("MemberType", Value::str(kind)),
                    ("Definition", Value::str(definition)),
                ],
                None,
            );
            cx.emit(member)?;
        }
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        if cx.state::<State>().types.is_empty() {
            let message = "You must specify an object for the Get-Member cmdlet.";
            cx.write_error(message, "System.InvalidOperationException", Value::Null)?;
        }
        Ok(())
    }
}

fn type_name_of(item: &Value) -> String {
    match item {
        Value::Object(object) => object.type_name.to_string(),
        other => PsType::of(other).full_name(),
    }
}

fn kind_matches(wanted: &str, kind: &str) -> bool {
    match wanted.to_ascii_lowercase().as_str() {
        "all" => true,
        "properties" => kind.ends_with("Property"),
        "methods" => kind.ends_with("Method"),
        _ => wildcard(wanted, kind),
    }
}

/// (name, member type, definition) of each member.
fn members_of(item: &Value) -> Vec<(String, &'static str, String)> {
    let note = matches!(item, Value::Object(o) if o.kind == ObjectKind::Custom);
    let mut members: Vec<(String, &'static str, String)> = psobject::properties(item)
        .into_iter()
        .map(|(name, value)| {
            let ty = value_type(&value);
            if note {
                let shown = match &value {
                    Value::Null => "null".to_string(),
                    other => crate::value::convert::to_string(other, " "),
                };
                let definition = format!("{ty} {name}={shown}");
                (name, "NoteProperty", definition)
            } else {
                let definition = format!("{ty} {name} {{get;set;}}");
                (name, "Property", definition)
            }
        })
        .collect();
    let extra: &[(&str, &str)] = match item {
        Value::String(_) => STRING_METHODS,
        Value::Dict(_) => DICTIONARY_METHODS,
        _ => &[],
    };
    for (name, definition) in OBJECT_METHODS.iter().chain(extra) {
        members.push((name.to_string(), "Method", definition.to_string()));
    }
    members
}

/// How a property's type reads in a definition (`string`, `int`, `System.Object[]`).
fn value_type(value: &Value) -> String {
    match value {
        Value::Null => "object".to_string(),
        other => PsType::of(other).display_name(),
    }
}
