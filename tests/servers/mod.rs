//! Real servers started by the tests on loopback (Postfix, slapd, openssl s_server, hostile
//! test servers of our own) and the test PKI they present.

pub mod hostile;
pub mod postfix;
pub mod s_server;
pub mod slapd;
pub mod test_pki;
