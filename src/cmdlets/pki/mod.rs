//! L4 — the certificate cmdlets: the Cert: drive (Get-ChildItem, Get-Item) and certificate files
//! (Import-Certificate, Export-Certificate). Certificates live in the configuration state.

pub mod cert_filter;
pub mod cert_path;
pub mod export_certificate;
pub mod get_child_item;
pub mod get_item;
pub mod import_certificate;
pub mod inputs;
pub mod new_self_signed_certificate;
pub mod stores;
pub mod test_certificate;
pub mod test_smime_certificate;

use crate::engine::Cmdlet;

/// The certificate cmdlets.
pub fn all() -> Vec<Box<dyn Cmdlet>> {
    vec![
        Box::new(export_certificate::ExportCertificate),
        Box::new(get_child_item::GetChildItem),
        Box::new(get_item::GetItem),
        Box::new(import_certificate::ImportCertificate),
        Box::new(new_self_signed_certificate::NewSelfSignedCertificate),
        Box::new(test_certificate::TestCertificate),
        Box::new(test_smime_certificate::TestSmimeCertificate),
    ]
}
