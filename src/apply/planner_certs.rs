//! L2 — planning certificates and the S/MIME configuration: certificates are identified by the
//! hash of their DER (the thumbprint) in their store, the CA collection compares as the set of
//! its certificates (never as bytes), and `Cert:\` entries of the collection resolve against
//! the stores as the plan will leave them.

use std::collections::{HashMap, HashSet};

use crate::model::OrgState;
use crate::model::cert_store::{StoredCertificate, canonical_store_in};
use crate::model::problem::describe_all;
use crate::pki::{self, Certificate};
use crate::value::builtin::byte_array;
use crate::value::static_convert::base64_encode;

use super::diff::{between, diff};
use super::doc_value::DocValue;
use super::document::{CertSource, Document, Ensure};
use super::kind::Kind;
use super::plan::{Action, Argument, Change, Plan, PropertyChange};
use super::resolve::{CaEntry, Inputs};
use super::schema::ISSUING_CA;
use crate::value::Value;

/// `Subject [THUMBPRINT]`, how plans name a certificate.
pub fn describe(certificate: &Certificate) -> String {
    format!("{} [{}]", certificate.subject(), certificate.thumbprint())
}

fn cert_name(location: &str, store: &str, thumbprint: &str) -> String {
    format!("{location}\\{store}\\{thumbprint}")
}

/// Plan the declared Cert:\ stores.
pub fn plan_certificates(document: &Document, inputs: &Inputs, state: &OrgState, plan: &mut Plan) {
    if document.certificates.is_empty() {
        return;
    }
    let index: HashMap<String, usize> = state
        .certificates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                cert_name(&c.location, &c.store, &c.thumbprint).to_ascii_uppercase(),
                i,
            )
        })
        .collect();
    for (si, section) in document.certificates.iter().enumerate() {
        let (location, store, made_by) =
            store_in_plan(section.location, section.store, state, plan);
        let mut declared: HashSet<String> = HashSet::new();
        let mut unreadable = false;
        for (ii, decl) in section.items.iter().enumerate() {
            let read = inputs.certificates.get(si).and_then(|s| s.get(ii));
            let certificates = match read {
                Some(Ok(certificates)) => certificates,
                Some(Err(error)) => {
                    unreadable = true;
                    let shown = match &decl.source {
                        CertSource::FilePath(path) => path.clone(),
                        _ => format!("item {ii}"),
                    };
                    let mut change = Change::new(
                        Action::Unknown,
                        Kind::Certificate,
                        &cert_name(location, store, &shown),
                    );
                    change.error = Some(error.clone());
                    plan.changes.push(change);
                    continue;
                }
                None => continue,
            };
            let thumbprints: Vec<(String, Option<&Certificate>)> = match &decl.source {
                CertSource::Thumbprint(t) => vec![(t.clone(), None)],
                _ => certificates
                    .iter()
                    .map(|c| (c.thumbprint().to_string(), Some(c)))
                    .collect(),
            };
            for (thumbprint, certificate) in thumbprints {
                declared.insert(thumbprint.clone());
                let name = cert_name(location, store, &thumbprint);
                let existing = index
                    .get(&name.to_ascii_uppercase())
                    .map(|i| &state.certificates[*i]);
                match (decl.ensure, existing, certificate) {
                    (Ensure::Absent, Some(stored), _) => plan.changes.push(deletion(&name, stored)),
                    (Ensure::Present, None, Some(certificate)) => {
                        let mut change = Change::new(Action::Create, Kind::Certificate, &name);
                        change.depends_on.extend(made_by.clone());
                        change.properties.push(between(
                            "Subject",
                            None,
                            &Value::str(certificate.subject()),
                        ));
                        change.arguments.push(Argument {
                            name: "RawData".into(),
                            value: DocValue::Text(base64_encode(certificate.raw_data())),
                        });
                        if let Some(friendly) = &decl.friendly_name {
                            change.properties.push(between(
                                "FriendlyName",
                                None,
                                &Value::str(friendly.as_str()),
                            ));
                            change.arguments.push(Argument {
                                name: "FriendlyName".into(),
                                value: DocValue::Text(friendly.clone()),
                            });
                        }
                        if let CertSource::FilePath(path) = &decl.source {
                            change.arguments.push(Argument {
                                name: "FilePath".into(),
                                value: DocValue::Text(
                                    document.base_dir().join(path).display().to_string(),
                                ),
                            });
                        }
                        plan.changes.push(change);
                    }
                    (Ensure::Present, Some(stored), _) => {
                        if let Some(friendly) = &decl.friendly_name
                            && *friendly != stored.friendly_name
                        {
                            let mut change = Change::new(Action::Update, Kind::Certificate, &name);
                            change.properties.push(between(
                                "FriendlyName",
                                Some(&Value::str(stored.friendly_name.as_str())),
                                &Value::str(friendly.as_str()),
                            ));
                            change.arguments.push(Argument {
                                name: "FriendlyName".into(),
                                value: DocValue::Text(friendly.clone()),
                            });
                            plan.changes.push(change);
                        }
                    }
                    _ => {}
                }
            }
        }
        if section.prune && unreadable {
            plan.errors.push(format!(
                "Certificates {location}\\{store}: not pruned, because a declared certificate could not be read (an unreadable input is never taken for absent)."
            ));
        } else if section.prune {
            for stored in state
                .certificates
                .iter()
                .filter(|c| c.is_in(location, store))
            {
                if !declared.contains(&stored.thumbprint.to_ascii_uppercase()) {
                    plan.changes.push(deletion(
                        &cert_name(location, store, &stored.thumbprint),
                        stored,
                    ));
                }
            }
        }
    }
}

/// A declared store's canonical names: a custom store the state has under the name it was
/// made with (whatever the document's case); one it lacks is planned as created (`+
/// CertificateStore`), and the key of that change is what its certificates wait for.
fn store_in_plan(
    location: &'static str,
    store: &'static str,
    state: &OrgState,
    plan: &mut Plan,
) -> (&'static str, &'static str, Option<String>) {
    if let Some((location, store)) = canonical_store_in(location, store, &state.certificate_stores)
    {
        return (location, store, None);
    }
    let change = Change::new(
        Action::Create,
        Kind::CertificateStore,
        &format!("{location}\\{store}"),
    );
    let key = change.key();
    plan.changes.push(change);
    (location, store, Some(key))
}

fn deletion(name: &str, stored: &StoredCertificate) -> Change {
    let mut change = Change::new(Action::Delete, Kind::Certificate, name);
    if let Ok(certificate) = stored.certificate() {
        change.properties.push(PropertyChange {
            name: "Subject".into(),
            before: Some(certificate.subject().to_string()),
            after: None,
            added: Vec::new(),
            removed: Vec::new(),
            is_list: false,
        });
    }
    change
}

/// The certificates of `location\store` as the plan leaves them (the store's, plus planned
/// creates, minus planned deletes).
fn store_after_plan(
    state: &OrgState,
    plan: &Plan,
    location: &str,
    store: &str,
) -> Vec<Certificate> {
    let prefix = format!("{location}\\{store}\\").to_ascii_uppercase();
    let planned = |action: Action| -> Vec<&Change> {
        plan.changes
            .iter()
            .filter(|c| {
                c.kind == Kind::Certificate
                    && c.action == action
                    && c.name.to_ascii_uppercase().starts_with(&prefix)
            })
            .collect()
    };
    let deleted: HashSet<String> = planned(Action::Delete)
        .iter()
        .map(|c| c.name.to_ascii_uppercase())
        .collect();
    let mut certificates: Vec<Certificate> = state
        .certificates
        .iter()
        .filter(|c| c.is_in(location, store))
        .filter(|c| {
            !deleted.contains(&cert_name(location, store, &c.thumbprint).to_ascii_uppercase())
        })
        .filter_map(|c| c.certificate().ok())
        .collect();
    for change in planned(Action::Create) {
        if let Some(DocValue::Text(raw)) = change.argument("RawData")
            && let Ok(certificate) = super::resolve::from_base64(raw)
        {
            certificates.push(certificate);
        }
    }
    certificates
}

/// Plan the S/MIME configuration; the CA collection as the plan leaves it, when declared.
pub fn plan_smime(
    document: &Document,
    inputs: &Inputs,
    state: &OrgState,
    plan: &mut Plan,
) -> Option<Vec<Certificate>> {
    let decl = document.smime_config.as_ref()?;
    let current = &state.smime_config;
    let name = current.meta.name.clone();
    let mut change = Change::new(Action::Update, Kind::SmimeConfig, &name);
    match diff(current, &decl.properties) {
        Ok(None) => {}
        Ok(Some((found, _))) => {
            change.properties = found.properties;
            change.arguments = found.arguments;
        }
        Err(problems) => plan
            .errors
            .push(format!("SmimeConfig: {}", describe_all(&problems))),
    }
    let mut collection = None;
    match &inputs.issuing_ca {
        None => {}
        Some(Err(error)) => {
            change.action = Action::Unknown;
            change.error = Some(error.clone());
        }
        Some(Ok(entries)) => match desired_collection(entries, state, plan) {
            Err(error) => {
                change.action = Action::Unknown;
                change.error = Some(error);
            }
            Ok((desired, depends_on)) => {
                collection_change(
                    current
                        .smime_certificate_issuing_ca
                        .as_ref()
                        .map(|b| b.0.as_slice()),
                    &desired,
                    &mut change,
                    plan,
                );
                change.depends_on = depends_on;
                collection = Some(desired);
            }
        },
    }
    if change.action == Action::Unknown || !change.arguments.is_empty() {
        plan.changes.push(change);
    }
    collection
}

/// The certificates the CA collection's entries name (deduplicated, in order), and the
/// certificate changes they wait for.
fn desired_collection(
    entries: &[CaEntry],
    state: &OrgState,
    plan: &Plan,
) -> Result<(Vec<Certificate>, Vec<String>), String> {
    let mut certificates: Vec<Certificate> = Vec::new();
    let mut depends_on = Vec::new();
    for entry in entries {
        let found = match entry {
            CaEntry::Certificates(found) => found.clone(),
            CaEntry::Store {
                location,
                store,
                thumbprint,
            } => {
                let store_path = format!("{location}\\{store}");
                let planned_store = plan.changes.iter().any(|c| {
                    c.kind == Kind::CertificateStore && c.name.eq_ignore_ascii_case(&store_path)
                });
                if canonical_store_in(location, store, &state.certificate_stores).is_none()
                    && !planned_store
                {
                    return Err(format!(
                        "SMIMECertificateIssuingCA: the store Cert:\\{store_path} does not exist and the document does not declare it under Certificates"
                    ));
                }
                let prefix = format!("{store_path}\\").to_ascii_uppercase();
                let in_prefix = |c: &&Change| {
                    c.kind == Kind::Certificate && c.name.to_ascii_uppercase().starts_with(&prefix)
                };
                if let Some(unknown) = plan
                    .changes
                    .iter()
                    .filter(in_prefix)
                    .find(|c| c.action == Action::Unknown)
                {
                    return Err(format!(
                        "SMIMECertificateIssuingCA: the collection can't be known, because the store Cert:\\{location}\\{store} it takes is missing the unreadable certificate {}",
                        unknown.name
                    ));
                }
                depends_on.extend(
                    plan.changes
                        .iter()
                        .filter(|c| {
                            c.kind == Kind::Certificate
                                && c.action != Action::Delete
                                && c.name.to_ascii_uppercase().starts_with(&prefix)
                        })
                        .map(Change::key),
                );
                let in_store = store_after_plan(state, plan, location, store);
                match thumbprint {
                    None => in_store,
                    Some(wanted) => {
                        let one: Vec<Certificate> = in_store
                            .into_iter()
                            .filter(|c| c.thumbprint().to_string().eq_ignore_ascii_case(wanted))
                            .collect();
                        if one.is_empty() {
                            return Err(format!(
                                "SMIMECertificateIssuingCA: Cert:\\{location}\\{store}\\{wanted} is neither in the store nor declared in it"
                            ));
                        }
                        one
                    }
                }
            }
        };
        for certificate in found {
            if !certificates
                .iter()
                .any(|c| c.thumbprint() == certificate.thumbprint())
            {
                certificates.push(certificate);
            }
        }
    }
    Ok((certificates, depends_on))
}

/// Compare the collection as a set of certificates; plan the new bytes when it differs.
fn collection_change(
    current: Option<&[u8]>,
    desired: &[Certificate],
    change: &mut Change,
    plan: &mut Plan,
) {
    let now: Vec<Certificate> = current
        .map(|bytes| pki::decode(pki::detect(bytes), bytes).unwrap_or_default())
        .unwrap_or_default();
    let has =
        |set: &[Certificate], c: &Certificate| set.iter().any(|o| o.thumbprint() == c.thumbprint());
    let added: Vec<String> = desired
        .iter()
        .filter(|c| !has(&now, c))
        .map(describe)
        .collect();
    let removed: Vec<String> = now
        .iter()
        .filter(|c| !has(desired, c))
        .map(describe)
        .collect();
    let cleared = desired.is_empty() && current.is_some();
    if added.is_empty() && removed.is_empty() && !cleared {
        return;
    }
    let value = if desired.is_empty() {
        DocValue::Null
    } else {
        match pki::sst::encode(desired) {
            Ok(bytes) => {
                if let Err(problems) =
                    Kind::SmimeConfig.check(ISSUING_CA, &byte_array(bytes.clone()))
                {
                    plan.errors
                        .push(format!("SmimeConfig: {}", describe_all(&problems)));
                }
                DocValue::Text(base64_encode(&bytes))
            }
            Err(error) => {
                plan.errors.push(format!(
                    "SmimeConfig: cannot build the CA collection: {error}"
                ));
                return;
            }
        }
    };
    change.properties.push(PropertyChange {
        name: ISSUING_CA.into(),
        before: (!now.is_empty()).then(|| format!("{} certificate(s)", now.len())),
        after: (!desired.is_empty()).then(|| format!("{} certificate(s)", desired.len())),
        added,
        removed,
        is_list: true,
    });
    change.arguments.push(Argument {
        name: ISSUING_CA.into(),
        value,
    });
}
