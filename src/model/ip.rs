//! L1 — IP address values: an address, a range (`a-b`) or a CIDR block (`a/n`); the connectors'
//! restricted forms (`SenderIPAddresses`: IPv4 address or CIDR /24 to /32) and smart hosts (an
//! FQDN, an IP address or a CIDR block).

use std::fmt;
use std::net::IpAddr;

use super::domain::SmtpDomain;
use super::param::text_value;

/// An IP address, an inclusive range `first-last`, or a CIDR block `address/prefix`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpRange {
    Single(IpAddr),
    Range(IpAddr, IpAddr),
    Cidr(IpAddr, u8),
}

impl IpRange {
    pub fn parse(text: &str) -> Result<IpRange, String> {
        let text = text.trim();
        let address = |part: &str| {
            part.trim().parse::<IpAddr>().map_err(|_| {
                format!(
                    "'{text}' isn't a valid IP address, range or CIDR block (for example 192.168.1.1, 192.168.0.1-192.168.0.254 or 192.168.3.1/24)."
                )
            })
        };
        if let Some((first, last)) = text.split_once('-') {
            let (first, last) = (address(first)?, address(last)?);
            if first.is_ipv4() != last.is_ipv4() {
                return Err(format!("The range '{text}' mixes IPv4 and IPv6 addresses."));
            }
            if first > last {
                return Err(format!(
                    "The range '{text}' ends before it starts; give the lower address first."
                ));
            }
            return Ok(IpRange::Range(first, last));
        }
        if let Some((base, prefix)) = text.split_once('/') {
            let base = address(base)?;
            let max = if base.is_ipv4() { 32 } else { 128 };
            let prefix: u8 = prefix
                .trim()
                .parse()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| {
                    format!("The CIDR block '{text}' needs a prefix length from 0 to {max}.")
                })?;
            return Ok(IpRange::Cidr(base, prefix));
        }
        Ok(IpRange::Single(address(text)?))
    }

    /// Is every address of this value IPv4?
    pub fn is_ipv4(&self) -> bool {
        match self {
            IpRange::Single(a) | IpRange::Range(a, _) | IpRange::Cidr(a, _) => a.is_ipv4(),
        }
    }

    /// Does this value include `address`?
    pub fn contains(&self, address: IpAddr) -> bool {
        match *self {
            IpRange::Single(a) => a == address,
            IpRange::Range(first, last) => {
                first.is_ipv4() == address.is_ipv4() && first <= address && address <= last
            }
            IpRange::Cidr(base, prefix) => match (base, address) {
                (IpAddr::V4(b), IpAddr::V4(a)) => {
                    let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
                    u32::from(b) & mask == u32::from(a) & mask
                }
                (IpAddr::V6(b), IpAddr::V6(a)) => {
                    let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
                    u128::from(b) & mask == u128::from(a) & mask
                }
                _ => false,
            },
        }
    }
}

impl fmt::Display for IpRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IpRange::Single(a) => write!(f, "{a}"),
            IpRange::Range(first, last) => write!(f, "{first}-{last}"),
            IpRange::Cidr(base, prefix) => write!(f, "{base}/{prefix}"),
        }
    }
}

text_value!(IpRange, "Microsoft.Exchange.Data.IPRange");

/// A source address of an Inbound connector: one IPv4 address or a CIDR block from /24 to
/// /32. IPv6 and `a-b` ranges are not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SenderIpAddress(IpRange);

impl SenderIpAddress {
    pub fn parse(text: &str) -> Result<SenderIpAddress, String> {
        const ACCEPTED: &str = "an IPv4 address (192.168.1.1) or a CIDR block with a mask from /24 to /32 (192.168.0.1/25)";
        let range =
            IpRange::parse(text).map_err(|reason| format!("{reason} Accepted: {ACCEPTED}."))?;
        if !range.is_ipv4() {
            return Err(format!(
                "IPv6 addresses are not supported ('{}'). Accepted: {ACCEPTED}.",
                text.trim()
            ));
        }
        match range {
            IpRange::Single(_) => Ok(SenderIpAddress(range)),
            IpRange::Cidr(_, prefix) if (24..=32).contains(&prefix) => Ok(SenderIpAddress(range)),
            IpRange::Cidr(_, prefix) => Err(format!(
                "The mask /{prefix} of '{}' is too wide. Accepted: {ACCEPTED}.",
                text.trim()
            )),
            IpRange::Range(..) => Err(format!(
                "Address ranges such as '{}' aren't accepted here. Accepted: {ACCEPTED}.",
                text.trim()
            )),
        }
    }

    pub fn range(&self) -> IpRange {
        self.0
    }
}

impl fmt::Display for SenderIpAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

text_value!(SenderIpAddress, "Microsoft.Exchange.Data.IPRange");

/// Where an Outbound connector delivers: an FQDN (a smart host, MX or A record), an IP address
/// or a CIDR block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmartHost {
    Fqdn(SmtpDomain),
    Address(IpRange),
}

impl SmartHost {
    pub fn parse(text: &str) -> Result<SmartHost, String> {
        let text = text.trim();
        // A host name's last label is never all digits: such text is an address attempt.
        let last_label = text.rsplit('.').next().unwrap_or(text);
        let looks_numeric = last_label.chars().all(|c| c.is_ascii_digit() || c == '-');
        if looks_numeric || text.contains(':') || text.contains('/') {
            return match IpRange::parse(text) {
                Ok(range @ (IpRange::Single(_) | IpRange::Cidr(..))) => {
                    Ok(SmartHost::Address(range))
                }
                _ => Err(smart_host_reason(text)),
            };
        }
        SmtpDomain::parse(text)
            .map(SmartHost::Fqdn)
            .map_err(|_| smart_host_reason(text))
    }
}

fn smart_host_reason(text: &str) -> String {
    format!(
        "'{text}' isn't a valid smart host. Accepted: an FQDN (mail.contoso.com), an IP address (10.10.1.1) or a CIDR block (192.168.0.1/25)."
    )
}

impl fmt::Display for SmartHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmartHost::Fqdn(name) => name.fmt(f),
            SmartHost::Address(range) => range.fmt(f),
        }
    }
}

text_value!(SmartHost, "Microsoft.Exchange.Data.SmartHost");

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn addresses_ranges_and_blocks_parse() {
        assert_eq!(
            IpRange::parse("192.168.1.1").unwrap().to_string(),
            "192.168.1.1"
        );
        let range = IpRange::parse("192.168.0.1-192.168.0.254").unwrap();
        assert!(range.contains("192.168.0.100".parse().unwrap()));
        assert!(!range.contains("192.168.1.1".parse().unwrap()));
        let block = IpRange::parse("192.168.3.1/24").unwrap();
        assert!(block.contains("192.168.3.77".parse().unwrap()));
        assert!(!block.contains("192.168.4.1".parse().unwrap()));
        assert!(IpRange::parse("192.168.0.9-192.168.0.1").is_err());
        assert!(IpRange::parse("10.0.0.1/33").is_err());
        assert!(IpRange::parse("10.0.0").is_err());
        assert!(IpRange::parse("2001:db8::/32").is_ok());
    }

    #[test]
    fn sender_addresses_are_ipv4_with_narrow_masks() {
        assert!(SenderIpAddress::parse("192.168.0.1/25").is_ok());
        assert!(SenderIpAddress::parse("192.168.0.1").is_ok());
        assert!(SenderIpAddress::parse("10.0.0.0/32").is_ok());
        let wide = SenderIpAddress::parse("10.0.0.0/23").unwrap_err();
        assert!(wide.contains("/24 to /32"), "{wide}");
        let v6 = SenderIpAddress::parse("2001:db8::1").unwrap_err();
        assert!(v6.contains("IPv6 addresses are not supported"), "{v6}");
        assert!(SenderIpAddress::parse("10.0.0.1-10.0.0.5").is_err());
    }

    #[test]
    fn smart_hosts_are_names_addresses_or_blocks() {
        assert_eq!(
            SmartHost::parse("mail.contoso.com").unwrap().to_string(),
            "mail.contoso.com"
        );
        assert_eq!(
            SmartHost::parse("10.10.1.1").unwrap().to_string(),
            "10.10.1.1"
        );
        assert_eq!(
            SmartHost::parse("192.168.0.1/25").unwrap().to_string(),
            "192.168.0.1/25"
        );
        assert!(SmartHost::parse("300.1.1.1").is_err());
        assert!(SmartHost::parse("*.contoso.com").is_err());
        assert!(SmartHost::parse("10.0.0.1-10.0.0.2").is_err());
        assert_eq!(
            SmartHost::parse("Mail.Contoso.com").unwrap(),
            SmartHost::parse("mail.contoso.com").unwrap()
        );
    }
}
