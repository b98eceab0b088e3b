//! L1 — the LDAP directory (ldap3 over rustls): connections, users' certificate attributes,
//! pipelined publishing and synchronization of S/MIME certificates.
