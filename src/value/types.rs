//! L1 — the .NET-like type system: type literals, casts' targets, `GetType()`, `-is`, and the
//! exception hierarchy `catch [T]` matches against.

use std::rc::Rc;

use crate::syntax::ast::TypeName;

use super::type_table;
use super::{ArrayKind, ObjectKind, Value, ValueError};

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
        let not_found = || ValueError::TypeNotFound {
            name: name.to_string(),
        };
        match name {
            TypeName::Simple(simple) => type_table::lookup(simple).ok_or_else(not_found),
            TypeName::Array(inner) => Ok(PsType::Array(Box::new(PsType::resolve(inner)?))),
            TypeName::Generic(generic, args) => {
                let base = generic.trim().to_ascii_lowercase();
                let base = base.strip_prefix("system.").unwrap_or(&base);
                let base = base.strip_prefix("collections.generic.").unwrap_or(base);
                let base = base.split('`').next().unwrap_or(base);
                let first = match args.first() {
                    Some(arg) => PsType::resolve(arg)?,
                    None => return Err(not_found()),
                };
                match (base, args.len()) {
                    ("list", 1) => Ok(PsType::List(Box::new(first))),
                    ("nullable", 1) => Ok(first),
                    ("dictionary" | "sorteddictionary", 2) => {
                        PsType::resolve(&args[1])?;
                        Ok(PsType::Hashtable)
                    }
                    _ => Err(not_found()),
                }
            }
        }
    }

    /// Resolve a type name given as a string (`[type]'int'`, `-is 'string'`).
    pub fn resolve_str(text: &str) -> Result<PsType, ValueError> {
        let parsed = parse_type_name(text).ok_or_else(|| ValueError::TypeNotFound {
            name: text.to_string(),
        })?;
        PsType::resolve(&parsed)
    }

    /// `System.Int32`, `System.Object[]`, `System.Collections.Generic.List`1[[System.Int32…]]`.
    pub fn full_name(&self) -> String {
        match self {
            PsType::Array(elem) => format!("{}[]", elem.full_name()),
            PsType::List(elem) => format!(
                "System.Collections.Generic.List`1[[{}, System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e]]",
                elem.full_name()
            ),
            PsType::Named(name) => name.to_string(),
            other => type_table::builtin_full_name(other)
                .unwrap_or("System.Object")
                .to_string(),
        }
    }

    /// `Int32`, `Object[]`, `Hashtable`, `OrderedDictionary`, `PSCustomObject`.
    pub fn name(&self) -> String {
        match self {
            PsType::Array(elem) => format!("{}[]", elem.name()),
            PsType::List(_) => "List`1".to_string(),
            other => type_table::short_name(&other.full_name()).to_string(),
        }
    }

    /// The namespace part of the full name (`System`, `System.Collections`).
    pub fn namespace(&self) -> String {
        match self {
            PsType::Array(elem) => elem.namespace(),
            PsType::List(_) => "System.Collections.Generic".to_string(),
            other => {
                let full = other.full_name();
                full.rsplit_once('.')
                    .map(|(ns, _)| ns.to_string())
                    .unwrap_or_default()
            }
        }
    }

    /// How PowerShell writes the type in a string: the accelerator when there is one
    /// (`"$([int])"` → `int`), else the full name.
    pub fn display_name(&self) -> String {
        match self {
            PsType::Array(elem) => format!("{}[]", elem.display_name()),
            PsType::List(elem) => {
                format!("System.Collections.Generic.List[{}]", elem.display_name())
            }
            other => type_table::accelerator(other)
                .map(str::to_string)
                .unwrap_or_else(|| other.full_name()),
        }
    }

    /// Is this `System.Exception` or one of its known subclasses?
    pub fn is_exception(&self) -> bool {
        matches!(self, PsType::Named(name) if type_table::is_exception(name))
    }

    /// Is this a known enum type (`System.MidpointRounding` …)?
    pub fn is_enum(&self) -> bool {
        matches!(self, PsType::Named(name) if type_table::is_enum(name))
    }

    /// Is a value of this type a .NET value type (numbers, bool, char, structs, enums)?
    pub fn is_value_type(&self) -> bool {
        match self {
            PsType::Bool
            | PsType::Byte
            | PsType::Char
            | PsType::Int
            | PsType::Long
            | PsType::Double
            | PsType::Decimal
            | PsType::Switch => true,
            PsType::Named(name) => {
                let mut current: &str = name;
                for _ in 0..8 {
                    if current == "System.ValueType" {
                        return true;
                    }
                    match type_table::base_of(current) {
                        Some(base) => current = base,
                        None => return false,
                    }
                }
                false
            }
            _ => false,
        }
    }

    /// The direct base type, as `.BaseType` shows it (`None` for `Object` and interfaces).
    pub fn base_type(&self) -> Option<PsType> {
        let base = match self {
            PsType::Object | PsType::Void => return None,
            PsType::Array(_) => "System.Array",
            PsType::Bool
            | PsType::Byte
            | PsType::Char
            | PsType::Int
            | PsType::Long
            | PsType::Double
            | PsType::Decimal
            | PsType::Switch => "System.ValueType",
            PsType::Named(name) => type_table::base_of(name)?,
            _ => "System.Object",
        };
        Some(type_table::from_full_name(base))
    }

    /// True when `self` is `other` or derives from it (`DivideByZeroException` is an
    /// `ArithmeticException` is a `SystemException` is an `Exception`; everything is `Object`).
    pub fn is_assignable_to(&self, other: &PsType) -> bool {
        if self == other {
            return true;
        }
        if *self == PsType::Void {
            return false;
        }
        match (self, other) {
            (_, PsType::Object) => true,
            (PsType::PsCustomObject, PsType::PsObject) => true,
            (PsType::Array(elem), PsType::Array(target)) => {
                !elem.is_value_type() && elem.is_assignable_to(target)
            }
            _ => {
                self.interfaces()
                    .iter()
                    .any(|name| matches!(other, PsType::Named(n) if n.eq_ignore_ascii_case(name)))
                    || self
                        .base_type()
                        .is_some_and(|base| base != *self && base.is_assignable_to(other))
            }
        }
    }

    /// The interfaces `-is` knows about for this type.
    fn interfaces(&self) -> &'static [&'static str] {
        const LIST: &[&str] = &[
            "System.Collections.IList",
            "System.Collections.ICollection",
            "System.Collections.IEnumerable",
        ];
        const DICT: &[&str] = &[
            "System.Collections.IDictionary",
            "System.Collections.ICollection",
            "System.Collections.IEnumerable",
        ];
        const ORDERED: &[&str] = &[
            "System.Collections.Specialized.IOrderedDictionary",
            "System.Collections.IDictionary",
            "System.Collections.ICollection",
            "System.Collections.IEnumerable",
        ];
        const NUMBER: &[&str] = &["System.IComparable", "System.IFormattable"];
        const STRING: &[&str] = &["System.IComparable", "System.Collections.IEnumerable"];
        const COMPARABLE: &[&str] = &["System.IComparable"];
        match self {
            PsType::Array(_) | PsType::List(_) | PsType::ArrayList => LIST,
            PsType::Hashtable => DICT,
            PsType::Ordered => ORDERED,
            PsType::Byte | PsType::Int | PsType::Long | PsType::Double | PsType::Decimal => NUMBER,
            PsType::String => STRING,
            PsType::Bool | PsType::Char | PsType::Version => COMPARABLE,
            _ => &[],
        }
    }

    /// The runtime type of a value (`GetType()`). `$null` has none: `Void` (assignable to
    /// nothing, so `$null -is [object]` is false).
    pub fn of(value: &Value) -> PsType {
        match value {
            Value::Null => PsType::Void,
            Value::Bool(_) => PsType::Bool,
            Value::Byte(_) => PsType::Byte,
            Value::Int(_) => PsType::Int,
            Value::Long(_) => PsType::Long,
            Value::Double(_) => PsType::Double,
            Value::Decimal(_) => PsType::Decimal,
            Value::Char(_) => PsType::Char,
            Value::String(_) => PsType::String,
            Value::Array(array) => match &array.kind {
                ArrayKind::Fixed(elem) => PsType::Array(Box::new(elem.clone())),
                ArrayKind::List(elem) => PsType::List(Box::new(elem.clone())),
                ArrayKind::ArrayList => PsType::ArrayList,
            },
            Value::Dict(dict) => {
                if dict.ordered {
                    PsType::Ordered
                } else {
                    PsType::Hashtable
                }
            }
            Value::Object(object) => match object.kind {
                ObjectKind::Custom => PsType::PsCustomObject,
                _ => type_table::from_full_name(&object.type_name),
            },
            Value::ScriptBlock(_) => PsType::ScriptBlock,
            Value::Type(_) => PsType::Named("System.RuntimeType".into()),
        }
    }
}

/// Parse a type name written as text: `int`, `string[]`, `List[int]`,
/// `System.Collections.Generic.Dictionary[string,int]`, optionally in brackets.
pub fn parse_type_name(text: &str) -> Option<TypeName> {
    let text = text.trim();
    let text = match text.strip_prefix('[') {
        Some(inner) if text.ends_with(']') && balanced(&inner[..inner.len() - 1]) => {
            &inner[..inner.len() - 1]
        }
        _ => text,
    };
    if text.is_empty() {
        return None;
    }
    if let Some(inner) = text.strip_suffix("[]") {
        return Some(TypeName::Array(Box::new(parse_type_name(inner)?)));
    }
    if let Some(open) = text.find('[') {
        let inner = text[open + 1..].strip_suffix(']')?;
        let args = split_top_level(inner)
            .into_iter()
            .map(parse_type_name)
            .collect::<Option<Vec<_>>>()?;
        return Some(TypeName::Generic(text[..open].trim().to_string(), args));
    }
    if text.contains([']', ',', ' ']) {
        return None;
    }
    Some(TypeName::Simple(text.to_string()))
}

/// Are the brackets in `text` balanced?
fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// Split generic arguments at top-level commas.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn simple(name: &str) -> TypeName {
        TypeName::Simple(name.to_string())
    }

    fn resolve(text: &str) -> PsType {
        PsType::resolve_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn resolves_accelerators_arrays_and_generics() {
        assert_eq!(PsType::resolve(&simple("int")), Ok(PsType::Int));
        assert_eq!(resolve("string[]"), PsType::Array(Box::new(PsType::String)));
        assert_eq!(
            resolve("System.Collections.Generic.List[int]"),
            PsType::List(Box::new(PsType::Int))
        );
        assert_eq!(
            resolve("List[string]"),
            PsType::List(Box::new(PsType::String))
        );
        assert_eq!(resolve("Dictionary[string,int]"), PsType::Hashtable);
        assert_eq!(resolve("[ordered]"), PsType::Ordered);
        assert_eq!(resolve("array"), PsType::Named("System.Array".into()));
        assert_eq!(
            PsType::resolve(&simple("Nope.Nothing")),
            Err(ValueError::TypeNotFound {
                name: "Nope.Nothing".into()
            })
        );
    }

    #[test]
    fn names_match_dotnet() {
        assert_eq!(PsType::Int.full_name(), "System.Int32");
        assert_eq!(PsType::Int.name(), "Int32");
        assert_eq!(PsType::Array(Box::new(PsType::Object)).name(), "Object[]");
        assert_eq!(
            PsType::Array(Box::new(PsType::String)).full_name(),
            "System.String[]"
        );
        assert_eq!(
            PsType::Hashtable.full_name(),
            "System.Collections.Hashtable"
        );
        assert_eq!(PsType::Ordered.name(), "OrderedDictionary");
        assert_eq!(
            PsType::PsCustomObject.full_name(),
            "System.Management.Automation.PSCustomObject"
        );
        assert_eq!(PsType::List(Box::new(PsType::Int)).name(), "List`1");
        assert!(
            PsType::List(Box::new(PsType::Int))
                .full_name()
                .starts_with("System.Collections.Generic.List`1[[System.Int32,")
        );
        assert_eq!(resolve("RuntimeException").name(), "RuntimeException");
        assert_eq!(PsType::Int.display_name(), "int");
        assert_eq!(resolve("System.IO.File").display_name(), "System.IO.File");
        assert_eq!(PsType::Hashtable.namespace(), "System.Collections");
    }

    #[test]
    fn exception_hierarchy() {
        let t = resolve;
        assert!(t("DivideByZeroException").is_assignable_to(&t("ArithmeticException")));
        assert!(t("DivideByZeroException").is_assignable_to(&t("System.Exception")));
        assert!(!t("InvalidOperationException").is_assignable_to(&t("ArgumentException")));
        assert!(t("ArgumentNullException").is_assignable_to(&t("ArgumentException")));
        assert!(t("RuntimeException").is_assignable_to(&t("SystemException")));
        assert!(t("PSInvalidCastException").is_assignable_to(&t("InvalidCastException")));
        assert!(t("ItemNotFoundException").is_assignable_to(&t("RuntimeException")));
        assert!(t("FileNotFoundException").is_assignable_to(&t("IOException")));
        assert!(t("Exception").is_assignable_to(&PsType::Object));
        assert!(t("Exception").is_exception());
        assert!(!PsType::Int.is_exception());
    }

    #[test]
    fn value_types_and_collections() {
        assert!(PsType::Int.is_assignable_to(&PsType::Int));
        assert!(!PsType::Int.is_assignable_to(&PsType::Long));
        assert!(PsType::Int.is_assignable_to(&PsType::Object));
        assert!(PsType::Int.is_assignable_to(&resolve("ValueType")));
        let objects = PsType::Array(Box::new(PsType::Object));
        let strings = PsType::Array(Box::new(PsType::String));
        let ints = PsType::Array(Box::new(PsType::Int));
        assert!(objects.is_assignable_to(&resolve("array")));
        assert!(ints.is_assignable_to(&resolve("array")));
        assert!(strings.is_assignable_to(&objects));
        assert!(!ints.is_assignable_to(&objects));
        assert!(PsType::Hashtable.is_assignable_to(&resolve("System.Collections.IDictionary")));
        assert!(PsType::Ordered.is_assignable_to(&resolve("Collections.IEnumerable")));
        assert!(PsType::PsCustomObject.is_assignable_to(&PsType::PsObject));
        assert!(!PsType::String.is_assignable_to(&PsType::PsObject));
        assert!(!PsType::Void.is_assignable_to(&PsType::Object));
        assert!(
            PsType::of(&Value::Type(std::rc::Rc::new(PsType::Int))).is_assignable_to(&PsType::Type)
        );
    }

    #[test]
    fn types_of_values() {
        assert_eq!(PsType::of(&Value::Int(2)).full_name(), "System.Int32");
        assert_eq!(PsType::of(&Value::Double(5.1)).full_name(), "System.Double");
        assert_eq!(PsType::of(&Value::str("x")).name(), "String");
        assert_eq!(PsType::of(&Value::array(vec![])).name(), "Object[]");
        assert_eq!(
            PsType::of(&Value::Dict(std::rc::Rc::new(super::super::Dict::new(
                true
            ))))
            .name(),
            "OrderedDictionary"
        );
        let error =
            super::super::PsObject::exception("System.Management.Automation.RuntimeException", "x");
        assert_eq!(
            PsType::of(&Value::Object(std::rc::Rc::new(error))).name(),
            "RuntimeException"
        );
        assert_eq!(
            PsType::of(&Value::Type(std::rc::Rc::new(PsType::Int))).name(),
            "RuntimeType"
        );
    }

    #[test]
    fn parses_type_names_from_text() {
        assert_eq!(parse_type_name("int"), Some(simple("int")));
        assert_eq!(
            parse_type_name("[string[]]"),
            Some(TypeName::Array(Box::new(simple("string"))))
        );
        assert_eq!(
            parse_type_name("Dictionary[string, int]"),
            Some(TypeName::Generic(
                "Dictionary".into(),
                vec![simple("string"), simple("int")]
            ))
        );
        assert_eq!(parse_type_name(""), None);
    }
}
