//! L1 — a mobile device mailbox policy (Exchange ActiveSync): device password, encryption and
//! S/MIME requirements, with the documented defaults and ranges. The organization has a
//! built-in policy `Default`; exactly one policy is the default (the collection enforces that).

mod settings;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::value::Value;

use crate::model::domain::Label;
use crate::model::enums::{
    BluetoothType, CalendarAgeFilter, EmailAgeFilter, EncryptionSmimeAlgorithm,
    SignedSmimeAlgorithm, SmimeEncryptionAlgorithmNegotiation,
};
use crate::model::object::{ConfigObject, ObjectKindInfo, ObjectMeta, Setting, out};
use crate::model::problem::Problem;
use crate::model::quantity::{ByteQuantifiedSize, EnhancedTimeSpan, Unlimited};

/// The name of the built-in policy.
pub const DEFAULT_POLICY_NAME: &str = "Default";

/// The fixed GUID of the built-in policy `Default`.
const DEFAULT_POLICY_GUID: Uuid = Uuid::from_u128(0x9c2e_61a4_3b7d_4f0e_8d15_2a6c_7e90_b341);

/// A mobile device mailbox policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MobileDeviceMailboxPolicy {
    #[serde(flatten)]
    pub meta: ObjectMeta,
    #[serde(rename = "IsDefault")]
    pub is_default: bool,
    #[serde(rename = "AllowNonProvisionableDevices")]
    pub allow_non_provisionable_devices: bool,
    #[serde(rename = "AlphanumericPasswordRequired")]
    pub alphanumeric_password_required: bool,
    #[serde(rename = "AttachmentsEnabled")]
    pub attachments_enabled: bool,
    #[serde(rename = "DeviceEncryptionEnabled")]
    pub device_encryption_enabled: bool,
    #[serde(rename = "RequireStorageCardEncryption")]
    pub require_storage_card_encryption: bool,
    #[serde(rename = "PasswordEnabled")]
    pub password_enabled: bool,
    #[serde(rename = "PasswordRecoveryEnabled")]
    pub password_recovery_enabled: bool,
    #[serde(rename = "DevicePolicyRefreshInterval")]
    pub device_policy_refresh_interval: Unlimited<EnhancedTimeSpan>,
    #[serde(rename = "AllowSimplePassword")]
    pub allow_simple_password: bool,
    #[serde(rename = "MaxAttachmentSize")]
    pub max_attachment_size: Unlimited<ByteQuantifiedSize>,
    #[serde(rename = "WSSAccessEnabled")]
    pub wss_access_enabled: bool,
    #[serde(rename = "UNCAccessEnabled")]
    pub unc_access_enabled: bool,
    #[serde(rename = "MinPasswordLength", skip_serializing_if = "Option::is_none")]
    pub min_password_length: Option<i32>,
    #[serde(rename = "MaxInactivityTimeLock")]
    pub max_inactivity_time_lock: Unlimited<EnhancedTimeSpan>,
    #[serde(rename = "MaxPasswordFailedAttempts")]
    pub max_password_failed_attempts: Unlimited<i32>,
    #[serde(rename = "PasswordExpiration")]
    pub password_expiration: Unlimited<EnhancedTimeSpan>,
    #[serde(rename = "PasswordHistory")]
    pub password_history: i32,
    #[serde(rename = "AllowApplePushNotifications")]
    pub allow_apple_push_notifications: bool,
    #[serde(rename = "AllowMicrosoftPushNotifications")]
    pub allow_microsoft_push_notifications: bool,
    #[serde(rename = "AllowGooglePushNotifications")]
    pub allow_google_push_notifications: bool,
    #[serde(rename = "AllowStorageCard")]
    pub allow_storage_card: bool,
    #[serde(rename = "AllowCamera")]
    pub allow_camera: bool,
    #[serde(rename = "RequireDeviceEncryption")]
    pub require_device_encryption: bool,
    #[serde(rename = "AllowUnsignedApplications")]
    pub allow_unsigned_applications: bool,
    #[serde(rename = "AllowUnsignedInstallationPackages")]
    pub allow_unsigned_installation_packages: bool,
    #[serde(rename = "AllowWiFi")]
    pub allow_wifi: bool,
    #[serde(rename = "AllowTextMessaging")]
    pub allow_text_messaging: bool,
    #[serde(rename = "AllowPOPIMAPEmail")]
    pub allow_pop_imap_email: bool,
    #[serde(rename = "AllowIrDA")]
    pub allow_irda: bool,
    #[serde(rename = "RequireManualSyncWhenRoaming")]
    pub require_manual_sync_when_roaming: bool,
    #[serde(rename = "AllowDesktopSync")]
    pub allow_desktop_sync: bool,
    #[serde(rename = "AllowHTMLEmail")]
    pub allow_html_email: bool,
    #[serde(rename = "RequireSignedSMIMEMessages")]
    pub require_signed_smime_messages: bool,
    #[serde(rename = "RequireEncryptedSMIMEMessages")]
    pub require_encrypted_smime_messages: bool,
    #[serde(rename = "AllowSMIMESoftCerts")]
    pub allow_smime_soft_certs: bool,
    #[serde(rename = "AllowBrowser")]
    pub allow_browser: bool,
    #[serde(rename = "AllowConsumerEmail")]
    pub allow_consumer_email: bool,
    #[serde(rename = "AllowRemoteDesktop")]
    pub allow_remote_desktop: bool,
    #[serde(rename = "AllowInternetSharing")]
    pub allow_internet_sharing: bool,
    #[serde(rename = "AllowBluetooth")]
    pub allow_bluetooth: BluetoothType,
    #[serde(rename = "MaxCalendarAgeFilter")]
    pub max_calendar_age_filter: CalendarAgeFilter,
    #[serde(rename = "MaxEmailAgeFilter")]
    pub max_email_age_filter: EmailAgeFilter,
    #[serde(rename = "RequireSignedSMIMEAlgorithm")]
    pub require_signed_smime_algorithm: SignedSmimeAlgorithm,
    #[serde(rename = "RequireEncryptionSMIMEAlgorithm")]
    pub require_encryption_smime_algorithm: EncryptionSmimeAlgorithm,
    #[serde(rename = "AllowSMIMEEncryptionAlgorithmNegotiation")]
    pub allow_smime_encryption_algorithm_negotiation: SmimeEncryptionAlgorithmNegotiation,
    #[serde(rename = "MinPasswordComplexCharacters")]
    pub min_password_complex_characters: i32,
    #[serde(rename = "MaxEmailBodyTruncationSize")]
    pub max_email_body_truncation_size: Unlimited<ByteQuantifiedSize>,
    #[serde(rename = "MaxEmailHTMLBodyTruncationSize")]
    pub max_email_html_body_truncation_size: Unlimited<ByteQuantifiedSize>,
    #[serde(
        rename = "UnapprovedInROMApplicationList",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub unapproved_in_rom_application_list: Vec<Label>,
    #[serde(
        rename = "ApprovedApplicationList",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub approved_application_list: Vec<Label>,
    #[serde(rename = "AllowExternalDeviceManagement")]
    pub allow_external_device_management: bool,
    #[serde(rename = "AllowMobileOTAUpdate")]
    pub allow_mobile_ota_update: bool,
    #[serde(rename = "IrmEnabled")]
    pub irm_enabled: bool,
}

impl Default for MobileDeviceMailboxPolicy {
    /// A policy with the documented defaults (not the default policy, no name yet).
    fn default() -> MobileDeviceMailboxPolicy {
        MobileDeviceMailboxPolicy {
            meta: ObjectMeta::default(),
            is_default: false,
            allow_non_provisionable_devices: true,
            alphanumeric_password_required: false,
            attachments_enabled: true,
            device_encryption_enabled: false,
            require_storage_card_encryption: false,
            password_enabled: false,
            password_recovery_enabled: false,
            device_policy_refresh_interval: Unlimited::Unlimited,
            allow_simple_password: true,
            max_attachment_size: Unlimited::Unlimited,
            wss_access_enabled: true,
            unc_access_enabled: true,
            min_password_length: None,
            max_inactivity_time_lock: Unlimited::Unlimited,
            max_password_failed_attempts: Unlimited::Unlimited,
            password_expiration: Unlimited::Unlimited,
            password_history: 0,
            allow_apple_push_notifications: true,
            allow_microsoft_push_notifications: true,
            allow_google_push_notifications: true,
            allow_storage_card: true,
            allow_camera: true,
            require_device_encryption: false,
            allow_unsigned_applications: true,
            allow_unsigned_installation_packages: true,
            allow_wifi: true,
            allow_text_messaging: true,
            allow_pop_imap_email: true,
            allow_irda: true,
            require_manual_sync_when_roaming: false,
            allow_desktop_sync: true,
            allow_html_email: true,
            require_signed_smime_messages: false,
            require_encrypted_smime_messages: false,
            allow_smime_soft_certs: true,
            allow_browser: true,
            allow_consumer_email: true,
            allow_remote_desktop: true,
            allow_internet_sharing: true,
            allow_bluetooth: BluetoothType::Allow,
            max_calendar_age_filter: CalendarAgeFilter::All,
            max_email_age_filter: EmailAgeFilter::All,
            require_signed_smime_algorithm: SignedSmimeAlgorithm::Sha1,
            require_encryption_smime_algorithm: EncryptionSmimeAlgorithm::TripleDes,
            allow_smime_encryption_algorithm_negotiation:
                SmimeEncryptionAlgorithmNegotiation::AllowAnyAlgorithmNegotiation,
            min_password_complex_characters: 1,
            max_email_body_truncation_size: Unlimited::Unlimited,
            max_email_html_body_truncation_size: Unlimited::Unlimited,
            unapproved_in_rom_application_list: Vec::new(),
            approved_application_list: Vec::new(),
            allow_external_device_management: false,
            allow_mobile_ota_update: true,
            irm_enabled: true,
        }
    }
}

impl MobileDeviceMailboxPolicy {
    /// A new policy named `name` with the documented defaults (not the default policy).
    pub fn new(name: &str) -> MobileDeviceMailboxPolicy {
        MobileDeviceMailboxPolicy {
            meta: ObjectMeta::created(name),
            ..MobileDeviceMailboxPolicy::default()
        }
    }

    /// The built-in policy `Default`, the organization's default policy.
    pub fn built_in_default() -> MobileDeviceMailboxPolicy {
        MobileDeviceMailboxPolicy {
            meta: ObjectMeta::built_in(DEFAULT_POLICY_NAME, DEFAULT_POLICY_GUID),
            is_default: true,
            ..MobileDeviceMailboxPolicy::default()
        }
    }
}

/// A time-span setting outside `min..=max`, with a hint when `hh:mm` was probably meant as
/// minutes (`15:00` is fifteen hours).
fn span_problem(
    parameter: &str,
    value: &Unlimited<EnhancedTimeSpan>,
    min: u64,
    max: u64,
    accepted: &str,
) -> Option<Problem> {
    let span = value.limit()?;
    let seconds = span.seconds();
    if (min..=max).contains(&seconds) {
        return None;
    }
    let mut problem = Problem::out_of_range(
        parameter,
        &span.to_string(),
        &format!("{accepted} or Unlimited"),
    );
    let hours = seconds / 3600;
    if seconds % 3600 == 0 && (min..=max).contains(&(hours * 60)) {
        problem.message.push_str(&format!(
            " A value such as {hours}:00 reads as hours:minutes ({hours} hours); for {hours} minutes write 00:{hours:02}:00."
        ));
    }
    Some(problem)
}

fn size_problem(
    parameter: &str,
    value: &Unlimited<ByteQuantifiedSize>,
    max: u64,
) -> Option<Problem> {
    let size = value.limit()?;
    (size.bytes() > max).then(|| {
        Problem::out_of_range(
            parameter,
            &size.to_string(),
            &format!("0 to {max} bytes, or Unlimited"),
        )
    })
}

fn int_problem(parameter: &str, value: i32, min: i32, max: i32, extra: &str) -> Option<Problem> {
    (!(min..=max).contains(&value)).then(|| {
        Problem::out_of_range(
            parameter,
            &value.to_string(),
            &format!("{min} to {max}{extra}"),
        )
    })
}

impl ConfigObject for MobileDeviceMailboxPolicy {
    const KIND: ObjectKindInfo = ObjectKindInfo {
        type_name: "Microsoft.Exchange.Data.Directory.SystemConfiguration.MobileMailboxPolicy",
        noun: "mobile device mailbox policy",
        container: "CN=Mobile Mailbox Policies",
    };

    fn meta(&self) -> &ObjectMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut ObjectMeta {
        &mut self.meta
    }

    fn settings() -> &'static [Setting<MobileDeviceMailboxPolicy>] {
        settings::SETTINGS
    }

    fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.meta.name.trim().is_empty() {
            problems.push(Problem::new("Name", "", "The policy needs a name."));
        }
        let failed_attempts = match self.max_password_failed_attempts {
            Unlimited::Limited(n) => {
                int_problem("MaxPasswordFailedAttempts", n, 4, 16, ", or Unlimited")
            }
            Unlimited::Unlimited => None,
        };
        let checks = [
            failed_attempts,
            self.min_password_length
                .and_then(|n| int_problem("MinPasswordLength", n, 1, 16, ", or $null")),
            int_problem(
                "MinPasswordComplexCharacters",
                self.min_password_complex_characters,
                1,
                4,
                "",
            ),
            int_problem("PasswordHistory", self.password_history, 0, 50, ""),
            span_problem(
                "MaxInactivityTimeLock",
                &self.max_inactivity_time_lock,
                60,
                3600,
                "00:01:00 to 01:00:00",
            ),
            span_problem(
                "PasswordExpiration",
                &self.password_expiration,
                86_400,
                730 * 86_400,
                "1.00:00:00 to 730.00:00:00",
            ),
            size_problem(
                "MaxAttachmentSize",
                &self.max_attachment_size,
                2_147_482_624,
            ),
            size_problem(
                "MaxEmailBodyTruncationSize",
                &self.max_email_body_truncation_size,
                2_147_483_647,
            ),
            size_problem(
                "MaxEmailHTMLBodyTruncationSize",
                &self.max_email_html_body_truncation_size,
                2_147_483_647,
            ),
        ];
        problems.extend(checks.into_iter().flatten());
        problems
    }

    fn advisories(&self) -> Vec<String> {
        let mut advice = Vec::new();
        let weak_encryption = matches!(
            self.require_encryption_smime_algorithm,
            EncryptionSmimeAlgorithm::Des
                | EncryptionSmimeAlgorithm::Rc240Bit
                | EncryptionSmimeAlgorithm::Rc264Bit
        );
        if self.require_encrypted_smime_messages && weak_encryption {
            advice.push(format!(
                "RequireEncryptionSMIMEAlgorithm {} is a weak cipher; TripleDES or RC2128bit resist attacks better.",
                self.require_encryption_smime_algorithm
            ));
        }
        if self.require_signed_smime_messages
            && self.require_signed_smime_algorithm == SignedSmimeAlgorithm::Md5
        {
            advice.push("RequireSignedSMIMEAlgorithm MD5 is broken for signatures; SHA1 is the stronger choice here.".to_string());
        }
        advice
    }

    fn normalize(&mut self) {
        if self.require_storage_card_encryption {
            self.device_encryption_enabled = true;
        }
    }

    fn properties(&self) -> Vec<(&'static str, Value)> {
        vec![
            (
                "AllowNonProvisionableDevices",
                out(&self.allow_non_provisionable_devices),
            ),
            (
                "AlphanumericPasswordRequired",
                out(&self.alphanumeric_password_required),
            ),
            ("AttachmentsEnabled", out(&self.attachments_enabled)),
            (
                "DeviceEncryptionEnabled",
                out(&self.device_encryption_enabled),
            ),
            (
                "RequireStorageCardEncryption",
                out(&self.require_storage_card_encryption),
            ),
            ("PasswordEnabled", out(&self.password_enabled)),
            (
                "PasswordRecoveryEnabled",
                out(&self.password_recovery_enabled),
            ),
            (
                "DevicePolicyRefreshInterval",
                out(&self.device_policy_refresh_interval),
            ),
            ("AllowSimplePassword", out(&self.allow_simple_password)),
            ("MaxAttachmentSize", out(&self.max_attachment_size)),
            ("WSSAccessEnabled", out(&self.wss_access_enabled)),
            ("UNCAccessEnabled", out(&self.unc_access_enabled)),
            ("MinPasswordLength", out(&self.min_password_length)),
            ("MaxInactivityTimeLock", out(&self.max_inactivity_time_lock)),
            (
                "MaxPasswordFailedAttempts",
                out(&self.max_password_failed_attempts),
            ),
            ("PasswordExpiration", out(&self.password_expiration)),
            ("PasswordHistory", out(&self.password_history)),
            ("IsDefault", out(&self.is_default)),
            (
                "AllowApplePushNotifications",
                out(&self.allow_apple_push_notifications),
            ),
            (
                "AllowMicrosoftPushNotifications",
                out(&self.allow_microsoft_push_notifications),
            ),
            (
                "AllowGooglePushNotifications",
                out(&self.allow_google_push_notifications),
            ),
            ("AllowStorageCard", out(&self.allow_storage_card)),
            ("AllowCamera", out(&self.allow_camera)),
            (
                "RequireDeviceEncryption",
                out(&self.require_device_encryption),
            ),
            (
                "AllowUnsignedApplications",
                out(&self.allow_unsigned_applications),
            ),
            (
                "AllowUnsignedInstallationPackages",
                out(&self.allow_unsigned_installation_packages),
            ),
            ("AllowWiFi", out(&self.allow_wifi)),
            ("AllowTextMessaging", out(&self.allow_text_messaging)),
            ("AllowPOPIMAPEmail", out(&self.allow_pop_imap_email)),
            ("AllowIrDA", out(&self.allow_irda)),
            (
                "RequireManualSyncWhenRoaming",
                out(&self.require_manual_sync_when_roaming),
            ),
            ("AllowDesktopSync", out(&self.allow_desktop_sync)),
            ("AllowHTMLEmail", out(&self.allow_html_email)),
            (
                "RequireSignedSMIMEMessages",
                out(&self.require_signed_smime_messages),
            ),
            (
                "RequireEncryptedSMIMEMessages",
                out(&self.require_encrypted_smime_messages),
            ),
            ("AllowSMIMESoftCerts", out(&self.allow_smime_soft_certs)),
            ("AllowBrowser", out(&self.allow_browser)),
            ("AllowConsumerEmail", out(&self.allow_consumer_email)),
            ("AllowRemoteDesktop", out(&self.allow_remote_desktop)),
            ("AllowInternetSharing", out(&self.allow_internet_sharing)),
            ("AllowBluetooth", out(&self.allow_bluetooth)),
            ("MaxCalendarAgeFilter", out(&self.max_calendar_age_filter)),
            ("MaxEmailAgeFilter", out(&self.max_email_age_filter)),
            (
                "RequireSignedSMIMEAlgorithm",
                out(&self.require_signed_smime_algorithm),
            ),
            (
                "RequireEncryptionSMIMEAlgorithm",
                out(&self.require_encryption_smime_algorithm),
            ),
            (
                "AllowSMIMEEncryptionAlgorithmNegotiation",
                out(&self.allow_smime_encryption_algorithm_negotiation),
            ),
            (
                "MinPasswordComplexCharacters",
                out(&self.min_password_complex_characters),
            ),
            (
                "MaxEmailBodyTruncationSize",
                out(&self.max_email_body_truncation_size),
            ),
            (
                "MaxEmailHTMLBodyTruncationSize",
                out(&self.max_email_html_body_truncation_size),
            ),
            (
                "UnapprovedInROMApplicationList",
                out(&self.unapproved_in_rom_application_list),
            ),
            (
                "ApprovedApplicationList",
                out(&self.approved_application_list),
            ),
            (
                "AllowExternalDeviceManagement",
                out(&self.allow_external_device_management),
            ),
            ("AllowMobileOTAUpdate", out(&self.allow_mobile_ota_update)),
            ("IrmEnabled", out(&self.irm_enabled)),
        ]
    }
}
