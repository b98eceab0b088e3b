//! L1 — checking what the user typed before anything is sent: LDAP server URLs, distinguished
//! names (RFC 4514) and search filters (RFC 4515). Bad input is refused here, so a typo never
//! reaches the server half-way through a run.

use super::error::{DirectoryError, DirectoryResult};

/// An LDAP server address split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerUrl {
    /// Implicit TLS (`ldaps://`).
    pub ldaps: bool,
    pub host: String,
    pub port: u16,
}

impl ServerUrl {
    /// Read `ldap://host[:port][/]` or `ldaps://host[:port][/]` (a bare `host[:port]` means
    /// `ldap://`). Ports default to 389 and 636.
    pub fn parse(text: &str) -> DirectoryResult<ServerUrl> {
        let bad = |reason: &str| DirectoryError::BadUrl {
            url: text.to_string(),
            reason: reason.to_string(),
        };
        let trimmed = text.trim();
        let (ldaps, rest) = match trimmed.split_once("://") {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("ldap") => (false, rest),
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("ldaps") => (true, rest),
            Some((scheme, _)) => {
                return Err(bad(&format!(
                    "the scheme is '{scheme}'; use ldap:// or ldaps://"
                )));
            }
            None => (false, trimmed),
        };
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        if authority.contains('/') || authority.contains('?') {
            return Err(bad(
                "give only the host and port (no base DN or query in the URL; use -BaseDN)",
            ));
        }
        let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
            let (host, after) = inner
                .split_once(']')
                .ok_or_else(|| bad("an IPv6 address needs its closing ']'"))?;
            (host, after.strip_prefix(':'))
        } else {
            match authority.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            }
        };
        if host.is_empty() {
            return Err(bad("the host name is missing"));
        }
        if !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'))
        {
            return Err(bad("the host name has characters a host name cannot have"));
        }
        let port = match port {
            None => {
                if ldaps {
                    636
                } else {
                    389
                }
            }
            Some(port) => port
                .parse::<u16>()
                .ok()
                .filter(|p| *p != 0)
                .ok_or_else(|| bad(&format!("'{port}' is not a port number (1-65535)")))?,
        };
        Ok(ServerUrl {
            ldaps,
            host: host.to_string(),
            port,
        })
    }

    /// The URL ldap3 connects to.
    pub fn to_url(&self) -> String {
        let scheme = if self.ldaps { "ldaps" } else { "ldap" };
        if self.host.contains(':') {
            format!("{scheme}://[{}]:{}", self.host, self.port)
        } else {
            format!("{scheme}://{}:{}", self.host, self.port)
        }
    }
}

/// Check a distinguished name against RFC 4514: `type=value` parts separated by `,` (or `+`
/// inside one RDN), special characters escaped. The empty DN (the root) is valid.
pub fn check_dn(dn: &str) -> DirectoryResult<()> {
    let bad = |reason: String| DirectoryError::BadDn {
        dn: dn.to_string(),
        reason,
    };
    if dn.is_empty() {
        return Ok(());
    }
    let chars: Vec<char> = dn.chars().collect();
    let mut i = 0;
    loop {
        // attributeType
        let start = i;
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        let type_start = i;
        while i < chars.len() && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '-' | '.'))
        {
            i += 1;
        }
        let name: String = chars[type_start..i].iter().collect();
        if name.is_empty() || !valid_attribute_type(&name) {
            return Err(bad(format!(
                "an attribute name is expected at character {}",
                start + 1
            )));
        }
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        if i >= chars.len() || chars[i] != '=' {
            return Err(bad(format!("'=' is expected after '{name}'")));
        }
        i += 1;
        // attributeValue
        if i < chars.len() && chars[i] == '#' {
            i += 1;
            let hex_start = i;
            while i < chars.len() && chars[i].is_ascii_hexdigit() {
                i += 1;
            }
            if i == hex_start || (i - hex_start) % 2 != 0 {
                return Err(bad(format!(
                    "the value of '{name}' after '#' must be hex pairs"
                )));
            }
        } else {
            while i < chars.len() && !matches!(chars[i], ',' | '+') {
                match chars[i] {
                    '\\' => {
                        let next = chars.get(i + 1).copied();
                        match next {
                            Some(c) if " \"#+,;<=>\\".contains(c) => i += 2,
                            Some(c) if c.is_ascii_hexdigit() => {
                                if !chars.get(i + 2).is_some_and(|c| c.is_ascii_hexdigit()) {
                                    return Err(bad(format!(
                                        "a '\\' escape in the value of '{name}' needs two hex digits or a special character"
                                    )));
                                }
                                i += 3;
                            }
                            _ => {
                                return Err(bad(format!(
                                    "a '\\' at character {} escapes nothing",
                                    i + 1
                                )));
                            }
                        }
                    }
                    c @ ('"' | ';' | '<' | '>' | '=' | '\0') => {
                        return Err(bad(format!(
                            "'{}' at character {} must be escaped with a backslash",
                            c.escape_default(),
                            i + 1
                        )));
                    }
                    _ => i += 1,
                }
            }
        }
        if i >= chars.len() {
            return Ok(());
        }
        // chars[i] is ',' or '+'
        i += 1;
        if i >= chars.len() {
            return Err(bad("the DN ends with a separator".to_string()));
        }
    }
}

fn valid_attribute_type(name: &str) -> bool {
    let first = name.chars().next().unwrap_or(' ');
    if first.is_ascii_digit() {
        // numericoid
        name.split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
    } else {
        first.is_ascii_alphabetic() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    }
}

/// Check a search filter (RFC 4515), as the server would parse it.
pub fn check_filter(filter: &str) -> DirectoryResult<()> {
    let bad = |reason: &str| DirectoryError::BadFilter {
        filter: filter.to_string(),
        reason: reason.to_string(),
    };
    let trimmed = filter.trim();
    if trimmed.is_empty() {
        return Err(bad("the filter is empty"));
    }
    let mut depth = 0i32;
    for c in trimmed.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return Err(bad("a ')' closes nothing"));
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        return Err(bad("a '(' is not closed"));
    }
    ldap3::parse_filter(trimmed)
        .map(|_| ())
        .map_err(|()| bad("it does not parse (check the parentheses, '=' and escapes)"))
}

/// A filter with the user's filter text wrapped in parentheses when it lacks them
/// (`mail=*` → `(mail=*)`), as Exchange's `-Filter` accepts both.
pub fn normalize_filter(filter: &str) -> String {
    let trimmed = filter.trim();
    if trimmed.starts_with('(') {
        trimmed.to_string()
    } else {
        format!("({trimmed})")
    }
}

/// Escape a value for use inside a filter (`(mail=<value>)`).
pub fn escape_filter_value(value: &str) -> String {
    ldap3::ldap_escape(value).into_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn server_urls_default_their_ports_and_refuse_other_schemes() {
        let url = ServerUrl::parse("ldaps://dc1.example.com").unwrap();
        assert_eq!((url.ldaps, url.port), (true, 636));
        let url = ServerUrl::parse("ldap://127.0.0.1:3890/").unwrap();
        assert_eq!(url.to_url(), "ldap://127.0.0.1:3890");
        assert_eq!(ServerUrl::parse("dc1:389").unwrap().host, "dc1");
        assert_eq!(
            ServerUrl::parse("ldap://[::1]:389").unwrap().to_url(),
            "ldap://[::1]:389"
        );
        for bad in [
            "http://x",
            "ldap://",
            "ldap://x:0",
            "ldap://x:99999",
            "ldap://x/dc=a",
            "ldap://a b",
        ] {
            assert!(ServerUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn distinguished_names_follow_rfc_4514() {
        for good in [
            "",
            "uid=jdoe,ou=people,dc=example,dc=com",
            "cn=Doe\\, John,dc=example",
            "cn=a+sn=b,dc=x",
            "2.5.4.3=x\\2Cy",
            "cn=#04024869",
            "cn=",
        ] {
            assert!(check_dn(good).is_ok(), "{good}: {:?}", check_dn(good));
        }
        for bad in [
            "uid=jdoe,",
            "jdoe",
            "cn=a;b",
            "cn=a\"b",
            "cn=a\\",
            "cn=a\\zz",
            "=x",
            "cn=a,,dc=x",
        ] {
            assert!(check_dn(bad).is_err(), "{bad}");
        }
        let message = check_dn("cn=a<b").unwrap_err().to_string();
        assert!(
            message.contains("'<' at character 5 must be escaped"),
            "{message}"
        );
    }

    #[test]
    fn filters_are_checked_before_they_are_sent() {
        for good in [
            "(mail=*)",
            "(&(objectClass=person)(mail=a\\2ab@x))",
            "(!(cn=a))",
        ] {
            assert!(check_filter(good).is_ok(), "{good}");
        }
        for bad in ["", "(mail=*", "(mail=*))", "(&(mail=a)", "(mail)", "((a=b)"] {
            assert!(check_filter(bad).is_err(), "{bad}");
        }
        assert_eq!(normalize_filter(" mail=* "), "(mail=*)");
        assert_eq!(escape_filter_value("a*(b)"), "a\\2a\\28b\\29");
    }
}
