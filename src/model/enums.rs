//! L1 — the Exchange enumerations the model uses: parsed case-insensitively, printed and stored
//! in their documented spelling, with PowerShell's message for a name that is not one of them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::value::Value;

use super::param::{PropertyType, text_of};
use super::problem::Problem;

/// Declare an enumeration: its variants and their documented names, parsing, display, serde as
/// the name, and [`PropertyType`].
macro_rules! exchange_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $type_name:literal { $($variant:ident = $text:literal),+ $(,)? }
        $(booleans($yes:ident, $no:ident))?
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            /// Every value, in the documented order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The documented spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Every documented name, in order.
            pub fn names() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }

            /// Parse a name, ignoring case and surrounding blanks.
            pub fn parse(text: &str) -> Result<$name, String> {
                let wanted = text.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(wanted))
                    .ok_or_else(|| enum_reason(wanted, &Self::names()))
            }

            /// The value `$true` / `$false` stand for, when the type takes booleans.
            fn from_bool(flag: bool) -> Option<$name> {
                let choice: Option<($name, $name)> = None $(.or(Some(($name::$yes, $name::$no))))?;
                choice.map(|(yes, no)| if flag { yes } else { no })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }

        impl PropertyType for $name {
            const TYPE_NAME: &'static str = $type_name;

            fn from_arg(parameter: &str, value: &Value) -> Result<$name, Problem> {
                if let Value::Bool(flag) = value
                    && let Some(choice) = $name::from_bool(*flag)
                {
                    return Ok(choice);
                }
                let text = text_of(value);
                $name::parse(&text)
                    .map_err(|reason| Problem::conversion(parameter, &text, $type_name, &reason))
            }

            fn to_ps(&self) -> Value {
                Value::str(self.as_str())
            }
        }
    };
}

/// PowerShell's reason for a name that is no enumerator.
fn enum_reason(text: &str, names: &[&str]) -> String {
    format!(
        "Unable to match the identifier name {text} to a valid enumerator name. Specify one of the following enumerator names and try again: {}",
        names.join(", ")
    )
}

exchange_enum! {
    /// How strictly an Outbound connector authenticates the destination's TLS certificate.
    TlsAuthLevel, "Microsoft.Exchange.Data.TlsAuthLevel" {
        EncryptionOnly = "EncryptionOnly",
        CertificateValidation = "CertificateValidation",
        DomainValidation = "DomainValidation",
    }
}

exchange_enum! {
    /// Whom a connector serves: external partners or the on-premises organization.
    TenantConnectorType, "Microsoft.Exchange.Data.TenantConnectorType" {
        Partner = "Partner",
        OnPremises = "OnPremises",
    }
}

exchange_enum! {
    /// How a connector was created.
    TenantConnectorSource, "Microsoft.Exchange.Data.TenantConnectorSource" {
        Default = "Default",
        HybridWizard = "HybridWizard",
        Migrated = "Migrated",
    }
}

exchange_enum! {
    /// Whether an Outbound connector honours the destination's MTA-STS policy.
    MtaStsMode, "Microsoft.Exchange.Data.MtaStsMode" {
        Opportunistic = "Opportunistic",
        None = "None",
    }
}

exchange_enum! {
    /// Whether an Outbound connector verifies SMTP DANE with DNSSEC.
    SmtpDaneMode, "Microsoft.Exchange.Data.SmtpDaneMode" {
        Opportunistic = "Opportunistic",
        Mandatory = "Mandatory",
        None = "None",
    }
}

exchange_enum! {
    /// Which Bluetooth use a mobile device policy allows. It also takes `$true` (Allow) and
    /// `$false` (Disable): the public doc's New-MobileDeviceMailboxPolicy example 2 passes
    /// `-AllowBluetooth $true`.
    BluetoothType, "Microsoft.Exchange.Data.Directory.SystemConfiguration.BluetoothType" {
        Disable = "Disable",
        HandsfreeOnly = "HandsfreeOnly",
        Allow = "Allow",
    }
    booleans(Allow, Disable)
}

exchange_enum! {
    /// Whether a device may negotiate the S/MIME encryption algorithm.
    SmimeEncryptionAlgorithmNegotiation, "Microsoft.Exchange.Data.Directory.SystemConfiguration.SMIMEEncryptionAlgorithmNegotiationType" {
        BlockNegotiation = "BlockNegotiation",
        OnlyStrongAlgorithmNegotiation = "OnlyStrongAlgorithmNegotiation",
        AllowAnyAlgorithmNegotiation = "AllowAnyAlgorithmNegotiation",
    }
}

exchange_enum! {
    /// The algorithm a device must use to encrypt S/MIME messages.
    EncryptionSmimeAlgorithm, "Microsoft.Exchange.Data.Directory.SystemConfiguration.EncryptionSMIMEAlgorithmType" {
        TripleDes = "TripleDES",
        Des = "DES",
        Rc2128Bit = "RC2128bit",
        Rc264Bit = "RC264bit",
        Rc240Bit = "RC240bit",
    }
}

exchange_enum! {
    /// The algorithm a device must use to sign S/MIME messages.
    SignedSmimeAlgorithm, "Microsoft.Exchange.Data.Directory.SystemConfiguration.SignedSMIMEAlgorithmType" {
        Sha1 = "SHA1",
        Md5 = "MD5",
    }
}

exchange_enum! {
    /// How far back a device synchronizes the calendar.
    CalendarAgeFilter, "Microsoft.Exchange.Data.Directory.SystemConfiguration.CalendarAgeFilterType" {
        All = "All",
        TwoWeeks = "TwoWeeks",
        OneMonth = "OneMonth",
        ThreeMonths = "ThreeMonths",
        SixMonths = "SixMonths",
    }
}

exchange_enum! {
    /// How far back a device synchronizes email.
    EmailAgeFilter, "Microsoft.Exchange.Data.Directory.SystemConfiguration.EmailAgeFilterType" {
        All = "All",
        OneDay = "OneDay",
        ThreeDays = "ThreeDays",
        OneWeek = "OneWeek",
        TwoWeeks = "TwoWeeks",
        OneMonth = "OneMonth",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_case_insensitively_and_print_as_documented() {
        assert_eq!(
            TlsAuthLevel::parse("domainvalidation"),
            Ok(TlsAuthLevel::DomainValidation)
        );
        assert_eq!(
            EncryptionSmimeAlgorithm::parse(" rc2128BIT "),
            Ok(EncryptionSmimeAlgorithm::Rc2128Bit)
        );
        assert_eq!(EncryptionSmimeAlgorithm::TripleDes.to_string(), "TripleDES");
        assert_eq!(SignedSmimeAlgorithm::Sha1.as_str(), "SHA1");
        assert_eq!(MtaStsMode::parse("NONE"), Ok(MtaStsMode::None));
    }

    #[test]
    fn unknown_names_list_the_accepted_ones() {
        let reason = TlsAuthLevel::parse("Domain").unwrap_err();
        assert!(reason.contains("EncryptionOnly, CertificateValidation, DomainValidation"));
        let problem =
            TenantConnectorType::from_arg("ConnectorType", &Value::str("Hybrid")).unwrap_err();
        assert!(problem.message.contains("'ConnectorType'"));
        assert!(problem.message.contains("Partner, OnPremises"));
    }

    #[test]
    fn enums_serialize_as_their_names() {
        let text = serde_yaml::to_string(&SmtpDaneMode::Mandatory).unwrap();
        assert_eq!(text.trim(), "Mandatory");
        let back: SmtpDaneMode = serde_yaml::from_str("mandatory").unwrap();
        assert_eq!(back, SmtpDaneMode::Mandatory);
        assert!(serde_yaml::from_str::<SmtpDaneMode>("Sometimes").is_err());
    }

    #[test]
    fn bluetooth_takes_booleans_too() {
        let parse = |v: Value| BluetoothType::from_arg("AllowBluetooth", &v);
        assert_eq!(parse(Value::Bool(true)), Ok(BluetoothType::Allow));
        assert_eq!(parse(Value::Bool(false)), Ok(BluetoothType::Disable));
        assert_eq!(
            parse(Value::str("handsfreeonly")),
            Ok(BluetoothType::HandsfreeOnly)
        );
        assert!(TlsAuthLevel::from_arg("TlsSettings", &Value::Bool(true)).is_err());
    }
}
