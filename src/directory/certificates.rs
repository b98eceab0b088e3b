//! L1 — a user's published certificates and the change that makes them what is wanted.
//!
//! Two attributes (reference §C.5): `userCertificate` holds DER certificates and is read and
//! written as `userCertificate;binary`; `userSMIMECertificate` holds PKCS#7 SignedData (Binary
//! syntax, no `;binary`). Values are compared by the certificates they carry (a PKCS#7 written
//! by Outlook and one written here for the same certificate are the same publication), and
//! only an attribute whose set differs is written, so a second run changes nothing.

use ldap3::Mod;
use std::collections::HashSet;

use crate::pki::{Certificate, Thumbprint, p7b};

use super::error::{DirectoryError, DirectoryResult};

/// `userCertificate` with the transfer option OpenLDAP requires.
pub const USER_CERTIFICATE: &str = "userCertificate;binary";
/// `userSMIMECertificate` (RFC 2798; no `;binary`).
pub const USER_SMIME_CERTIFICATE: &str = "userSMIMECertificate";

/// Which attributes a publication writes (`-Attribute`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attributes {
    pub user_certificate: bool,
    pub user_smime_certificate: bool,
}

impl Attributes {
    /// Both, as Outlook's "Publish to GAL" does.
    pub const BOTH: Attributes = Attributes {
        user_certificate: true,
        user_smime_certificate: true,
    };
}

/// The certificate values a user has (or should have) published.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserCertificates {
    /// `userCertificate;binary` values: DER certificates.
    pub user_certificate: Vec<Vec<u8>>,
    /// `userSMIMECertificate` values: PKCS#7 SignedData blobs.
    pub user_smime_certificate: Vec<Vec<u8>>,
}

/// What a change does to a user, as the result objects say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Added,
    Replaced,
    Removed,
    Unchanged,
    Skipped,
    Failed,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Added => "Added",
            Action::Replaced => "Replaced",
            Action::Removed => "Removed",
            Action::Unchanged => "Unchanged",
            Action::Skipped => "Skipped",
            Action::Failed => "Failed",
        }
    }
}

/// The modifications of one entry.
pub type Mods = Vec<Mod<Vec<u8>>>;

/// The thumbprints a `userCertificate` value carries (one, or none for a value that is not
/// a certificate).
fn der_identity(value: &[u8]) -> Vec<Thumbprint> {
    vec![Thumbprint::of(value)]
}

/// The thumbprints of the certificates a `userSMIMECertificate` value carries; a value that
/// does not decode is identified by its bytes.
fn pkcs7_identity(value: &[u8]) -> Vec<Thumbprint> {
    match p7b::decode(value) {
        Ok(certs) if !certs.is_empty() => {
            let mut prints: Vec<Thumbprint> = certs.iter().map(Certificate::thumbprint).collect();
            prints.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            prints
        }
        _ => vec![Thumbprint::of(value)],
    }
}

/// True when two value lists publish the same certificates.
fn same_values(
    current: &[Vec<u8>],
    wanted: &[Vec<u8>],
    identity: fn(&[u8]) -> Vec<Thumbprint>,
) -> bool {
    let set = |values: &[Vec<u8>]| -> HashSet<Vec<[u8; 20]>> {
        values
            .iter()
            .map(|v| identity(v).iter().map(|t| *t.as_bytes()).collect())
            .collect()
    };
    set(current) == set(wanted)
}

/// How values of an attribute are identified (by the certificates they carry).
type Identity = fn(&[u8]) -> Vec<Thumbprint>;
/// One attribute's name, current values, wanted values and identity.
type AttributeValues<'a> = (&'static str, &'a Vec<Vec<u8>>, &'a Vec<Vec<u8>>, Identity);

/// The modifications that turn `current` into `wanted` (only attributes that differ, each
/// replaced by its wanted values; an empty set removes the attribute), and the action they
/// amount to.
pub fn plan_change(current: &UserCertificates, wanted: &UserCertificates) -> (Mods, Action) {
    let mut mods = Mods::new();
    let mut added = false;
    let mut removed = false;
    let pairs: [AttributeValues<'_>; 2] = [
        (
            USER_CERTIFICATE,
            &current.user_certificate,
            &wanted.user_certificate,
            der_identity,
        ),
        (
            USER_SMIME_CERTIFICATE,
            &current.user_smime_certificate,
            &wanted.user_smime_certificate,
            pkcs7_identity,
        ),
    ];
    for (attribute, now, want, identity) in pairs {
        if same_values(now, want, identity) {
            continue;
        }
        let now_ids: HashSet<Vec<Thumbprint>> = now.iter().map(|v| identity(v)).collect();
        let want_ids: HashSet<Vec<Thumbprint>> = want.iter().map(|v| identity(v)).collect();
        added |= want_ids.iter().any(|w| !now_ids.contains(w));
        removed |= now_ids.iter().any(|n| !want_ids.contains(n));
        let values: HashSet<Vec<u8>> = want.iter().cloned().collect();
        mods.push(Mod::Replace(attribute.as_bytes().to_vec(), values));
    }
    let action = match (mods.is_empty(), added, removed) {
        (true, _, _) => Action::Unchanged,
        (false, true, false) => Action::Added,
        (false, false, true) => Action::Removed,
        _ => Action::Replaced,
    };
    (mods, action)
}

/// What a user should have after publishing `certificates` on top of `current`: each
/// certificate added (DER to `userCertificate`, a PKCS#7 of it to `userSMIMECertificate`, per
/// `attributes`) unless already there; with `replace`, the chosen attributes hold exactly these.
pub fn with_published(
    current: &UserCertificates,
    certificates: &[Certificate],
    attributes: Attributes,
    replace: bool,
) -> DirectoryResult<UserCertificates> {
    let mut wanted = if replace {
        UserCertificates {
            user_certificate: if attributes.user_certificate {
                Vec::new()
            } else {
                current.user_certificate.clone()
            },
            user_smime_certificate: if attributes.user_smime_certificate {
                Vec::new()
            } else {
                current.user_smime_certificate.clone()
            },
        }
    } else {
        current.clone()
    };
    for certificate in certificates {
        let print = certificate.thumbprint();
        if attributes.user_certificate
            && !wanted
                .user_certificate
                .iter()
                .any(|v| der_identity(v).contains(&print))
        {
            wanted
                .user_certificate
                .push(certificate.raw_data().to_vec());
        }
        if attributes.user_smime_certificate
            && !wanted
                .user_smime_certificate
                .iter()
                .any(|v| pkcs7_identity(v).contains(&print))
        {
            let pkcs7 = p7b::encode(std::slice::from_ref(certificate)).map_err(|e| {
                DirectoryError::Protocol {
                    entry: certificate.subject().to_string(),
                    reason: format!("cannot build the PKCS#7: {e}"),
                }
            })?;
            wanted.user_smime_certificate.push(pkcs7);
        }
    }
    Ok(wanted)
}

/// `current` without the values that carry any of `certificates` (by thumbprint).
pub fn without(current: &UserCertificates, certificates: &[Certificate]) -> UserCertificates {
    let prints: Vec<Thumbprint> = certificates.iter().map(Certificate::thumbprint).collect();
    let keep = |identity: Vec<Thumbprint>| !identity.iter().any(|t| prints.contains(t));
    UserCertificates {
        user_certificate: current
            .user_certificate
            .iter()
            .filter(|v| keep(der_identity(v)))
            .cloned()
            .collect(),
        user_smime_certificate: current
            .user_smime_certificate
            .iter()
            .filter(|v| keep(pkcs7_identity(v)))
            .cloned()
            .collect(),
    }
}

/// `current` plus every value of `extra` that publishes a certificate `current` lacks.
pub fn union(current: &UserCertificates, extra: &UserCertificates) -> UserCertificates {
    fn merge(
        now: &[Vec<u8>],
        more: &[Vec<u8>],
        identity: fn(&[u8]) -> Vec<Thumbprint>,
    ) -> Vec<Vec<u8>> {
        let mut out = now.to_vec();
        for value in more {
            let id = identity(value);
            if !out.iter().any(|v| identity(v) == id) {
                out.push(value.clone());
            }
        }
        out
    }
    UserCertificates {
        user_certificate: merge(
            &current.user_certificate,
            &extra.user_certificate,
            der_identity,
        ),
        user_smime_certificate: merge(
            &current.user_smime_certificate,
            &extra.user_smime_certificate,
            pkcs7_identity,
        ),
    }
}

/// The certificates these values carry (both attributes, each certificate once, DER values
/// first); values that are not certificates are skipped.
pub fn certificates_in(values: &UserCertificates) -> Vec<Certificate> {
    let mut out: Vec<Certificate> = Vec::new();
    let mut push = |cert: Certificate| {
        if !out.iter().any(|c| c.thumbprint() == cert.thumbprint()) {
            out.push(cert);
        }
    };
    for value in &values.user_certificate {
        if let Ok(cert) = Certificate::from_der(value.clone()) {
            push(cert);
        }
    }
    for value in &values.user_smime_certificate {
        for cert in p7b::decode(value).unwrap_or_default() {
            push(cert);
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn cert(n: u8) -> Certificate {
        crate::directory::test_certs::certificate(n)
    }

    #[test]
    fn publishing_adds_once_and_a_second_run_changes_nothing() {
        let empty = UserCertificates::default();
        let wanted = with_published(&empty, &[cert(1)], Attributes::BOTH, false).unwrap();
        let (mods, action) = plan_change(&empty, &wanted);
        assert_eq!((mods.len(), action), (2, Action::Added));
        let again = with_published(&wanted, &[cert(1)], Attributes::BOTH, false).unwrap();
        assert_eq!(again, wanted);
        assert_eq!(
            plan_change(&wanted, &again),
            (Mods::new(), Action::Unchanged)
        );
        assert_eq!(certificates_in(&wanted).len(), 1);
    }

    #[test]
    fn replacing_and_removing_are_told_apart() {
        let empty = UserCertificates::default();
        let one = with_published(&empty, &[cert(1)], Attributes::BOTH, false).unwrap();
        let other = with_published(&one, &[cert(2)], Attributes::BOTH, true).unwrap();
        assert_eq!(plan_change(&one, &other).1, Action::Replaced);
        let both = with_published(&one, &[cert(2)], Attributes::BOTH, false).unwrap();
        assert_eq!(both.user_certificate.len(), 2);
        let less = without(&both, &[cert(1)]);
        assert_eq!(plan_change(&both, &less).1, Action::Removed);
        assert_eq!(certificates_in(&less)[0].thumbprint(), cert(2).thumbprint());
    }

    #[test]
    fn a_union_adds_only_what_is_missing() {
        let empty = UserCertificates::default();
        let one = with_published(&empty, &[cert(1)], Attributes::BOTH, false).unwrap();
        let two = with_published(&empty, &[cert(2)], Attributes::BOTH, false).unwrap();
        assert_eq!(union(&one, &one), one);
        let both = union(&one, &two);
        assert_eq!(both.user_smime_certificate.len(), 2);
        assert_eq!(plan_change(&one, &both).1, Action::Added);
    }

    #[test]
    fn only_the_chosen_attribute_is_written() {
        let only_der = Attributes {
            user_certificate: true,
            user_smime_certificate: false,
        };
        let wanted =
            with_published(&UserCertificates::default(), &[cert(1)], only_der, false).unwrap();
        assert!(wanted.user_smime_certificate.is_empty());
        let (mods, _) = plan_change(&UserCertificates::default(), &wanted);
        assert!(
            matches!(&mods[0], Mod::Replace(name, _) if name.as_slice() == USER_CERTIFICATE.as_bytes())
        );
    }
}
