//! L1 — name rules of the prober: does a certificate hold a host name or a TlsDomain pattern
//! (SAN dNSNames, the subject CN only when there are none, a left-most `*.` wildcard covering
//! one label), and does a root's name match the expected root issuer.

use crate::pki::Certificate;
use crate::value::text::wildcard_match;

/// The CN of a name in Windows' display form (`CN=Contoso Root, O=Contoso`).
pub fn cn_of(display: &str) -> Option<String> {
    let mut rest = display;
    loop {
        let trimmed = rest.trim_start();
        let (key, value_and_more) = trimmed.split_once('=')?;
        let (value, more) = if let Some(quoted) = value_and_more.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            let after = quoted.get(end + 1..).unwrap_or("");
            (
                quoted[..end].to_string(),
                after.split_once(',').map(|(_, m)| m),
            )
        } else {
            match value_and_more.split_once(", ") {
                Some((value, more)) => (value.to_string(), Some(more)),
                None => (value_and_more.to_string(), None),
            }
        };
        if key.trim().eq_ignore_ascii_case("CN") {
            return Some(value.trim().to_string());
        }
        rest = more?;
    }
}

/// The names a certificate answers to: SAN dNSNames, else the subject CN.
pub fn certificate_names(cert: &Certificate) -> Vec<String> {
    if !cert.dns_names().is_empty() {
        return cert.dns_names().to_vec();
    }
    cert.info().subject_common_name.iter().cloned().collect()
}

/// Does `cert` hold `wanted`? A host name matches a name or a `*.` wildcard over one label; a
/// `*.contoso.com` pattern (TlsDomain) is held by that wildcard or any name under contoso.com.
pub fn holds_name(cert: &Certificate, wanted: &str) -> bool {
    let wanted = normalize(wanted);
    certificate_names(cert).iter().any(|name| {
        let name = normalize(name);
        if let Some(domain) = wanted.strip_prefix("*.") {
            return name == wanted || name.ends_with(&format!(".{domain}"));
        }
        match name.strip_prefix("*.") {
            Some(suffix) => wanted
                .split_once('.')
                .is_some_and(|(label, rest)| !label.is_empty() && rest == suffix),
            None => name == wanted,
        }
    })
}

fn normalize(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// Does the root's name match the expected root issuer: the whole name, its CN, or a
/// wildcard pattern over the whole name (case-insensitive)?
pub fn root_matches(root: &str, wanted: &str) -> bool {
    let wanted = wanted.trim();
    let compact = |s: &str| {
        s.split(',')
            .map(|part| part.trim().to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(",")
    };
    if compact(root) == compact(wanted) {
        return true;
    }
    if cn_of(root).is_some_and(|cn| cn.eq_ignore_ascii_case(wanted)) {
        return true;
    }
    wanted.contains(['*', '?']) && wildcard_match(wanted, root, false)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn common_names_are_found() {
        assert_eq!(
            cn_of("CN=Contoso Root, O=Contoso").as_deref(),
            Some("Contoso Root")
        );
        assert_eq!(cn_of("O=Contoso, CN=X").as_deref(), Some("X"));
        assert_eq!(cn_of("CN=\"a, b\", O=c").as_deref(), Some("a, b"));
        assert_eq!(cn_of("O=Contoso"), None);
    }

    #[test]
    fn roots_match_by_name_cn_or_wildcard() {
        let root = "CN=GlobalSign Root CA, OU=Root CA, O=GlobalSign nv-sa, C=BE";
        assert!(root_matches(root, "GlobalSign Root CA"));
        assert!(root_matches(
            root,
            "cn=globalsign root ca,ou=root ca, o=GlobalSign nv-sa, c=BE"
        ));
        assert!(root_matches(root, "*GlobalSign*"));
        assert!(!root_matches(root, "DigiCert Global Root G2"));
    }

    #[test]
    fn host_names_and_tls_domains() {
        let text = include_str!("../pki/testdata/contoso-chain.pem");
        let certs = crate::pki::pem::decode(text.as_bytes()).unwrap();
        let leaf = certs
            .iter()
            .find(|c| c.dns_names().iter().any(|n| n == "smtp.contoso.com"))
            .unwrap();
        assert!(holds_name(leaf, "SMTP.contoso.com."));
        assert!(holds_name(leaf, "*.contoso.com"));
        assert!(!holds_name(leaf, "www.fabrikam.com"));
        assert!(!holds_name(leaf, "*.fabrikam.com"));
    }
}
