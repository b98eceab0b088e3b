//! L4 — the directory cmdlets: Connect-Directory/Disconnect-Directory, Get-Credential,
//! Get-User/Get-Mailbox, Set-Mailbox, Publish-SmimeCertificate, Sync-UserCertificate.
//! What they share is in `shared` (connections, errors, objects, certificate inputs) and
//! `credential` (where passwords come from).

pub mod connect_directory;
pub mod credential;
pub mod disconnect_directory;
pub mod get_credential;
pub mod get_mailbox;
pub mod get_user;
pub mod publish_smime_certificate;
pub mod set_mailbox;
pub mod shared;
pub mod sync_user_certificate;
pub mod user_list;
pub mod writes;

use crate::engine::Cmdlet;

/// The directory cmdlets.
pub fn all() -> Vec<Box<dyn Cmdlet>> {
    vec![
        Box::new(connect_directory::ConnectDirectory),
        Box::new(disconnect_directory::DisconnectDirectory),
        Box::new(get_credential::GetCredential),
        Box::new(get_mailbox::GetMailbox),
        Box::new(get_user::GetUser),
        Box::new(publish_smime_certificate::PublishSmimeCertificate),
        Box::new(set_mailbox::SetMailbox),
        Box::new(sync_user_certificate::SyncUserCertificate),
    ]
}
