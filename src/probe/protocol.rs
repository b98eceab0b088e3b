//! L1 — which dialog precedes TLS on an endpoint (SMTP/IMAP/POP3/LDAP STARTTLS or implicit
//! TLS), chosen by name or by the port as testssl.sh does, and `host[:port]` parsing.

use std::fmt;

/// The protocol spoken before (or instead of) the TLS handshake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// SMTP with STARTTLS (RFC 3207): ports 25 and 587.
    Smtp,
    /// SMTP over implicit TLS (RFC 8314): port 465.
    Smtps,
    /// IMAP with STARTTLS: port 143.
    Imap,
    /// IMAP over implicit TLS: port 993.
    Imaps,
    /// POP3 with STLS: port 110.
    Pop3,
    /// POP3 over implicit TLS: port 995.
    Pop3s,
    /// LDAP with the StartTLS extended operation (RFC 4511 §4.14): port 389.
    Ldap,
    /// LDAP over implicit TLS: port 636.
    Ldaps,
    /// TLS from the first byte (HTTPS and anything else).
    Tls,
}

/// Every protocol, in the order help lists them.
pub const ALL_PROTOCOLS: [Protocol; 9] = [
    Protocol::Smtp,
    Protocol::Smtps,
    Protocol::Imap,
    Protocol::Imaps,
    Protocol::Pop3,
    Protocol::Pop3s,
    Protocol::Ldap,
    Protocol::Ldaps,
    Protocol::Tls,
];

impl Protocol {
    /// The protocol a port usually speaks (25/587 Smtp, 465 Smtps, 143 Imap, 993 Imaps,
    /// 110 Pop3, 995 Pop3s, 389 Ldap, 636 Ldaps, else Tls).
    pub fn for_port(port: u16) -> Protocol {
        match port {
            25 | 587 => Protocol::Smtp,
            465 => Protocol::Smtps,
            143 => Protocol::Imap,
            993 => Protocol::Imaps,
            110 => Protocol::Pop3,
            995 => Protocol::Pop3s,
            389 => Protocol::Ldap,
            636 => Protocol::Ldaps,
            _ => Protocol::Tls,
        }
    }

    /// The protocol's name as `-Protocol` takes it and the result shows it.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Smtp => "Smtp",
            Protocol::Smtps => "Smtps",
            Protocol::Imap => "Imap",
            Protocol::Imaps => "Imaps",
            Protocol::Pop3 => "Pop3",
            Protocol::Pop3s => "Pop3s",
            Protocol::Ldap => "Ldap",
            Protocol::Ldaps => "Ldaps",
            Protocol::Tls => "Tls",
        }
    }

    /// Read a name case-insensitively; testssl.sh's STARTTLS spellings (`SmtpStartTls`,
    /// `LdapStartTls`, …) are accepted too.
    pub fn parse(text: &str) -> Option<Protocol> {
        let lower = text.trim().to_ascii_lowercase();
        let base = lower.strip_suffix("starttls").unwrap_or(&lower);
        let found = match base {
            "smtp" | "submission" => Protocol::Smtp,
            "smtps" | "submissions" => Protocol::Smtps,
            "imap" => Protocol::Imap,
            "imaps" => Protocol::Imaps,
            "pop3" | "pop" | "stls" => Protocol::Pop3,
            "pop3s" => Protocol::Pop3s,
            "ldap" => Protocol::Ldap,
            "ldaps" => Protocol::Ldaps,
            "tls" | "https" | "implicit" => Protocol::Tls,
            _ => return None,
        };
        Some(found)
    }

    /// Does the dialog upgrade a plain connection (STARTTLS/STLS/StartTLS)?
    pub fn is_starttls(self) -> bool {
        matches!(
            self,
            Protocol::Smtp | Protocol::Imap | Protocol::Pop3 | Protocol::Ldap
        )
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Split `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address into the host and
/// the port, when one is given. Errors say what is wrong with the text.
pub fn split_host_port(text: &str) -> Result<(String, Option<u16>), String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("The endpoint is empty.".into());
    }
    let parse_port = |p: &str| {
        p.parse::<u16>()
            .ok()
            .filter(|p| *p != 0)
            .ok_or_else(|| format!("'{p}' in '{text}' is not a port number (1-65535)."))
    };
    if let Some(rest) = text.strip_prefix('[') {
        let Some((host, after)) = rest.split_once(']') else {
            return Err(format!("'{text}' opens '[' without closing it."));
        };
        return match after.strip_prefix(':') {
            Some(port) => Ok((host.to_string(), Some(parse_port(port)?))),
            None if after.is_empty() => Ok((host.to_string(), None)),
            None => Err(format!("'{text}' has '{after}' after the address.")),
        };
    }
    match text.matches(':').count() {
        0 => Ok((text.to_string(), None)),
        1 => {
            let (host, port) = text.split_once(':').unwrap_or((text, ""));
            if host.is_empty() {
                return Err(format!("'{text}' has no host name."));
            }
            Ok((host.to_string(), Some(parse_port(port)?)))
        }
        // A bare IPv6 address: no port.
        _ => Ok((text.to_string(), None)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn ports_choose_protocols_and_names_round_trip() {
        assert_eq!(Protocol::for_port(25), Protocol::Smtp);
        assert_eq!(Protocol::for_port(587), Protocol::Smtp);
        assert_eq!(Protocol::for_port(636), Protocol::Ldaps);
        assert_eq!(Protocol::for_port(8443), Protocol::Tls);
        for p in ALL_PROTOCOLS {
            assert_eq!(Protocol::parse(p.name()), Some(p));
        }
        assert_eq!(Protocol::parse("SmtpStartTls"), Some(Protocol::Smtp));
        assert_eq!(Protocol::parse("gopher"), None);
    }

    #[test]
    fn hosts_and_ports_split() {
        assert_eq!(
            split_host_port("mx.contoso.com:2525").unwrap(),
            ("mx.contoso.com".into(), Some(2525))
        );
        assert_eq!(split_host_port("mx").unwrap(), ("mx".into(), None));
        assert_eq!(
            split_host_port("[::1]:465").unwrap(),
            ("::1".into(), Some(465))
        );
        assert_eq!(split_host_port("::1").unwrap(), ("::1".into(), None));
        assert!(split_host_port("mx:0").is_err());
        assert!(split_host_port("mx:http").is_err());
        assert!(split_host_port("").is_err());
        assert!(split_host_port("[::1").is_err());
    }
}
