//! L4 — the views pwsh's format files (DotNetTypes, PowerShellCore) register for the .NET
//! types our values model: their table columns (with fixed widths and alignment) and list
//! properties, and the family of types each view is selected by.

use super::display::RUNTIME_TYPE;
use super::view::{Align, Column};
use crate::value::builtin::{DICTIONARY_ENTRY, VERSION};

/// A registered view.
#[derive(Debug)]
pub struct KnownView {
    /// The types the view is selected by (a type and the types deriving from it).
    pub types: &'static [&'static str],
    /// Table columns: label, property, width (0 = share the free space), alignment.
    pub table: &'static [(&'static str, &'static str, usize, Align)],
    /// List properties; empty when the type has no list view.
    pub list: &'static [&'static str],
}

impl KnownView {
    /// The table columns, when the type has a table view.
    pub fn table_columns(&self) -> Option<Vec<Column>> {
        if self.table.is_empty() {
            return None;
        }
        let columns = self
            .table
            .iter()
            .map(|(label, property, width, align)| Column {
                label: label.to_string(),
                property: property.to_string(),
                width: *width,
                align: *align,
            })
            .collect();
        Some(columns)
    }

    /// The list properties, when the type has a list view.
    pub fn list_names(&self) -> Option<Vec<String>> {
        (!self.list.is_empty()).then(|| self.list.iter().map(|n| n.to_string()).collect())
    }

    /// Is `type_name` one of the types this view is for?
    pub fn selects(&self, type_name: &str) -> bool {
        self.types.iter().any(|t| t.eq_ignore_ascii_case(type_name))
    }
}

const L: Align = Align::Left;
const R: Align = Align::Right;

static KNOWN_VIEWS: &[KnownView] = &[
    KnownView {
        types: &[DICTIONARY_ENTRY],
        table: &[("Name", "Name", 30, L), ("Value", "Value", 0, L)],
        list: &["Name", "Value"],
    },
    KnownView {
        types: &[VERSION],
        table: &[
            ("Major", "Major", 6, L),
            ("Minor", "Minor", 6, L),
            ("Build", "Build", 6, L),
            ("Revision", "Revision", 8, L),
        ],
        list: &[],
    },
    KnownView {
        types: &[RUNTIME_TYPE],
        table: &[
            ("IsPublic", "IsPublic", 8, L),
            ("IsSerial", "IsSerial", 8, L),
            ("Name", "Name", 40, L),
            ("BaseType", "BaseType", 0, L),
        ],
        list: &[],
    },
    KnownView {
        types: &["Microsoft.PowerShell.Commands.GroupInfo"],
        table: &[
            ("Count", "Count", 5, R),
            ("Name", "Name", 25, L),
            ("Group", "Group", 0, L),
        ],
        list: &["Name", "Count", "Group", "Values"],
    },
    KnownView {
        types: &["Microsoft.PowerShell.Commands.GroupInfoNoElement"],
        table: &[("Count", "Count", 5, R), ("Name", "Name", 0, L)],
        list: &[],
    },
    // pwsh shows an alias's DisplayName (`dir -> Get-ChildItem`) and other commands' Name,
    // which DisplayName equals for them.
    KnownView {
        types: &[
            "System.Management.Automation.CommandInfo",
            "System.Management.Automation.AliasInfo",
            "System.Management.Automation.ApplicationInfo",
            "System.Management.Automation.CmdletInfo",
            "System.Management.Automation.ExternalScriptInfo",
            "System.Management.Automation.FilterInfo",
            "System.Management.Automation.FunctionInfo",
            "System.Management.Automation.ScriptInfo",
        ],
        table: &[
            ("CommandType", "CommandType", 15, L),
            ("Name", "DisplayName", 50, L),
            ("Version", "Version", 10, L),
            ("Source", "Source", 0, L),
        ],
        list: &["Name", "CommandType", "Definition"],
    },
    KnownView {
        types: &["System.Management.Automation.PSVariable"],
        table: &[("Name", "Name", 30, L), ("Value", "Value", 0, L)],
        list: &[],
    },
];

/// The registered view for objects of `type_name`, if any.
pub fn known_view(type_name: &str) -> Option<&'static KnownView> {
    KNOWN_VIEWS.iter().find(|view| view.selects(type_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_types_share_one_view() {
        let cmdlet = known_view("System.Management.Automation.CmdletInfo");
        let alias = known_view("System.Management.Automation.AliasInfo");
        assert!(cmdlet.is_some_and(|v| v.selects("System.Management.Automation.AliasInfo")));
        let columns = alias.and_then(KnownView::table_columns).unwrap_or_default();
        assert_eq!(columns[1].label, "Name");
        assert_eq!(columns[1].property, "DisplayName");
        assert_eq!(columns[1].width, 50);
    }

    #[test]
    fn unknown_types_have_no_view() {
        assert!(known_view("System.Management.Automation.PSCustomObject").is_none());
        assert!(
            known_view(VERSION)
                .and_then(KnownView::list_names)
                .is_none()
        );
    }
}
