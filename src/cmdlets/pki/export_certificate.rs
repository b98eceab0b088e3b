//! L4 — Export-Certificate: write the certificates piped in (or named by a Cert: path) to one
//! file as an SST, a P7B, a single DER certificate (CERT) or PEM text, in pipeline order;
//! outputs the file. Private keys are never exported here (Export-PfxCertificate does that).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::pki::{self, Format};
use crate::value::{PsType, Value};

use super::super::common::object_array;
use super::export_file::{emit_written, keep_certificates, kept_certificates, output_file};
use super::stores::BAD_PATH;

/// `Export-Certificate [-Type <CertType>] [-NoClobber] [-Force] -FilePath <String>
/// -Cert <Certificate> [-WhatIf] [-Confirm]`
pub struct ExportCertificate;

const TYPES: &[&str] = &["SST", "CERT", "P7B", "PEM"];

impl Cmdlet for ExportCertificate {
    fn signature(&self) -> Signature {
        Signature::new(
            "Export-Certificate",
            "Writes certificates to a .sst, .cer, .p7b or PEM file, without private keys.",
        )
        .should_process()
        .param(
            Param::new("Cert", object_array())
                .mandatory()
                .from_pipeline()
                .help("The certificates (objects from the Cert: drive) or a Cert: path."),
        )
        .param(
            Param::new("FilePath", PsType::String)
                .mandatory()
                .alias("FullName")
                .help("The file to write."),
        )
        .param(
            Param::new("Type", PsType::String)
                .accepts(TYPES)
                .help("SST (several certificates), CERT (one DER certificate), P7B, or PEM (mailsec's addition: Base64 text, one -----BEGIN CERTIFICATE----- block per certificate, as openssl and most Unix software read); default CERT for one certificate, SST for several."),
        )
        .param(Param::switch("NoClobber").help("Never overwrite an existing file (wins over -Force)."))
        .param(Param::switch("Force").help("Overwrite an existing file."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Export a store as a serialized store and read it back",
            "$null = Import-Certificate src/pki/testdata/contoso-chain.pem -CertStoreLocation Cert:\\LocalMachine\\CA\nGet-ChildItem Cert:\\LocalMachine\\CA | Export-Certificate -FilePath /tmp/mailsec-example-export.sst -Type SST -Force | ForEach-Object Name\n(Import-Certificate /tmp/mailsec-example-export.sst -CertStoreLocation Cert:\\CurrentUser\\CA).Subject",
            "mailsec-example-export.sst\nCN=Contoso Root, O=Contoso, C=US\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        keep_certificates(cx)
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let Some(certificates) = kept_certificates(cx) else {
            return Ok(());
        };
        let path = cx.args.string("FilePath").unwrap_or_default();
        let kind = cx
            .args
            .string("Type")
            .map(|t| t.to_ascii_uppercase())
            .unwrap_or_else(|| {
                if certificates.len() > 1 {
                    "SST"
                } else {
                    "CERT"
                }
                .to_string()
            });
        if kind == "CERT" && certificates.len() > 1 {
            let message = format!(
                "-Type CERT holds one certificate, but {} were given; use -Type SST or -Type P7B.",
                certificates.len()
            );
            return cx.write_error(&message, BAD_PATH, Value::str(path.as_str()));
        }
        let Some(file) = output_file(cx, &path)? else {
            return Ok(());
        };
        let format = match kind.as_str() {
            "P7B" => Format::Pkcs7,
            "PEM" => Format::Pem,
            "CERT" => Format::Der,
            _ => Format::Sst,
        };
        let bytes = match pki::encode(format, &certificates) {
            Ok(bytes) => bytes,
            Err(error) => {
                let message = format!("Cannot encode the certificates: {error}");
                return cx.write_error(
                    &message,
                    "System.Security.Cryptography.CryptographicException",
                    Value::str(path.as_str()),
                );
            }
        };
        let description = format!(
            "Exporting {} certificate(s) as {kind} to '{}'.",
            certificates.len(),
            file.display()
        );
        if !cx.should_process(&description)? {
            return Ok(());
        }
        let written = std::fs::write(&file, &bytes);
        emit_written(cx, &file, &path, written, bytes.len())
    }
}
