//! L4 — New-SelfSignedCertificate: make a key (RSA 2048 by default, as on Windows, or ECDSA)
//! and a certificate (self-signed, or signed
//! by a `-Signer` whose key is in the key directory) in a My store of the Cert: drive. The
//! private key goes to `<state dir>/keys/<THUMBPRINT>.key` (0600), never into the state.

use std::path::Path;

use crate::cmdlets::common::{arg_int, arg_strings, named_type, string_array, terminating};
use crate::cmdlets::pki::cert_path::{self, CertPath};
use crate::cmdlets::pki::stores::{
    BAD_PATH, change_certificates, decode_stored, load_certificates,
};
use crate::engine::{Cmdlet, Context, Eval, Example, Flow, Param, Signature};
use crate::model::StoredCertificate;
use crate::pki::issue::{self, KeyAlgorithm, Request, Signer};
use crate::pki::system::unix_now;
use crate::pki::{Certificate, keys};
use crate::value::{PsType, Value, builtin, convert};

/// The EKU OIDs of each `-Type`.
const TYPES: &[(&str, &[&str], &[&str])] = &[
    ("Custom", &[], &["DigitalSignature", "KeyEncipherment"]),
    (
        "SSLServerAuthentication",
        &["1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1"],
        &["DigitalSignature", "KeyEncipherment"],
    ),
    (
        "DocumentEncryptionCert",
        &["1.3.6.1.4.1.311.80.1"],
        &["DataEncipherment", "KeyEncipherment"],
    ),
    (
        "CodeSigningCert",
        &["1.3.6.1.5.5.7.3.3"],
        &["DigitalSignature"],
    ),
];

const KEY_USAGES: &[&str] = &[
    "None",
    "EncipherOnly",
    "CRLSign",
    "CertSign",
    "KeyAgreement",
    "DataEncipherment",
    "KeyEncipherment",
    "NonRepudiation",
    "DigitalSignature",
    "DecipherOnly",
];

const CRYPTO_ERROR: &str = "System.Security.Cryptography.CryptographicException";

/// `New-SelfSignedCertificate [-Subject <String>] [-DnsName <String[]>] [-CertStoreLocation
/// <String>] [-KeyAlgorithm <String>] [-KeyLength <Int32>] [-NotAfter <DateTime>] [-NotBefore
/// <DateTime>] [-Signer <Certificate>] [-TextExtension <String[]>] [-KeyUsage <KeyUsage[]>]
/// [-Type <CertificateType>] [-FriendlyName <String>] [-WhatIf] [-Confirm]`
pub struct NewSelfSignedCertificate;

impl Cmdlet for NewSelfSignedCertificate {
    fn signature(&self) -> Signature {
        let date = || named_type("System.DateTime");
        Signature::new(
            "New-SelfSignedCertificate",
            "Creates a self-signed (or -Signer signed) certificate and its private key in a My store.",
        )
        .should_process()
        .param(Param::new("Subject", PsType::String).help("The subject, such as CN=Contoso Root CA, O=Contoso, C=US."))
        .param(Param::new("DnsName", string_array()).help("DNS names for the subject alternative name; the first is the subject when -Subject is absent."))
        .param(Param::new("CertStoreLocation", PsType::String).help("Cert:\\LocalMachine\\My (the default) or Cert:\\CurrentUser\\My."))
        .param(Param::new("KeyAlgorithm", PsType::String).accepts(&["ECDSA_nistP256", "ECDSA_nistP384", "RSA"]).help("RSA (the default, as on Windows; 2048 bits unless -KeyLength says 2048 to 8192; the key is made by the system's openssl), ECDSA_nistP256 or ECDSA_nistP384."))
        .param(Param::new("KeyLength", PsType::Int).help("The key length in bits: 2048 (default) to 8192 for RSA, 256 or 384 for ECDSA."))
        .param(Param::new("NotAfter", date()).help("The end of validity (default: one year from now)."))
        .param(Param::new("NotBefore", date()).help("The start of validity (default: ten minutes ago)."))
        .param(Param::new("Signer", PsType::Object).shown_as("Microsoft.CertificateServices.Commands.Certificate").help("The issuing certificate (object or Cert: path); its private key must be in the key directory."))
        .param(Param::new("TextExtension", string_array()).help("2.5.29.37={text}<EKU OIDs>, 2.5.29.17={text}email=…&dns=…, 2.5.29.19={text}CA=1&pathlength=0."))
        .param(Param::new("KeyUsage", string_array()).accepts(KEY_USAGES).shown_as("Microsoft.CertificateServices.Commands.KeyUsage[]").help("Key usage flags (default DigitalSignature, KeyEncipherment; None omits the extension)."))
        .param(Param::new("Type", PsType::String).accepts(&["Custom", "SSLServerAuthentication", "DocumentEncryptionCert", "CodeSigningCert"]).shown_as("Microsoft.CertificateServices.Commands.CertificateType").help("Sets the matching extended key usage (default SSLServerAuthentication)."))
        .param(Param::new("FriendlyName", PsType::String).help("The certificate's friendly name."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Make a lab root CA",
                "$root = New-SelfSignedCertificate -Subject 'CN=Lab Root CA' -Type Custom -KeyUsage CertSign,CRLSign -TextExtension '2.5.29.19={text}CA=1'; $root.Subject; $root.HasPrivateKey",
                "CN=Lab Root CA\nTrue\n",
            ),
            Example::new(
                "-WhatIf creates nothing",
                "New-SelfSignedCertificate -DnsName mail.contoso.com -CertStoreLocation Cert:\\CurrentUser\\My -WhatIf; @(Get-ChildItem Cert:\\CurrentUser\\My).Count",
                "What if: Creating a certificate for 'CN=mail.contoso.com' in Cert:\\CurrentUser\\My.\n0\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let target = cx
            .args
            .string("CertStoreLocation")
            .unwrap_or_else(|| "Cert:\\LocalMachine\\My".into());
        let (location, store) = match cert_path::parse_store(cx, &target)? {
            Ok((location, "My")) => (location, "My"),
            Ok(_) => {
                return Err(terminating(
                    cx,
                    BAD_PATH,
                    format!(
                        "'{target}': certificates can be created only in Cert:\\CurrentUser\\My or Cert:\\LocalMachine\\My."
                    ),
                ));
            }
            Err(message) => return Err(terminating(cx, BAD_PATH, message)),
        };
        let request = request(cx)?;
        let subject = if request.subject.is_empty() {
            format!(
                "CN={}",
                request
                    .dns_names
                    .first()
                    .map(String::as_str)
                    .unwrap_or_default()
            )
        } else {
            request.subject.clone()
        };
        if !cx.should_process(&format!(
            "Creating a certificate for '{subject}' in Cert:\\{location}\\{store}."
        ))? {
            return Ok(());
        }
        let key_dir = keys::key_dir(&cx.interp.config_store(cx.span)?.location());
        let signer = match cx.args.get("Signer").cloned() {
            Some(value) if !matches!(value, Value::Null) => Some(signer(cx, &value, &key_dir)?),
            _ => None,
        };
        let signer_ref = signer.as_ref().map(|(certificate, pem)| Signer {
            certificate,
            private_key_pem: pem,
        });
        let issued = issue::issue(&request, signer_ref)
            .map_err(|message| terminating(cx, CRYPTO_ERROR, message))?;
        let mut certificate = issued.certificate;
        if let Some(name) = cx.args.string("FriendlyName") {
            certificate.set_friendly_name(&name);
        }
        let thumbprint = certificate.thumbprint().to_string();
        keys::write_private_key(&key_dir, &thumbprint, &issued.private_key_pem).map_err(
            |error| {
                terminating(
                    cx,
                    "System.IO.IOException",
                    format!(
                        "Cannot write the private key into '{}': {error}",
                        key_dir.display()
                    ),
                )
            },
        )?;
        change_certificates(cx, &mut |stored| {
            stored.push(StoredCertificate::new(location, store, &certificate));
            true
        })?;
        cx.emit(certificate.to_value(Some(&format!("{location}\\{store}"))))
    }
}

/// The request the parameters describe.
fn request(cx: &Context<'_, '_>) -> Eval<Request> {
    let invalid = |message: String| terminating(cx, "System.ArgumentException", message);
    let algorithm = KeyAlgorithm::parse(
        cx.args.string("KeyAlgorithm").as_deref(),
        arg_int(cx, "KeyLength"),
    )
    .map_err(invalid)?;
    let texts = issue::text_extensions(&arg_strings(cx, "TextExtension")).map_err(invalid)?;
    let type_name = cx
        .args
        .string("Type")
        .unwrap_or_else(|| "SSLServerAuthentication".into());
    let Some((_, type_ekus, type_usages)) = TYPES
        .iter()
        .find(|(name, _, _)| name.eq_ignore_ascii_case(&type_name))
    else {
        return Err(invalid(format!(
            "'{type_name}' is not a certificate type (Custom, SSLServerAuthentication, DocumentEncryptionCert, CodeSigningCert)."
        )));
    };
    let mut key_usages = arg_strings(cx, "KeyUsage");
    if !cx.args.contains("KeyUsage") {
        key_usages = type_usages.iter().map(|u| u.to_string()).collect();
    }
    key_usages.retain(|u| !u.eq_ignore_ascii_case("None"));
    let now = unix_now();
    let not_before = date_arg(cx, "NotBefore")?.unwrap_or(now - 600);
    let not_after = date_arg(cx, "NotAfter")?.unwrap_or(now + 365 * 86_400);
    let mut dns_names = arg_strings(cx, "DnsName");
    dns_names.extend(texts.dns_names);
    Ok(Request {
        subject: cx.args.string("Subject").unwrap_or_default(),
        dns_names,
        emails: texts.emails,
        not_before,
        not_after,
        algorithm,
        key_usages,
        ekus: texts
            .ekus
            .unwrap_or_else(|| type_ekus.iter().map(|o| o.to_string()).collect()),
        ca: texts.ca.flatten(),
    })
}

/// A date parameter as Unix seconds.
fn date_arg(cx: &Context<'_, '_>, name: &str) -> Eval<Option<i64>> {
    let Some(value) = cx.args.get(name) else {
        return Ok(None);
    };
    let date = match value {
        Value::Object(_) => Some(value.clone()),
        other => builtin::parse_datetime(&convert::to_string(other, " ")),
    };
    match date.as_ref() {
        Some(Value::Object(object)) => match builtin::datetime_seconds(object) {
            Some((seconds, _)) => Ok(Some(seconds)),
            None => Err(bad_date(cx, name, value)),
        },
        _ => Err(bad_date(cx, name, value)),
    }
}

fn bad_date(cx: &Context<'_, '_>, name: &str, value: &Value) -> Flow {
    let text = convert::to_string(value, " ");
    terminating(
        cx,
        "System.ArgumentException",
        format!("-{name}: cannot convert \"{text}\" to type \"System.DateTime\"."),
    )
}

/// The signing certificate `-Signer` names (object or Cert: path) and its private key.
fn signer(cx: &Context<'_, '_>, value: &Value, key_dir: &Path) -> Eval<(Certificate, String)> {
    let thumbprint = match value {
        Value::Object(object) if object.get("Thumbprint").is_some() => object
            .get("Thumbprint")
            .map(|t| convert::to_string(&t, " "))
            .unwrap_or_default(),
        other => {
            let path = convert::to_string(other, " ");
            match cert_path::parse_known(cx, &path)? {
                Ok(CertPath::Certificate(_, _, thumbprint)) => thumbprint,
                Ok(_) => {
                    return Err(terminating(
                        cx,
                        BAD_PATH,
                        format!(
                            "-Signer '{path}' does not name a certificate (Cert:\\LocalMachine\\My\\<thumbprint>)."
                        ),
                    ));
                }
                Err(message) => return Err(terminating(cx, BAD_PATH, message)),
            }
        }
    };
    let stored = load_certificates(cx)?;
    let mut matching: Vec<&StoredCertificate> = stored
        .iter()
        .filter(|c| c.thumbprint.eq_ignore_ascii_case(&thumbprint))
        .collect();
    matching.sort_by_key(|c| !c.has_private_key);
    let Some(found) = matching.first() else {
        return Err(terminating(
            cx,
            CRYPTO_ERROR,
            format!("The signer certificate {thumbprint} is not in any store of the Cert: drive."),
        ));
    };
    let certificate = decode_stored(cx, found)?;
    let missing = || {
        format!(
            "The signer certificate {thumbprint} has no private key in '{}'.",
            key_dir.display()
        )
    };
    match keys::read_private_key(key_dir, &thumbprint) {
        Ok(Some(pem)) => Ok((certificate, pem)),
        Ok(None) => Err(terminating(cx, CRYPTO_ERROR, missing())),
        Err(error) => Err(terminating(
            cx,
            "System.IO.IOException",
            format!("{}: {error}", missing()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_names_known_key_usages_and_dotted_ekus() {
        for (name, ekus, usages) in TYPES {
            assert!(usages.iter().all(|u| KEY_USAGES.contains(u)), "{name}");
            assert!(
                ekus.iter()
                    .all(|o| o.split('.').all(|arc| arc.parse::<u64>().is_ok())),
                "{name}"
            );
        }
        let sig = NewSelfSignedCertificate.signature();
        assert!(sig.find("Signer").is_some() && sig.find("TextExtension").is_some());
    }
}
