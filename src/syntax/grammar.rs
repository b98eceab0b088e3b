//! L0 — the pest parser derived from `grammar/mailsec.pest`.

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/mailsec.pest"]
pub(crate) struct MailsecParser;
