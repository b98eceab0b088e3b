//! L4 — the views pwsh's format files (DotNetTypes, PowerShellCore) register for the .NET
//! types our values model: their table columns (with fixed widths and alignment) and list
//! properties, and the family of types each view is selected by.

use super::display::{RUNTIME_TYPE, property, text_of};
use super::view::{Align, Column};
use crate::value::Value;
use crate::value::builtin::{DATETIME, DICTIONARY_ENTRY, GUID, VERSION};

/// A registered view.
#[derive(Debug)]
pub struct KnownView {
    /// The types the view is selected by (a type and the types deriving from it).
    pub types: &'static [&'static str],
    /// Table columns: label, property, width (0 = share the free space), alignment.
    pub table: &'static [(&'static str, &'static str, usize, Align)],
    /// List properties; empty when the type has no list view.
    pub list: &'static [&'static str],
    /// A custom view: the line shown for an object.
    pub custom: Option<fn(&Value) -> String>,
}

/// The property a type's table view groups by (pwsh's `GroupBy`): a `   Name: value`
/// heading, and the header again, whenever the value changes.
const GROUPED_BY: &[(&str, &str)] = &[(
    "System.Security.Cryptography.X509Certificates.X509Certificate2",
    "PSParentPath",
)];

impl KnownView {
    /// The property this view's table groups by, if it groups.
    pub fn group_by(&self) -> Option<&'static str> {
        GROUPED_BY
            .iter()
            .find(|(type_name, _)| self.selects(type_name))
            .map(|(_, property)| *property)
    }

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
    // pwsh's ThumbprintTable (Certificate provider): grouped by the store, the EKU column is
    // `$_.EnhancedKeyUsageList.FriendlyName`; its list view is ThumbprintList's.
    KnownView {
        types: &["System.Security.Cryptography.X509Certificates.X509Certificate2"],
        table: &[
            ("Thumbprint", "Thumbprint", 41, L),
            ("Subject", "Subject", 20, L),
            (
                "EnhancedKeyUsageList",
                "EnhancedKeyUsageList.FriendlyName",
                0,
                L,
            ),
        ],
        list: &[
            "Subject",
            "Issuer",
            "Thumbprint",
            "FriendlyName",
            "NotBefore",
            "NotAfter",
            "Extensions",
        ],
        custom: None,
    },
    KnownView {
        types: &["System.Security.Cryptography.X509Certificates.X509Store"],
        table: &[],
        list: &["Name"],
        custom: None,
    },
    KnownView {
        types: &["Microsoft.PowerShell.Commands.X509StoreLocation"],
        table: &[],
        list: &["Location", "StoreNames"],
        custom: None,
    },
    super::endpoint_view::ENDPOINT_TEST_RESULT,
    KnownView {
        types: &[DICTIONARY_ENTRY],
        table: &[("Name", "Name", 30, L), ("Value", "Value", 0, L)],
        list: &["Name", "Value"],
        custom: None,
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
        custom: None,
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
        custom: None,
    },
    KnownView {
        types: &["Microsoft.PowerShell.Commands.GroupInfo"],
        table: &[
            ("Count", "Count", 5, R),
            ("Name", "Name", 25, L),
            ("Group", "Group", 0, L),
        ],
        list: &["Name", "Count", "Group", "Values"],
        custom: None,
    },
    KnownView {
        types: &["Microsoft.PowerShell.Commands.GroupInfoNoElement"],
        table: &[("Count", "Count", 5, R), ("Name", "Name", 0, L)],
        list: &[],
        custom: None,
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
        custom: None,
    },
    KnownView {
        types: &[GUID],
        table: &[("Guid", "Guid", 0, L)],
        list: &[],
        custom: None,
    },
    KnownView {
        types: &[DATETIME],
        table: &[],
        list: &[],
        custom: Some(long_date_time),
    },
    KnownView {
        types: &["System.Management.Automation.PathInfo"],
        table: &[("Path", "Path", 0, L)],
        list: &[],
        custom: None,
    },
    KnownView {
        types: &["System.Management.Automation.PSVariable"],
        table: &[("Name", "Name", 30, L), ("Value", "Value", 0, L)],
        list: &[],
        custom: None,
    },
    // The Exchange configuration objects (model): a short table by default; Format-List
    // shows every property.
    KnownView {
        types: &["Microsoft.Exchange.Data.Directory.SystemConfiguration.TenantInboundConnector"],
        table: &[
            ("Name", "Name", 30, L),
            ("Enabled", "Enabled", 7, L),
            ("ConnectorType", "ConnectorType", 13, L),
            ("RequireTls", "RequireTls", 10, L),
            ("SenderDomains", "SenderDomains", 0, L),
        ],
        list: &[],
        custom: None,
    },
    KnownView {
        types: &[
            "Microsoft.Exchange.Data.Directory.Management.User",
            "Microsoft.Exchange.Data.Directory.Management.Mailbox",
        ],
        table: &[
            ("Name", "Name", 24, L),
            ("DisplayName", "DisplayName", 28, L),
            ("PrimarySmtpAddress", "PrimarySmtpAddress", 0, L),
        ],
        list: &[],
        custom: None,
    },
    KnownView {
        types: &["Mailsec.Directory.PublishResult"],
        table: &[
            ("Identity", "Identity", 32, L),
            ("Action", "Action", 9, L),
            ("Reason", "Reason", 0, L),
        ],
        list: &[],
        custom: None,
    },
    KnownView {
        types: &["Microsoft.Exchange.Data.Directory.SystemConfiguration.TenantOutboundConnector"],
        table: &[
            ("Name", "Name", 30, L),
            ("Enabled", "Enabled", 7, L),
            ("UseMXRecord", "UseMXRecord", 11, L),
            ("TlsSettings", "TlsSettings", 21, L),
            ("RecipientDomains", "RecipientDomains", 0, L),
        ],
        list: &[],
        custom: None,
    },
    KnownView {
        types: &["Microsoft.Exchange.Data.Directory.SystemConfiguration.MobileMailboxPolicy"],
        table: &[
            ("Name", "Name", 30, L),
            ("IsDefault", "IsDefault", 9, L),
            (
                "RequireSignedSMIMEMessages",
                "RequireSignedSMIMEMessages",
                26,
                L,
            ),
            (
                "RequireEncryptedSMIMEMessages",
                "RequireEncryptedSMIMEMessages",
                0,
                L,
            ),
        ],
        list: &[],
        custom: None,
    },
];

/// pwsh's DateTime view: the `DateTime` property, the long date and time of the invariant
/// culture (`Friday, 05 January 2024 15:04:05`).
fn long_date_time(date: &Value) -> String {
    if let Value::String(text) = property(date, "DateTime") {
        return text.to_string();
    }
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let number = |name: &str| match property(date, name) {
        Value::Int(n) => i64::from(n),
        Value::Long(n) => n,
        _ => 0,
    };
    let month = usize::try_from(number("Month") - 1)
        .ok()
        .and_then(|m| MONTHS.get(m))
        .copied()
        .unwrap_or("");
    format!(
        "{}, {:02} {month} {:04} {:02}:{:02}:{:02}",
        text_of(&property(date, "DayOfWeek")),
        number("Day"),
        number("Year"),
        number("Hour"),
        number("Minute"),
        number("Second"),
    )
}

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
    fn dates_show_their_long_form() {
        let date = crate::value::builtin::datetime(1_704_467_045, 0);
        let view = known_view(DATETIME).and_then(|v| v.custom);
        assert_eq!(
            view.map(|show| show(&date)).as_deref(),
            Some("Friday, 05 January 2024 15:04:05")
        );
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
