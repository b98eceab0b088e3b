//! L1 — domain names and addresses: `SmtpDomain`, `SmtpDomainWithSubdomains` (a leading `*.`
//! only, or `*` for every domain), `TlsCertificate` (a certificate's domain name, `*.` allowed)
//! and `SmtpAddress`. Equality ignores case, as Exchange compares them.

use std::fmt;

use super::param::text_value;

/// Why `name` is not a valid domain name, if it is not.
fn domain_error(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("The domain name is empty.".into());
    }
    if name.len() > 255 {
        return Some(format!(
            "The domain name '{name}' is longer than 255 characters."
        ));
    }
    if name.contains('*') {
        return Some(format!(
            "The domain name '{name}' isn't valid: a wildcard is accepted only as a leading \"*.\" (for example *.contoso.com); it can't be embedded (domain.*.contoso.com isn't valid)."
        ));
    }
    for label in name.split('.') {
        let valid = !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid {
            return Some(format!(
                "The domain name '{name}' isn't valid: each dot-separated label must be 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen (for example contoso.com)."
            ));
        }
    }
    None
}

/// An SMTP domain without wildcards (`contoso.com`).
#[derive(Debug, Clone, Eq)]
pub struct SmtpDomain(String);

impl SmtpDomain {
    pub fn parse(text: &str) -> Result<SmtpDomain, String> {
        let name = text.trim();
        match domain_error(name) {
            Some(reason) => Err(reason),
            None => Ok(SmtpDomain(name.to_string())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl PartialEq for SmtpDomain {
    fn eq(&self, other: &SmtpDomain) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl fmt::Display for SmtpDomain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

text_value!(SmtpDomain, "Microsoft.Exchange.Data.SmtpDomain");

/// An SMTP domain that may cover its subdomains: `contoso.com`, `*.contoso.com` (the domain and
/// all its subdomains) or `*` (every domain). Embedded wildcards are invalid.
#[derive(Debug, Clone, Eq)]
pub struct SmtpDomainWithSubdomains {
    /// The domain without the `*.` (empty for `*`).
    domain: String,
    include_subdomains: bool,
}

impl SmtpDomainWithSubdomains {
    pub fn parse(text: &str) -> Result<SmtpDomainWithSubdomains, String> {
        let text = text.trim();
        if text == "*" {
            return Ok(SmtpDomainWithSubdomains {
                domain: String::new(),
                include_subdomains: true,
            });
        }
        let (domain, include_subdomains) = match text.strip_prefix("*.") {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        match domain_error(domain) {
            Some(reason) => Err(reason.replace(&format!("'{domain}'"), &format!("'{text}'"))),
            None => Ok(SmtpDomainWithSubdomains {
                domain: domain.to_string(),
                include_subdomains,
            }),
        }
    }

    /// The domain without a leading `*.` (empty for `*`).
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// True for `*.domain` and `*`.
    pub fn includes_subdomains(&self) -> bool {
        self.include_subdomains
    }

    /// Does this cover `name` (a host or domain name)?
    pub fn covers(&self, name: &str) -> bool {
        if self.domain.is_empty() {
            return true;
        }
        let name = name.trim_end_matches('.');
        if name.eq_ignore_ascii_case(&self.domain) {
            return true;
        }
        self.include_subdomains
            && name.len() > self.domain.len()
            && name
                .to_ascii_lowercase()
                .ends_with(&format!(".{}", self.domain.to_ascii_lowercase()))
    }
}

impl PartialEq for SmtpDomainWithSubdomains {
    fn eq(&self, other: &SmtpDomainWithSubdomains) -> bool {
        self.include_subdomains == other.include_subdomains
            && self.domain.eq_ignore_ascii_case(&other.domain)
    }
}

impl fmt::Display for SmtpDomainWithSubdomains {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.domain.is_empty(), self.include_subdomains) {
            (true, _) => f.write_str("*"),
            (false, true) => write!(f, "*.{}", self.domain),
            (false, false) => f.write_str(&self.domain),
        }
    }
}

text_value!(
    SmtpDomainWithSubdomains,
    "Microsoft.Exchange.Data.SmtpDomainWithSubdomains"
);

/// The domain name a TLS certificate must carry (`contoso.com`, `*.contoso.com`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsCertificate(SmtpDomainWithSubdomains);

impl TlsCertificate {
    pub fn parse(text: &str) -> Result<TlsCertificate, String> {
        if text.trim() == "*" {
            return Err(
                "A certificate name must name a domain (for example contoso.com or *.contoso.com); \"*\" alone isn't accepted.".into(),
            );
        }
        SmtpDomainWithSubdomains::parse(text).map(TlsCertificate)
    }

    /// The name as a domain pattern.
    pub fn domain(&self) -> &SmtpDomainWithSubdomains {
        &self.0
    }
}

impl fmt::Display for TlsCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

text_value!(TlsCertificate, "Microsoft.Exchange.Data.TlsCertificate");

/// An email address (`laura@contoso.com`).
#[derive(Debug, Clone, Eq)]
pub struct SmtpAddress {
    local: String,
    domain: SmtpDomain,
}

impl SmtpAddress {
    pub fn parse(text: &str) -> Result<SmtpAddress, String> {
        let text = text.trim();
        let text = text
            .strip_prefix("SMTP:")
            .or_else(|| text.strip_prefix("smtp:"))
            .unwrap_or(text);
        let invalid = || {
            format!(
                "'{text}' isn't a valid SMTP address; use the form user@domain (for example laura@contoso.com)."
            )
        };
        let (local, domain) = text.rsplit_once('@').ok_or_else(invalid)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        if !local_ok {
            return Err(invalid());
        }
        let domain = SmtpDomain::parse(domain).map_err(|_| invalid())?;
        Ok(SmtpAddress {
            local: local.to_string(),
            domain,
        })
    }

    pub fn domain(&self) -> &SmtpDomain {
        &self.domain
    }
}

impl PartialEq for SmtpAddress {
    fn eq(&self, other: &SmtpAddress) -> bool {
        self.local.eq_ignore_ascii_case(&other.local) && self.domain == other.domain
    }
}

impl fmt::Display for SmtpAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.local, self.domain)
    }
}

text_value!(SmtpAddress, "Microsoft.Exchange.Data.SmtpAddress");

/// A free-text entry of a list whose values Exchange documents no format for (reserved
/// parameters, application names); compared ignoring case.
#[derive(Debug, Clone, Eq)]
pub struct Label(String);

impl Label {
    pub fn parse(text: &str) -> Result<Label, String> {
        Ok(Label(text.trim().to_string()))
    }
}

impl PartialEq for Label {
    fn eq(&self, other: &Label) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

text_value!(Label, "System.String");

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_only_lead() {
        let all = SmtpDomainWithSubdomains::parse("*.contoso.com").unwrap();
        assert!(all.includes_subdomains());
        assert_eq!(all.domain(), "contoso.com");
        assert_eq!(all.to_string(), "*.contoso.com");
        let error = SmtpDomainWithSubdomains::parse("domain.*.contoso.com").unwrap_err();
        assert!(error.contains("'domain.*.contoso.com'"), "{error}");
        assert!(error.contains("leading \"*.\""));
        assert!(SmtpDomainWithSubdomains::parse("*contoso.com").is_err());
        assert!(SmtpDomainWithSubdomains::parse("*.*.contoso.com").is_err());
        assert_eq!(
            SmtpDomainWithSubdomains::parse("*").unwrap().to_string(),
            "*"
        );
    }

    #[test]
    fn labels_are_checked() {
        assert!(SmtpDomain::parse("contoso.com").is_ok());
        assert!(SmtpDomain::parse("mail-1.contoso.com").is_ok());
        for bad in [
            "",
            "-a.com",
            "a-.com",
            "a..com",
            "a b.com",
            "conto_so.com",
            "*.contoso.com",
        ] {
            assert!(SmtpDomain::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(SmtpDomain::parse(&format!("{}.com", "a".repeat(64))).is_err());
    }

    #[test]
    fn domains_compare_ignoring_case_and_cover_subdomains() {
        let a = SmtpDomainWithSubdomains::parse("*.Contoso.COM").unwrap();
        let b = SmtpDomainWithSubdomains::parse("*.contoso.com").unwrap();
        assert_eq!(a, b);
        assert_ne!(a, SmtpDomainWithSubdomains::parse("contoso.com").unwrap());
        assert!(a.covers("mail.contoso.com"));
        assert!(a.covers("contoso.com"));
        assert!(!a.covers("notcontoso.com"));
        let exact = SmtpDomainWithSubdomains::parse("contoso.com").unwrap();
        assert!(!exact.covers("mail.contoso.com"));
    }

    #[test]
    fn certificate_names_need_a_domain() {
        assert_eq!(
            TlsCertificate::parse("*.contoso.com").unwrap().to_string(),
            "*.contoso.com"
        );
        assert!(TlsCertificate::parse("*").is_err());
        assert!(TlsCertificate::parse("mail.*.contoso.com").is_err());
    }

    #[test]
    fn addresses_need_a_user_and_a_domain() {
        let address = SmtpAddress::parse("Laura@Contoso.com").unwrap();
        assert_eq!(address, SmtpAddress::parse("laura@contoso.com").unwrap());
        assert_eq!(address.domain().as_str(), "Contoso.com");
        assert_eq!(
            SmtpAddress::parse("smtp:julia@contoso.com")
                .unwrap()
                .to_string(),
            "julia@contoso.com"
        );
        for bad in [
            "laura",
            "@contoso.com",
            "laura@",
            "la ura@contoso.com",
            "a..b@contoso.com",
        ] {
            assert!(SmtpAddress::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn domains_round_trip_through_yaml() {
        let domain = SmtpDomainWithSubdomains::parse("*.fabrikam.com").unwrap();
        let text = serde_yaml::to_string(&domain).unwrap();
        assert_eq!(text.trim(), "'*.fabrikam.com'");
        let back: SmtpDomainWithSubdomains = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, domain);
        assert!(serde_yaml::from_str::<SmtpDomainWithSubdomains>("a.*.b").is_err());
    }
}
