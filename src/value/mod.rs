//! L1 — runtime values: .NET-like scalars, arrays, dictionaries, property bags, script blocks.
//!
//! Reference types (arrays, lists, dictionaries, objects) are shared `Rc`s with interior
//! mutability, as in .NET: `$b = $a; $b[0] = 1` changes `$a` too. Everything here is
//! single-threaded; values never cross threads.

pub mod access;
pub mod args;
pub mod arith;
pub mod builtin;
pub mod cast;
pub mod collate;
pub mod collection_methods;
pub mod compare;
pub mod convert;
pub mod datefmt;
pub mod drives;
pub mod enums;
pub mod error;
pub mod format_op;
pub mod methods;
pub mod number;
pub mod numfmt;
pub mod numfmt_custom;
pub mod object;
pub mod object_methods;
pub mod ops;
pub mod pattern;
pub mod psobject;
pub mod static_convert;
pub mod static_io;
pub mod static_math;
pub mod static_new;
pub mod static_text;
pub mod statics;
pub mod string_methods;
pub mod string_positions;
pub mod text;
mod type_table;
pub mod types;
pub mod wildcard;

use std::cell::RefCell;
use std::rc::Rc;

use indexmap::IndexMap;
use rust_decimal::Decimal;

use crate::syntax::ast;

pub use error::ValueError;
pub use object::{ObjectKind, PropertyBag, PsObject};
pub use types::PsType;

/// One PowerShell value.
#[derive(Debug, Clone, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Byte(u8),
    Int(i32),
    Long(i64),
    Double(f64),
    Decimal(Decimal),
    Char(char),
    String(Rc<str>),
    /// `Object[]`, typed arrays (`String[]`, `Byte[]`), `List[T]`, `ArrayList`.
    Array(Rc<Array>),
    /// `Hashtable` or `OrderedDictionary`.
    Dict(Rc<Dict>),
    /// `[pscustomobject]`, error records, exceptions, and other .NET-like objects.
    Object(Rc<PsObject>),
    ScriptBlock(Rc<ScriptBlockValue>),
    /// A type literal such as `[int]`.
    Type(Rc<PsType>),
}

/// An array or list. `kind` says which .NET collection it stands for.
#[derive(Debug)]
pub struct Array {
    pub items: RefCell<Vec<Value>>,
    pub kind: ArrayKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ArrayKind {
    /// `T[]`: fixed size (`+=` makes a new array); `Object[]` is `Fixed(PsType::Object)`.
    Fixed(PsType),
    /// `System.Collections.Generic.List[T]`.
    List(PsType),
    /// `System.Collections.ArrayList`.
    ArrayList,
}

/// `@{}` (insertion order kept, as PowerShell's display of small tables mostly is) and
/// `[ordered]@{}`. Keys compare case-insensitively when they are strings.
#[derive(Debug)]
pub struct Dict {
    pub ordered: bool,
    pub entries: RefCell<IndexMap<DictKey, (Value, Value)>>,
}

/// The identity of a dictionary key: strings folded to lower case, numbers by value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DictKey {
    Text(String),
    Integer(i64),
    Bool(bool),
    Null,
    /// Other values by their string form.
    Other(String),
}

/// A script block value: its AST and, after `.GetNewClosure()`, the variables it captured.
#[derive(Debug)]
pub struct ScriptBlockValue {
    pub ast: Rc<ast::ScriptBlock>,
    pub captured: Option<Vec<(String, Value)>>,
    /// The script the block was written in (errors inside it point there).
    pub source: Option<crate::syntax::Source>,
}

impl Value {
    pub fn str(s: impl Into<Rc<str>>) -> Value {
        Value::String(s.into())
    }

    /// A new `Object[]`.
    pub fn array(items: Vec<Value>) -> Value {
        Value::Array(Rc::new(Array::fixed(PsType::Object, items)))
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

impl Array {
    pub fn fixed(elem: PsType, items: Vec<Value>) -> Array {
        Array {
            items: RefCell::new(items),
            kind: ArrayKind::Fixed(elem),
        }
    }

    pub fn len(&self) -> usize {
        self.items.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.borrow().is_empty()
    }

    /// A snapshot of the items (cheap: values are reference-counted).
    pub fn to_vec(&self) -> Vec<Value> {
        self.items.borrow().clone()
    }
}

impl Dict {
    pub fn new(ordered: bool) -> Dict {
        Dict {
            ordered,
            entries: RefCell::new(IndexMap::new()),
        }
    }

    pub fn get(&self, key: &Value) -> Option<Value> {
        self.entries
            .borrow()
            .get(&DictKey::of(key))
            .map(|(_, v)| v.clone())
    }

    /// Insert or replace; the first spelling of a string key is kept.
    pub fn insert(&self, key: Value, value: Value) {
        let mut entries = self.entries.borrow_mut();
        let dict_key = DictKey::of(&key);
        match entries.get_mut(&dict_key) {
            Some(slot) => slot.1 = value,
            None => {
                entries.insert(dict_key, (key, value));
            }
        }
    }

    pub fn remove(&self, key: &Value) -> Option<Value> {
        self.entries
            .borrow_mut()
            .shift_remove(&DictKey::of(key))
            .map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &Value) -> bool {
        self.entries.borrow().contains_key(&DictKey::of(key))
    }

    pub fn len(&self) -> usize {
        self.entries.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.borrow().is_empty()
    }

    pub fn keys(&self) -> Vec<Value> {
        self.entries
            .borrow()
            .values()
            .map(|(k, _)| k.clone())
            .collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.entries
            .borrow()
            .values()
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn pairs(&self) -> Vec<(Value, Value)> {
        self.entries.borrow().values().cloned().collect()
    }
}

impl DictKey {
    pub fn of(value: &Value) -> DictKey {
        match value {
            Value::Null => DictKey::Null,
            Value::Bool(b) => DictKey::Bool(*b),
            Value::Byte(n) => DictKey::Integer(i64::from(*n)),
            Value::Int(n) => DictKey::Integer(i64::from(*n)),
            Value::Long(n) => DictKey::Integer(*n),
            Value::String(s) => DictKey::Text(s.to_lowercase()),
            Value::Char(c) => DictKey::Text(c.to_lowercase().collect()),
            other => DictKey::Other(convert::to_string(other, " ")),
        }
    }
}
