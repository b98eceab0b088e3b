//! L1 — .NET enum values (`[MidpointRounding]::AwayFromZero`, `[StringSplitOptions]`,
//! `[RegexOptions]` …): typed objects whose display is the member name (flags joined by
//! `, `), converted from names or numbers and back to numbers.

use std::rc::Rc;

use super::object::{ObjectKind, PropertyBag, PsObject};
use super::{Value, ValueError};

/// (enum full name, is a [Flags] enum, members in declaration order)
type EnumTable = (&'static str, bool, &'static [(&'static str, i64)]);

const ENUMS: &[EnumTable] = &[
    (
        "System.MidpointRounding",
        false,
        &[
            ("ToEven", 0),
            ("AwayFromZero", 1),
            ("ToZero", 2),
            ("ToNegativeInfinity", 3),
            ("ToPositiveInfinity", 4),
        ],
    ),
    (
        "System.StringComparison",
        false,
        &[
            ("CurrentCulture", 0),
            ("CurrentCultureIgnoreCase", 1),
            ("InvariantCulture", 2),
            ("InvariantCultureIgnoreCase", 3),
            ("Ordinal", 4),
            ("OrdinalIgnoreCase", 5),
        ],
    ),
    (
        "System.StringSplitOptions",
        true,
        &[("None", 0), ("RemoveEmptyEntries", 1), ("TrimEntries", 2)],
    ),
    (
        "System.Text.RegularExpressions.RegexOptions",
        true,
        &[
            ("None", 0),
            ("IgnoreCase", 1),
            ("Multiline", 2),
            ("ExplicitCapture", 4),
            ("Compiled", 8),
            ("Singleline", 16),
            ("IgnorePatternWhitespace", 32),
            ("RightToLeft", 64),
            ("ECMAScript", 256),
            ("CultureInvariant", 512),
            ("NonBacktracking", 1024),
        ],
    ),
    (
        "System.ConsoleColor",
        false,
        &[
            ("Black", 0),
            ("DarkBlue", 1),
            ("DarkGreen", 2),
            ("DarkCyan", 3),
            ("DarkRed", 4),
            ("DarkMagenta", 5),
            ("DarkYellow", 6),
            ("Gray", 7),
            ("DarkGray", 8),
            ("Blue", 9),
            ("Green", 10),
            ("Cyan", 11),
            ("Red", 12),
            ("Magenta", 13),
            ("Yellow", 14),
            ("White", 15),
        ],
    ),
    (
        "System.Management.Automation.ActionPreference",
        false,
        &[
            ("SilentlyContinue", 0),
            ("Stop", 1),
            ("Continue", 2),
            ("Inquire", 3),
            ("Ignore", 4),
            ("Suspend", 5),
            ("Break", 6),
        ],
    ),
];

fn table(type_name: &str) -> Option<&'static EnumTable> {
    ENUMS
        .iter()
        .find(|(name, _, _)| name.eq_ignore_ascii_case(type_name))
}

/// The member names of an enum type, in declaration order.
pub fn names(type_name: &str) -> Option<Vec<&'static str>> {
    table(type_name).map(|(_, _, members)| members.iter().map(|(n, _)| *n).collect())
}

/// `[Enum]::Member`: the value of a member by name (case-insensitive).
pub fn member(type_name: &str, name: &str) -> Option<Value> {
    let (full, _, members) = table(type_name)?;
    members
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(n, _)| make(full, n))
}

/// Convert a name (`'AwayFromZero'`, flags as `'IgnoreCase, Multiline'`), a number or an
/// enum value of the same type to a value of the enum `type_name`.
pub fn convert(type_name: &str, value: &Value) -> Result<Value, ValueError> {
    let (full, flags, members) = table(type_name).ok_or_else(|| ValueError::TypeNotFound {
        name: type_name.to_string(),
    })?;
    let number = match value {
        Value::Object(object) if object.type_name.eq_ignore_ascii_case(full) => {
            return Ok(value.clone());
        }
        Value::Object(object) => numeric_value(object),
        Value::String(text) => Some(parse_names(full, *flags, members, text)?),
        Value::Int(n) => Some(i64::from(*n)),
        Value::Long(n) => Some(*n),
        Value::Byte(n) => Some(i64::from(*n)),
        _ => None,
    };
    let number = number.ok_or_else(|| invalid(value, full, "Invalid cast."))?;
    Ok(make(full, &display(*flags, members, number)))
}

/// The numeric value of an enum object (`value__`).
pub fn numeric_value(object: &PsObject) -> Option<i64> {
    let (_, flags, members) = table(&object.type_name)?;
    let display = object.display.as_deref()?;
    if let Ok(n) = display.parse::<i64>() {
        return Some(n);
    }
    let mut total = 0;
    for part in display.split(',') {
        let part = part.trim();
        let (_, value) = members.iter().find(|(n, _)| n.eq_ignore_ascii_case(part))?;
        if !flags {
            return Some(*value);
        }
        total |= value;
    }
    Some(total)
}

/// Is this object a value of one of the known enums?
pub fn is_enum_value(object: &PsObject) -> bool {
    object.kind == ObjectKind::Typed && table(&object.type_name).is_some()
}

fn make(full: &str, name: &str) -> Value {
    let mut object = PsObject::new(ObjectKind::Typed, full, PropertyBag::new());
    object.display = Some(name.into());
    Value::Object(Rc::new(object))
}

fn parse_names(
    full: &str,
    flags: bool,
    members: &[(&str, i64)],
    text: &str,
) -> Result<i64, ValueError> {
    if let Ok(n) = text.trim().parse::<i64>() {
        return Ok(n);
    }
    let mut total = 0;
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    if parts.len() > 1 && !flags {
        return Err(invalid(&Value::str(text), full, "Invalid enum value."));
    }
    for part in parts {
        match members.iter().find(|(n, _)| n.eq_ignore_ascii_case(part)) {
            Some((_, value)) => total |= value,
            None => {
                let names: Vec<&str> = members.iter().map(|(n, _)| *n).collect();
                let reason = format!(
                    "Unable to match the identifier name {part} to a valid enumerator name. Specify one of the following enumerator names and try again:\n{}",
                    names.join(", ")
                );
                return Err(invalid(&Value::str(text), full, &reason));
            }
        }
    }
    Ok(total)
}

/// The name(s) for a number: the exact member, or flags joined by `, `, or the number.
fn display(flags: bool, members: &[(&str, i64)], number: i64) -> String {
    if let Some((name, _)) = members.iter().find(|(_, v)| *v == number) {
        return (*name).to_string();
    }
    if flags && number > 0 {
        let mut rest = number;
        let mut names = Vec::new();
        for (name, value) in members.iter().rev() {
            if *value != 0 && rest & value == *value {
                names.push(*name);
                rest &= !value;
            }
        }
        if rest == 0 {
            names.reverse();
            return names.join(", ");
        }
    }
    number.to_string()
}

fn invalid(value: &Value, to: &str, reason: &str) -> ValueError {
    ValueError::InvalidCast {
        value: super::convert::to_string(value, " "),
        to: to.to_string(),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::convert::to_string;

    fn number_of(value: &Value) -> Option<i64> {
        match value {
            Value::Object(o) => numeric_value(o),
            _ => None,
        }
    }

    #[test]
    fn members_by_name() {
        let away = member("System.MidpointRounding", "awayfromzero").expect("member");
        assert_eq!(to_string(&away, " "), "AwayFromZero");
        assert_eq!(number_of(&away), Some(1));
        assert!(member("System.MidpointRounding", "Sideways").is_none());
    }

    #[test]
    fn converts_names_numbers_and_flags() {
        let v = convert(
            "System.StringSplitOptions",
            &Value::str("RemoveEmptyEntries"),
        )
        .expect("convert");
        assert_eq!(number_of(&v), Some(1));
        let v = convert(
            "System.Text.RegularExpressions.RegexOptions",
            &Value::Int(3),
        )
        .expect("convert");
        assert_eq!(to_string(&v, " "), "IgnoreCase, Multiline");
        assert_eq!(number_of(&v), Some(3));
        let v = convert(
            "System.Text.RegularExpressions.RegexOptions",
            &Value::str("Multiline, IgnoreCase"),
        )
        .expect("convert");
        assert_eq!(to_string(&v, " "), "IgnoreCase, Multiline");
        assert!(convert("System.MidpointRounding", &Value::str("Up")).is_err());
        assert!(convert("System.ConsoleColor", &Value::Double(1.0)).is_err());
    }
}
