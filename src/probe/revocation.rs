//! L1 — -CheckRevocation: fetch the leaf's CRLs over plain HTTP (a small HTTP/1.0 GET on a
//! bounded stream: CRL distribution points are http:// by rule, so no HTTP client crate is
//! needed), read them with x509-parser and look for the leaf's serial number. CRLs are cached
//! per URL for the whole run, so 500 endpoints under one CA fetch it once.

use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, Mutex, OnceLock};

use x509_parser::prelude::FromDer;
use x509_parser::revocation_list::CertificateRevocationList;

use crate::pki::Certificate;
use crate::pki::thumbprint::upper_hex;

use super::finding::{Code, Finding};
use super::net::{BoundedStream, Deadline, connect, resolve};

/// The largest CRL read (big public CAs publish CRLs of a few MB).
const MAX_CRL: usize = 32 * 1024 * 1024;

/// A CRL's revoked serial numbers (upper-case hex), or why it could not be had.
type Fetched = Result<Arc<Vec<String>>, String>;

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
                .and_then(|bytes| revoked_serials(&bytes))
                .map(Arc::new)
        })
        .clone()
    }
}

/// The revocation findings for `leaf`: `CertificateRevoked`, or `RevocationUnreachable` when
/// no CRL could be read (or the certificate names none).
pub fn check(leaf: &Certificate, cache: &CrlCache, deadline: Deadline) -> Vec<Finding> {
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
    let serial = leaf.serial_number().to_ascii_uppercase();
    let mut problems = Vec::new();
    for url in urls {
        match cache.get(url, deadline) {
            Ok(serials) => {
                if serials.contains(&serial) {
                    return vec![Finding::new(
                        Code::CertificateRevoked,
                        format!(
                            "The certificate (serial {serial}) is listed as revoked in the CRL {url}."
                        ),
                    )];
                }
                return Vec::new();
            }
            Err(why) => problems.push(format!("{url}: {why}")),
        }
    }
    vec![Finding::new(
        Code::RevocationUnreachable,
        format!("No CRL could be fetched: {}.", problems.join("; ")),
    )]
}

/// The serial numbers a DER or PEM CRL lists.
pub fn revoked_serials(bytes: &[u8]) -> Result<Vec<String>, String> {
    let der = if bytes.starts_with(b"-----BEGIN") {
        pem::parse(bytes)
            .map(|p| p.into_contents())
            .map_err(|e| format!("the PEM CRL does not read ({e})"))?
    } else {
        bytes.to_vec()
    };
    let (_, crl) = CertificateRevocationList::from_der(&der)
        .map_err(|e| format!("the CRL does not read ({e})"))?;
    Ok(crl
        .iter_revoked_certificates()
        .map(|r| upper_hex(r.raw_serial()))
        .collect())
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
    use std::io::Write;
    use std::net::TcpListener;
    use std::time::Duration;

    #[test]
    fn a_small_http_server_is_fetched_from() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut socket, _) = listener.accept().unwrap();
            let mut buffer = [0u8; 1024];
            let _ = socket.read(&mut buffer).unwrap();
            socket
                .write_all(b"HTTP/1.0 200 OK\r\nContent-Type: application/pkix-crl\r\n\r\nCRLBYTES")
                .unwrap();
        });
        let deadline = Deadline::after(Duration::from_secs(5));
        let body = fetch(&format!("http://127.0.0.1:{port}/ca.crl"), deadline).unwrap();
        assert_eq!(body, b"CRLBYTES");
        server.join().unwrap();
        assert!(fetch("https://example.com/x.crl", deadline).is_err());
        assert!(revoked_serials(b"not a crl").is_err());
    }
}
