//! L4 — Export-Certificate: write the certificates piped in (or named by a Cert: path) to one
//! file as an SST, a P7B, a single DER certificate (CERT) or PEM text, in pipeline order;
//! outputs the file. Private keys are never exported here (Export-PfxCertificate does that).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::pki::{self, Certificate, Format};
use crate::value::{PsType, Value};

use super::super::common::object_array;
use super::inputs::input_certificates;
use super::stores::{BAD_PATH, file_value, resolve_file};

/// `Export-Certificate [-Type <CertType>] [-NoClobber] [-Force] -FilePath <String>
/// -Cert <Certificate> [-WhatIf] [-Confirm]`
pub struct ExportCertificate;

/// The certificates received so far, written in `end`.
#[derive(Default)]
struct Pending(Vec<Certificate>);

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
        let given = cx
            .input()
            .cloned()
            .or_else(|| cx.args.get("Cert").cloned())
            .unwrap_or(Value::Null);
        let certificates = input_certificates(cx, &given)?;
        cx.state::<Pending>().0.extend(certificates);
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let certificates = std::mem::take(&mut cx.state::<Pending>().0);
        if certificates.is_empty() {
            return Ok(());
        }
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
        let Some(file) = resolve_file(cx, &path)? else {
            return Ok(());
        };
        if file.exists() && cx.args.switch("NoClobber") {
            let message = format!("The file '{}' already exists.", file.display());
            return cx.write_error(&message, "System.IO.IOException", Value::str(path.as_str()));
        }
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
        if let Err(error) = std::fs::write(&file, &bytes) {
            let message = format!("Cannot write '{}': {error}", file.display());
            return cx.write_error(&message, "System.IO.IOException", Value::str(path.as_str()));
        }
        cx.emit(file_value(&file, bytes.len()))
    }
}
