//! L4 — Test-Certificate: build each certificate's chain from the Cert: stores (Root for trust
//! anchors, CA for intermediates; issuer name + key ids, each signature verified) and check it
//! under the BASE or SSL policy; outputs True/False and says why with -Verbose. Also the input
//! helpers the certificate checks share (certificate objects, Cert: paths, the stores).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::pki::Certificate;
use crate::pki::lint::{SERVER_AUTH, find_issuer, signature_verifies};
use crate::value::{PsType, Value};

use super::super::common::{arg_strings, object_array, string_array};
use super::inputs::{input_certificates, piped_or, store_certificates};
use crate::pki::system::unix_now;

/// `Test-Certificate [-Policy <BASE|SSL>] [-User] [-EKU <String[]>] [-DNSName <String>]
/// [-AllowUntrustedRoot] [-Cert] <Certificate>`
pub struct TestCertificate;

/// The longest chain followed (a loop of cross-signed CAs stops here).
const MAX_DEPTH: usize = 8;

impl Cmdlet for TestCertificate {
    fn signature(&self) -> Signature {
        Signature::new(
            "Test-Certificate",
            "Builds a certificate's chain from the Cert: stores and checks it; True when it verifies.",
        )
        .param(
            Param::new("Cert", object_array())
                .position(0)
                .mandatory()
                .alias("PsPath")
                .from_pipeline()
                .help("The certificate (an object from the Cert: drive or Import-Certificate) or a Cert: path."),
        )
        .param(
            Param::new("Policy", PsType::String)
                .accepts(&["BASE", "SSL"])
                .help("BASE (chain, dates, EKU) or SSL (also the DNS name); default BASE, SSL when -DNSName is given."),
        )
        .param(Param::new("DNSName", PsType::String).help("The DNS name the certificate must hold (`contoso.com` or `dns=contoso.com`)."))
        .param(Param::new("EKU", string_array()).help("Enhanced key usage OIDs every certificate of the chain must allow."))
        .param(Param::switch("AllowUntrustedRoot").help("Accept a chain that ends in a root outside the Root store (or does not reach a root); other errors still fail."))
        .param(Param::switch("User").help("Use the CurrentUser stores as well as the LocalMachine ones."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Trust the Contoso root and test it (a root in the Root store verifies)",
            "$null = Import-Certificate src/pki/testdata/contoso-chain.pem -CertStoreLocation Cert:\\LocalMachine\\Root\nGet-ChildItem Cert:\\LocalMachine\\Root | Test-Certificate",
            "True\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let given = piped_or(cx, "Cert");
        let user = cx.args.switch("User");
        let locations: &[&str] = if user {
            &["CurrentUser", "LocalMachine"]
        } else {
            &["LocalMachine"]
        };
        let roots = store_certificates(cx, locations, "Root")?;
        let intermediates = store_certificates(cx, locations, "CA")?;
        let dns_name = cx.args.string("DNSName").map(|name| {
            let trimmed = name.trim();
            match trimmed.get(..4) {
                Some(prefix) if prefix.eq_ignore_ascii_case("dns=") => trimmed[4..].to_string(),
                _ => trimmed.to_string(),
            }
        });
        let ssl = match cx.args.string("Policy") {
            Some(policy) => policy.eq_ignore_ascii_case("SSL"),
            None => dns_name.is_some(),
        };
        let request = Request {
            roots: &roots,
            intermediates: &intermediates,
            now: unix_now(),
            ekus: arg_strings(cx, "EKU"),
            dns_name: if ssl { dns_name } else { None },
            ssl,
            allow_untrusted_root: cx.args.switch("AllowUntrustedRoot"),
            root_store: if user {
                "Cert:\\CurrentUser\\Root or Cert:\\LocalMachine\\Root"
            } else {
                "Cert:\\LocalMachine\\Root"
            },
        };
        for certificate in input_certificates(cx, &given)? {
            let reasons = request.check(&certificate);
            for reason in &reasons {
                let message = format!("{}: {reason}", certificate.thumbprint());
                cx.write_verbose(&message);
            }
            cx.emit(Value::Bool(reasons.is_empty()))?;
        }
        Ok(())
    }
}

/// What one Test-Certificate call checks.
struct Request<'a> {
    roots: &'a [Certificate],
    intermediates: &'a [Certificate],
    now: i64,
    ekus: Vec<String>,
    dns_name: Option<String>,
    ssl: bool,
    allow_untrusted_root: bool,
    root_store: &'static str,
}

impl Request<'_> {
    /// Every reason `leaf` fails (none: it verifies).
    fn check(&self, leaf: &Certificate) -> Vec<String> {
        let mut reasons = Vec::new();
        let chain = self.build_chain(leaf, &mut reasons);
        for (depth, cert) in chain.iter().enumerate() {
            let subject = cert.subject();
            if cert.not_after() < self.now {
                reasons.push(format!("'{subject}' expired (NotAfter is in the past)."));
            }
            if cert.not_before() > self.now {
                reasons.push(format!(
                    "'{subject}' is not valid yet (NotBefore is in the future)."
                ));
            }
            if depth > 0 && !cert.is_ca() {
                reasons.push(format!("'{subject}' issued a certificate but is not a CA (no basicConstraints cA=TRUE)."));
            }
            for eku in &self.ekus {
                if !cert.allows_purpose(eku) {
                    reasons.push(format!(
                        "'{subject}' does not allow the enhanced key usage {eku}."
                    ));
                }
            }
            if self.ssl && !cert.allows_purpose(SERVER_AUTH) {
                reasons.push(format!("'{subject}' does not allow Server Authentication ({SERVER_AUTH}), which the SSL policy needs."));
            }
        }
        if let Some(name) = &self.dns_name
            && !holds_dns_name(leaf, name)
        {
            reasons.push(format!(
                "'{}' is not valid for the DNS name '{name}'.",
                leaf.subject()
            ));
        }
        reasons
    }

    /// The chain from `leaf` up to a root (or as far as the stores reach), with the reasons
    /// it is broken or untrusted.
    fn build_chain(&self, leaf: &Certificate, reasons: &mut Vec<String>) -> Vec<Certificate> {
        let mut chain = vec![leaf.clone()];
        let mut current = leaf.clone();
        while chain.len() <= MAX_DEPTH {
            if current.is_self_signed() {
                let trusted = self.roots.iter().any(|r| r.same_certificate(&current));
                if !trusted && !self.allow_untrusted_root {
                    reasons.push(format!(
                        "The chain ends in the root '{}', which is not trusted (it is not in {}).",
                        current.subject(),
                        self.root_store
                    ));
                }
                return chain;
            }
            let issuer = find_issuer(&current, self.roots)
                .or_else(|| find_issuer(&current, self.intermediates));
            let Some(issuer) = issuer.cloned() else {
                if !self.allow_untrusted_root {
                    reasons.push(format!("No issuer of '{}' ('{}') is in the Root or CA store: the chain does not reach a trusted root.", current.subject(), current.issuer()));
                }
                return chain;
            };
            if signature_verifies(&current, &issuer) == Some(false) {
                reasons.push(format!(
                    "The signature of '{}' does not verify with the key of '{}'.",
                    current.subject(),
                    issuer.subject()
                ));
            }
            if chain.iter().any(|c| c.same_certificate(&issuer)) {
                reasons.push(format!("The chain loops back to '{}'.", issuer.subject()));
                return chain;
            }
            chain.push(issuer.clone());
            current = issuer;
        }
        reasons.push(format!(
            "The chain is longer than {MAX_DEPTH} certificates."
        ));
        chain
    }
}

/// Does the certificate hold `name` (SAN dNSName, `*.` matching one label; the subject CN
/// when there is no dNSName)?
fn holds_dns_name(cert: &Certificate, name: &str) -> bool {
    let fallback;
    let names: &[String] = if cert.dns_names().is_empty() {
        fallback = cert
            .info()
            .subject_common_name
            .iter()
            .cloned()
            .collect::<Vec<_>>();
        &fallback
    } else {
        cert.dns_names()
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    names.iter().any(|pattern| {
        let pattern = pattern.trim_end_matches('.').to_ascii_lowercase();
        match pattern.strip_prefix("*.") {
            Some(suffix) => name
                .split_once('.')
                .is_some_and(|(label, rest)| !label.is_empty() && rest == suffix),
            None => pattern == name,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::pem;

    fn sample() -> Vec<Certificate> {
        let text = include_str!("../../pki/testdata/contoso-chain.pem");
        pem::decode(text.as_bytes()).unwrap()
    }

    fn request<'a>(roots: &'a [Certificate], intermediates: &'a [Certificate]) -> Request<'a> {
        Request {
            roots,
            intermediates,
            now: sample()[2].not_before() + 86_400,
            ekus: Vec::new(),
            dns_name: None,
            ssl: false,
            allow_untrusted_root: false,
            root_store: "Cert:\\LocalMachine\\Root",
        }
    }

    /// The sample chain's dates do not overlap (the root is newer than the leaf's expiry),
    /// so these tests look at the chain itself; tests/lint.rs checks dates with openssl.
    #[test]
    fn a_chain_to_a_trusted_root_is_built_and_a_missing_root_is_reported() {
        let all = sample();
        let roots = vec![all[0].clone()];
        let cas = vec![all[1].clone()];
        let mut reasons = Vec::new();
        let chain = request(&roots, &cas).build_chain(&all[2], &mut reasons);
        assert_eq!(chain.len(), 3);
        assert!(reasons.is_empty(), "{reasons:?}");
        let untrusted = vec![all[1].clone(), all[0].clone()];
        request(&[], &untrusted).build_chain(&all[2], &mut reasons);
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(reasons[0].contains("not trusted"), "{reasons:?}");
        let mut allow = request(&[], &cas);
        allow.allow_untrusted_root = true;
        let mut none = Vec::new();
        allow.build_chain(&all[2], &mut none);
        assert!(none.is_empty(), "{none:?}");
        request(&roots, &[]).build_chain(&all[2], &mut none);
        assert!(
            none[0].contains("does not reach a trusted root"),
            "{none:?}"
        );
    }

    #[test]
    fn eku_and_dns_names_are_checked() {
        let all = sample();
        let roots = vec![all[0].clone()];
        let cas = vec![all[1].clone()];
        let mut wanted = request(&roots, &cas);
        wanted.ekus = vec![SERVER_AUTH.to_string()];
        assert!(!wanted.check(&all[2]).is_empty());
        assert!(holds_dns_name(&all[3], "smtp.contoso.com"));
        assert!(!holds_dns_name(&all[3], "www.contoso.com"));
    }
}
