//! L1 — the parameters that set the S/MIME configuration: name, documented type, New-/Set- availability, help, and the field
//! each one sets.

use super::SmimeConfig;
use crate::model::object::{Setting, setting};

pub(super) static SETTINGS: &[Setting<SmimeConfig>] = &[
    setting!(
        "OWAAllowUserChoiceOfSigningCertificate",
        owa_allow_user_choice_of_signing_certificate,
        "Boolean",
        Both,
        "Whether users pick the signing certificate themselves (default $false: the newest eligible certificate)."
    ),
    setting!(
        "OWAAlwaysEncrypt",
        owa_always_encrypt,
        "Boolean",
        Both,
        "Whether every outgoing message is encrypted (default $false)."
    ),
    setting!(
        "OWAAlwaysSign",
        owa_always_sign,
        "Boolean",
        Both,
        "Whether every outgoing message is signed (default $false)."
    ),
    setting!(
        "OWABCCEncryptedEmailForking",
        owa_bcc_encrypted_email_forking,
        "UInt32",
        Both,
        "Bcc handling of encrypted mail: 0 one message per Bcc recipient (default), 1 one message for all, 2 no forking."
    ),
    setting!(
        "OWACheckCRLOnSend",
        owa_check_crl_on_send,
        "Boolean",
        Both,
        "Whether sending is blocked when the CRL distribution point is unreachable (default $false)."
    ),
    setting!(
        "OWAClearSign",
        owa_clear_sign,
        "Boolean",
        Both,
        "Clear-signed ($true, default) or opaque-signed ($false) messages."
    ),
    setting!(
        "OWACopyRecipientHeaders",
        owa_copy_recipient_headers,
        "Boolean",
        Both,
        "Reserved for internal Microsoft use."
    ),
    setting!(
        "OWACRLConnectionTimeout",
        owa_crl_connection_timeout,
        "UInt32",
        Both,
        "Milliseconds to wait for the connection fetching one CRL (default 60000)."
    ),
    setting!(
        "OWACRLRetrievalTimeout",
        owa_crl_retrieval_timeout,
        "UInt32",
        Both,
        "Milliseconds to wait for all CRLs of a certificate (default 10000)."
    ),
    setting!(
        "OWADisableCRLCheck",
        owa_disable_crl_check,
        "Boolean",
        Both,
        "Whether CRL checking is off (default $false)."
    ),
    setting!(
        "OWADLExpansionTimeout",
        owa_dl_expansion_timeout,
        "UInt32",
        Both,
        "Milliseconds to expand one distribution group for encryption certificates (default 60000)."
    ),
    setting!(
        "OWAEncryptionAlgorithms",
        owa_encryption_algorithms,
        "String",
        Both,
        "Encryption algorithms, ';'-separated: 6601 DES, 6602[:40|56|64|128] RC2, 6603 3DES, 660E AES128, 660F AES192, 6610 AES256 (default)."
    ),
    setting!(
        "OWAEncryptTemporaryBuffers",
        owa_encrypt_temporary_buffers,
        "Boolean",
        Both,
        "Whether client-side temporary buffers are encrypted (default $true)."
    ),
    setting!(
        "OWAForceSMIMEClientUpgrade",
        owa_force_smime_client_upgrade,
        "Boolean",
        Both,
        "Whether users must upgrade an outdated S/MIME control (default $true)."
    ),
    setting!(
        "OWAIncludeCertificateChainAndRootCertificate",
        owa_include_certificate_chain_and_root_certificate,
        "Boolean",
        Both,
        "Whether messages carry the certificate chain and root (default $false)."
    ),
    setting!(
        "OWAIncludeCertificateChainWithoutRootCertificate",
        owa_include_certificate_chain_without_root_certificate,
        "Boolean",
        Both,
        "Whether messages carry the chain without the root (default $false)."
    ),
    setting!(
        "OWAIncludeSMIMECapabilitiesInMessage",
        owa_include_smime_capabilities_in_message,
        "Boolean",
        Both,
        "Whether messages list the supported algorithms (default $false)."
    ),
    setting!(
        "OWAOnlyUseSmartCard",
        owa_only_use_smart_card,
        "Boolean",
        Both,
        "Whether smart-card certificates are required (default $false)."
    ),
    setting!(
        "OWASenderCertificateAttributesToDisplay",
        owa_sender_certificate_attributes_to_display,
        "String",
        Both,
        "Comma-separated OIDs of certificate attributes shown on a sender address mismatch (default blank)."
    ),
    setting!(
        "OWASignedEmailCertificateInclusion",
        owa_signed_email_certificate_inclusion,
        "Boolean",
        Both,
        "Whether signed mail includes the signing and encryption certificates (default $true)."
    ),
    setting!(
        "OWASigningAlgorithms",
        owa_signing_algorithms,
        "String",
        Both,
        "Signing algorithms, ';'-separated: 8003 MD5, 8004 SHA1 (default), 800C SHA256, 800D SHA384, 800E SHA512."
    ),
    setting!(
        "OWATripleWrapSignedEncryptedMail",
        owa_triple_wrap_signed_encrypted_mail,
        "Boolean",
        Both,
        "Whether signed and encrypted mail is triple-wrapped (default $false)."
    ),
    setting!(
        "OWAUseKeyIdentifier",
        owa_use_key_identifier,
        "Boolean",
        Both,
        "Whether the key identifier encodes the encrypted token (default $false)."
    ),
    setting!(
        "OWAUseSecondaryProxiesWhenFindingCertificates",
        owa_use_secondary_proxies_when_finding_certificates,
        "Boolean",
        Both,
        "Whether proxy addresses are tried when finding certificates (default $true)."
    ),
    setting!(
        "NoSignOnReply",
        no_sign_on_reply,
        "Boolean",
        Both,
        "New Outlook only: whether replies drop the S/MIME signature (default $true)."
    ),
    setting!(
        "SMIMECertificateIssuingCA",
        smime_certificate_issuing_ca,
        "Byte[]",
        Both,
        "The bytes of an SST file of root and intermediate CA certificates that validate S/MIME certificates."
    ),
];
