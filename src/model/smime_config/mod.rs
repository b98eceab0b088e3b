//! L1 — the organization's S/MIME settings for Outlook on the web and new Outlook (one per
//! organization): `Get-SmimeConfig` / `Set-SmimeConfig`, with every documented default.

mod settings;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::value::{Value, builtin, static_convert};

use crate::model::algorithms::{EncryptionAlgorithms, OidList, SigningAlgorithms};
use crate::model::object::{ConfigObject, ObjectKindInfo, ObjectMeta, Setting, out};
use crate::model::param::{Property, PropertyType};
use crate::model::problem::Problem;
use crate::model::timestamp::Timestamp;
use crate::pki::{self, Format};

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
        check_collection(parameter, &bytes, Timestamp::now().unix())?;
        Ok(CertificateStoreBytes(bytes))
    }

    fn to_ps(&self) -> Value {
        builtin::byte_array(self.0.clone())
    }
}

impl SmimeConfig {
    /// The certificates of the CA collection, each as Subject, Thumbprint and NotAfter
    /// (empty when there is no collection or it is unreadable).
    pub fn issuing_ca_certificates(&self) -> Value {
        let Some(CertificateStoreBytes(bytes)) = &self.smime_certificate_issuing_ca else {
            return Value::array(Vec::new());
        };
        let certificates = pki::decode(pki::detect(bytes), bytes).unwrap_or_default();
        let items = certificates
            .iter()
            .map(|c| {
                let thumbprint = c.thumbprint().to_string();
                let expires = Timestamp::from_unix(c.not_after())
                    .map(|t| t.to_string())
                    .unwrap_or_default();
                builtin::typed(
                    "Mailsec.SmimeIssuingCACertificate",
                    vec![
                        ("Subject", Value::str(c.subject())),
                        ("Thumbprint", Value::str(thumbprint.as_str())),
                        ("NotAfter", builtin::datetime(c.not_after(), 0)),
                    ],
                    Some(format!("{} [{thumbprint}] expires {expires}", c.subject())),
                )
            })
            .collect();
        Value::array(items)
    }
}

/// The S/MIME CA collection's rules: the bytes are an SST (or a P7B) that decodes, and no
/// certificate in it is expired at `now` (else the whole collection is refused, each expired
/// certificate named with its thumbprint and NotAfter).
pub fn check_collection(parameter: &str, bytes: &[u8], now: i64) -> Result<(), Problem> {
    let shown = format!("{} bytes", bytes.len());
    let format = pki::detect(bytes);
    if !matches!(format, Format::Sst | Format::Pkcs7) {
        return Err(Problem::new(
            parameter,
            &shown,
            format!(
                "{parameter} takes a serialized certificate store (SST) or a PKCS #7 (P7B) file; these bytes are {}. Export one with: Get-ChildItem Cert:\\LocalMachine\\CA | Export-Certificate -FilePath <file> -Type SST",
                format.name()
            ),
        ));
    }
    let certificates = pki::decode(format, bytes).map_err(|error| {
        Problem::new(
            parameter,
            &shown,
            format!("{parameter}: the certificate store is unreadable: {error}"),
        )
    })?;
    let expired: Vec<String> = certificates
        .iter()
        .filter(|c| c.is_expired_at(now))
        .map(|c| {
            let not_after = Timestamp::from_unix(c.not_after())
                .map(|t| t.to_string())
                .unwrap_or_else(|| c.not_after().to_string());
            format!(
                "  {} (thumbprint {}) expired {not_after}",
                c.subject(),
                c.thumbprint()
            )
        })
        .collect();
    if expired.is_empty() {
        return Ok(());
    }
    Err(Problem::new(
        parameter,
        &shown,
        format!(
            "The certificate collection was refused: it holds {} expired certificate(s) of {}, and an expired certificate makes the whole collection invalid. Remove them and export again:\n{}",
            expired.len(),
            certificates.len(),
            expired.join("\n")
        ),
    ))
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
            .ok_or_else(|| {
                serde::de::Error::custom("SMIMECertificateIssuingCA is not valid base64")
            })
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
    #[serde(
        rename = "OWAEncryptionAlgorithms",
        skip_serializing_if = "Option::is_none"
    )]
    pub owa_encryption_algorithms: Option<EncryptionAlgorithms>,
    #[serde(
        rename = "OWASigningAlgorithms",
        skip_serializing_if = "Option::is_none"
    )]
    pub owa_signing_algorithms: Option<SigningAlgorithms>,
    #[serde(rename = "OWAForceSMIMEClientUpgrade")]
    pub owa_force_smime_client_upgrade: bool,
    #[serde(
        rename = "OWASenderCertificateAttributesToDisplay",
        skip_serializing_if = "Option::is_none"
    )]
    pub owa_sender_certificate_attributes_to_display: Option<OidList>,
    #[serde(rename = "OWAAllowUserChoiceOfSigningCertificate")]
    pub owa_allow_user_choice_of_signing_certificate: bool,
    #[serde(rename = "NoSignOnReply")]
    pub no_sign_on_reply: bool,
    #[serde(
        rename = "SMIMECertificateIssuingCA",
        skip_serializing_if = "Option::is_none"
    )]
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
        settings::SETTINGS
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
            (
                "OWAUseSecondaryProxiesWhenFindingCertificates",
                out(&self.owa_use_secondary_proxies_when_finding_certificates),
            ),
            (
                "OWACRLConnectionTimeout",
                out(&self.owa_crl_connection_timeout),
            ),
            (
                "OWACRLRetrievalTimeout",
                out(&self.owa_crl_retrieval_timeout),
            ),
            ("OWADisableCRLCheck", out(&self.owa_disable_crl_check)),
            ("OWAAlwaysSign", out(&self.owa_always_sign)),
            ("OWAAlwaysEncrypt", out(&self.owa_always_encrypt)),
            ("OWAClearSign", out(&self.owa_clear_sign)),
            (
                "OWAIncludeCertificateChainWithoutRootCertificate",
                out(&self.owa_include_certificate_chain_without_root_certificate),
            ),
            (
                "OWAIncludeCertificateChainAndRootCertificate",
                out(&self.owa_include_certificate_chain_and_root_certificate),
            ),
            (
                "OWAEncryptTemporaryBuffers",
                out(&self.owa_encrypt_temporary_buffers),
            ),
            (
                "OWASignedEmailCertificateInclusion",
                out(&self.owa_signed_email_certificate_inclusion),
            ),
            (
                "OWABCCEncryptedEmailForking",
                out(&self.owa_bcc_encrypted_email_forking),
            ),
            (
                "OWAIncludeSMIMECapabilitiesInMessage",
                out(&self.owa_include_smime_capabilities_in_message),
            ),
            (
                "OWACopyRecipientHeaders",
                out(&self.owa_copy_recipient_headers),
            ),
            ("OWAOnlyUseSmartCard", out(&self.owa_only_use_smart_card)),
            (
                "OWATripleWrapSignedEncryptedMail",
                out(&self.owa_triple_wrap_signed_encrypted_mail),
            ),
            ("OWAUseKeyIdentifier", out(&self.owa_use_key_identifier)),
            (
                "OWAEncryptionAlgorithms",
                out(&self.owa_encryption_algorithms),
            ),
            ("OWASigningAlgorithms", out(&self.owa_signing_algorithms)),
            (
                "OWAForceSMIMEClientUpgrade",
                out(&self.owa_force_smime_client_upgrade),
            ),
            (
                "OWASenderCertificateAttributesToDisplay",
                out(&self.owa_sender_certificate_attributes_to_display),
            ),
            (
                "OWAAllowUserChoiceOfSigningCertificate",
                out(&self.owa_allow_user_choice_of_signing_certificate),
            ),
            ("NoSignOnReply", out(&self.no_sign_on_reply)),
            (
                "SMIMECertificateIssuingCA",
                Property::to_ps(&self.smime_certificate_issuing_ca),
            ),
            (
                "SMIMECertificateIssuingCACertificates",
                self.issuing_ca_certificates(),
            ),
        ]
    }
}
