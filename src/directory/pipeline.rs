//! L1 — many modifications in flight on one connection: up to `window` operations are sent
//! before the first reply is awaited (slapd drops a session with more than about 1,000
//! pending, so the window stays a few hundred). When the server offers LDAP transactions
//! (RFC 5805), writes go in batches of [`TRANSACTION_BATCH`], each committed at once (see
//! [`super::transaction`]); a batch the server refuses is written again without one, so every
//! entry gets its own result. Once the connection is lost or stops answering, nothing more is
//! sent and every write not done is reported as such, so the caller can say exactly what was
//! done and what was not.

use std::collections::HashMap;

use ldap3::Ldap;
use ldap3::tokio::task::JoinSet;

use super::certificates::Mods;
use super::connection::{Directory, ldap_code_error, operation_error};
use super::error::DirectoryError;
use super::transaction::{BatchFailure, write_batch};

/// Operations in flight by default.
pub const DEFAULT_WINDOW: usize = 256;
/// Modifications per transaction.
pub const TRANSACTION_BATCH: usize = 500;

/// One modification of one entry.
#[derive(Debug, Clone)]
pub struct Write {
    pub dn: String,
    pub mods: Mods,
}

/// Where replies go: `(index, result)` once per write.
type Report<'a> = &'a mut dyn FnMut(usize, Result<(), DirectoryError>);

/// Send every write with at most `window` in flight; `on_done(index, result)` is called once
/// per write. Writes not done because the connection was lost get a
/// [`DirectoryError::ConnectionLost`] saying so.
pub fn modify_all(directory: &Directory, writes: Vec<Write>, window: usize, on_done: Report<'_>) {
    let window = window.clamp(1, 900);
    let server = directory.server().to_string();
    let timeout = directory.timeout();
    let ldap = directory.handle();
    let mut transactions = directory.supports_transactions() && writes.len() > 1;
    let classify = move |entry: &str, error: ldap3::LdapError| {
        operation_error(&server, timeout, "modify", entry, error)
    };
    let indexed: Vec<(usize, Write)> = writes.into_iter().enumerate().collect();
    directory.run(async move {
        let mut stopped: Option<DirectoryError> = None;
        for chunk in indexed.chunks(TRANSACTION_BATCH) {
            if let Some(error) = &stopped {
                report_not_sent(chunk, error, on_done);
                continue;
            }
            if transactions {
                let batch: Vec<Write> = chunk.iter().map(|(_, w)| w.clone()).collect();
                match write_batch(&ldap, &batch, window, timeout, &classify).await {
                    Ok(()) => {
                        for (index, _) in chunk {
                            on_done(*index, Ok(()));
                        }
                        continue;
                    }
                    Err(BatchFailure::Lost(error)) => {
                        report_not_sent(chunk, &error, on_done);
                        stopped = Some(error);
                        continue;
                    }
                    // Write this batch one by one; later batches try a transaction again
                    // only if this one was not the first.
                    Err(BatchFailure::Refused) => {
                        transactions = chunk.first().is_some_and(|(i, _)| *i > 0);
                    }
                }
            }
            stopped = write_each(&ldap, chunk, window, timeout, &classify, on_done).await;
        }
    });
}

/// Report every write of `chunk` as not done because of `error`.
fn report_not_sent(chunk: &[(usize, Write)], error: &DirectoryError, on_done: Report<'_>) {
    let (server, reason) = match error {
        DirectoryError::ConnectionLost { server, .. } => {
            (server.clone(), "not written: the connection was lost")
        }
        _ => (String::new(), "not written: the server stopped answering"),
    };
    for (index, write) in chunk {
        on_done(
            *index,
            Err(DirectoryError::ConnectionLost {
                server: server.clone(),
                operation: "modify",
                entry: write.dn.clone(),
                reason: reason.to_string(),
            }),
        );
    }
}

/// Send the writes of `chunk` one operation each, `window` in flight; the error that stopped
/// the run, if the connection was lost.
async fn write_each(
    ldap: &Ldap,
    chunk: &[(usize, Write)],
    window: usize,
    timeout: std::time::Duration,
    classify: &(dyn Fn(&str, ldap3::LdapError) -> DirectoryError + Sync),
    on_done: Report<'_>,
) -> Option<DirectoryError> {
    let mut tasks = JoinSet::new();
    let mut in_flight: HashMap<ldap3::tokio::task::Id, (usize, String)> = HashMap::new();
    let mut pending = chunk.iter();
    let mut stopped: Option<DirectoryError> = None;
    loop {
        while stopped.is_none() && tasks.len() < window {
            let Some((index, write)) = pending.next() else {
                break;
            };
            let mut ldap = ldap.clone();
            let (dn, mods) = (write.dn.clone(), write.mods.clone());
            let handle =
                tasks.spawn(async move { ldap.with_timeout(timeout).modify(&dn, mods).await });
            in_flight.insert(handle.id(), (*index, write.dn.clone()));
        }
        let Some(joined) = tasks.join_next_with_id().await else {
            break;
        };
        let (id, result) = match joined {
            Ok((id, result)) => (id, Ok(result)),
            Err(error) => (error.id(), Err(error.to_string())),
        };
        let Some((index, dn)) = in_flight.remove(&id) else {
            continue;
        };
        let outcome = match result {
            Ok(Ok(reply)) if reply.rc == 0 => Ok(()),
            Ok(Ok(reply)) => Err(ldap_code_error("modify", &dn, reply.rc, &reply.text)),
            Ok(Err(error)) => Err(classify(&dn, error)),
            Err(reason) => Err(DirectoryError::Protocol { entry: dn, reason }),
        };
        if let Err(error) = &outcome
            && stopped.is_none()
            && matches!(
                error,
                DirectoryError::ConnectionLost { .. } | DirectoryError::Timeout { .. }
            )
        {
            stopped = Some(error.clone());
        }
        on_done(index, outcome);
    }
    if let Some(error) = &stopped {
        let rest: Vec<(usize, Write)> = pending.cloned().collect();
        report_not_sent(&rest, error, on_done);
    }
    stopped
}
