//! L4 — Test-SmimeCertificate: lint user certificates against the S/MIME rules (`pki::lint`),
//! one result object per certificate: Thumbprint, Subject, EmailAddresses, IsValid (no
//! error-level finding) and Findings (`rule: message`).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::pki::Certificate;
use crate::pki::lint::{self, ChainContext, Severity};
use crate::value::{PsType, Value};

use super::super::common::{custom_object, object_array};
use super::inputs::{all_store_certificates, given_certificates};
use super::stores::{decode_file, read_given_file};
use crate::pki::system::unix_now;

/// `Test-SmimeCertificate [-Certificate] <Certificate[]> | -FilePath <String>
/// [-EmailAddress <String>] [-RequirePrivateKey]`
pub struct TestSmimeCertificate;

impl Cmdlet for TestSmimeCertificate {
    fn signature(&self) -> Signature {
        Signature::new(
            "Test-SmimeCertificate",
            "Checks user certificates against the S/MIME rules (RFC 8550, CA/B Forum S/MIME BR) and lists every breach.",
        )
        .default_set("Certificate")
        .param(
            Param::new("Certificate", object_array())
                .position(0)
                .mandatory()
                .set("Certificate")
                .alias("Cert")
                .from_pipeline()
                .help("Certificates (objects from the Cert: drive or Import-Certificate) or Cert: paths."),
        )
        .param(
            Param::new("FilePath", PsType::String)
                .mandatory()
                .set("File")
                .help("A certificate file (CER, PEM, P7B, SST); its CA certificates serve as issuers and its other certificates are checked (all of them when it holds only CAs)."),
        )
        .param(
            Param::new("EmailAddress", PsType::String)
                .help("An address that must be among the certificate's SAN email addresses."),
        )
        .param(Param::switch("RequirePrivateKey").help(
            "The certificates are the user's own: each must have its private key (HasPrivateKey).",
        ))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Check the user certificate of a chain file, then against an address it does not hold",
            "$r = Test-SmimeCertificate -FilePath src/pki/testdata/contoso-chain.pem | Where-Object Subject -like '*Alice*'\n$r.Findings -match '^(san-address|ca-certificate)' | Measure-Object | ForEach-Object Count\n(Test-SmimeCertificate -FilePath src/pki/testdata/contoso-chain.pem -EmailAddress bob@contoso.com | Where-Object Subject -like '*Alice*').Findings -match '^san-address'",
            "0\nsan-address-mismatch: 'bob@contoso.com' is not among the subjectAltName addresses (alice@contoso.com); Outlook and OWA will not offer this certificate for it\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let (checked, mut issuers) = match cx.args.string("FilePath") {
            Some(path) => file_certificates(cx, &path)?,
            None => (given_certificates(cx, "Certificate")?, Vec::new()),
        };
        issuers.extend(all_store_certificates(cx)?);
        let wanted = cx.args.string("EmailAddress");
        let now = unix_now();
        let needs_private_key = cx.args.switch("RequirePrivateKey");
        for certificate in &checked {
            let context = ChainContext {
                issuer: lint::find_issuer(certificate, &issuers),
                email_address: wanted.as_deref(),
                needs_private_key,
            };
            let findings = lint::smime(certificate, now, context);
            cx.emit(result(certificate, &findings))?;
        }
        Ok(())
    }
}

/// The certificates to check in a file, and the file's CA certificates (issuers).
fn file_certificates(
    cx: &mut Context<'_, '_>,
    path: &str,
) -> Eval<(Vec<Certificate>, Vec<Certificate>)> {
    let Some((file, bytes)) = read_given_file(cx, path)? else {
        return Ok((Vec::new(), Vec::new()));
    };
    let Some(all) = decode_file(cx, &file, &bytes)? else {
        return Ok((Vec::new(), Vec::new()));
    };
    let (cas, users): (Vec<Certificate>, Vec<Certificate>) =
        all.iter().cloned().partition(Certificate::is_ca);
    if users.is_empty() {
        return Ok((all, cas));
    }
    Ok((users, cas))
}

/// One certificate's result object.
fn result(certificate: &Certificate, findings: &[lint::Finding]) -> Value {
    let valid = !findings.iter().any(|f| f.severity == Severity::Error);
    let strings = |list: Vec<String>| Value::array(list.into_iter().map(Value::str).collect());
    custom_object(vec![
        (
            "Thumbprint".to_string(),
            Value::str(certificate.thumbprint().to_string()),
        ),
        ("Subject".to_string(), Value::str(certificate.subject())),
        (
            "EmailAddresses".to_string(),
            strings(certificate.email_addresses().to_vec()),
        ),
        ("IsValid".to_string(), Value::Bool(valid)),
        (
            "Findings".to_string(),
            strings(findings.iter().map(ToString::to_string).collect()),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::pem;
    use crate::value::access;

    #[test]
    fn the_result_lists_findings_and_is_invalid_on_an_error() {
        let text = include_str!("../../pki/testdata/contoso-chain.pem");
        let all = pem::decode(text.as_bytes()).unwrap();
        let root = &all[0];
        let findings = lint::smime(root, root.not_before() + 1, ChainContext::default());
        let value = result(root, &findings);
        assert!(!crate::value::convert::to_bool(&access::get_member(
            &value, "IsValid"
        )));
        let listed = crate::value::convert::items_of(&access::get_member(&value, "Findings"));
        assert_eq!(listed.len(), findings.len());
        let clean = result(root, &[]);
        assert!(crate::value::convert::to_bool(&access::get_member(
            &clean, "IsValid"
        )));
    }
}
