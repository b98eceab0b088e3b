//! L4 — Get-User: users of the connected directory (Exchange's names: Name, DisplayName,
//! PrimarySmtpAddress, DistinguishedName, UserCertificate, UserSMIMECertificate).

use crate::engine::{Cmdlet, Context, Eval, Example, Signature};

use super::shared::USER_TYPE;
use super::user_list::{list_users, user_signature};

/// `Get-User [[-Identity] <UserIdParameter>] [-Filter <String>] [-ResultSize <Unlimited>]`
pub struct GetUser;

impl Cmdlet for GetUser {
    fn signature(&self) -> Signature {
        user_signature(
            "Get-User",
            "Reads users from the connected directory, page by page.",
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Without a connection there is nothing to read",
            "try { Get-User -ResultSize 10 } catch { $_.Exception.Message }",
            "No directory connection is open. Run Connect-Directory first.\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        list_users(cx, USER_TYPE)
    }
}
