//! L1 — property bags: `[pscustomobject]`, error records, exceptions and other .NET-like objects.

use std::cell::RefCell;
use std::rc::Rc;

use super::Value;

/// Which kind of .NET object a [`PsObject`] stands for; decides its string form and methods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectKind {
    /// `System.Management.Automation.PSCustomObject`: stringifies as `@{a=1; b=2}`.
    Custom,
    /// `System.Management.Automation.ErrorRecord`: stringifies as its exception's message.
    ErrorRecord,
    /// An exception (`type_name` is e.g. `System.DivideByZeroException`): its `Message`.
    Exception,
    /// Any other typed object (GroupInfo, MeasureInfo, Version, DictionaryEntry, …): its
    /// string form is the `to_string` value if set, else the type name.
    Typed,
}

/// An object with named properties in a fixed order and a .NET type name.
#[derive(Debug)]
pub struct PsObject {
    pub kind: ObjectKind,
    /// Full .NET type name, e.g. `System.Management.Automation.PSCustomObject`.
    pub type_name: Rc<str>,
    pub props: RefCell<PropertyBag>,
    /// What `.ToString()` and string conversion give for `Typed` objects, when not the type name.
    pub display: Option<Rc<str>>,
}

/// Ordered properties, looked up case-insensitively.
#[derive(Debug, Clone, Default)]
pub struct PropertyBag {
    entries: Vec<(Rc<str>, Value)>,
}

impl PropertyBag {
    pub fn new() -> PropertyBag {
        PropertyBag::default()
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.position(name).map(|i| &self.entries[i].1)
    }

    /// Set a property, adding it at the end when new (its first spelling is kept).
    pub fn set(&mut self, name: &str, value: Value) {
        match self.position(name) {
            Some(i) => self.entries[i].1 = value,
            None => self.entries.push((intern(name), value)),
        }
    }

    pub fn contains(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    pub fn names(&self) -> impl Iterator<Item = &Rc<str>> {
        self.entries.iter().map(|(name, _)| name)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Rc<str>, &Value)> {
        self.entries.iter().map(|(name, value)| (name, value))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case(name))
    }
}

/// Property names shared by every object that has them: a listing of 10,000 connectors
/// allocates each of their ~40 names once, not 10,000 times. Bounded, so odd names from
/// data (JSON keys) cannot grow it without limit.
fn intern(name: &str) -> Rc<str> {
    const MAX_NAMES: usize = 4096;
    const MAX_LEN: usize = 64;
    thread_local! {
        static NAMES: std::cell::RefCell<std::collections::HashMap<Box<str>, Rc<str>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    if name.len() > MAX_LEN {
        return name.into();
    }
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some(shared) = names.get(name) {
            return shared.clone();
        }
        let shared: Rc<str> = name.into();
        if names.len() < MAX_NAMES {
            names.insert(name.into(), shared.clone());
        }
        shared
    })
}

pub const PSCUSTOMOBJECT: &str = "System.Management.Automation.PSCustomObject";
pub const ERROR_RECORD: &str = "System.Management.Automation.ErrorRecord";

impl PsObject {
    pub fn new(kind: ObjectKind, type_name: &str, props: PropertyBag) -> PsObject {
        PsObject {
            kind,
            type_name: type_name.into(),
            props: RefCell::new(props),
            display: None,
        }
    }

    /// A `[pscustomobject]` with these properties.
    pub fn custom(props: PropertyBag) -> PsObject {
        PsObject::new(ObjectKind::Custom, PSCUSTOMOBJECT, props)
    }

    /// An exception object of `type_name` with `Message` (and `InnerException` = null).
    pub fn exception(type_name: &str, message: &str) -> PsObject {
        let mut props = PropertyBag::new();
        props.set("Message", Value::str(message));
        props.set("InnerException", Value::Null);
        PsObject::new(ObjectKind::Exception, type_name, props)
    }

    pub fn get(&self, name: &str) -> Option<Value> {
        self.props.borrow().get(name).cloned()
    }

    pub fn set(&self, name: &str, value: Value) {
        self.props.borrow_mut().set(name, value);
    }

    /// The short type name (`PSCustomObject`, `Int32`).
    pub fn short_type_name(&self) -> &str {
        self.type_name.rsplit('.').next().unwrap_or(&self.type_name)
    }
}
