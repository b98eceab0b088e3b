//! L4 — Import-Certificate: read a certificate file of any format (SST, P7B, DER, PEM, told by
//! its content) into a store of the Cert: drive, deduplicated by thumbprint; outputs the
//! imported certificates. Public certificates only.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::pki::{self, Format};
use crate::value::PsType;

use super::import_target::{emit_imported, file_path_param, target_store};
use super::stores::{add_certificates, change_certificates, decode_file, read_given_file};

/// `Import-Certificate [-FilePath] <String> [-CertStoreLocation <String>] [-WhatIf] [-Confirm]`
pub struct ImportCertificate;

impl Cmdlet for ImportCertificate {
    fn signature(&self) -> Signature {
        Signature::new(
            "Import-Certificate",
            "Imports certificates from a .sst, .p7b or .cer file into a certificate store.",
        )
        .should_process()
        .param(file_path_param("The certificate file; its format is told by its content. Every certificate of an SST is imported, only the first of other formats."))
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
        let Some((location, store)) = target_store(cx, &path, "Cert:\\LocalMachine\\Root")? else {
            return Ok(());
        };
        let Some((file, bytes)) = read_given_file(cx, &path)? else {
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
        emit_imported(cx, (location, store), &certificates)
    }
}
