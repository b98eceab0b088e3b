//! L1 — the table of known .NET type names: PowerShell's accelerators, the types that have
//! their own [`PsType`] variant, and the named types (static holders, enums, exceptions) with
//! their base types, which `-is` and `catch [T]` walk.

use super::PsType;

/// A type with its own variant: (full name, accelerators and other spellings, variant maker).
type Builtin = (&'static str, &'static [&'static str], fn() -> PsType);

const BUILTIN: &[Builtin] = &[
    ("System.Object", &["object"], || PsType::Object),
    ("System.Void", &["void"], || PsType::Void),
    ("System.Boolean", &["bool", "boolean"], || PsType::Bool),
    ("System.Byte", &["byte"], || PsType::Byte),
    ("System.Char", &["char"], || PsType::Char),
    ("System.Int32", &["int", "int32"], || PsType::Int),
    ("System.Int64", &["long", "int64"], || PsType::Long),
    ("System.Double", &["double"], || PsType::Double),
    ("System.Decimal", &["decimal"], || PsType::Decimal),
    ("System.String", &["string"], || PsType::String),
    ("System.Collections.ArrayList", &["arraylist"], || {
        PsType::ArrayList
    }),
    ("System.Collections.Hashtable", &["hashtable"], || {
        PsType::Hashtable
    }),
    (
        "System.Collections.Specialized.OrderedDictionary",
        &["ordered"],
        || PsType::Ordered,
    ),
    (
        "System.Management.Automation.PSCustomObject",
        &["pscustomobject"],
        || PsType::PsCustomObject,
    ),
    (
        "System.Management.Automation.PSObject",
        &["psobject"],
        || PsType::PsObject,
    ),
    (
        "System.Management.Automation.ScriptBlock",
        &["scriptblock"],
        || PsType::ScriptBlock,
    ),
    (
        "System.Management.Automation.SwitchParameter",
        &["switch"],
        || PsType::Switch,
    ),
    ("System.Version", &["version"], || PsType::Version),
    ("System.Text.RegularExpressions.Regex", &["regex"], || {
        PsType::Regex
    }),
    ("System.Type", &["type"], || PsType::Type),
];

/// Named types: (full name, base type's full name, extra accelerators).
const NAMED: &[(&str, &str, &[&str])] = &[
    ("System.Array", "System.Object", &["array"]),
    ("System.ValueType", "System.Object", &[]),
    ("System.Enum", "System.ValueType", &[]),
    ("System.RuntimeType", "System.Type", &[]),
    ("System.Math", "System.Object", &["math"]),
    ("System.IO.File", "System.Object", &[]),
    (
        "System.Management.Automation.PSCredential",
        "System.Object",
        &["pscredential"],
    ),
    ("System.IO.Path", "System.Object", &[]),
    ("System.IO.Directory", "System.Object", &[]),
    ("System.Convert", "System.Object", &[]),
    ("System.Environment", "System.Object", &[]),
    ("System.BitConverter", "System.Object", &[]),
    ("System.Text.Encoding", "System.Object", &[]),
    ("System.Text.UTF8Encoding", "System.Text.Encoding", &[]),
    ("System.Text.ASCIIEncoding", "System.Text.Encoding", &[]),
    ("System.Text.UnicodeEncoding", "System.Text.Encoding", &[]),
    ("System.Text.UTF32Encoding", "System.Text.Encoding", &[]),
    ("System.Text.RegularExpressions.Group", "System.Object", &[]),
    (
        "System.Text.RegularExpressions.Match",
        "System.Text.RegularExpressions.Group",
        &[],
    ),
    ("System.Guid", "System.ValueType", &["guid"]),
    ("System.DateTime", "System.ValueType", &["datetime"]),
    ("System.TimeSpan", "System.ValueType", &["timespan"]),
    ("System.UInt32", "System.ValueType", &["uint32", "uint"]),
    ("System.UInt64", "System.ValueType", &["uint64", "ulong"]),
    ("System.Int16", "System.ValueType", &["int16", "short"]),
    ("System.UInt16", "System.ValueType", &["uint16", "ushort"]),
    ("System.SByte", "System.ValueType", &["sbyte"]),
    ("System.Single", "System.ValueType", &["single", "float"]),
    (
        "System.Collections.DictionaryEntry",
        "System.ValueType",
        &[],
    ),
    ("System.MidpointRounding", "System.Enum", &[]),
    ("System.StringComparison", "System.Enum", &[]),
    ("System.StringSplitOptions", "System.Enum", &[]),
    (
        "System.Text.RegularExpressions.RegexOptions",
        "System.Enum",
        &[],
    ),
    ("System.ConsoleColor", "System.Enum", &[]),
    (
        "System.Management.Automation.ActionPreference",
        "System.Enum",
        &[],
    ),
    (
        "System.Management.Automation.PSReference",
        "System.Object",
        &["ref"],
    ),
    (
        "System.Management.Automation.ErrorRecord",
        "System.Object",
        &[],
    ),
    ("System.Collections.IEnumerable", "System.Object", &[]),
    (
        "System.Collections.ICollection",
        "System.Collections.IEnumerable",
        &[],
    ),
    (
        "System.Collections.IList",
        "System.Collections.ICollection",
        &[],
    ),
    (
        "System.Collections.IDictionary",
        "System.Collections.ICollection",
        &[],
    ),
    (
        "System.Collections.Specialized.IOrderedDictionary",
        "System.Collections.IDictionary",
        &[],
    ),
    ("System.IComparable", "System.Object", &[]),
    ("System.IFormattable", "System.Object", &[]),
    // Exceptions.
    ("System.Exception", "System.Object", &[]),
    ("System.SystemException", "System.Exception", &[]),
    ("System.ApplicationException", "System.Exception", &[]),
    ("System.ArgumentException", "System.SystemException", &[]),
    (
        "System.ArgumentNullException",
        "System.ArgumentException",
        &[],
    ),
    (
        "System.ArgumentOutOfRangeException",
        "System.ArgumentException",
        &[],
    ),
    (
        "System.InvalidOperationException",
        "System.SystemException",
        &[],
    ),
    (
        "System.ObjectDisposedException",
        "System.InvalidOperationException",
        &[],
    ),
    (
        "System.NotSupportedException",
        "System.SystemException",
        &[],
    ),
    (
        "System.NotImplementedException",
        "System.SystemException",
        &[],
    ),
    ("System.ArithmeticException", "System.SystemException", &[]),
    (
        "System.DivideByZeroException",
        "System.ArithmeticException",
        &[],
    ),
    (
        "System.OverflowException",
        "System.ArithmeticException",
        &[],
    ),
    ("System.FormatException", "System.SystemException", &[]),
    (
        "System.IndexOutOfRangeException",
        "System.SystemException",
        &[],
    ),
    (
        "System.NullReferenceException",
        "System.SystemException",
        &[],
    ),
    ("System.InvalidCastException", "System.SystemException", &[]),
    (
        "System.UnauthorizedAccessException",
        "System.SystemException",
        &[],
    ),
    ("System.TimeoutException", "System.SystemException", &[]),
    (
        "System.OperationCanceledException",
        "System.SystemException",
        &[],
    ),
    (
        "System.Collections.Generic.KeyNotFoundException",
        "System.SystemException",
        &[],
    ),
    ("System.IO.IOException", "System.SystemException", &[]),
    (
        "System.IO.FileNotFoundException",
        "System.IO.IOException",
        &[],
    ),
    (
        "System.IO.DirectoryNotFoundException",
        "System.IO.IOException",
        &[],
    ),
    (
        "System.IO.EndOfStreamException",
        "System.IO.IOException",
        &[],
    ),
    (
        "System.Security.Cryptography.CryptographicException",
        "System.SystemException",
        &[],
    ),
    (
        "System.Security.Authentication.AuthenticationException",
        "System.SystemException",
        &[],
    ),
    (
        "System.Net.Sockets.SocketException",
        "System.SystemException",
        &[],
    ),
    (
        "System.Management.Automation.RuntimeException",
        "System.SystemException",
        &[],
    ),
    (
        "System.Management.Automation.PSInvalidCastException",
        "System.InvalidCastException",
        &[],
    ),
    (
        "System.Management.Automation.PSArgumentException",
        "System.ArgumentException",
        &[],
    ),
    (
        "System.Management.Automation.PSArgumentNullException",
        "System.ArgumentNullException",
        &[],
    ),
    (
        "System.Management.Automation.PSInvalidOperationException",
        "System.InvalidOperationException",
        &[],
    ),
    (
        "System.Management.Automation.PSNotSupportedException",
        "System.NotSupportedException",
        &[],
    ),
    (
        "System.Management.Automation.PSNotImplementedException",
        "System.NotImplementedException",
        &[],
    ),
    (
        "System.Management.Automation.CommandNotFoundException",
        "System.Management.Automation.RuntimeException",
        &[],
    ),
    (
        "System.Management.Automation.ParameterBindingException",
        "System.Management.Automation.RuntimeException",
        &[],
    ),
    (
        "System.Management.Automation.ActionPreferenceStopException",
        "System.Management.Automation.RuntimeException",
        &[],
    ),
    (
        "System.Management.Automation.PipelineStoppedException",
        "System.Management.Automation.RuntimeException",
        &[],
    ),
    (
        "System.Management.Automation.ParseException",
        "System.Management.Automation.RuntimeException",
        &[],
    ),
    (
        "System.Management.Automation.MethodException",
        "System.Management.Automation.RuntimeException",
        &[],
    ),
    (
        "System.Management.Automation.MethodInvocationException",
        "System.Management.Automation.MethodException",
        &[],
    ),
    (
        "System.Management.Automation.MetadataException",
        "System.Management.Automation.RuntimeException",
        &[],
    ),
    (
        "System.Management.Automation.ValidationMetadataException",
        "System.Management.Automation.MetadataException",
        &[],
    ),
    (
        "System.Management.Automation.SessionStateException",
        "System.Management.Automation.RuntimeException",
        &[],
    ),
    (
        "System.Management.Automation.ItemNotFoundException",
        "System.Management.Automation.SessionStateException",
        &[],
    ),
    (
        "System.Management.Automation.DriveNotFoundException",
        "System.Management.Automation.SessionStateException",
        &[],
    ),
    (
        "System.Management.Automation.ProviderNotFoundException",
        "System.Management.Automation.SessionStateException",
        &[],
    ),
    (
        "System.Management.Automation.PSArgumentOutOfRangeException",
        "System.ArgumentOutOfRangeException",
        &[],
    ),
    (
        "Microsoft.PowerShell.Commands.WriteErrorException",
        "System.SystemException",
        &[],
    ),
];

/// Look a (non-generic, non-array) type name up: accelerators, full names, full names
/// without `System.`, and short names of named types, all case-insensitively.
pub(crate) fn lookup(name: &str) -> Option<PsType> {
    let name = name.trim();
    let with_system = format!("System.{name}");
    for candidate in [name, with_system.as_str()] {
        if let Some(ty) = lookup_exact(candidate) {
            return Some(ty);
        }
    }
    // A short name (`RuntimeException`, `IOException`) of a named type.
    NAMED
        .iter()
        .find(|(full, _, _)| short_name(full).eq_ignore_ascii_case(name))
        .map(|(full, _, _)| PsType::Named((*full).into()))
}

/// A full name or accelerator, exactly (but case-insensitively).
fn lookup_exact(name: &str) -> Option<PsType> {
    for (full, aliases, make) in BUILTIN {
        if full.eq_ignore_ascii_case(name) || aliases.iter().any(|a| a.eq_ignore_ascii_case(name)) {
            return Some(make());
        }
    }
    NAMED
        .iter()
        .find(|(full, _, aliases)| {
            full.eq_ignore_ascii_case(name) || aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
        })
        .map(|(full, _, _)| PsType::Named((*full).into()))
}

/// The variant for a full type name as objects carry it (`System.Version` → `Version`);
/// unknown names stay `Named`.
pub(crate) fn from_full_name(full: &str) -> PsType {
    for (name, _, make) in BUILTIN {
        if name.eq_ignore_ascii_case(full) {
            return make();
        }
    }
    PsType::Named(full.into())
}

/// The full name of a builtin variant's type (`Int` → `System.Int32`).
pub(crate) fn builtin_full_name(ty: &PsType) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(_, _, make)| &make() == ty)
        .map(|(full, _, _)| *full)
}

/// The accelerator PowerShell prints for a type in a string (`"$([int])"` → `int`).
pub(crate) fn accelerator(ty: &PsType) -> Option<&'static str> {
    match ty {
        PsType::Object => None,
        PsType::Named(name) => NAMED
            .iter()
            .find(|(full, _, _)| full.eq_ignore_ascii_case(name))
            .and_then(|(_, _, aliases)| aliases.first().copied()),
        other => BUILTIN
            .iter()
            .find(|(_, _, make)| &make() == other)
            .and_then(|(_, aliases, _)| aliases.first().copied()),
    }
}

/// The base type of a named type, by full name.
pub(crate) fn base_of(full: &str) -> Option<&'static str> {
    NAMED
        .iter()
        .find(|(name, _, _)| name.eq_ignore_ascii_case(full))
        .map(|(_, base, _)| *base)
}

/// Is this a known exception type (derives from `System.Exception`)?
pub(crate) fn is_exception(full: &str) -> bool {
    let mut current = full;
    for _ in 0..16 {
        if current.eq_ignore_ascii_case("System.Exception") {
            return true;
        }
        match base_of(current) {
            Some(base) => current = base,
            None => return false,
        }
    }
    false
}

/// Is this a known enum type?
pub(crate) fn is_enum(full: &str) -> bool {
    base_of(full).is_some_and(|base| base == "System.Enum")
}

/// The last dotted segment of a full name.
pub(crate) fn short_name(full: &str) -> &str {
    full.rsplit('.').next().unwrap_or(full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accelerators_and_full_names_resolve() {
        assert_eq!(lookup("int"), Some(PsType::Int));
        assert_eq!(lookup("System.Int32"), Some(PsType::Int));
        assert_eq!(lookup("INT32"), Some(PsType::Int));
        assert_eq!(lookup("Int64"), Some(PsType::Long));
        assert_eq!(lookup("Collections.Hashtable"), Some(PsType::Hashtable));
        assert_eq!(
            lookup("DivideByZeroException"),
            Some(PsType::Named("System.DivideByZeroException".into()))
        );
        assert_eq!(
            lookup("RuntimeException"),
            Some(PsType::Named(
                "System.Management.Automation.RuntimeException".into()
            ))
        );
        assert_eq!(
            lookup("IO.File"),
            Some(PsType::Named("System.IO.File".into()))
        );
        assert_eq!(lookup("nosuchtype"), None);
    }

    #[test]
    fn exception_hierarchy_is_known() {
        assert!(is_exception("System.DivideByZeroException"));
        assert!(is_exception(
            "System.Management.Automation.ItemNotFoundException"
        ));
        assert!(!is_exception("System.Math"));
        assert!(is_enum("System.MidpointRounding"));
    }

    #[test]
    fn accelerators_print_short() {
        assert_eq!(accelerator(&PsType::Int), Some("int"));
        assert_eq!(accelerator(&PsType::Object), None);
        assert_eq!(accelerator(&PsType::Named("System.IO.File".into())), None);
    }
}
