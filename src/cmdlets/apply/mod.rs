//! L4 — the desired-state cmdlets: Invoke-MailConfig (apply, or the plan with -WhatIf),
//! Test-MailConfig (drift as objects), Export-MailConfig (the store as a document).

mod export_mail_config;
mod invoke_mail_config;
mod shared;
mod test_mail_config;

use crate::engine::Cmdlet;

/// The apply cmdlets.
pub fn all() -> Vec<Box<dyn Cmdlet>> {
    vec![
        Box::new(invoke_mail_config::InvokeMailConfig),
        Box::new(test_mail_config::TestMailConfig),
        Box::new(export_mail_config::ExportMailConfig),
    ]
}
