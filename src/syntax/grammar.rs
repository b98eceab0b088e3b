//! L0 — the pest parser derived from `grammar/mailsec.pest` (tested through the lowering, in
//! `lower/tests`).

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/mailsec.pest"]
pub(crate) struct MailsecParser;
