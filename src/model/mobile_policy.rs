//! L1 — a mobile device mailbox policy (Exchange ActiveSync): device password, encryption and
//! S/MIME requirements, with the documented defaults and ranges. The organization has a
//! built-in policy `Default`; exactly one policy is the default (the collection enforces that).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::value::Value;

use super::domain::Label;
use super::enums::{
    BluetoothType, CalendarAgeFilter, EmailAgeFilter, EncryptionSmimeAlgorithm, SignedSmimeAlgorithm,
    SmimeEncryptionAlgorithmNegotiation,
};
use super::object::{ConfigObject, ObjectKindInfo, ObjectMeta, Setting, out, setting};
use super::problem::Problem;
use super::quantity::{ByteQuantifiedSize, EnhancedTimeSpan, Unlimited};

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
    #[serde(rename = "UnapprovedInROMApplicationList")]
    pub unapproved_in_rom_application_list: Vec<Label>,
    #[serde(rename = "ApprovedApplicationList")]
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
            allow_smime_encryption_algorithm_negotiation: SmimeEncryptionAlgorithmNegotiation::AllowAnyAlgorithmNegotiation,
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

static SETTINGS: &[Setting<MobileDeviceMailboxPolicy>] = &[
    setting!("AllowApplePushNotifications", allow_apple_push_notifications, "Boolean", Both, "Push notifications for Apple devices (default $true)."),
    setting!("AllowBluetooth", allow_bluetooth, "BluetoothType", Both, "Allow (default), Disable or HandsfreeOnly."),
    setting!("AllowBrowser", allow_browser, "Boolean", Both, "Pocket Internet Explorer allowed (default $true)."),
    setting!("AllowCamera", allow_camera, "Boolean", Both, "The device camera allowed (default $true)."),
    setting!("AllowConsumerEmail", allow_consumer_email, "Boolean", Both, "Personal email accounts allowed (default $true)."),
    setting!("AllowDesktopSync", allow_desktop_sync, "Boolean", Both, "Synchronization with a computer by cable (default $true)."),
    setting!("AllowExternalDeviceManagement", allow_external_device_management, "Boolean", Both, "An external device management program may manage the device (default $false)."),
    setting!("AllowGooglePushNotifications", allow_google_push_notifications, "Boolean", Both, "Google push notifications (default $true)."),
    setting!("AllowHTMLEmail", allow_html_email, "Boolean", Both, "HTML email ($false converts to plain text; default $true)."),
    setting!("AllowInternetSharing", allow_internet_sharing, "Boolean", Both, "Tethering allowed (default $true)."),
    setting!("AllowIrDA", allow_irda, "Boolean", Both, "Infrared connections allowed (default $true)."),
    setting!("AllowMicrosoftPushNotifications", allow_microsoft_push_notifications, "Boolean", Both, "Push notifications on the device (default $true)."),
    setting!("AllowMobileOTAUpdate", allow_mobile_ota_update, "Boolean", Both, "The policy may be sent over a cellular connection (default $true)."),
    setting!("AllowNonProvisionableDevices", allow_non_provisionable_devices, "Boolean", Both, "Devices that can't enforce every setting may synchronize (default $true)."),
    setting!("AllowPOPIMAPEmail", allow_pop_imap_email, "Boolean", Both, "POP3 and IMAP4 accounts allowed (default $true)."),
    setting!("AllowRemoteDesktop", allow_remote_desktop, "Boolean", Both, "Remote desktop connections allowed (default $true)."),
    setting!("AllowSimplePassword", allow_simple_password, "Boolean", Both, "Simple passwords such as 1234 allowed (default $true)."),
    setting!("AllowSMIMEEncryptionAlgorithmNegotiation", allow_smime_encryption_algorithm_negotiation, "SMIMEEncryptionAlgorithmNegotiationType", Both, "AllowAnyAlgorithmNegotiation (default), BlockNegotiation or OnlyStrongAlgorithmNegotiation."),
    setting!("AllowSMIMESoftCerts", allow_smime_soft_certs, "Boolean", Both, "Software S/MIME certificates allowed (default $true)."),
    setting!("AllowStorageCard", allow_storage_card, "Boolean", Both, "Storage cards allowed (default $true)."),
    setting!("AllowTextMessaging", allow_text_messaging, "Boolean", Both, "Text messaging allowed (default $true)."),
    setting!("AllowUnsignedApplications", allow_unsigned_applications, "Boolean", Both, "Unsigned applications may be installed (default $true)."),
    setting!("AllowUnsignedInstallationPackages", allow_unsigned_installation_packages, "Boolean", Both, "Unsigned installation packages may run (default $true)."),
    setting!("AllowWiFi", allow_wifi, "Boolean", Both, "Wireless internet access allowed (default $true)."),
    setting!("AlphanumericPasswordRequired", alphanumeric_password_required, "Boolean", Both, "The device password must be alphanumeric (default $false)."),
    setting!("ApprovedApplicationList", approved_application_list, "ApprovedApplicationCollection", Both, "Applications approved for the device."),
    setting!("AttachmentsEnabled", attachments_enabled, "Boolean", Both, "Attachments may be downloaded (default $true)."),
    setting!("DeviceEncryptionEnabled", device_encryption_enabled, "Boolean", Both, "Device encryption enabled (default $false)."),
    setting!("DevicePolicyRefreshInterval", device_policy_refresh_interval, "Unlimited", Both, "How often the policy is re-sent: dd.hh:mm:ss or Unlimited (default)."),
    setting!("IrmEnabled", irm_enabled, "Boolean", Both, "Information Rights Management on the device (default $true)."),
    setting!("IsDefault", is_default, "Boolean", Both, "Whether this is the default policy; setting $true makes the previous default an ordinary policy."),
    setting!("MaxAttachmentSize", max_attachment_size, "Unlimited", Both, "Largest attachment downloaded: 0 to 2147482624 bytes (KB/MB/GB suffixes) or Unlimited (default)."),
    setting!("MaxCalendarAgeFilter", max_calendar_age_filter, "CalendarAgeFilterType", Both, "All (default), TwoWeeks, OneMonth, ThreeMonths or SixMonths."),
    setting!("MaxEmailAgeFilter", max_email_age_filter, "EmailAgeFilterType", Both, "All (default), OneDay, ThreeDays, OneWeek, TwoWeeks or OneMonth."),
    setting!("MaxEmailBodyTruncationSize", max_email_body_truncation_size, "Unlimited", Both, "Truncation size of synchronized mail: 0 to 2147483647 bytes or Unlimited (default)."),
    setting!("MaxEmailHTMLBodyTruncationSize", max_email_html_body_truncation_size, "Unlimited", Both, "Truncation size of synchronized HTML mail: 0 to 2147483647 bytes or Unlimited (default)."),
    setting!("MaxInactivityTimeLock", max_inactivity_time_lock, "Unlimited", Both, "Idle time before the password is asked again: 00:01:00 to 01:00:00 or Unlimited (default)."),
    setting!("MaxPasswordFailedAttempts", max_password_failed_attempts, "Unlimited", Both, "Wrong passwords allowed: 4 to 16 or Unlimited (default)."),
    setting!("MinPasswordComplexCharacters", min_password_complex_characters, "Int32", Both, "Character sets the password needs: 1 (default) to 4."),
    setting!("MinPasswordLength", min_password_length, "Int32", Both, "Shortest password: 1 to 16, or $null (default)."),
    setting!("Name", meta.name, "String", SetOnly, "A new name for the policy."),
    setting!("PasswordEnabled", password_enabled, "Boolean", Both, "A device password is required (default $false)."),
    setting!("PasswordExpiration", password_expiration, "Unlimited", Both, "Password lifetime: 1.00:00:00 to 730.00:00:00 or Unlimited (default)."),
    setting!("PasswordHistory", password_history, "Int32", Both, "New passwords before one may be reused: 0 (default) to 50."),
    setting!("PasswordRecoveryEnabled", password_recovery_enabled, "Boolean", Both, "The recovery password is kept in Exchange (default $false)."),
    setting!("RequireDeviceEncryption", require_device_encryption, "Boolean", Both, "Encryption required on the device (default $false)."),
    setting!("RequireEncryptedSMIMEMessages", require_encrypted_smime_messages, "Boolean", Both, "The device must send S/MIME-encrypted messages (default $false)."),
    setting!("RequireEncryptionSMIMEAlgorithm", require_encryption_smime_algorithm, "EncryptionSMIMEAlgorithmType", Both, "DES, TripleDES (default), RC240bit, RC264bit or RC2128bit."),
    setting!("RequireManualSyncWhenRoaming", require_manual_sync_when_roaming, "Boolean", Both, "Manual synchronization while roaming (default $false)."),
    setting!("RequireSignedSMIMEAlgorithm", require_signed_smime_algorithm, "SignedSMIMEAlgorithmType", Both, "SHA1 (default) or MD5."),
    setting!("RequireSignedSMIMEMessages", require_signed_smime_messages, "Boolean", Both, "The device must send S/MIME-signed messages (default $false)."),
    setting!("RequireStorageCardEncryption", require_storage_card_encryption, "Boolean", Both, "Storage card encryption required; $true also sets DeviceEncryptionEnabled (default $false)."),
    setting!("UnapprovedInROMApplicationList", unapproved_in_rom_application_list, "MultiValuedProperty", Both, "Applications that may not run in ROM."),
    setting!("UNCAccessEnabled", unc_access_enabled, "Boolean", Both, "Access to Windows file shares (default $true)."),
    setting!("WSSAccessEnabled", wss_access_enabled, "Boolean", Both, "Access to SharePoint (default $true)."),
];

/// A time-span setting outside `min..=max`, with a hint when `hh:mm` was probably meant as
/// minutes (`15:00` is fifteen hours).
fn span_problem(parameter: &str, value: &Unlimited<EnhancedTimeSpan>, min: u64, max: u64, accepted: &str) -> Option<Problem> {
    let span = value.limit()?;
    let seconds = span.seconds();
    if (min..=max).contains(&seconds) {
        return None;
    }
    let mut problem = Problem::out_of_range(parameter, &span.to_string(), &format!("{accepted} or Unlimited"));
    let hours = seconds / 3600;
    if seconds % 3600 == 0 && (min..=max).contains(&(hours * 60)) {
        problem.message.push_str(&format!(
            " A value such as {hours}:00 reads as hours:minutes ({hours} hours); for {hours} minutes write 00:{hours:02}:00."
        ));
    }
    Some(problem)
}

fn size_problem(parameter: &str, value: &Unlimited<ByteQuantifiedSize>, max: u64) -> Option<Problem> {
    let size = value.limit()?;
    (size.bytes() > max).then(|| {
        Problem::out_of_range(parameter, &size.to_string(), &format!("0 to {max} bytes, or Unlimited"))
    })
}

fn int_problem(parameter: &str, value: i32, min: i32, max: i32, extra: &str) -> Option<Problem> {
    (!(min..=max).contains(&value))
        .then(|| Problem::out_of_range(parameter, &value.to_string(), &format!("{min} to {max}{extra}")))
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
        SETTINGS
    }

    fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.meta.name.trim().is_empty() {
            problems.push(Problem::new("Name", "", "The policy needs a name."));
        }
        let failed_attempts = match self.max_password_failed_attempts {
            Unlimited::Limited(n) => int_problem("MaxPasswordFailedAttempts", n, 4, 16, ", or Unlimited"),
            Unlimited::Unlimited => None,
        };
        let checks = [
            failed_attempts,
            self.min_password_length
                .and_then(|n| int_problem("MinPasswordLength", n, 1, 16, ", or $null")),
            int_problem("MinPasswordComplexCharacters", self.min_password_complex_characters, 1, 4, ""),
            int_problem("PasswordHistory", self.password_history, 0, 50, ""),
            span_problem("MaxInactivityTimeLock", &self.max_inactivity_time_lock, 60, 3600, "00:01:00 to 01:00:00"),
            span_problem(
                "PasswordExpiration",
                &self.password_expiration,
                86_400,
                730 * 86_400,
                "1.00:00:00 to 730.00:00:00",
            ),
            size_problem("MaxAttachmentSize", &self.max_attachment_size, 2_147_482_624),
            size_problem("MaxEmailBodyTruncationSize", &self.max_email_body_truncation_size, 2_147_483_647),
            size_problem("MaxEmailHTMLBodyTruncationSize", &self.max_email_html_body_truncation_size, 2_147_483_647),
        ];
        problems.extend(checks.into_iter().flatten());
        problems
    }

    fn advisories(&self) -> Vec<String> {
        let mut advice = Vec::new();
        let weak_encryption = matches!(
            self.require_encryption_smime_algorithm,
            EncryptionSmimeAlgorithm::Des | EncryptionSmimeAlgorithm::Rc240Bit | EncryptionSmimeAlgorithm::Rc264Bit
        );
        if self.require_encrypted_smime_messages && weak_encryption {
            advice.push(format!(
                "RequireEncryptionSMIMEAlgorithm {} is a weak cipher; TripleDES or RC2128bit resist attacks better.",
                self.require_encryption_smime_algorithm
            ));
        }
        if self.require_signed_smime_messages && self.require_signed_smime_algorithm == SignedSmimeAlgorithm::Md5 {
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
            ("AllowNonProvisionableDevices", out(&self.allow_non_provisionable_devices)),
            ("AlphanumericPasswordRequired", out(&self.alphanumeric_password_required)),
            ("AttachmentsEnabled", out(&self.attachments_enabled)),
            ("DeviceEncryptionEnabled", out(&self.device_encryption_enabled)),
            ("RequireStorageCardEncryption", out(&self.require_storage_card_encryption)),
            ("PasswordEnabled", out(&self.password_enabled)),
            ("PasswordRecoveryEnabled", out(&self.password_recovery_enabled)),
            ("DevicePolicyRefreshInterval", out(&self.device_policy_refresh_interval)),
            ("AllowSimplePassword", out(&self.allow_simple_password)),
            ("MaxAttachmentSize", out(&self.max_attachment_size)),
            ("WSSAccessEnabled", out(&self.wss_access_enabled)),
            ("UNCAccessEnabled", out(&self.unc_access_enabled)),
            ("MinPasswordLength", out(&self.min_password_length)),
            ("MaxInactivityTimeLock", out(&self.max_inactivity_time_lock)),
            ("MaxPasswordFailedAttempts", out(&self.max_password_failed_attempts)),
            ("PasswordExpiration", out(&self.password_expiration)),
            ("PasswordHistory", out(&self.password_history)),
            ("IsDefault", out(&self.is_default)),
            ("AllowApplePushNotifications", out(&self.allow_apple_push_notifications)),
            ("AllowMicrosoftPushNotifications", out(&self.allow_microsoft_push_notifications)),
            ("AllowGooglePushNotifications", out(&self.allow_google_push_notifications)),
            ("AllowStorageCard", out(&self.allow_storage_card)),
            ("AllowCamera", out(&self.allow_camera)),
            ("RequireDeviceEncryption", out(&self.require_device_encryption)),
            ("AllowUnsignedApplications", out(&self.allow_unsigned_applications)),
            ("AllowUnsignedInstallationPackages", out(&self.allow_unsigned_installation_packages)),
            ("AllowWiFi", out(&self.allow_wifi)),
            ("AllowTextMessaging", out(&self.allow_text_messaging)),
            ("AllowPOPIMAPEmail", out(&self.allow_pop_imap_email)),
            ("AllowIrDA", out(&self.allow_irda)),
            ("RequireManualSyncWhenRoaming", out(&self.require_manual_sync_when_roaming)),
            ("AllowDesktopSync", out(&self.allow_desktop_sync)),
            ("AllowHTMLEmail", out(&self.allow_html_email)),
            ("RequireSignedSMIMEMessages", out(&self.require_signed_smime_messages)),
            ("RequireEncryptedSMIMEMessages", out(&self.require_encrypted_smime_messages)),
            ("AllowSMIMESoftCerts", out(&self.allow_smime_soft_certs)),
            ("AllowBrowser", out(&self.allow_browser)),
            ("AllowConsumerEmail", out(&self.allow_consumer_email)),
            ("AllowRemoteDesktop", out(&self.allow_remote_desktop)),
            ("AllowInternetSharing", out(&self.allow_internet_sharing)),
            ("AllowBluetooth", out(&self.allow_bluetooth)),
            ("MaxCalendarAgeFilter", out(&self.max_calendar_age_filter)),
            ("MaxEmailAgeFilter", out(&self.max_email_age_filter)),
            ("RequireSignedSMIMEAlgorithm", out(&self.require_signed_smime_algorithm)),
            ("RequireEncryptionSMIMEAlgorithm", out(&self.require_encryption_smime_algorithm)),
            ("AllowSMIMEEncryptionAlgorithmNegotiation", out(&self.allow_smime_encryption_algorithm_negotiation)),
            ("MinPasswordComplexCharacters", out(&self.min_password_complex_characters)),
            ("MaxEmailBodyTruncationSize", out(&self.max_email_body_truncation_size)),
            ("MaxEmailHTMLBodyTruncationSize", out(&self.max_email_html_body_truncation_size)),
            ("UnapprovedInROMApplicationList", out(&self.unapproved_in_rom_application_list)),
            ("ApprovedApplicationList", out(&self.approved_application_list)),
            ("AllowExternalDeviceManagement", out(&self.allow_external_device_management)),
            ("AllowMobileOTAUpdate", out(&self.allow_mobile_ota_update)),
            ("IrmEnabled", out(&self.irm_enabled)),
        ]
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::object::{set_parameter, set_parameters, to_value};
    use crate::value::{access, convert};

    fn policy(args: &[(&str, Value)]) -> Result<MobileDeviceMailboxPolicy, Vec<Problem>> {
        let mut p = MobileDeviceMailboxPolicy::new("Sales Policy");
        set_parameters(&mut p, args.iter().map(|(n, v)| (*n, v)))?;
        let problems = p.validate();
        if problems.is_empty() { Ok(p) } else { Err(problems) }
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let p = MobileDeviceMailboxPolicy::new("X");
        assert!(!p.is_default);
        assert_eq!(p.require_encryption_smime_algorithm, EncryptionSmimeAlgorithm::TripleDes);
        assert_eq!(p.require_signed_smime_algorithm, SignedSmimeAlgorithm::Sha1);
        assert_eq!(
            p.allow_smime_encryption_algorithm_negotiation,
            SmimeEncryptionAlgorithmNegotiation::AllowAnyAlgorithmNegotiation
        );
        assert!(p.allow_smime_soft_certs && !p.require_signed_smime_messages && !p.require_encrypted_smime_messages);
        assert_eq!(p.allow_bluetooth, BluetoothType::Allow);
        assert_eq!(p.min_password_complex_characters, 1);
        assert_eq!(p.max_password_failed_attempts, Unlimited::Unlimited);
        assert!(p.validate().is_empty());
        assert!(MobileDeviceMailboxPolicy::built_in_default().is_default);
    }

    #[test]
    fn doc_example_two_takes_bluetooth_true() {
        let p = policy(&[
            ("AllowBluetooth", Value::Bool(true)),
            ("AllowPOPIMAPEmail", Value::Bool(false)),
            ("MaxEmailAgeFilter", Value::str("TwoWeeks")),
        ])
        .unwrap();
        assert_eq!(p.allow_bluetooth, BluetoothType::Allow);
        assert_eq!(p.max_email_age_filter, EmailAgeFilter::TwoWeeks);
    }

    #[test]
    fn smime_requirements_are_set() {
        let p = policy(&[
            ("RequireSignedSMIMEMessages", Value::Bool(true)),
            ("RequireEncryptedSMIMEMessages", Value::Bool(true)),
            ("RequireEncryptionSMIMEAlgorithm", Value::str("rc2128bit")),
            ("RequireSignedSMIMEAlgorithm", Value::str("sha1")),
            ("AllowSMIMEEncryptionAlgorithmNegotiation", Value::str("BlockNegotiation")),
            ("AllowSMIMESoftCerts", Value::Bool(false)),
        ])
        .unwrap();
        let value = to_value(&p, "Org");
        assert_eq!(
            convert::to_string(&access::get_member(&value, "RequireEncryptionSMIMEAlgorithm"), " "),
            "RC2128bit"
        );
        assert!(p.advisories().is_empty());
        let weak = policy(&[
            ("RequireEncryptedSMIMEMessages", Value::Bool(true)),
            ("RequireEncryptionSMIMEAlgorithm", Value::str("DES")),
        ])
        .unwrap();
        assert_eq!(weak.advisories().len(), 1);
    }

    #[test]
    fn ranges_are_checked_and_all_reported() {
        let problems = policy(&[
            ("MaxPasswordFailedAttempts", Value::Int(3)),
            ("MinPasswordLength", Value::Int(17)),
            ("MinPasswordComplexCharacters", Value::Int(5)),
            ("PasswordHistory", Value::Int(51)),
            ("PasswordExpiration", Value::str("731.00:00:00")),
            ("MaxAttachmentSize", Value::str("2GB")),
            ("MaxEmailBodyTruncationSize", Value::str("3GB")),
        ])
        .unwrap_err();
        let named: Vec<&str> = problems.iter().map(|p| p.parameter.as_str()).collect();
        assert_eq!(
            named,
            vec![
                "MaxPasswordFailedAttempts",
                "MinPasswordLength",
                "MinPasswordComplexCharacters",
                "PasswordHistory",
                "PasswordExpiration",
                "MaxAttachmentSize",
                "MaxEmailBodyTruncationSize",
            ]
        );
        assert!(
            policy(&[
                ("MaxPasswordFailedAttempts", Value::str("unlimited")),
                ("MinPasswordLength", Value::Null),
                ("MaxAttachmentSize", Value::str("2097151KB")),
                ("PasswordExpiration", Value::str("730.00:00:00")),
                ("MaxPasswordFailedAttempts", Value::Int(16)),
            ])
            .is_ok()
        );
    }

    #[test]
    fn inactivity_lock_reads_hh_mm_and_explains_the_doc_example() {
        let ok = policy(&[("MaxInactivityTimeLock", Value::str("00:15:00"))]).unwrap();
        assert_eq!(ok.max_inactivity_time_lock.to_string(), "00:15:00");
        let problems = policy(&[("MaxInactivityTimeLock", Value::str("15:00"))]).unwrap_err();
        assert_eq!(problems[0].parameter, "MaxInactivityTimeLock");
        assert!(problems[0].message.contains("00:01:00 to 01:00:00"), "{}", problems[0].message);
        assert!(problems[0].message.contains("write 00:15:00"), "{}", problems[0].message);
    }

    #[test]
    fn storage_card_encryption_turns_device_encryption_on() {
        let p = policy(&[("RequireStorageCardEncryption", Value::Bool(true))]).unwrap();
        assert!(p.device_encryption_enabled);
    }

    #[test]
    fn application_lists_add_and_remove() {
        let mut p = MobileDeviceMailboxPolicy::new("X");
        set_parameter(&mut p, "UnapprovedInROMApplicationList", &Value::array(vec![Value::str("Game.exe")])).unwrap();
        assert_eq!(p.unapproved_in_rom_application_list.len(), 1);
    }

    #[test]
    fn policies_round_trip_through_yaml() {
        let p = policy(&[
            ("MaxInactivityTimeLock", Value::str("00:15:00")),
            ("MaxAttachmentSize", Value::str("10MB")),
            ("MaxPasswordFailedAttempts", Value::Int(8)),
            ("MinPasswordLength", Value::Int(6)),
        ])
        .unwrap();
        let text = serde_yaml::to_string(&p).unwrap();
        assert!(text.contains("MaxPasswordFailedAttempts: 8"), "{text}");
        let back: MobileDeviceMailboxPolicy = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, p);
    }
}
