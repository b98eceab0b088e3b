//! L4 — the desired-state cmdlets: Invoke-MailConfig, Test-MailConfig, Export-MailConfig.

use crate::engine::Cmdlet;

/// The apply cmdlets.
pub fn all() -> Vec<Box<dyn Cmdlet>> {
    vec![]
}
