//! L1 — -CheckRevocation: fetch the leaf's CRLs over plain HTTP (a small HTTP/1.0 GET on a
//! bounded stream: CRL distribution points are http:// by rule, so no HTTP client crate is
//! needed), read them ([`Crl`]), trust one only when the leaf's issuer signed it and it is
//! current, and look for the leaf's serial number. CRLs are cached per URL for the whole run,
//! so 500 endpoints under one CA fetch it once.

use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, Mutex, OnceLock};

use crate::pki::Certificate;
use crate::pki::lint::find_issuer;

use super::crl::Crl;
use super::finding::{Code, Finding};
use super::net::{BoundedStream, Deadline, connect, resolve};

/// The largest CRL read (big public CAs publish CRLs of a few MB).
const MAX_CRL: usize = 32 * 1024 * 1024;

/// A CRL as read, or why it could not be had.
type Fetched = Result<Arc<Crl>, String>;

/// CRLs fetched so far in this run, by URL. Each URL is fetched once: probes that need it
/// meanwhile wait for that one fetch.
#[derive(Debug, Default)]
pub struct CrlCache {
    fetched: Mutex<HashMap<String, Arc<OnceLock<Fetched>>>>,
}

impl CrlCache {
    fn get(&self, url: &str, deadline: Deadline) -> Fetched {
        let slot = match self.fetched.lock() {
            Ok(mut map) => map.entry(url.to_string()).or_default().clone(),
            Err(_) => Arc::new(OnceLock::new()),
        };
        slot.get_or_init(|| {
            fetch(url, deadline)
                .and_then(|bytes| Crl::parse(&bytes))
                .map(Arc::new)
        })
        .clone()
    }
}

/// The revocation findings for the leaf of `chain` (as sent, leaf first) at `now` (Unix
/// seconds): `CertificateRevoked` when a trusted CRL lists it, nothing when a trusted CRL does
/// not, else `RevocationUnreachable` saying why: the certificate names no http:// CRL, no CRL
/// could be fetched, or none is trusted (not signed by the leaf's issuer in `chain`, stale or
/// not yet valid).
pub fn check(
    chain: &[Certificate],
    cache: &CrlCache,
    deadline: Deadline,
    now: i64,
) -> Vec<Finding> {
    let Some(leaf) = chain.first() else {
        return Vec::new();
    };
    let urls: Vec<&String> = leaf
        .crl_distribution_points()
        .iter()
        .filter(|u| u.to_ascii_lowercase().starts_with("http://"))
        .collect();
    if urls.is_empty() {
        let ocsp = if leaf.ocsp_urls().is_empty() {
            String::new()
        } else {
            format!(" (OCSP {} is not queried)", leaf.ocsp_urls().join(", "))
        };
        return vec![Finding::new(
            Code::RevocationUnreachable,
            format!(
                "The certificate names no http:// CRL distribution point{ocsp}, so its revocation cannot be checked."
            ),
        )];
    }
    let issuer = find_issuer(leaf, chain);
    let serial = leaf.serial_number().to_ascii_uppercase();
    let mut problems = Vec::new();
    for url in urls {
        let crl = match cache.get(url, deadline) {
            Ok(crl) => crl,
            Err(why) => {
                problems.push(format!("{url}: {why}"));
                continue;
            }
        };
        if let Some(why) = crl.distrust(issuer, now) {
            problems.push(format!("{url}: {why}"));
            continue;
        }
        if crl.lists(&serial) {
            return vec![Finding::new(
                Code::CertificateRevoked,
                format!("The certificate (serial {serial}) is listed as revoked in the CRL {url}."),
            )];
        }
        return Vec::new();
    }
    vec![Finding::new(
        Code::RevocationUnreachable,
        format!(
            "No trusted CRL could be had, so the revocation status is unknown: {}.",
            problems.join("; ")
        ),
    )]
}

/// GET `url` (http:// only) and return the body of a 200 answer.
pub fn fetch(url: &str, deadline: Deadline) -> Result<Vec<u8>, String> {
    let rest = url
        .get(7..)
        .filter(|_| {
            url.get(..7)
                .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
        })
        .ok_or_else(|| "only http:// URLs are fetched".to_string())?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (host, port) = super::protocol::split_host_port(authority)?;
    let port = port.unwrap_or(80);
    let addrs = resolve(&host, port, deadline).map_err(|f| f.message)?;
    let tcp = connect(&addrs, deadline).map_err(|f| f.message)?;
    let mut stream = BoundedStream::new(tcp, deadline);
    let request = format!(
        "GET {path} HTTP/1.0\r\nHost: {authority}\r\nUser-Agent: mailsec\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    );
    stream
        .send(request.as_bytes(), "sending the CRL request")
        .map_err(|f| f.message)?;
    let mut response = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let n = stream
            .read(&mut chunk)
            .map_err(|e| super::net::io_failure(&e, "reading the CRL").message)?;
        if n == 0 {
            break;
        }
        if response.len() + n > MAX_CRL {
            return Err(format!("the answer is larger than {} MB", MAX_CRL >> 20));
        }
        response.extend_from_slice(&chunk[..n]);
    }
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| "the answer is not HTTP".to_string())?;
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head.lines().next().unwrap_or("");
    let code = status.split_ascii_whitespace().nth(1).unwrap_or("");
    if code != "200" {
        return Err(format!("the server answered '{}'", status.trim()));
    }
    Ok(response[split + 4..].to_vec())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::probe::crl::tests::TestCa;
    use std::io::Write;
    use std::net::TcpListener;
    use std::thread::JoinHandle;
    use std::time::Duration;

    /// An HTTP/1.0 server on 127.0.0.1 answering `answers` GETs with `body`: (URL, thread).
    fn serve(body: Vec<u8>, answers: usize) -> (String, JoinHandle<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            for _ in 0..answers {
                let (mut socket, _) = listener.accept().unwrap();
                let mut buffer = [0u8; 1024];
                let _ = socket.read(&mut buffer).unwrap();
                socket
                    .write_all(b"HTTP/1.0 200 OK\r\nContent-Type: application/pkix-crl\r\n\r\n")
                    .unwrap();
                socket.write_all(&body).unwrap();
            }
        });
        (format!("http://127.0.0.1:{port}/ca.crl"), server)
    }

    fn deadline() -> Deadline {
        Deadline::after(Duration::from_secs(5))
    }

    fn codes(findings: &[Finding]) -> Vec<Code> {
        findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_small_http_server_is_fetched_from() {
        let (url, server) = serve(b"CRLBYTES".to_vec(), 1);
        let body = fetch(&url, deadline()).unwrap();
        assert_eq!(body, b"CRLBYTES");
        server.join().unwrap();
        assert!(fetch("https://example.com/x.crl", deadline()).is_err());
    }

    #[test]
    fn a_crl_from_the_leafs_issuer_is_believed() {
        let ca = TestCa::new("Revocation Test CA");
        let (url, server) = serve(ca.crl(&[66], -1, 7), 1);
        let revoked = ca.leaf("revoked.contoso.test", 66, &url);
        let good = ca.leaf("good.contoso.test", 67, &url);
        let cache = CrlCache::default();
        let now = crate::pki::system::unix_now();
        let found = check(&[revoked, ca.cert.clone()], &cache, deadline(), now);
        assert_eq!(codes(&found), [Code::CertificateRevoked], "{found:?}");
        // The second look-up comes from the cache (the server answers once).
        let found = check(&[good, ca.cert.clone()], &cache, deadline(), now);
        assert!(found.is_empty(), "{found:?}");
        server.join().unwrap();
    }

    #[test]
    fn a_crl_signed_by_another_ca_is_not_believed() {
        let ca = TestCa::new("Revocation Test CA");
        let impostor = TestCa::new("Revocation Test CA");
        let (url, server) = serve(impostor.crl(&[], -1, 7), 1);
        let leaf = ca.leaf("mx.contoso.test", 66, &url);
        let now = crate::pki::system::unix_now();
        let found = check(
            &[leaf.clone(), ca.cert.clone()],
            &CrlCache::default(),
            deadline(),
            now,
        );
        assert_eq!(codes(&found), [Code::RevocationUnreachable], "{found:?}");
        assert!(
            found[0].message.contains("signature does not verify"),
            "{found:?}"
        );
        server.join().unwrap();

        // Without the issuer in the chain, no CRL can be trusted.
        let (url, server) = serve(ca.crl(&[], -1, 7), 1);
        let leaf = ca.leaf("mx.contoso.test", 66, &url);
        let found = check(&[leaf], &CrlCache::default(), deadline(), now);
        assert_eq!(codes(&found), [Code::RevocationUnreachable], "{found:?}");
        assert!(found[0].message.contains("did not send"), "{found:?}");
        server.join().unwrap();
    }

    #[test]
    fn a_stale_crl_is_not_believed() {
        let ca = TestCa::new("Revocation Test CA");
        let (url, server) = serve(ca.crl(&[], -10, -1), 1);
        let leaf = ca.leaf("mx.contoso.test", 66, &url);
        let now = crate::pki::system::unix_now();
        let found = check(
            &[leaf, ca.cert.clone()],
            &CrlCache::default(),
            deadline(),
            now,
        );
        assert_eq!(codes(&found), [Code::RevocationUnreachable], "{found:?}");
        assert!(found[0].message.contains("stale"), "{found:?}");
        server.join().unwrap();
    }
}
