//! L1 — users and mailboxes in the directory: finding them by identity (DN, mail address, uid
//! or account name) or filter, streamed with the paged-results control so 100,000 entries never
//! sit in memory at once, and looked up in batches by mail address for bulk publishing.

use std::collections::HashMap;

use ldap3::adapters::{Adapter, EntriesOnly, PagedResults};
use ldap3::tokio::task::JoinSet;
use ldap3::{Scope, SearchStream};

use super::certificates::{USER_CERTIFICATE, USER_SMIME_CERTIFICATE};
use super::connection::{Directory, operation_error};
use super::entry::Entry;
use super::error::{DirectoryError, DirectoryResult};
use super::syntax::{check_dn, check_filter, escape_filter_value, normalize_filter};

/// Entries that are users: people in OpenLDAP (inetOrgPerson), users in Active Directory.
pub const USER_FILTER: &str =
    "(|(objectClass=inetOrgPerson)(&(objectCategory=person)(objectClass=user)))";
/// How many entries the server sends per page.
pub const PAGE_SIZE: i32 = 500;
/// Mail addresses per batched lookup (`(|(mail=a)(mail=b)…)`).
const MAILS_PER_QUERY: usize = 100;
/// Batched lookups in flight at once.
const QUERIES_IN_FLIGHT: usize = 8;

/// The attributes read for a user.
pub const USER_ATTRIBUTES: &[&str] = &[
    "cn",
    "displayName",
    "mail",
    "uid",
    "sAMAccountName",
    "userPrincipalName",
    USER_CERTIFICATE,
    USER_SMIME_CERTIFICATE,
];

/// A user entry as the cmdlets show it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryUser {
    pub dn: String,
    /// `cn` (Exchange's Name).
    pub name: String,
    pub display_name: String,
    /// `mail` (PrimarySmtpAddress).
    pub mail: String,
    /// `uid`, else `sAMAccountName`.
    pub account: String,
    pub user_principal_name: String,
    /// `userCertificate;binary` values (DER certificates).
    pub user_certificate: Vec<Vec<u8>>,
    /// `userSMIMECertificate` values (PKCS#7 SignedData).
    pub user_smime_certificate: Vec<Vec<u8>>,
}

impl DirectoryUser {
    /// The user an entry describes.
    pub fn from_entry(entry: &Entry) -> DirectoryUser {
        let account = match entry.text("uid") {
            uid if !uid.is_empty() => uid,
            _ => entry.text("sAMAccountName"),
        };
        DirectoryUser {
            dn: entry.dn.clone(),
            name: entry.text("cn"),
            display_name: entry.text("displayName"),
            mail: entry.text("mail"),
            account,
            user_principal_name: entry.text("userPrincipalName"),
            user_certificate: entry
                .values(USER_CERTIFICATE)
                .into_iter()
                .map(<[u8]>::to_vec)
                .collect(),
            user_smime_certificate: entry
                .values(USER_SMIME_CERTIFICATE)
                .into_iter()
                .map(<[u8]>::to_vec)
                .collect(),
        }
    }

    /// How the user is named in results: the mail address, else the account, else the DN.
    pub fn identity(&self) -> &str {
        [&self.mail, &self.account, &self.dn]
            .into_iter()
            .find(|s| !s.is_empty())
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// The search filter for an `-Identity`: a DN is read directly (`None` here); a mail address
/// matches `mail` (or an Exchange proxy address); anything else matches uid, account name or cn.
/// An identity with `=` in it is a DN and must be a valid one.
pub fn identity_filter(identity: &str) -> DirectoryResult<Option<String>> {
    let identity = identity.trim();
    if identity.contains('=') {
        check_dn(identity)?;
        return Ok(None);
    }
    let value = escape_filter_value(identity);
    let clause = if identity.contains('@') {
        format!("(|(mail={value})(proxyAddresses=smtp:{value})(userPrincipalName={value}))")
    } else {
        format!("(|(uid={value})(sAMAccountName={value})(cn={value}))")
    };
    Ok(Some(format!("(&{USER_FILTER}{clause})")))
}

/// How a search ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchSummary {
    /// Users handed to the caller.
    pub returned: usize,
    /// The limit stopped the search while more users matched.
    pub more: bool,
}

/// Users matching `filter` (any RFC 4515 filter, combined with [`USER_FILTER`]) under the base
/// DN, handed one by one to `on_user` as pages arrive (`false` from it stops the search). At
/// most `limit` users when given.
pub fn search_users(
    directory: &Directory,
    filter: Option<&str>,
    limit: Option<usize>,
    on_user: &mut dyn FnMut(DirectoryUser) -> bool,
) -> DirectoryResult<SearchSummary> {
    let filter = match filter {
        Some(user_filter) => {
            let normalized = normalize_filter(user_filter);
            check_filter(&normalized).map_err(|_| DirectoryError::BadFilter {
                filter: user_filter.to_string(),
                reason: "it does not parse (check the parentheses, '=' and escapes)".to_string(),
            })?;
            format!("(&{USER_FILTER}{normalized})")
        }
        None => USER_FILTER.to_string(),
    };
    search_entries(directory, &filter, limit, &mut |entry| {
        on_user(DirectoryUser::from_entry(&entry))
    })
}

/// Entries matching a (checked) filter under the base DN, paged, one by one.
pub fn search_entries(
    directory: &Directory,
    filter: &str,
    limit: Option<usize>,
    on_entry: &mut dyn FnMut(Entry) -> bool,
) -> DirectoryResult<SearchSummary> {
    let base = directory.base_dn().to_string();
    let page = limit
        .map(|l| {
            i32::try_from(l.saturating_add(1))
                .unwrap_or(PAGE_SIZE)
                .min(PAGE_SIZE)
        })
        .unwrap_or(PAGE_SIZE)
        .max(1);
    let attrs: Vec<String> = USER_ATTRIBUTES.iter().map(|a| a.to_string()).collect();
    let mut ldap = directory.handle();
    ldap.with_timeout(directory.timeout());
    let adapters: Vec<Box<dyn Adapter<'static, String, Vec<String>>>> = vec![
        Box::new(EntriesOnly::new()),
        Box::new(PagedResults::new(page)),
    ];
    let filter_owned = filter.to_string();
    let started = directory.run(async move {
        ldap.streaming_search_with(adapters, &base, Scope::Subtree, &filter_owned, attrs)
            .await
    });
    let mut stream: SearchStream<'static, String, Vec<String>> =
        started.map_err(|e| directory.error("search", filter, e))?;
    let mut summary = SearchSummary::default();
    loop {
        let next = directory.run(stream.next());
        let entry = match next {
            Ok(Some(entry)) => entry,
            Ok(None) => break,
            Err(e) => return Err(directory.error("search", filter, e)),
        };
        let Some(entry) = Entry::read(entry) else {
            return Err(DirectoryError::Protocol {
                entry: filter.to_string(),
                reason: "a search result entry is malformed".to_string(),
            });
        };
        if limit.is_some_and(|l| summary.returned >= l) {
            summary.more = true;
            abandon(directory, &mut stream);
            return Ok(summary);
        }
        summary.returned += 1;
        if !on_entry(entry) {
            abandon(directory, &mut stream);
            return Ok(summary);
        }
    }
    let result = directory.run(stream.finish());
    match result.rc {
        0 => Ok(summary),
        rc => Err(super::connection::ldap_code_error(
            "search",
            &format!("{filter} under {}", directory.base_dn()),
            rc,
            &result.text,
        )),
    }
}

/// Stop a search the caller no longer wants.
fn abandon(directory: &Directory, stream: &mut SearchStream<'static, String, Vec<String>>) {
    let handle = stream.ldap_handle();
    let id = handle.last_id();
    let mut handle = handle.clone();
    let _ = directory.run(async move { handle.abandon(id).await });
}

/// The user `identity` names (a DN, mail address, uid, account name or cn). `Ok(None)` when
/// none matches; an error when several do.
pub fn find_user(directory: &Directory, identity: &str) -> DirectoryResult<Option<DirectoryUser>> {
    let Some(filter) = identity_filter(identity)? else {
        return Ok(directory
            .read_entry(identity.trim(), USER_ATTRIBUTES)?
            .map(|entry| DirectoryUser::from_entry(&entry)));
    };
    let mut found = Vec::new();
    search_entries(directory, &filter, Some(2), &mut |entry| {
        found.push(DirectoryUser::from_entry(&entry));
        true
    })?;
    if found.len() > 1 {
        return Err(DirectoryError::Ldap {
            operation: "lookup",
            entry: identity.to_string(),
            code: 0,
            code_name: "ambiguous",
            detail: ": more than one user matches; give the distinguished name".to_string(),
        });
    }
    Ok(found.pop())
}

/// The users with these mail addresses (lower-cased address → user), looked up in batches
/// with several searches in flight. Addresses nobody has are absent from the map.
pub fn find_users_by_mail(
    directory: &Directory,
    mails: &[String],
) -> DirectoryResult<HashMap<String, DirectoryUser>> {
    let mut wanted: Vec<String> = mails
        .iter()
        .map(|m| m.trim().to_ascii_lowercase())
        .collect();
    wanted.sort();
    wanted.dedup();
    let filters: Vec<String> = wanted
        .chunks(MAILS_PER_QUERY)
        .map(|chunk| {
            let clauses: String = chunk
                .iter()
                .map(|m| format!("(mail={})", escape_filter_value(m)))
                .collect();
            format!("(&{USER_FILTER}(|{clauses}))")
        })
        .collect();
    let base = directory.base_dn().to_string();
    let server = directory.server().to_string();
    let timeout = directory.timeout();
    let ldap = directory.handle();
    let results = directory.run(async move {
        let mut found: Vec<Entry> = Vec::new();
        let mut pending = filters.into_iter();
        let mut tasks = JoinSet::new();
        loop {
            while tasks.len() < QUERIES_IN_FLIGHT {
                let Some(filter) = pending.next() else { break };
                let mut ldap = ldap.clone();
                let base = base.clone();
                tasks.spawn(async move {
                    let attrs: Vec<&str> = USER_ATTRIBUTES.to_vec();
                    let result = ldap
                        .with_timeout(timeout)
                        .search(&base, Scope::Subtree, &filter, attrs)
                        .await;
                    (filter, result)
                });
            }
            let Some(joined) = tasks.join_next().await else {
                break;
            };
            let Ok((filter, result)) = joined else {
                return Err(DirectoryError::Protocol {
                    entry: base.clone(),
                    reason: "a lookup task failed".to_string(),
                });
            };
            match result {
                Ok(search) if search.1.rc == 0 => {
                    for entry in search.0 {
                        found.extend(Entry::read(entry));
                    }
                }
                Ok(search) => {
                    return Err(super::connection::ldap_code_error(
                        "search",
                        &base,
                        search.1.rc,
                        &search.1.text,
                    ));
                }
                Err(e) => return Err(operation_error(&server, timeout, "search", &filter, e)),
            }
        }
        Ok(found)
    })?;
    let mut map = HashMap::new();
    for entry in results {
        let user = DirectoryUser::from_entry(&entry);
        for mail in entry.texts("mail") {
            map.entry(mail.to_ascii_lowercase())
                .or_insert_with(|| user.clone());
        }
    }
    Ok(map)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn identities_become_filters_and_dns_are_read_directly() {
        assert_eq!(identity_filter("uid=a,dc=x").unwrap(), None);
        assert!(identity_filter("cn=a<b,dc=x").is_err());
        let mail = identity_filter("a*b@example.com").unwrap().unwrap();
        assert!(mail.contains("(mail=a\\2ab@example.com)"), "{mail}");
        let account = identity_filter("jdoe").unwrap().unwrap();
        assert!(
            account.contains("(uid=jdoe)") && account.starts_with("(&"),
            "{account}"
        );
        assert!(check_filter(&account).is_ok());
    }

    #[test]
    fn users_are_named_by_mail_then_account_then_dn() {
        let mut user = DirectoryUser {
            dn: "uid=a,dc=x".into(),
            ..DirectoryUser::default()
        };
        assert_eq!(user.identity(), "uid=a,dc=x");
        user.account = "a".into();
        assert_eq!(user.identity(), "a");
        user.mail = "a@x".into();
        assert_eq!(user.identity(), "a@x");
    }
}
