//! L1 — the parameters that set a mobile device mailbox policy: name, documented type, New-/Set- availability, help, and the field
//! each one sets.

use super::MobileDeviceMailboxPolicy;
use crate::model::object::{Setting, setting};

pub(super) static SETTINGS: &[Setting<MobileDeviceMailboxPolicy>] = &[
    setting!(
        "AllowApplePushNotifications",
        allow_apple_push_notifications,
        "Boolean",
        Both,
        "Push notifications for Apple devices (default $true)."
    ),
    setting!(
        "AllowBluetooth",
        allow_bluetooth,
        "BluetoothType",
        Both,
        "Allow (default), Disable or HandsfreeOnly."
    ),
    setting!(
        "AllowBrowser",
        allow_browser,
        "Boolean",
        Both,
        "Pocket Internet Explorer allowed (default $true)."
    ),
    setting!(
        "AllowCamera",
        allow_camera,
        "Boolean",
        Both,
        "The device camera allowed (default $true)."
    ),
    setting!(
        "AllowConsumerEmail",
        allow_consumer_email,
        "Boolean",
        Both,
        "Personal email accounts allowed (default $true)."
    ),
    setting!(
        "AllowDesktopSync",
        allow_desktop_sync,
        "Boolean",
        Both,
        "Synchronization with a computer by cable (default $true)."
    ),
    setting!(
        "AllowExternalDeviceManagement",
        allow_external_device_management,
        "Boolean",
        Both,
        "An external device management program may manage the device (default $false)."
    ),
    setting!(
        "AllowGooglePushNotifications",
        allow_google_push_notifications,
        "Boolean",
        Both,
        "Google push notifications (default $true)."
    ),
    setting!(
        "AllowHTMLEmail",
        allow_html_email,
        "Boolean",
        Both,
        "HTML email ($false converts to plain text; default $true)."
    ),
    setting!(
        "AllowInternetSharing",
        allow_internet_sharing,
        "Boolean",
        Both,
        "Tethering allowed (default $true)."
    ),
    setting!(
        "AllowIrDA",
        allow_irda,
        "Boolean",
        Both,
        "Infrared connections allowed (default $true)."
    ),
    setting!(
        "AllowMicrosoftPushNotifications",
        allow_microsoft_push_notifications,
        "Boolean",
        Both,
        "Push notifications on the device (default $true)."
    ),
    setting!(
        "AllowMobileOTAUpdate",
        allow_mobile_ota_update,
        "Boolean",
        Both,
        "The policy may be sent over a cellular connection (default $true)."
    ),
    setting!(
        "AllowNonProvisionableDevices",
        allow_non_provisionable_devices,
        "Boolean",
        Both,
        "Devices that can't enforce every setting may synchronize (default $true)."
    ),
    setting!(
        "AllowPOPIMAPEmail",
        allow_pop_imap_email,
        "Boolean",
        Both,
        "POP3 and IMAP4 accounts allowed (default $true)."
    ),
    setting!(
        "AllowRemoteDesktop",
        allow_remote_desktop,
        "Boolean",
        Both,
        "Remote desktop connections allowed (default $true)."
    ),
    setting!(
        "AllowSimplePassword",
        allow_simple_password,
        "Boolean",
        Both,
        "Simple passwords such as 1234 allowed (default $true)."
    ),
    setting!(
        "AllowSMIMEEncryptionAlgorithmNegotiation",
        allow_smime_encryption_algorithm_negotiation,
        "SMIMEEncryptionAlgorithmNegotiationType",
        Both,
        "AllowAnyAlgorithmNegotiation (default), BlockNegotiation or OnlyStrongAlgorithmNegotiation."
    ),
    setting!(
        "AllowSMIMESoftCerts",
        allow_smime_soft_certs,
        "Boolean",
        Both,
        "Software S/MIME certificates allowed (default $true)."
    ),
    setting!(
        "AllowStorageCard",
        allow_storage_card,
        "Boolean",
        Both,
        "Storage cards allowed (default $true)."
    ),
    setting!(
        "AllowTextMessaging",
        allow_text_messaging,
        "Boolean",
        Both,
        "Text messaging allowed (default $true)."
    ),
    setting!(
        "AllowUnsignedApplications",
        allow_unsigned_applications,
        "Boolean",
        Both,
        "Unsigned applications may be installed (default $true)."
    ),
    setting!(
        "AllowUnsignedInstallationPackages",
        allow_unsigned_installation_packages,
        "Boolean",
        Both,
        "Unsigned installation packages may run (default $true)."
    ),
    setting!(
        "AllowWiFi",
        allow_wifi,
        "Boolean",
        Both,
        "Wireless internet access allowed (default $true)."
    ),
    setting!(
        "AlphanumericPasswordRequired",
        alphanumeric_password_required,
        "Boolean",
        Both,
        "The device password must be alphanumeric (default $false)."
    ),
    setting!(
        "ApprovedApplicationList",
        approved_application_list,
        "ApprovedApplicationCollection",
        Both,
        "Applications approved for the device."
    ),
    setting!(
        "AttachmentsEnabled",
        attachments_enabled,
        "Boolean",
        Both,
        "Attachments may be downloaded (default $true)."
    ),
    setting!(
        "DeviceEncryptionEnabled",
        device_encryption_enabled,
        "Boolean",
        Both,
        "Device encryption enabled (default $false)."
    ),
    setting!(
        "DevicePolicyRefreshInterval",
        device_policy_refresh_interval,
        "Unlimited",
        Both,
        "How often the policy is re-sent: dd.hh:mm:ss or Unlimited (default)."
    ),
    setting!(
        "IrmEnabled",
        irm_enabled,
        "Boolean",
        Both,
        "Information Rights Management on the device (default $true)."
    ),
    setting!(
        "IsDefault",
        is_default,
        "Boolean",
        Both,
        "Whether this is the default policy; setting $true makes the previous default an ordinary policy."
    ),
    setting!(
        "MaxAttachmentSize",
        max_attachment_size,
        "Unlimited",
        Both,
        "Largest attachment downloaded: 0 to 2147482624 bytes (KB/MB/GB suffixes) or Unlimited (default)."
    ),
    setting!(
        "MaxCalendarAgeFilter",
        max_calendar_age_filter,
        "CalendarAgeFilterType",
        Both,
        "All (default), TwoWeeks, OneMonth, ThreeMonths or SixMonths."
    ),
    setting!(
        "MaxEmailAgeFilter",
        max_email_age_filter,
        "EmailAgeFilterType",
        Both,
        "All (default), OneDay, ThreeDays, OneWeek, TwoWeeks or OneMonth."
    ),
    setting!(
        "MaxEmailBodyTruncationSize",
        max_email_body_truncation_size,
        "Unlimited",
        Both,
        "Truncation size of synchronized mail: 0 to 2147483647 bytes or Unlimited (default)."
    ),
    setting!(
        "MaxEmailHTMLBodyTruncationSize",
        max_email_html_body_truncation_size,
        "Unlimited",
        Both,
        "Truncation size of synchronized HTML mail: 0 to 2147483647 bytes or Unlimited (default)."
    ),
    setting!(
        "MaxInactivityTimeLock",
        max_inactivity_time_lock,
        "Unlimited",
        Both,
        "Idle time before the password is asked again: 00:01:00 to 01:00:00 or Unlimited (default)."
    ),
    setting!(
        "MaxPasswordFailedAttempts",
        max_password_failed_attempts,
        "Unlimited",
        Both,
        "Wrong passwords allowed: 4 to 16 or Unlimited (default)."
    ),
    setting!(
        "MinPasswordComplexCharacters",
        min_password_complex_characters,
        "Int32",
        Both,
        "Character sets the password needs: 1 (default) to 4."
    ),
    setting!(
        "MinPasswordLength",
        min_password_length,
        "Int32",
        Both,
        "Shortest password: 1 to 16, or $null (default)."
    ),
    setting!(
        "Name",
        meta.name,
        "String",
        SetOnly,
        "A new name for the policy."
    ),
    setting!(
        "PasswordEnabled",
        password_enabled,
        "Boolean",
        Both,
        "A device password is required (default $false)."
    ),
    setting!(
        "PasswordExpiration",
        password_expiration,
        "Unlimited",
        Both,
        "Password lifetime: 1.00:00:00 to 730.00:00:00 or Unlimited (default)."
    ),
    setting!(
        "PasswordHistory",
        password_history,
        "Int32",
        Both,
        "New passwords before one may be reused: 0 (default) to 50."
    ),
    setting!(
        "PasswordRecoveryEnabled",
        password_recovery_enabled,
        "Boolean",
        Both,
        "The recovery password is kept in Exchange (default $false)."
    ),
    setting!(
        "RequireDeviceEncryption",
        require_device_encryption,
        "Boolean",
        Both,
        "Encryption required on the device (default $false)."
    ),
    setting!(
        "RequireEncryptedSMIMEMessages",
        require_encrypted_smime_messages,
        "Boolean",
        Both,
        "The device must send S/MIME-encrypted messages (default $false)."
    ),
    setting!(
        "RequireEncryptionSMIMEAlgorithm",
        require_encryption_smime_algorithm,
        "EncryptionSMIMEAlgorithmType",
        Both,
        "DES, TripleDES (default), RC240bit, RC264bit or RC2128bit."
    ),
    setting!(
        "RequireManualSyncWhenRoaming",
        require_manual_sync_when_roaming,
        "Boolean",
        Both,
        "Manual synchronization while roaming (default $false)."
    ),
    setting!(
        "RequireSignedSMIMEAlgorithm",
        require_signed_smime_algorithm,
        "SignedSMIMEAlgorithmType",
        Both,
        "SHA1 (default) or MD5."
    ),
    setting!(
        "RequireSignedSMIMEMessages",
        require_signed_smime_messages,
        "Boolean",
        Both,
        "The device must send S/MIME-signed messages (default $false)."
    ),
    setting!(
        "RequireStorageCardEncryption",
        require_storage_card_encryption,
        "Boolean",
        Both,
        "Storage card encryption required; $true also sets DeviceEncryptionEnabled (default $false)."
    ),
    setting!(
        "UnapprovedInROMApplicationList",
        unapproved_in_rom_application_list,
        "MultiValuedProperty",
        Both,
        "Applications that may not run in ROM."
    ),
    setting!(
        "UNCAccessEnabled",
        unc_access_enabled,
        "Boolean",
        Both,
        "Access to Windows file shares (default $true)."
    ),
    setting!(
        "WSSAccessEnabled",
        wss_access_enabled,
        "Boolean",
        Both,
        "Access to SharePoint (default $true)."
    ),
];
