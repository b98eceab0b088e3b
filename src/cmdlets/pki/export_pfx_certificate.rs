//! L4 — Export-PfxCertificate: write certificates with their private keys (from the key
//! directory beside the state) and, by default, their chains (from the Cert: stores) to one
//! password-protected PKCS#12 file, created readable by its owner only. The only way a
//! private key leaves mailsec.

use std::io::Write;
use std::path::Path;

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::pki::lint::find_issuer;
use crate::pki::pfx::{self, PfxEncryption, PfxEntry};
use crate::pki::{Certificate, keys};
use crate::value::{PsType, Value};

use super::super::common::secure_string::SECURE_STRING;
use super::super::common::{argument_error, object_array, string_array};
use super::export_file::{emit_written, keep_certificates, kept_certificates, output_file};
use super::inputs::{all_store_certificates, password_text};

/// `Export-PfxCertificate [-Cert] <Certificate> [-FilePath] <String> [-Password <SecureString>]
/// [-ChainOption <ExportChainOption>] [-CryptoAlgorithmOption <CryptoAlgorithmOptions>]
/// [-NoProperties] [-NoClobber] [-Force] [-ProtectTo <String[]>] [-WhatIf] [-Confirm]`
pub struct ExportPfxCertificate;

const CHAIN_OPTIONS: &[&str] = &["BuildChain", "EndEntityCertOnly", "PfxDataOnly"];
const CRYPTO_OPTIONS: &[&str] = &["AES256_SHA256", "TripleDES_SHA1"];
const CRYPTO_ERROR: &str = "System.Security.Cryptography.CryptographicException";
/// The longest chain followed above a certificate.
const MAX_CHAIN: usize = 10;

impl Cmdlet for ExportPfxCertificate {
    fn signature(&self) -> Signature {
        Signature::new(
            "Export-PfxCertificate",
            "Writes certificates with their private keys to a password-protected .pfx (PKCS#12) file.",
        )
        .should_process()
        .param(
            Param::new("Cert", object_array())
                .position(0)
                .mandatory()
                .from_pipeline()
                .alias("PsPath")
                .help("The certificates (objects from the Cert: drive) or a Cert: path; each needs its private key in the key directory."),
        )
        .param(
            Param::new("FilePath", PsType::String)
                .position(1)
                .mandatory()
                .help("The .pfx file to write."),
        )
        .param(
            Param::new("Password", PsType::Object)
                .shown_as(SECURE_STRING)
                .help("The password protecting the file: (ConvertTo-SecureString -String '…' -AsPlainText -Force)."),
        )
        .param(
            Param::new("ChainOption", PsType::String)
                .accepts(CHAIN_OPTIONS)
                .help("BuildChain (default: the issuers found in the Cert: stores go in too) or EndEntityCertOnly."),
        )
        .param(
            Param::new("CryptoAlgorithmOption", PsType::String)
                .accepts(CRYPTO_OPTIONS)
                .help("AES256_SHA256 (mailsec's default: PBES2 AES-256, HMAC-SHA256) or TripleDES_SHA1 (Windows' default, for old readers)."),
        )
        .param(Param::switch("NoProperties").help("Leave out the friendly names."))
        .param(Param::switch("NoClobber").help("Never overwrite an existing file (wins over -Force)."))
        .param(Param::switch("Force").help("Overwrite an existing file."))
        .param(
            Param::new("ProtectTo", string_array())
                .help("Not available: protecting to Active Directory accounts needs a Windows domain; use -Password."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Export a new certificate and its key",
            "$cert = New-SelfSignedCertificate -DnsName pfx.contoso.example -CertStoreLocation Cert:\\CurrentUser\\My\n$password = ConvertTo-SecureString -String 'P@ssw0rd!' -AsPlainText -Force\n($cert | Export-PfxCertificate -FilePath /tmp/mailsec-example.pfx -Password $password -Force).Name",
            "mailsec-example.pfx\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        keep_certificates(cx)
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let Some(certificates) = kept_certificates(cx) else {
            return Ok(());
        };
        let password = password(cx)?;
        let path = cx.args.string("FilePath").unwrap_or_default();
        let encryption = cx
            .args
            .string("CryptoAlgorithmOption")
            .and_then(|name| PfxEncryption::parse(&name))
            .unwrap_or(PfxEncryption::Aes256Sha256);
        let with_chain = cx
            .args
            .string("ChainOption")
            .is_none_or(|option| !option.eq_ignore_ascii_case("EndEntityCertOnly"));
        let Some(file) = output_file(cx, &path)? else {
            return Ok(());
        };
        let key_dir = keys::key_dir(&cx.interp.config_store(cx.span)?.location());
        let mut keys_pem = Vec::with_capacity(certificates.len());
        for certificate in &certificates {
            let thumbprint = certificate.thumbprint().to_string();
            match keys::read_private_key(&key_dir, &thumbprint) {
                Ok(Some(pem)) => keys_pem.push(pem),
                Ok(None) => {
                    let message = format!(
                        "The certificate {thumbprint} ('{}') has no private key in '{}', so it cannot go into a PFX; export it with Export-Certificate instead.",
                        certificate.subject(),
                        key_dir.display()
                    );
                    return cx.write_error(&message, CRYPTO_ERROR, Value::str(thumbprint));
                }
                Err(error) => {
                    let message = format!("Cannot read the private key of {thumbprint}: {error}");
                    return cx.write_error(
                        &message,
                        "System.IO.IOException",
                        Value::str(thumbprint),
                    );
                }
            }
        }
        let pool = if with_chain {
            all_store_certificates(cx)?
        } else {
            Vec::new()
        };
        let no_properties = cx.args.switch("NoProperties");
        let entries: Vec<PfxEntry<'_>> = certificates
            .iter()
            .zip(&keys_pem)
            .map(|(certificate, pem)| {
                let name = certificate.friendly_name();
                PfxEntry {
                    certificate,
                    private_key_pem: pem,
                    chain: chain_above(certificate, &pool),
                    friendly_name: if name.is_empty() || no_properties {
                        certificate.thumbprint().to_string()
                    } else {
                        name
                    },
                }
            })
            .collect();
        let description = format!(
            "Exporting {} certificate(s) with private keys to '{}'.",
            entries.len(),
            file.display()
        );
        if !cx.should_process(&description)? {
            return Ok(());
        }
        let bytes = match pfx::encode(&entries, &password, encryption) {
            Ok(bytes) => bytes,
            Err(error) => {
                let message = format!("Cannot make the PFX: {error}");
                return cx.write_error(&message, CRYPTO_ERROR, Value::str(path.as_str()));
            }
        };
        let written = write_private_file(&file, &bytes);
        emit_written(cx, &file, &path, written, bytes.len())
    }
}

/// The password `-Password` gives (a SecureString); a terminating error otherwise. Never
/// quotes what was given.
fn password(cx: &Context<'_, '_>) -> Eval<String> {
    if cx.args.get("ProtectTo").is_some_and(|v| !v.is_null()) {
        return Err(argument_error(
            cx,
            "-ProtectTo needs Active Directory group-protected PFX (a Windows domain), which mailsec cannot make; give -Password.",
        ));
    }
    match cx.args.get("Password") {
        None | Some(Value::Null) => Err(argument_error(
            cx,
            "Give -Password (a SecureString: ConvertTo-SecureString -String '…' -AsPlainText -Force): a PFX holds private keys and is never written unprotected.",
        )),
        Some(value) => password_text(cx, value),
    }
}

/// The issuers of `certificate` found in `pool`, nearest first, up to a self-signed root.
fn chain_above(certificate: &Certificate, pool: &[Certificate]) -> Vec<Certificate> {
    let mut chain: Vec<Certificate> = Vec::new();
    let mut current = certificate.clone();
    while chain.len() < MAX_CHAIN && !current.is_self_signed() {
        let Some(issuer) = find_issuer(&current, pool) else {
            break;
        };
        if issuer.same_certificate(certificate) || chain.iter().any(|c| c.same_certificate(issuer))
        {
            break;
        }
        chain.push(issuer.clone());
        current = issuer.clone();
    }
    chain
}

/// Write `bytes` to `file`, created (or truncated) with mode 0600.
fn write_private_file(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut handle = options.open(file)?;
    handle.write_all(bytes)?;
    handle.sync_all()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_chain_climbs_to_the_root_in_order() {
        let chain =
            crate::pki::decode_any(include_bytes!("../../pki/testdata/contoso-chain.pem")).unwrap();
        let leaf = chain.iter().find(|c| !c.is_ca()).unwrap();
        let above = chain_above(leaf, &chain);
        assert!(!above.is_empty());
        assert!(above.last().unwrap().is_self_signed());
        assert_eq!(above[0].subject(), leaf.issuer());
        assert!(chain_above(leaf, &[]).is_empty());
    }
}
