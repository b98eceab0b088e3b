//! L4 — what the writing directory cmdlets share: `-Attribute` (which certificate attributes
//! to write), `-ThrottleLimit` (how many writes are in flight) and reporting their per-user results, with one clear error when the connection
//! was lost part-way (what was written, what was not, and that a re-run finishes the job).

use crate::directory::certificates::Attributes;
use crate::directory::pipeline::DEFAULT_WINDOW;
use crate::directory::{Action, Directory, DirectoryError, Outcome};
use crate::engine::{Context, Eval, Param};
use crate::value::{PsType, Value, convert};

use super::shared::{outcome_value, report};

/// `-Attribute`: UserCertificate, UserSMIMECertificate or Both.
pub fn attributes_param() -> Param {
    Param::new("Attribute", PsType::String)
        .accepts(&["Both", "UserCertificate", "UserSMIMECertificate"])
        .help("Where to publish: UserCertificate (DER), UserSMIMECertificate (PKCS#7) or Both (default, as Outlook does).")
}

/// The attributes `-Attribute` names (Both by default).
pub fn parse_attributes(cx: &mut Context<'_, '_>) -> Eval<Option<Attributes>> {
    let text = cx
        .args
        .string("Attribute")
        .unwrap_or_else(|| "Both".to_string());
    let attributes = match text.to_ascii_lowercase().as_str() {
        "both" => Attributes::BOTH,
        "usercertificate" => Attributes {
            user_certificate: true,
            user_smime_certificate: false,
        },
        "usersmimecertificate" => Attributes {
            user_certificate: false,
            user_smime_certificate: true,
        },
        _ => {
            let message = format!(
                "'{text}' is not an attribute to publish in; use UserCertificate, UserSMIMECertificate or Both."
            );
            cx.write_error(
                &message,
                "System.ArgumentException",
                Value::str(text.as_str()),
            )?;
            return Ok(None);
        }
    };
    Ok(Some(attributes))
}

/// `-ThrottleLimit`: how many modifications may be in flight on `connection` at once.
pub fn throttle_param(connection: &str) -> Param {
    Param::new("ThrottleLimit", PsType::Int).help(&format!(
        "How many modifications may be in flight on {connection} at once (default {DEFAULT_WINDOW})."
    ))
}

/// The window `-ThrottleLimit` asks for (the pipeline's default when absent or not positive).
pub fn throttle_window(cx: &Context<'_, '_>) -> usize {
    cx.args
        .get("ThrottleLimit")
        .and_then(|v| convert::to_i64(v).ok())
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| *n > 0)
        .unwrap_or(DEFAULT_WINDOW)
}

/// The attribute names for messages.
pub fn attribute_names(attributes: Attributes) -> &'static str {
    match (
        attributes.user_certificate,
        attributes.user_smime_certificate,
    ) {
        (true, true) => "userCertificate and userSMIMECertificate",
        (true, false) => "userCertificate",
        _ => "userSMIMECertificate",
    }
}

/// Write one result object per user; report each refused write as an error naming the
/// entry, and a lost connection once, with what was and was not done.
pub fn write_outcomes(
    cx: &mut Context<'_, '_>,
    directory: &Directory,
    outcomes: Vec<Outcome>,
) -> Eval<()> {
    let mut lost = 0usize;
    let mut done = 0usize;
    for outcome in &outcomes {
        match (&outcome.action, &outcome.error) {
            (Action::Failed, Some(DirectoryError::ConnectionLost { .. }))
            | (Action::Failed, Some(DirectoryError::Timeout { .. })) => lost += 1,
            (Action::Failed | Action::Skipped, _) => {}
            _ => done += 1,
        }
    }
    for outcome in outcomes {
        cx.emit(outcome_value(&outcome))?;
        if let Some(error) = &outcome.error
            && !matches!(
                error,
                DirectoryError::ConnectionLost { .. } | DirectoryError::Timeout { .. }
            )
        {
            report(cx, error, &outcome.dn)?;
        }
    }
    if lost > 0 {
        let message = format!(
            "The connection to {} was lost: {done} user(s) were written or already up to date, {lost} were not (their Action is Failed). What was written is kept; connect again and run the same command to finish.",
            directory.server()
        );
        cx.write_error(
            &message,
            "System.DirectoryServices.Protocols.LdapException",
            Value::str(directory.server()),
        )?;
    }
    Ok(())
}

/// True under `-WhatIf` (or `$WhatIfPreference`): plans are printed, nothing is written or
/// emitted.
pub fn what_if(cx: &Context<'_, '_>) -> bool {
    cx.args.common.what_if || convert::to_bool(&cx.interp.get_var("WhatIfPreference"))
}
