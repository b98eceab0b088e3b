//! L1 — writing users' certificates: one user ([`read_user_certificates`], [`publish`]) or
//! many at once ([`apply_changes`], pipelined). Only users whose values differ are written;
//! every user gets one [`Outcome`] (Added/Replaced/Removed/Unchanged/Failed and why).

use super::certificates::{Action, UserCertificates, plan_change};
use super::connection::Directory;
use super::error::{DirectoryError, DirectoryResult};
use super::pipeline::{Write, modify_all};
use super::users::{DirectoryUser, find_user};

/// One user's wanted certificates, next to what they have now.
#[derive(Debug, Clone)]
pub struct Change {
    /// How results name the user (mail address, else account, else DN).
    pub identity: String,
    pub dn: String,
    pub current: UserCertificates,
    pub wanted: UserCertificates,
}

impl Change {
    /// The change that gives `user` the `wanted` values.
    pub fn for_user(user: &DirectoryUser, wanted: UserCertificates) -> Change {
        Change {
            identity: user.identity().to_string(),
            dn: user.dn.clone(),
            current: user_certificates(user),
            wanted,
        }
    }
}

/// What happened to one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub identity: String,
    pub dn: String,
    pub action: Action,
    /// Why (for Skipped and Failed), or what was done.
    pub reason: String,
    /// The failure, when the server refused or went away.
    pub error: Option<DirectoryError>,
}

impl Outcome {
    /// An outcome without a directory error.
    pub fn new(identity: &str, dn: &str, action: Action, reason: impl Into<String>) -> Outcome {
        Outcome {
            identity: identity.to_string(),
            dn: dn.to_string(),
            action,
            reason: reason.into(),
            error: None,
        }
    }
}

/// The certificate values a user entry has.
pub fn user_certificates(user: &DirectoryUser) -> UserCertificates {
    UserCertificates {
        user_certificate: user.user_certificate.clone(),
        user_smime_certificate: user.user_smime_certificate.clone(),
    }
}

/// The user `identity` names (DN, mail, uid, account name) with the certificates published on
/// it; `Ok(None)` when there is no such user.
pub fn read_user_certificates(
    directory: &Directory,
    identity: &str,
) -> DirectoryResult<Option<(DirectoryUser, UserCertificates)>> {
    Ok(find_user(directory, identity)?.map(|user| {
        let certs = user_certificates(&user);
        (user, certs)
    }))
}

/// Make one user's published certificates `wanted` (nothing is written when they already
/// are); the action taken.
pub fn publish(directory: &Directory, change: Change) -> DirectoryResult<Action> {
    let mut result = Err(DirectoryError::Protocol {
        entry: change.dn.clone(),
        reason: "no reply".to_string(),
    });
    apply_changes(directory, vec![change], 1, &mut |outcome| {
        result = match outcome.error {
            Some(error) => Err(error),
            None => Ok(outcome.action),
        };
    });
    result
}

/// Apply many changes with up to `window` writes in flight; `on_outcome` gets one outcome per
/// change, in the order of `changes`, once the writes are done (Unchanged ones are not
/// written). If the connection is lost, the changes not written are reported Failed with that
/// reason.
pub fn apply_changes(
    directory: &Directory,
    changes: Vec<Change>,
    window: usize,
    on_outcome: &mut dyn FnMut(Outcome),
) {
    let mut outcomes: Vec<Option<Outcome>> = Vec::with_capacity(changes.len());
    let mut writes = Vec::new();
    let mut planned = Vec::new();
    for change in changes {
        let (mods, action) = plan_change(&change.current, &change.wanted);
        if mods.is_empty() {
            outcomes.push(Some(Outcome::new(
                &change.identity,
                &change.dn,
                Action::Unchanged,
                "already published",
            )));
            continue;
        }
        writes.push(Write {
            dn: change.dn.clone(),
            mods,
        });
        planned.push((outcomes.len(), change, action));
        outcomes.push(None);
    }
    modify_all(directory, writes, window, &mut |index, result| {
        let Some((slot, change, action)) = planned.get(index) else {
            return;
        };
        let outcome = match result {
            Ok(()) => Outcome::new(&change.identity, &change.dn, *action, describe(*action)),
            Err(error) => Outcome {
                identity: change.identity.clone(),
                dn: change.dn.clone(),
                action: Action::Failed,
                reason: error.to_string(),
                error: Some(error),
            },
        };
        if let Some(place) = outcomes.get_mut(*slot) {
            *place = Some(outcome);
        }
    });
    for outcome in outcomes.into_iter().flatten() {
        on_outcome(outcome);
    }
}

/// The reason text of a successful action.
fn describe(action: Action) -> &'static str {
    match action {
        Action::Added => "certificate published",
        Action::Replaced => "published certificates replaced",
        Action::Removed => "certificates removed",
        _ => "",
    }
}
