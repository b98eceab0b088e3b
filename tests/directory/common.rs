//! Helpers the directory tests and apply's `Users` tests share: asserting on what a run
//! printed, and reading what slapd stores with `ldapsearch` (not with mailsec).

use mailsec::value::static_convert::base64_decode;

use crate::servers::slapd::Slapd;

/// Fail unless `text` contains `wanted`, showing both.
#[track_caller]
pub fn assert_contains(text: &str, wanted: &str) {
    assert!(text.contains(wanted), "expected {wanted:?} in:\n{text}");
}

/// The values of `attribute` (base64 in LDIF, `attr:: `) in ldapsearch output, decoded.
pub fn ldif_values(ldif: &str, attribute: &str) -> Vec<Vec<u8>> {
    let prefix = format!("{attribute}:: ");
    ldif.lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .map(|b64| base64_decode(b64.trim()).unwrap())
        .collect()
}

/// The DER certificates (`userCertificate;binary`) of the entries matching `filter`, as
/// ldapsearch reads them.
pub fn published_der(slapd: &Slapd, filter: &str) -> Vec<Vec<u8>> {
    let ldif = slapd
        .ldapsearch(filter, &["userCertificate;binary"])
        .unwrap();
    ldif_values(&ldif, "userCertificate;binary")
}
