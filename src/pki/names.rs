//! L1 — distinguished names in Windows' display form (`CN=Contoso Root, O=Contoso, C=US`):
//! most-specific RDN first, Windows' short attribute names, values quoted as `CertNameToStr`
//! quotes them.

use x509_parser::asn1_rs::{Any, Tag};
use x509_parser::x509::{AttributeTypeAndValue, X509Name};

use super::oids;
use super::thumbprint::upper_hex;

/// The Windows display form of a name: RDNs in reverse encoding order, joined by `, `; the
/// attributes of a multi-valued RDN joined by ` + `.
pub fn display_name(name: &X509Name<'_>) -> String {
    let rdns: Vec<String> = name
        .iter_rdn()
        .map(|rdn| {
            rdn.iter()
                .map(display_attribute)
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .collect();
    rdns.into_iter().rev().collect::<Vec<_>>().join(", ")
}

/// The value of the most specific attribute with this OID (e.g. the leaf's common name).
pub fn last_attribute(name: &X509Name<'_>, oid: &str) -> Option<String> {
    name.iter_attributes()
        .filter(|attr| attr.attr_type().to_id_string() == oid)
        .last()
        .map(|attr| attribute_text(attr.attr_value()))
}

fn display_attribute(attr: &AttributeTypeAndValue<'_>) -> String {
    let oid = attr.attr_type().to_id_string();
    let key = match oids::name_attribute(&oid) {
        Some(short) => short.to_string(),
        None => format!("OID.{oid}"),
    };
    format!("{key}={}", quote(&attribute_text(attr.attr_value())))
}

/// The text of a directory string, whatever ASN.1 string type encodes it.
pub fn attribute_text(value: &Any<'_>) -> String {
    let data = value.data;
    match value.tag() {
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::NumericString
        | Tag::VisibleString => String::from_utf8_lossy(data).into_owned(),
        // Windows reads T.61 strings as UTF-8 when they are valid UTF-8, else as 8-bit text.
        Tag::TeletexString => match std::str::from_utf8(data) {
            Ok(text) => text.to_string(),
            Err(_) => data.iter().map(|b| char::from(*b)).collect(),
        },
        Tag::BmpString => {
            let units: Vec<u16> = data
                .chunks_exact(2)
                .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        Tag::UniversalString => data
            .chunks_exact(4)
            .map(|quad| {
                char::from_u32(u32::from_be_bytes([quad[0], quad[1], quad[2], quad[3]]))
                    .unwrap_or(char::REPLACEMENT_CHARACTER)
            })
            .collect(),
        _ => format!("#{}", upper_hex(data)),
    }
}

/// Quote a value as `CertNameToStr` does: in double quotes (inner quotes doubled) when it holds
/// a separator or special character, or has leading or trailing spaces, or is empty.
fn quote(value: &str) -> String {
    let special = value.is_empty()
        || value.starts_with(' ')
        || value.ends_with(' ')
        || value.chars().any(|c| {
            matches!(
                c,
                ',' | '+' | '=' | '"' | '\n' | '\r' | '<' | '>' | '#' | ';'
            )
        });
    if special {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::prelude::FromDer;

    /// DER of `C=US, O="Contoso, Ltd", CN=Contoso Root` (PrintableString and UTF8String).
    fn sample_name() -> Vec<u8> {
        fn atv(oid: &[u8], tag: u8, value: &str) -> Vec<u8> {
            let mut inner = vec![0x06, oid.len() as u8];
            inner.extend_from_slice(oid);
            inner.extend_from_slice(&[tag, value.len() as u8]);
            inner.extend_from_slice(value.as_bytes());
            let mut seq = vec![0x30, inner.len() as u8];
            seq.extend(inner);
            let mut set = vec![0x31, seq.len() as u8];
            set.extend(seq);
            set
        }
        let mut body = atv(&[0x55, 0x04, 0x06], 0x13, "US");
        body.extend(atv(&[0x55, 0x04, 0x0A], 0x0C, "Contoso, Ltd"));
        body.extend(atv(&[0x55, 0x04, 0x03], 0x0C, "Contoso Root"));
        let mut name = vec![0x30, body.len() as u8];
        name.extend(body);
        name
    }

    #[test]
    fn names_print_most_specific_first_with_quotes() {
        let der = sample_name();
        let (_, name) = X509Name::from_der(&der).unwrap();
        assert_eq!(
            display_name(&name),
            "CN=Contoso Root, O=\"Contoso, Ltd\", C=US"
        );
        assert_eq!(
            last_attribute(&name, "2.5.4.3").as_deref(),
            Some("Contoso Root")
        );
    }

    #[test]
    fn quoting_follows_windows_rules() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(quote(" lead"), "\" lead\"");
        assert_eq!(quote(""), "\"\"");
    }
}
