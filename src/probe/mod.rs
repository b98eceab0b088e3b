//! L1 — the TLS prober behind Test-CertificateEndpoint: TCP connect, the protocol's preamble
//! (SMTP/IMAP/POP3/LDAP STARTTLS or implicit TLS), a rustls handshake that captures the chain,
//! legacy-version probes, and the findings that judge the result.
