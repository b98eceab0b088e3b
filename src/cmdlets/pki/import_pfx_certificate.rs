//! L4 — Import-PfxCertificate: read a password-protected PKCS#12 file into a store of the Cert:
//! drive — every certificate it holds (the end-entity certificate and its chain, as Windows
//! does), private keys into the key directory (0600), never into the state.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::pki::{keys, pfx};
use crate::value::{PsType, Value};

use super::super::common::secure_string::SECURE_STRING;
use super::import_target::{emit_imported, file_path_param, target_store};
use super::inputs::password_text;
use super::stores::{add_certificates, change_certificates, read_given_file};

/// `Import-PfxCertificate [-FilePath] <String> [[-CertStoreLocation] <String>]
/// [-Password <SecureString>] [-Exportable] [-WhatIf] [-Confirm]`
pub struct ImportPfxCertificate;

const CRYPTO_ERROR: &str = "System.Security.Cryptography.CryptographicException";

impl Cmdlet for ImportPfxCertificate {
    fn signature(&self) -> Signature {
        Signature::new(
            "Import-PfxCertificate",
            "Imports the certificates and private keys of a .pfx (PKCS#12) file into a certificate store.",
        )
        .should_process()
        .param(file_path_param("The .pfx / .p12 file."))
        .param(
            Param::new("CertStoreLocation", PsType::String)
                .position(1)
                .help("The store to import into, such as Cert:\\CurrentUser\\My; default: the current location, when it is a store."),
        )
        .param(
            Param::new("Password", PsType::Object)
                .shown_as(SECURE_STRING)
                .help("The file's password (a SecureString)."),
        )
        .param(Param::switch("Exportable").help(
            "Accepted for compatibility: keys in the key directory can always go into a PFX again.",
        ))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Export a certificate with its key and import it into another store",
            "$cert = New-SelfSignedCertificate -DnsName pfx-import.contoso.example -KeyAlgorithm ECDSA_nistP256 -CertStoreLocation Cert:\\CurrentUser\\My\n$password = ConvertTo-SecureString -String 'P@ssw0rd!' -AsPlainText -Force\n$null = $cert | Export-PfxCertificate -FilePath /tmp/mailsec-example-import.pfx -Password $password -Force\n(Import-PfxCertificate /tmp/mailsec-example-import.pfx -CertStoreLocation Cert:\\LocalMachine\\My -Password $password).HasPrivateKey",
            "True\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let path = cx.args.string("FilePath").unwrap_or_default();
        let password = match cx.args.get("Password") {
            None | Some(Value::Null) => String::new(),
            Some(value) => password_text(cx, value)?,
        };
        let Some((location, store)) = target_store(cx, &path, "Cert:\\CurrentUser\\My")? else {
            return Ok(());
        };
        let Some((file, bytes)) = read_given_file(cx, &path)? else {
            return Ok(());
        };
        let contents = match pfx::decode(&bytes, &password) {
            Ok(contents) => contents,
            Err(error) => {
                let message = format!("Cannot import '{}': {error}", file.display());
                return cx.write_error(&message, CRYPTO_ERROR, Value::str(path.as_str()));
            }
        };
        let description = format!(
            "Importing {} certificate(s) with their private keys from '{path}' into Cert:\\{location}\\{store}.",
            contents.certificates.len()
        );
        if !cx.should_process(&description)? {
            return Ok(());
        }
        let key_dir = keys::key_dir(&cx.interp.config_store(cx.span)?.location());
        let mut certificates = Vec::with_capacity(contents.certificates.len());
        for (mut certificate, key) in contents.certificates {
            if let Some(pem) = key {
                let thumbprint = certificate.thumbprint().to_string();
                let kept = keys::read_private_key(&key_dir, &thumbprint)
                    .ok()
                    .flatten()
                    .is_some();
                if !kept && let Err(error) = keys::write_private_key(&key_dir, &thumbprint, &pem) {
                    let message = format!(
                        "Cannot write the private key of {thumbprint} into '{}': {error}",
                        key_dir.display()
                    );
                    return cx.write_error(
                        &message,
                        "System.IO.IOException",
                        Value::str(thumbprint),
                    );
                }
                certificate.set_has_private_key(true);
            }
            certificates.push(certificate);
        }
        change_certificates(cx, &mut |stored| {
            let mut changed = add_certificates(stored, location, store, &certificates);
            for certificate in certificates.iter().filter(|c| c.has_private_key()) {
                let thumbprint = certificate.thumbprint().to_string();
                for entry in stored.iter_mut().filter(|s| {
                    s.thumbprint.eq_ignore_ascii_case(&thumbprint) && !s.has_private_key
                }) {
                    entry.has_private_key = true;
                    changed = true;
                }
            }
            changed
        })?;
        emit_imported(cx, (location, store), &certificates)
    }
}
