//! L1 — the .NET-like type system: type literals, casts' targets, `GetType()`, `-is`, and the
//! exception hierarchy `catch [T]` matches against.

use std::rc::Rc;

use crate::syntax::ast::TypeName;

use super::{Value, ValueError};

/// A runtime type.
#[derive(Debug, Clone, PartialEq)]
pub enum PsType {
    Object,
    Void,
    Bool,
    Byte,
    Char,
    Int,
    Long,
    Double,
    Decimal,
    String,
    /// `T[]`
    Array(Box<PsType>),
    /// `System.Collections.Generic.List[T]`
    List(Box<PsType>),
    ArrayList,
    Hashtable,
    Ordered,
    PsCustomObject,
    PsObject,
    ScriptBlock,
    /// `[switch]` (`System.Management.Automation.SwitchParameter`)
    Switch,
    Version,
    Regex,
    /// `System.Type` (the type of a type literal)
    Type,
    /// Any other known type by full name: static holders (`System.Math`, `System.IO.File`),
    /// enums (`System.MidpointRounding`), exception types, `System.DateTime` …
    Named(Rc<str>),
}

impl PsType {
    /// Resolve a type literal as written (`int`, `System.Int32`, `string[]`, `List[int]`,
    /// `ordered`, `DivideByZeroException` …), case-insensitively, accepting PowerShell's
    /// accelerators and names with or without the `System.` prefix.
    pub fn resolve(name: &TypeName) -> Result<PsType, ValueError> {
        let _ = name;
        todo!("value helper")
    }

    /// `System.Int32`, `System.Object[]`, `System.Collections.Generic.List`1[[System.Int32…]]`.
    pub fn full_name(&self) -> String {
        todo!("value helper")
    }

    /// `Int32`, `Object[]`, `Hashtable`, `OrderedDictionary`, `PSCustomObject`.
    pub fn name(&self) -> String {
        todo!("value helper")
    }

    /// True when `self` is `other` or derives from it (`DivideByZeroException` is an
    /// `ArithmeticException` is a `SystemException` is an `Exception`; everything is `Object`).
    pub fn is_assignable_to(&self, other: &PsType) -> bool {
        let _ = other;
        todo!("value helper")
    }

    /// The runtime type of a value (`GetType()`).
    pub fn of(value: &Value) -> PsType {
        let _ = value;
        todo!("value helper")
    }
}
