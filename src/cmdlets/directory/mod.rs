//! L4 — the directory cmdlets: Connect-Directory, Get-User/Get-Mailbox, Set-Mailbox, Publish-SmimeCertificate, Sync-UserCertificate.

use crate::engine::Cmdlet;

/// The directory cmdlets.
pub fn all() -> Vec<Box<dyn Cmdlet>> {
    vec![]
}
