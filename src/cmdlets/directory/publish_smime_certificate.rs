//! L4 — Publish-SmimeCertificate: publish users' S/MIME certificates in the directory in bulk.
//! Certificates come from the pipeline (Cert:\ stores, files, Import-Certificate); each one's
//! user is found by the rfc822Name of its subjectAltName, the certificate is checked with the
//! S/MIME lint (expired, wrong address or not for e-mail: refused unless -Force, with the
//! reason), then written as DER to `userCertificate;binary` and/or as PKCS#7 to
//! `userSMIMECertificate`. Only what differs is written, with many modifications in flight on
//! one connection. One result per user: Identity, Action, Reason.

use std::collections::HashMap;

use crate::directory::certificates::{plan_change, with_published};
use crate::directory::publish::user_certificates;
use crate::directory::{
    Action, Change, DirectoryUser, Outcome, apply_changes, find_user, find_users_by_mail,
};
use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::pki::Certificate;
use crate::pki::lint::{ChainContext, Severity, smime};
use crate::value::{PsType, Value};

use super::super::common::current_input;
use super::shared::{connection_param, open_connection, report, value_certificates};
use super::writes::{
    attribute_names, attributes_param, parse_attributes, throttle_param, throttle_window, what_if,
    write_outcomes,
};
use crate::pki::system::unix_now;

/// `Publish-SmimeCertificate [-Certificate] <Object> [-Attribute <String>] [-Identity <String>]
/// [-Force] [-Replace] [-ThrottleLimit <Int32>] [-Connection <Object>] [-WhatIf] [-Confirm]`
pub struct PublishSmimeCertificate;

/// The certificates piped in, and how many inputs were not certificates.
#[derive(Default)]
struct Collected {
    certificates: Vec<Certificate>,
    refused: usize,
}

impl Cmdlet for PublishSmimeCertificate {
    fn signature(&self) -> Signature {
        Signature::new(
            "Publish-SmimeCertificate",
            "Publishes users' S/MIME certificates on their directory entries (userCertificate, userSMIMECertificate).",
        )
        .param(
            Param::new("Certificate", PsType::Object)
                .position(0)
                .mandatory()
                .from_pipeline()
                .alias("Cert")
                .shown_as("X509Certificate2[]")
                .help("Certificates: objects from Cert:\\ or Import-Certificate, Cert:\\ paths, certificate files, or byte arrays."),
        )
        .param(attributes_param())
        .param(Param::new("Identity", PsType::String).help(
            "Publish every certificate on this user, instead of finding each certificate's user by its e-mail address.",
        ))
        .param(Param::switch("Force").help(
            "Publish certificates the S/MIME lint refuses (expired, another address, not for e-mail protection).",
        ))
        .param(Param::switch("Replace").help(
            "Replace what the user has published in the chosen attributes, instead of adding to it.",
        ))
        .param(throttle_param("the connection"))
        .param(connection_param())
        .should_process()
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Input that is not a certificate is refused before anything is written",
            "try { 'not a certificate' | Publish-SmimeCertificate -ErrorAction Stop } catch { $_.Exception.Message }",
            "item 1: 'not a certificate' is neither a certificate, a certificate file nor a Cert:\\ path\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let Some(input) = current_input(cx).or_else(|| cx.args.get("Certificate").cloned()) else {
            return Ok(());
        };
        match value_certificates(cx, &input)? {
            Ok(certs) => cx.state::<Collected>().certificates.extend(certs),
            Err(reason) => {
                cx.state::<Collected>().refused += 1;
                cx.write_error(&reason, "System.ArgumentException", input)?;
            }
        }
        Ok(())
    }

    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let collected = std::mem::take(cx.state::<Collected>());
        if collected.refused > 0 {
            let message = format!(
                "Nothing was published: {} input(s) are not certificates (see the errors above).",
                collected.refused
            );
            return cx.write_error(&message, "System.ArgumentException", Value::Null);
        }
        if collected.certificates.is_empty() {
            return Ok(());
        }
        let Some(attributes) = parse_attributes(cx)? else {
            return Ok(());
        };
        let directory = open_connection(cx, "Connection")?;
        let force = cx.args.switch("Force");
        let mut results: Vec<Outcome> = Vec::new();
        // Find each certificate's user.
        let pairs = match cx.args.string("Identity") {
            Some(identity) => match find_user(&directory, &identity) {
                Ok(Some(user)) => collected
                    .certificates
                    .into_iter()
                    .map(|c| (c, Some(user.clone())))
                    .collect(),
                Ok(None) => {
                    let message =
                        format!("No user '{identity}' was found on {}.", directory.server());
                    return cx.write_error(
                        &message,
                        "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
                        Value::str(identity.as_str()),
                    );
                }
                Err(error) => return report(cx, &error, &identity),
            },
            None => {
                let mails: Vec<String> = collected
                    .certificates
                    .iter()
                    .flat_map(|c| c.email_addresses().to_vec())
                    .collect();
                let users = match find_users_by_mail(&directory, &mails) {
                    Ok(users) => users,
                    Err(error) => return report(cx, &error, directory.base_dn()),
                };
                collected
                    .certificates
                    .into_iter()
                    .map(|c| {
                        let user = c
                            .email_addresses()
                            .iter()
                            .find_map(|m| users.get(&m.to_ascii_lowercase()).cloned());
                        (c, user)
                    })
                    .collect::<Vec<_>>()
            }
        };
        // Lint each certificate against its user; group what passes by user.
        let now = unix_now();
        let mut grouped: Vec<(DirectoryUser, Vec<Certificate>, Vec<String>)> = Vec::new();
        for (certificate, user) in pairs {
            let shown = certificate
                .email_addresses()
                .first()
                .cloned()
                .unwrap_or_else(|| certificate.subject().to_string());
            let Some(user) = user else {
                let reason = if certificate.email_addresses().is_empty() {
                    "the certificate has no e-mail address (rfc822Name) in its subjectAltName, so its user cannot be found; give -Identity".to_string()
                } else {
                    format!("no user has the mail address {shown}")
                };
                results.push(Outcome::new(&shown, "", Action::Skipped, reason));
                continue;
            };
            let context = ChainContext {
                issuer: None,
                email_address: (!user.mail.is_empty()).then_some(user.mail.as_str()),
                needs_private_key: false,
            };
            let errors: Vec<String> = smime(&certificate, now, context)
                .into_iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| f.to_string())
                .collect();
            if !errors.is_empty() && !force {
                let reason = format!(
                    "not published ({}): {} (use -Force to publish it anyway)",
                    certificate.thumbprint(),
                    errors.join("; ")
                );
                results.push(Outcome::new(
                    user.identity(),
                    &user.dn,
                    Action::Skipped,
                    reason,
                ));
                continue;
            }
            match grouped.iter_mut().find(|(u, _, _)| u.dn == user.dn) {
                Some((_, certs, notes)) => {
                    certs.push(certificate);
                    notes.extend(errors);
                }
                None => grouped.push((user, vec![certificate], errors)),
            }
        }
        let replace = cx.args.switch("Replace");
        let mut changes = Vec::new();
        let mut notes: HashMap<String, Vec<String>> = HashMap::new();
        for (user, certs, lint_notes) in grouped {
            let current = user_certificates(&user);
            let wanted = match with_published(&current, &certs, attributes, replace) {
                Ok(wanted) => wanted,
                Err(error) => {
                    results.push(Outcome::new(
                        user.identity(),
                        &user.dn,
                        Action::Failed,
                        error.to_string(),
                    ));
                    continue;
                }
            };
            let (mods, _) = plan_change(&current, &wanted);
            if !mods.is_empty() {
                let description = format!(
                    "Publishing {} certificate(s) in {} of \"{}\".",
                    certs.len(),
                    attribute_names(attributes),
                    user.dn
                );
                if !cx.should_process(&description)? {
                    continue;
                }
            }
            if !lint_notes.is_empty() {
                notes.insert(user.dn.clone(), lint_notes);
            }
            changes.push(Change::for_user(&user, wanted));
        }
        if what_if(cx) {
            return Ok(());
        }
        let window = throttle_window(cx);
        let mut written = Vec::new();
        apply_changes(&directory, changes, window, &mut |outcome| {
            written.push(outcome)
        });
        for outcome in &mut written {
            // Publishing with -Replace that only drops other values still replaced the set.
            if outcome.action == Action::Removed {
                outcome.action = Action::Replaced;
                outcome.reason = "published certificates replaced".to_string();
            }
            if let Some(lint) = notes.get(&outcome.dn)
                && outcome.action != Action::Failed
            {
                outcome.reason = format!("{} (forced past: {})", outcome.reason, lint.join("; "));
            }
        }
        results.extend(written);
        write_outcomes(cx, &directory, results)
    }
}
