//! L1 — the organization's S/MIME settings for Outlook on the web and new Outlook (one per
//! organization): `Get-SmimeConfig` / `Set-SmimeConfig`, with every documented default.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::value::{Value, builtin, static_convert};

use super::algorithms::{EncryptionAlgorithms, OidList, SigningAlgorithms};
use super::object::{ConfigObject, ObjectKindInfo, ObjectMeta, Setting, out, setting};
use super::param::{Property, PropertyType};
use super::problem::Problem;

/// The serialized certificate store (SST) of CA certificates that validate S/MIME certificates
/// (`SMIMECertificateIssuingCA`), kept as base64 in the state file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CertificateStoreBytes(pub Vec<u8>);

impl PropertyType for CertificateStoreBytes {
    const TYPE_NAME: &'static str = "System.Byte[]";
    const TAKES_ARRAY: bool = true;

    fn from_arg(parameter: &str, value: &Value) -> Result<CertificateStoreBytes, Problem> {
        let invalid = |text: &str| {
            Problem::new(
                parameter,
                text,
                format!(
                    "Cannot process argument transformation on parameter '{parameter}'. It takes the bytes of a serialized certificate store (SST), for example ([System.IO.File]::ReadAllBytes('C:\\My Documents\\Exported Certificate Store.sst'))."
                ),
            )
        };
        let items = crate::value::convert::items_of(value);
        let mut bytes = Vec::with_capacity(items.len());
        for item in &items {
            let byte = match item {
                Value::Byte(b) => *b,
                Value::Int(n) => u8::try_from(*n).map_err(|_| invalid(&n.to_string()))?,
                Value::Long(n) => u8::try_from(*n).map_err(|_| invalid(&n.to_string()))?,
                other => return Err(invalid(&super::param::text_of(other))),
            };
            bytes.push(byte);
        }
        Ok(CertificateStoreBytes(bytes))
    }

    fn to_ps(&self) -> Value {
        builtin::byte_array(self.0.clone())
    }
}

impl Serialize for CertificateStoreBytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&static_convert::base64_encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for CertificateStoreBytes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let compact: String = text.split_whitespace().collect();
        static_convert::base64_decode(&compact)
            .map(CertificateStoreBytes)
            .ok_or_else(|| serde::de::Error::custom("SMIMECertificateIssuingCA is not valid base64"))
    }
}

/// The fixed GUID of the organization's S/MIME configuration object.
const SMIME_CONFIG_GUID: Uuid = Uuid::from_u128(0x5b1f_0e2a_7c4d_4e8b_9a61_0c3e_5d2f_8a01);

/// The organization's S/MIME settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SmimeConfig {
    #[serde(flatten)]
    pub meta: ObjectMeta,
    #[serde(rename = "OWACheckCRLOnSend")]
    pub owa_check_crl_on_send: bool,
    #[serde(rename = "OWADLExpansionTimeout")]
    pub owa_dl_expansion_timeout: u32,
    #[serde(rename = "OWAUseSecondaryProxiesWhenFindingCertificates")]
    pub owa_use_secondary_proxies_when_finding_certificates: bool,
    #[serde(rename = "OWACRLConnectionTimeout")]
    pub owa_crl_connection_timeout: u32,
    #[serde(rename = "OWACRLRetrievalTimeout")]
    pub owa_crl_retrieval_timeout: u32,
    #[serde(rename = "OWADisableCRLCheck")]
    pub owa_disable_crl_check: bool,
    #[serde(rename = "OWAAlwaysSign")]
    pub owa_always_sign: bool,
    #[serde(rename = "OWAAlwaysEncrypt")]
    pub owa_always_encrypt: bool,
    #[serde(rename = "OWAClearSign")]
    pub owa_clear_sign: bool,
    #[serde(rename = "OWAIncludeCertificateChainWithoutRootCertificate")]
    pub owa_include_certificate_chain_without_root_certificate: bool,
    #[serde(rename = "OWAIncludeCertificateChainAndRootCertificate")]
    pub owa_include_certificate_chain_and_root_certificate: bool,
    #[serde(rename = "OWAEncryptTemporaryBuffers")]
    pub owa_encrypt_temporary_buffers: bool,
    #[serde(rename = "OWASignedEmailCertificateInclusion")]
    pub owa_signed_email_certificate_inclusion: bool,
    #[serde(rename = "OWABCCEncryptedEmailForking")]
    pub owa_bcc_encrypted_email_forking: u32,
    #[serde(rename = "OWAIncludeSMIMECapabilitiesInMessage")]
    pub owa_include_smime_capabilities_in_message: bool,
    #[serde(rename = "OWACopyRecipientHeaders")]
    pub owa_copy_recipient_headers: bool,
    #[serde(rename = "OWAOnlyUseSmartCard")]
    pub owa_only_use_smart_card: bool,
    #[serde(rename = "OWATripleWrapSignedEncryptedMail")]
    pub owa_triple_wrap_signed_encrypted_mail: bool,
    #[serde(rename = "OWAUseKeyIdentifier")]
    pub owa_use_key_identifier: bool,
    #[serde(rename = "OWAEncryptionAlgorithms", skip_serializing_if = "Option::is_none")]
    pub owa_encryption_algorithms: Option<EncryptionAlgorithms>,
    #[serde(rename = "OWASigningAlgorithms", skip_serializing_if = "Option::is_none")]
    pub owa_signing_algorithms: Option<SigningAlgorithms>,
    #[serde(rename = "OWAForceSMIMEClientUpgrade")]
    pub owa_force_smime_client_upgrade: bool,
    #[serde(rename = "OWASenderCertificateAttributesToDisplay", skip_serializing_if = "Option::is_none")]
    pub owa_sender_certificate_attributes_to_display: Option<OidList>,
    #[serde(rename = "OWAAllowUserChoiceOfSigningCertificate")]
    pub owa_allow_user_choice_of_signing_certificate: bool,
    #[serde(rename = "NoSignOnReply")]
    pub no_sign_on_reply: bool,
    #[serde(rename = "SMIMECertificateIssuingCA", skip_serializing_if = "Option::is_none")]
    pub smime_certificate_issuing_ca: Option<CertificateStoreBytes>,
}

impl Default for SmimeConfig {
    /// The documented defaults of a new organization.
    fn default() -> SmimeConfig {
        SmimeConfig {
            meta: ObjectMeta::built_in("SmimeConfiguration", SMIME_CONFIG_GUID),
            owa_check_crl_on_send: false,
            owa_dl_expansion_timeout: 60_000,
            owa_use_secondary_proxies_when_finding_certificates: true,
            owa_crl_connection_timeout: 60_000,
            owa_crl_retrieval_timeout: 10_000,
            owa_disable_crl_check: false,
            owa_always_sign: false,
            owa_always_encrypt: false,
            owa_clear_sign: true,
            owa_include_certificate_chain_without_root_certificate: false,
            owa_include_certificate_chain_and_root_certificate: false,
            owa_encrypt_temporary_buffers: true,
            owa_signed_email_certificate_inclusion: true,
            owa_bcc_encrypted_email_forking: 0,
            owa_include_smime_capabilities_in_message: false,
            owa_copy_recipient_headers: false,
            owa_only_use_smart_card: false,
            owa_triple_wrap_signed_encrypted_mail: false,
            owa_use_key_identifier: false,
            owa_encryption_algorithms: None,
            owa_signing_algorithms: None,
            owa_force_smime_client_upgrade: true,
            owa_sender_certificate_attributes_to_display: None,
            owa_allow_user_choice_of_signing_certificate: false,
            no_sign_on_reply: true,
            smime_certificate_issuing_ca: None,
        }
    }
}

static SETTINGS: &[Setting<SmimeConfig>] = &[
    setting!("OWAAllowUserChoiceOfSigningCertificate", owa_allow_user_choice_of_signing_certificate, "Boolean", Both, "Whether users pick the signing certificate themselves (default $false: the newest eligible certificate)."),
    setting!("OWAAlwaysEncrypt", owa_always_encrypt, "Boolean", Both, "Whether every outgoing message is encrypted (default $false)."),
    setting!("OWAAlwaysSign", owa_always_sign, "Boolean", Both, "Whether every outgoing message is signed (default $false)."),
    setting!("OWABCCEncryptedEmailForking", owa_bcc_encrypted_email_forking, "UInt32", Both, "Bcc handling of encrypted mail: 0 one message per Bcc recipient (default), 1 one message for all, 2 no forking."),
    setting!("OWACheckCRLOnSend", owa_check_crl_on_send, "Boolean", Both, "Whether sending is blocked when the CRL distribution point is unreachable (default $false)."),
    setting!("OWAClearSign", owa_clear_sign, "Boolean", Both, "Clear-signed ($true, default) or opaque-signed ($false) messages."),
    setting!("OWACopyRecipientHeaders", owa_copy_recipient_headers, "Boolean", Both, "Reserved for internal Microsoft use."),
    setting!("OWACRLConnectionTimeout", owa_crl_connection_timeout, "UInt32", Both, "Milliseconds to wait for the connection fetching one CRL (default 60000)."),
    setting!("OWACRLRetrievalTimeout", owa_crl_retrieval_timeout, "UInt32", Both, "Milliseconds to wait for all CRLs of a certificate (default 10000)."),
    setting!("OWADisableCRLCheck", owa_disable_crl_check, "Boolean", Both, "Whether CRL checking is off (default $false)."),
    setting!("OWADLExpansionTimeout", owa_dl_expansion_timeout, "UInt32", Both, "Milliseconds to expand one distribution group for encryption certificates (default 60000)."),
    setting!("OWAEncryptionAlgorithms", owa_encryption_algorithms, "String", Both, "Encryption algorithms, ';'-separated: 6601 DES, 6602[:40|56|64|128] RC2, 6603 3DES, 660E AES128, 660F AES192, 6610 AES256 (default)."),
    setting!("OWAEncryptTemporaryBuffers", owa_encrypt_temporary_buffers, "Boolean", Both, "Whether client-side temporary buffers are encrypted (default $true)."),
    setting!("OWAForceSMIMEClientUpgrade", owa_force_smime_client_upgrade, "Boolean", Both, "Whether users must upgrade an outdated S/MIME control (default $true)."),
    setting!("OWAIncludeCertificateChainAndRootCertificate", owa_include_certificate_chain_and_root_certificate, "Boolean", Both, "Whether messages carry the certificate chain and root (default $false)."),
    setting!("OWAIncludeCertificateChainWithoutRootCertificate", owa_include_certificate_chain_without_root_certificate, "Boolean", Both, "Whether messages carry the chain without the root (default $false)."),
    setting!("OWAIncludeSMIMECapabilitiesInMessage", owa_include_smime_capabilities_in_message, "Boolean", Both, "Whether messages list the supported algorithms (default $false)."),
    setting!("OWAOnlyUseSmartCard", owa_only_use_smart_card, "Boolean", Both, "Whether smart-card certificates are required (default $false)."),
    setting!("OWASenderCertificateAttributesToDisplay", owa_sender_certificate_attributes_to_display, "String", Both, "Comma-separated OIDs of certificate attributes shown on a sender address mismatch (default blank)."),
    setting!("OWASignedEmailCertificateInclusion", owa_signed_email_certificate_inclusion, "Boolean", Both, "Whether signed mail includes the signing and encryption certificates (default $true)."),
    setting!("OWASigningAlgorithms", owa_signing_algorithms, "String", Both, "Signing algorithms, ';'-separated: 8003 MD5, 8004 SHA1 (default), 800C SHA256, 800D SHA384, 800E SHA512."),
    setting!("OWATripleWrapSignedEncryptedMail", owa_triple_wrap_signed_encrypted_mail, "Boolean", Both, "Whether signed and encrypted mail is triple-wrapped (default $false)."),
    setting!("OWAUseKeyIdentifier", owa_use_key_identifier, "Boolean", Both, "Whether the key identifier encodes the encrypted token (default $false)."),
    setting!("OWAUseSecondaryProxiesWhenFindingCertificates", owa_use_secondary_proxies_when_finding_certificates, "Boolean", Both, "Whether proxy addresses are tried when finding certificates (default $true)."),
    setting!("NoSignOnReply", no_sign_on_reply, "Boolean", Both, "New Outlook only: whether replies drop the S/MIME signature (default $true)."),
    setting!("SMIMECertificateIssuingCA", smime_certificate_issuing_ca, "Byte[]", Both, "The bytes of an SST file of root and intermediate CA certificates that validate S/MIME certificates."),
];

impl ConfigObject for SmimeConfig {
    const KIND: ObjectKindInfo = ObjectKindInfo {
        type_name: "Microsoft.Exchange.Data.Directory.SystemConfiguration.SmimeConfigurationContainer",
        noun: "S/MIME configuration",
        container: "CN=Global Settings",
    };

    fn meta(&self) -> &ObjectMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut ObjectMeta {
        &mut self.meta
    }

    fn settings() -> &'static [Setting<SmimeConfig>] {
        SETTINGS
    }

    fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.owa_bcc_encrypted_email_forking > 2 {
            problems.push(Problem::out_of_range(
                "OWABCCEncryptedEmailForking",
                &self.owa_bcc_encrypted_email_forking.to_string(),
                "0 (one encrypted message per Bcc recipient), 1 (one for all Bcc recipients) or 2 (no Bcc forking)",
            ));
        }
        if matches!(&self.smime_certificate_issuing_ca, Some(bytes) if bytes.0.is_empty()) {
            problems.push(Problem::new(
                "SMIMECertificateIssuingCA",
                "",
                "SMIMECertificateIssuingCA is empty; give the bytes of an SST file, or $null to remove the collection.",
            ));
        }
        problems
    }

    fn advisories(&self) -> Vec<String> {
        let mut advice = Vec::new();
        if self.owa_disable_crl_check {
            advice.push("OWADisableCRLCheck is $true: signatures made with revoked certificates will validate.".to_string());
        }
        if !self.owa_encrypt_temporary_buffers {
            advice.push("OWAEncryptTemporaryBuffers is $false: message data stays unencrypted in client buffers.".to_string());
        }
        advice
    }

    fn properties(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("OWACheckCRLOnSend", out(&self.owa_check_crl_on_send)),
            ("OWADLExpansionTimeout", out(&self.owa_dl_expansion_timeout)),
            ("OWAUseSecondaryProxiesWhenFindingCertificates", out(&self.owa_use_secondary_proxies_when_finding_certificates)),
            ("OWACRLConnectionTimeout", out(&self.owa_crl_connection_timeout)),
            ("OWACRLRetrievalTimeout", out(&self.owa_crl_retrieval_timeout)),
            ("OWADisableCRLCheck", out(&self.owa_disable_crl_check)),
            ("OWAAlwaysSign", out(&self.owa_always_sign)),
            ("OWAAlwaysEncrypt", out(&self.owa_always_encrypt)),
            ("OWAClearSign", out(&self.owa_clear_sign)),
            ("OWAIncludeCertificateChainWithoutRootCertificate", out(&self.owa_include_certificate_chain_without_root_certificate)),
            ("OWAIncludeCertificateChainAndRootCertificate", out(&self.owa_include_certificate_chain_and_root_certificate)),
            ("OWAEncryptTemporaryBuffers", out(&self.owa_encrypt_temporary_buffers)),
            ("OWASignedEmailCertificateInclusion", out(&self.owa_signed_email_certificate_inclusion)),
            ("OWABCCEncryptedEmailForking", out(&self.owa_bcc_encrypted_email_forking)),
            ("OWAIncludeSMIMECapabilitiesInMessage", out(&self.owa_include_smime_capabilities_in_message)),
            ("OWACopyRecipientHeaders", out(&self.owa_copy_recipient_headers)),
            ("OWAOnlyUseSmartCard", out(&self.owa_only_use_smart_card)),
            ("OWATripleWrapSignedEncryptedMail", out(&self.owa_triple_wrap_signed_encrypted_mail)),
            ("OWAUseKeyIdentifier", out(&self.owa_use_key_identifier)),
            ("OWAEncryptionAlgorithms", out(&self.owa_encryption_algorithms)),
            ("OWASigningAlgorithms", out(&self.owa_signing_algorithms)),
            ("OWAForceSMIMEClientUpgrade", out(&self.owa_force_smime_client_upgrade)),
            ("OWASenderCertificateAttributesToDisplay", out(&self.owa_sender_certificate_attributes_to_display)),
            ("OWAAllowUserChoiceOfSigningCertificate", out(&self.owa_allow_user_choice_of_signing_certificate)),
            ("NoSignOnReply", out(&self.no_sign_on_reply)),
            ("SMIMECertificateIssuingCA", Property::to_ps(&self.smime_certificate_issuing_ca)),
        ]
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::object::{set_parameter, set_parameters, to_value};
    use crate::value::access;

    #[test]
    fn defaults_are_the_documented_ones() {
        let config = SmimeConfig::default();
        assert!(!config.owa_allow_user_choice_of_signing_certificate);
        assert!(config.owa_clear_sign);
        assert_eq!(config.owa_crl_connection_timeout, 60_000);
        assert_eq!(config.owa_crl_retrieval_timeout, 10_000);
        assert_eq!(config.owa_dl_expansion_timeout, 60_000);
        assert!(config.owa_encrypt_temporary_buffers);
        assert!(config.owa_force_smime_client_upgrade);
        assert!(config.owa_signed_email_certificate_inclusion);
        assert!(config.owa_use_secondary_proxies_when_finding_certificates);
        assert!(config.no_sign_on_reply);
        assert_eq!(config.owa_bcc_encrypted_email_forking, 0);
        assert!(config.owa_encryption_algorithms.is_none());
        assert!(config.validate().is_empty());
    }

    #[test]
    fn the_doc_example_sets_three_values() {
        let mut config = SmimeConfig::default();
        let args = [
            ("OWAAllowUserChoiceOfSigningCertificate", Value::Bool(true)),
            ("OWACRLRetrievalTimeout", Value::Int(10000)),
            ("OWAEncryptionAlgorithms", Value::str("6602:128")),
        ];
        set_parameters(&mut config, args.iter().map(|(n, v)| (*n, v))).unwrap();
        assert!(config.owa_allow_user_choice_of_signing_certificate);
        assert_eq!(config.owa_encryption_algorithms.as_ref().unwrap().to_string(), "6602:128");
    }

    #[test]
    fn bad_values_are_all_reported() {
        let mut config = SmimeConfig::default();
        let args = [
            ("OWACRLRetrievalTimeout", Value::Int(-5)),
            ("OWAEncryptionAlgorithms", Value::str("6699")),
            ("OWAAlwaysSign", Value::str("maybe")),
        ];
        let problems = set_parameters(&mut config, args.iter().map(|(n, v)| (*n, v))).unwrap_err();
        let named: Vec<&str> = problems.iter().map(|p| p.parameter.as_str()).collect();
        assert_eq!(named, vec!["OWACRLRetrievalTimeout", "OWAEncryptionAlgorithms", "OWAAlwaysSign"]);
    }

    #[test]
    fn bcc_forking_takes_zero_to_two() {
        let mut config = SmimeConfig::default();
        set_parameter(&mut config, "OWABCCEncryptedEmailForking", &Value::Int(3)).unwrap();
        let problems = config.validate();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("2 (no Bcc forking)"));
    }

    #[test]
    fn issuing_ca_takes_bytes_and_keeps_them_as_base64() {
        let mut config = SmimeConfig::default();
        let bytes = builtin::byte_array(vec![0, 0, 0, 0, b'C', b'E', b'R', b'T']);
        set_parameter(&mut config, "SMIMECertificateIssuingCA", &bytes).unwrap();
        let text = serde_yaml::to_string(&config).unwrap();
        assert!(text.contains("SMIMECertificateIssuingCA: AAAAAENFUlQ="), "{text}");
        let back: SmimeConfig = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, config);
        assert!(set_parameter(&mut config, "SMIMECertificateIssuingCA", &Value::str("text")).is_err());
        set_parameter(&mut config, "SMIMECertificateIssuingCA", &Value::Null).unwrap();
        assert!(config.smime_certificate_issuing_ca.is_none());
    }

    #[test]
    fn output_carries_exchange_names_in_order() {
        let value = to_value(&SmimeConfig::default(), "Contoso");
        let names: Vec<String> = crate::value::psobject::properties(&value).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names[0], "OWACheckCRLOnSend");
        assert!(names.contains(&"OWAEncryptionAlgorithms".to_string()));
        assert!(names.contains(&"Identity".to_string()));
        assert!(matches!(access::get_member(&value, "OWAClearSign"), Value::Bool(true)));
        assert!(access::get_member(&value, "OWAEncryptionAlgorithms").is_null());
    }

    #[test]
    fn older_files_load_with_defaults() {
        let config: SmimeConfig = serde_yaml::from_str("OWAAlwaysSign: true\n").unwrap();
        assert!(config.owa_always_sign);
        assert!(config.owa_clear_sign);
        assert_eq!(config.owa_crl_retrieval_timeout, 10_000);
    }
}
