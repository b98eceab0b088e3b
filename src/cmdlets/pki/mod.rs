//! L4 — the certificate cmdlets: the Cert: drive (Get-ChildItem, Get-Item) and certificate files
//! (Import-Certificate, Export-Certificate). Certificates live in the configuration state.

pub mod cert_filter;
pub mod cert_path;
pub mod convertto_secure_string;
pub mod export_certificate;
pub mod export_file;
pub mod export_pfx_certificate;
pub mod get_child_item;
pub mod get_item;
pub mod import_certificate;
pub mod import_pfx_certificate;
pub mod import_target;
pub mod inputs;
pub mod move_item;
pub mod new_item;
pub mod new_self_signed_certificate;
pub mod remove_item;
pub mod store_items;
pub mod stores;
pub mod test_certificate;
pub mod test_smime_certificate;

use crate::engine::Cmdlet;

use super::files::{
    get_location::GetLocation, pop_location::PopLocation, push_location::PushLocation,
    set_location::SetLocation,
};

/// The certificate cmdlets, and the location cmdlets that move into the Cert: drive.
pub fn all() -> Vec<Box<dyn Cmdlet>> {
    vec![
        Box::new(convertto_secure_string::ConvertToSecureString),
        Box::new(export_certificate::ExportCertificate),
        Box::new(export_pfx_certificate::ExportPfxCertificate),
        Box::new(get_child_item::GetChildItem),
        Box::new(get_item::GetItem),
        Box::new(import_certificate::ImportCertificate),
        Box::new(import_pfx_certificate::ImportPfxCertificate),
        Box::new(move_item::MoveItem),
        Box::new(new_item::NewItem),
        Box::new(new_self_signed_certificate::NewSelfSignedCertificate),
        Box::new(remove_item::RemoveItem),
        Box::new(test_certificate::TestCertificate),
        Box::new(test_smime_certificate::TestSmimeCertificate),
        Box::new(GetLocation),
        Box::new(PopLocation),
        Box::new(PushLocation),
        Box::new(SetLocation),
    ]
}
