//! L4 — Get-Mailbox: mail-enabled users of the connected directory, with their published
//! certificates (as Get-User, typed as mailboxes).

use crate::engine::{Cmdlet, Context, Eval, Example, Signature};

use super::shared::MAILBOX_TYPE;
use super::user_list::{list_users, user_signature};

/// `Get-Mailbox [[-Identity] <MailboxIdParameter>] [-Filter <String>] [-ResultSize <Unlimited>]`
pub struct GetMailbox;

impl Cmdlet for GetMailbox {
    fn signature(&self) -> Signature {
        user_signature(
            "Get-Mailbox",
            "Reads mailboxes (users with a mail address) from the connected directory, page by page.",
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Mailboxes are read from a connected directory",
            "try { Get-Mailbox -Filter '(mail=*' } catch { $_.Exception.Message }",
            "No directory connection is open. Run Connect-Directory first.\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        list_users(cx, MAILBOX_TYPE)
    }
}
