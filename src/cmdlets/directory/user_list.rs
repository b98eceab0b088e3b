//! L4 — what Get-User and Get-Mailbox share: `-Identity`, `-Filter` and `-ResultSize`, and the
//! streaming read (paged results: each user is written as its page arrives, so 100,000 users
//! never sit in memory together).

use crate::directory::find_user;
use crate::directory::users::search_users;
use crate::engine::{Context, Eval, Param, Signature};
use crate::value::{PsType, Value, convert};

use crate::directory::syntax::{check_filter, normalize_filter};

use super::shared::{MAILBOX_TYPE, connection_param, open_connection, report, user_value};

/// Exchange's default `-ResultSize`.
const DEFAULT_RESULT_SIZE: usize = 1000;

/// The signature both cmdlets have.
pub fn user_signature(name: &str, synopsis: &str) -> Signature {
    Signature::new(name, synopsis)
        .param(
            Param::new("Identity", PsType::Object)
                .position(0)
                .from_pipeline()
                .from_pipeline_by_property_name()
                .shown_as("UserIdParameter")
                .help("A user: distinguished name, mail address, account name (uid/sAMAccountName) or cn."),
        )
        .param(Param::new("Filter", PsType::String).help(
            "An LDAP filter (RFC 4515), e.g. (mail=*@contoso.com) or \"(&(department=Sales)(mail=*))\".",
        ))
        .param(Param::new("ResultSize", PsType::Object).shown_as("Unlimited").help(
            "At most this many users (default 1000), or Unlimited.",
        ))
        .param(connection_param())
}

/// `-ResultSize`: `Some(None)` for Unlimited; `None` after reporting a bad value.
fn result_size(cx: &mut Context<'_, '_>) -> Eval<Option<(Option<usize>, bool)>> {
    let Some(value) = cx.args.get("ResultSize").cloned() else {
        return Ok(Some((Some(DEFAULT_RESULT_SIZE), false)));
    };
    let text = convert::to_string(&value, " ");
    if text.trim().eq_ignore_ascii_case("unlimited") {
        return Ok(Some((None, true)));
    }
    match text.trim().parse::<usize>() {
        Ok(n) if n > 0 => Ok(Some((Some(n), true))),
        _ => {
            let message = format!(
                "Cannot process argument transformation on parameter 'ResultSize'. '{text}' is not a number of results greater than 0 or Unlimited."
            );
            cx.write_error(&message, "System.ArgumentException", value)?;
            Ok(None)
        }
    }
}

/// Write the users the arguments select as objects of `type_name`.
pub fn list_users(cx: &mut Context<'_, '_>, type_name: &str) -> Eval<()> {
    let directory = open_connection(cx, "Connection")?;
    let identity = cx
        .input()
        .cloned()
        .or_else(|| cx.args.get("Identity").cloned())
        .filter(|v| !v.is_null());
    if let Some(identity) = identity {
        let text = match &identity {
            Value::Object(_) => {
                let dn = crate::value::access::get_member(&identity, "DistinguishedName");
                convert::to_string(if dn.is_null() { &identity } else { &dn }, " ")
            }
            other => convert::to_string(other, " "),
        };
        return match find_user(&directory, &text) {
            Ok(Some(user)) => cx.emit(user_value(&user, type_name)),
            Ok(None) => {
                let message = format!(
                    "The operation couldn't be performed because object '{text}' couldn't be found on '{}'.",
                    directory.server()
                );
                cx.write_error(
                    &message,
                    "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
                    Value::str(text.as_str()),
                )
            }
            Err(error) => report(cx, &error, &text),
        };
    }
    let Some((limit, explicit)) = result_size(cx)? else {
        return Ok(());
    };
    let filter = cx.args.string("Filter");
    if let Some(text) = &filter
        && let Err(error) = check_filter(&normalize_filter(text))
    {
        return report(cx, &error, text);
    }
    let mailboxes_only = type_name == MAILBOX_TYPE;
    let search_filter = match (&filter, mailboxes_only) {
        (Some(text), true) => Some(format!("(&(mail=*){})", normalize_filter(text))),
        (None, true) => Some("(mail=*)".to_string()),
        (other, false) => other.clone(),
    };
    let mut failure = None;
    let summary = search_users(
        &directory,
        search_filter.as_deref(),
        limit,
        &mut |user| match cx.emit(user_value(&user, type_name)) {
            Ok(()) => true,
            Err(flow) => {
                failure = Some(flow);
                false
            }
        },
    );
    if let Some(flow) = failure {
        return Err(flow);
    }
    match summary {
        Ok(summary) if summary.more => {
            let message = if explicit {
                "There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter."
            } else {
                "By default, only the first 1000 items are returned. Use the ResultSize parameter to specify the number of items returned. To return all items, specify \"-ResultSize Unlimited\"."
            };
            cx.write_warning(message);
            Ok(())
        }
        Ok(_) => Ok(()),
        Err(error) => {
            let target = filter.unwrap_or_else(|| directory.base_dn().to_string());
            report(cx, &error, &target)
        }
    }
}
