//! L1 — synchronizing users' certificates from one directory to another: users are matched by
//! mail address; the target gains the certificates the source publishes and, only with
//! `prune`, loses those the source does not. The plan is computed before anything is written,
//! so `-WhatIf` shows exactly what a run would do, and a second run changes nothing.

use std::collections::HashMap;

use super::certificates::Action;
use super::certificates::{UserCertificates, union};
use super::connection::Directory;
use super::error::DirectoryResult;
use super::publish::{Change, Outcome, user_certificates};
use super::users::search_users;

/// What a synchronization would do.
#[derive(Debug, Clone, Default)]
pub struct SyncPlan {
    /// One change per matched target user (unchanged ones included).
    pub changes: Vec<Change>,
    /// Source users with certificates and no target user of the same mail address.
    pub unmatched: Vec<Outcome>,
}

/// Plan the synchronization of `source` onto `target`.
pub fn plan_sync(source: &Directory, target: &Directory, prune: bool) -> DirectoryResult<SyncPlan> {
    let mut published: HashMap<String, (String, String, UserCertificates)> = HashMap::new();
    search_users(source, Some("(mail=*)"), None, &mut |user| {
        let key = user.mail.trim().to_ascii_lowercase();
        published.entry(key).or_insert_with(|| {
            (
                user.identity().to_string(),
                user.dn.clone(),
                user_certificates(&user),
            )
        });
        true
    })?;
    let mut plan = SyncPlan::default();
    let mut matched: HashMap<String, bool> = HashMap::new();
    search_users(target, Some("(mail=*)"), None, &mut |user| {
        let key = user.mail.trim().to_ascii_lowercase();
        if let Some((_, _, from_source)) = published.get(&key) {
            matched.insert(key, true);
            let current = user_certificates(&user);
            let wanted = if prune {
                from_source.clone()
            } else {
                union(&current, from_source)
            };
            plan.changes.push(Change::for_user(&user, wanted));
        }
        true
    })?;
    let mut unmatched: Vec<(&String, &(String, String, UserCertificates))> = published
        .iter()
        .filter(|(key, (_, _, certs))| {
            let published_any =
                !certs.user_certificate.is_empty() || !certs.user_smime_certificate.is_empty();
            !matched.contains_key(*key) && published_any
        })
        .collect();
    unmatched.sort_by(|a, b| a.0.cmp(b.0));
    for (_, (identity, dn, _)) in unmatched {
        plan.unmatched.push(Outcome::new(
            identity,
            dn,
            Action::Skipped,
            "no user with this mail address on the target",
        ));
    }
    Ok(plan)
}
