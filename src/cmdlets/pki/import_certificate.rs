//! L4 — Import-Certificate: read a certificate file of any format (SST, P7B, DER, PEM, told by
//! its content) into a store of the Cert: drive, deduplicated by thumbprint; outputs the
//! imported certificates. Public certificates only.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::pki::{self, Format};
use crate::value::{PsType, Value};

use super::cert_path::{parse_store, resolve};
use super::stores::{
    BAD_PATH, add_certificates, change_certificates, decode_file, read_file, resolve_file,
};

/// `Import-Certificate [-FilePath] <String> [-CertStoreLocation <String>] [-WhatIf] [-Confirm]`
pub struct ImportCertificate;

impl Cmdlet for ImportCertificate {
    fn signature(&self) -> Signature {
        Signature::new(
            "Import-Certificate",
            "Imports certificates from a .sst, .p7b or .cer file into a certificate store.",
        )
        .should_process()
        .param(
            Param::new("FilePath", PsType::String)
                .position(0)
                .mandatory()
                .alias("FullName")
                .from_pipeline_by_property_name()
                .help("The certificate file; its format is told by its content. Every certificate of an SST is imported, only the first of other formats."),
        )
        .param(
            Param::new("CertStoreLocation", PsType::String)
                .help("The store to import into, such as Cert:\\LocalMachine\\Root; default: the current location, when it is a store."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Import a root certificate into the machine's trusted roots",
                "Import-Certificate -FilePath src/pki/testdata/contoso-chain.pem -CertStoreLocation Cert:\\LocalMachine\\Root | ForEach-Object Subject",
                "CN=Contoso Root, O=Contoso, C=US\n",
            ),
            Example::new(
                "-WhatIf changes nothing",
                "Import-Certificate src/pki/testdata/contoso-chain.pem -CertStoreLocation Cert:\\CurrentUser\\CA -WhatIf; @(Get-ChildItem Cert:\\CurrentUser\\CA).Count",
                "What if: Importing 1 certificate(s) from 'src/pki/testdata/contoso-chain.pem' into Cert:\\CurrentUser\\CA.\n0\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let path = cx.args.string("FilePath").unwrap_or_default();
        let given = cx
            .args
            .string("CertStoreLocation")
            .or_else(|| crate::value::drives::location().provider);
        let Some(location) = given.map(|l| resolve(&l).unwrap_or(l)) else {
            let message = "The current location is not a certificate store; give -CertStoreLocation, such as Cert:\\LocalMachine\\Root.";
            return cx.write_error(message, BAD_PATH, Value::str(path.as_str()));
        };
        let (location, store) = match parse_store(cx, &location)? {
            Ok(found) => found,
            Err(message) => return cx.write_error(&message, BAD_PATH, Value::str(location)),
        };
        let Some(file) = resolve_file(cx, &path)? else {
            return Ok(());
        };
        let Some(bytes) = read_file(cx, &file)? else {
            return Ok(());
        };
        let Some(mut certificates) = decode_file(cx, &file, &bytes)? else {
            return Ok(());
        };
        if pki::detect(&bytes) != Format::Sst {
            certificates.truncate(1);
        }
        let description = format!(
            "Importing {} certificate(s) from '{path}' into Cert:\\{location}\\{store}.",
            certificates.len()
        );
        if !cx.should_process(&description)? {
            return Ok(());
        }
        change_certificates(cx, &mut |stored| {
            add_certificates(stored, location, store, &certificates)
        })?;
        let store_path = format!("{location}\\{store}");
        for certificate in &certificates {
            cx.emit(certificate.to_value(Some(&store_path)))?;
        }
        Ok(())
    }
}
