//! L1 — LDAP transactions (RFC 5805) for bulk writes: a batch of modifications is sent inside
//! one transaction (Start Transaction, each modify with the Transaction Specification control,
//! End Transaction), which a server such as OpenLDAP's back-mdb commits as one database
//! transaction — one synchronous disk write for hundreds of users instead of one each. A batch
//! is all-or-nothing: its users are done only once the commit succeeds.

use ldap3::Ldap;
use ldap3::controls::RawControl;
use ldap3::exop::Exop;
use ldap3::result::ExopResult;
use ldap3::tokio::task::JoinSet;

use super::error::DirectoryError;
use super::pipeline::Write;

/// The Start Transaction extended operation (RFC 5805 §2.1).
pub const START_TRANSACTION: &str = "1.3.6.1.1.21.1";
/// The Transaction Specification control (RFC 5805 §2.2).
const TRANSACTION_SPEC: &str = "1.3.6.1.1.21.2";
/// The End Transaction extended operation (RFC 5805 §2.3).
const END_TRANSACTION: &str = "1.3.6.1.1.21.3";

/// Why a batch did not commit.
#[derive(Debug)]
pub enum BatchFailure {
    /// The server refused the transaction or one of its operations: write the batch again
    /// without a transaction, so each entry gets its own result.
    Refused,
    /// The connection was lost or stopped answering: nothing of the batch was written.
    Lost(DirectoryError),
}

/// `length` in BER's definite form.
fn ber_length(length: usize, out: &mut Vec<u8>) {
    if length < 0x80 {
        out.push(length as u8);
        return;
    }
    let bytes: Vec<u8> = length
        .to_be_bytes()
        .into_iter()
        .skip_while(|b| *b == 0)
        .collect();
    out.push(0x80 | bytes.len() as u8);
    out.extend(bytes);
}

/// The End Transaction request value: `SEQUENCE { commit BOOLEAN DEFAULT TRUE, identifier
/// OCTET STRING }` (the boolean only when aborting).
pub fn end_value(id: &[u8], commit: bool) -> Vec<u8> {
    let mut inner = Vec::new();
    if !commit {
        inner.extend([0x01, 0x01, 0x00]);
    }
    inner.push(0x04);
    ber_length(id.len(), &mut inner);
    inner.extend_from_slice(id);
    let mut out = vec![0x30];
    ber_length(inner.len(), &mut out);
    out.extend(inner);
    out
}

/// Send the extended operation `oid` (carrying `value`) and wait for the reply.
async fn extended(
    ldap: &Ldap,
    timeout: std::time::Duration,
    oid: &str,
    value: Option<Vec<u8>>,
) -> ldap3::result::Result<ExopResult> {
    let operation = Exop {
        name: Some(oid.to_string()),
        val: value,
    };
    ldap.clone().with_timeout(timeout).extended(operation).await
}

/// Run one batch inside a transaction with up to `window` modifications in flight.
/// `classify` turns an ldap3 error of an entry into a [`DirectoryError`].
pub async fn write_batch(
    ldap: &Ldap,
    batch: &[Write],
    window: usize,
    timeout: std::time::Duration,
    classify: &(dyn Fn(&str, ldap3::LdapError) -> DirectoryError + Sync),
) -> Result<(), BatchFailure> {
    let lost = |entry: &str, error: ldap3::LdapError| {
        let error = classify(entry, error);
        if matches!(
            error,
            DirectoryError::ConnectionLost { .. } | DirectoryError::Timeout { .. }
        ) {
            BatchFailure::Lost(error)
        } else {
            BatchFailure::Refused
        }
    };
    let started = extended(ldap, timeout, START_TRANSACTION, None)
        .await
        .map_err(|e| lost("(start transaction)", e))?;
    if started.1.rc != 0 {
        return Err(BatchFailure::Refused);
    }
    let id = started.0.val.unwrap_or_default();
    let mut tasks = JoinSet::new();
    let mut pending = batch.iter();
    let mut refused = false;
    let mut failure = None;
    loop {
        while failure.is_none() && !refused && tasks.len() < window {
            let Some(write) = pending.next() else { break };
            let mut ldap = ldap.clone();
            let control = RawControl {
                ctype: TRANSACTION_SPEC.to_string(),
                crit: true,
                val: Some(id.clone()),
            };
            let (dn, mods) = (write.dn.clone(), write.mods.clone());
            tasks.spawn(async move {
                let result = ldap
                    .with_controls(control)
                    .with_timeout(timeout)
                    .modify(&dn, mods)
                    .await;
                (dn, result)
            });
        }
        let Some(joined) = tasks.join_next().await else {
            break;
        };
        match joined {
            Ok((_, Ok(reply))) if reply.rc == 0 => {}
            Ok((_, Ok(_))) => refused = true,
            Ok((dn, Err(error))) => match lost(&dn, error) {
                BatchFailure::Lost(error) => failure = Some(error),
                BatchFailure::Refused => refused = true,
            },
            Err(_) => refused = true,
        }
    }
    if let Some(error) = failure {
        return Err(BatchFailure::Lost(error));
    }
    let ended = extended(
        ldap,
        timeout,
        END_TRANSACTION,
        Some(end_value(&id, !refused)),
    )
    .await
    .map_err(|e| lost("(end transaction)", e))?;
    if refused || ended.1.rc != 0 {
        return Err(BatchFailure::Refused);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_transaction_values_are_ber() {
        assert_eq!(end_value(b"7", true), vec![0x30, 0x03, 0x04, 0x01, b'7']);
        assert_eq!(
            end_value(b"7", false),
            vec![0x30, 0x06, 0x01, 0x01, 0x00, 0x04, 0x01, b'7']
        );
        let long = vec![b'x'; 200];
        let value = end_value(&long, true);
        assert_eq!(&value[..6], &[0x30, 0x81, 203, 0x04, 0x81, 200]);
    }
}
