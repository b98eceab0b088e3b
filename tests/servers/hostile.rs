//! Hostile test servers of our own on 127.0.0.1 (test support), each a listener thread that
//! spawns a thread per connection: one never answers, one drips a byte a second, one sends a
//! 10 MB banner, one sends garbage instead of TLS, one resets the connection, one offers
//! STARTTLS and then refuses it with 454, one is a closed port; and one real-TLS SMTP server that
//! offers STARTTLS again after TLS. Every connection thread ends
//! when the client goes away or after [`CONNECTION_LIFETIME`]; servers stop when dropped.

#![allow(dead_code)] // a fixture library: each test uses a part of it

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use super::s_server::SERVER_NAMES;
use super::test_pki::{self, LeafSpec};

/// The longest any hostile connection is kept open.
pub const CONNECTION_LIFETIME: Duration = Duration::from_secs(60);

/// The size of the oversized banner.
pub const HUGE_BANNER_BYTES: usize = 10 * 1024 * 1024;

/// How a hostile server misbehaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Behaviour {
    /// Accepts and never sends a byte (reads and discards what comes).
    NeverAnswers,
    /// Sends an SMTP banner one byte a second, forever (`220-` continuation lines).
    Drips,
    /// Sends a 10 MB multi-line SMTP banner (`220-…` lines of 1,000 bytes), then `220 ok`.
    HugeBanner,
    /// Answers whatever comes first (a ClientHello) with bytes that are not TLS.
    Garbage,
    /// Waits for the client's first bytes, then resets the connection (RST).
    Reset,
    /// An SMTP server advertising STARTTLS that answers `STARTTLS` with `454`.
    StartTlsRefused,
    /// An SMTP server advertising STARTTLS that answers `220` and then sends garbage.
    StartTlsThenGarbage,
    /// Nothing listens on the port (connections are refused).
    Closed,
    /// A correct SMTP STARTTLS server (real TLS with a test-PKI leaf for 127.0.0.1) except
    /// that it advertises STARTTLS again in its EHLO reply after TLS (RFC 3207 §4.2 forbids
    /// it). Not in [`Behaviour::ALL`]: the connection is protected, the finding a warning.
    StartTlsReadvertised,
}

impl Behaviour {
    /// Every behaviour.
    pub const ALL: [Behaviour; 8] = [
        Behaviour::NeverAnswers,
        Behaviour::Drips,
        Behaviour::HugeBanner,
        Behaviour::Garbage,
        Behaviour::Reset,
        Behaviour::StartTlsRefused,
        Behaviour::StartTlsThenGarbage,
        Behaviour::Closed,
    ];

    /// Does the server pretend to be SMTP (probe it with `-Protocol Smtp`)?
    pub fn speaks_smtp(self) -> bool {
        matches!(
            self,
            Behaviour::Drips
                | Behaviour::HugeBanner
                | Behaviour::StartTlsRefused
                | Behaviour::StartTlsThenGarbage
                | Behaviour::StartTlsReadvertised
        )
    }
}

/// A running hostile server.
pub struct HostileServer {
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// How it misbehaves.
    pub behaviour: Behaviour,
    stop: Arc<AtomicBool>,
    counts: Arc<Counts>,
}

/// Connections open now, and the most ever open at once.
#[derive(Default)]
struct Counts {
    open: AtomicUsize,
    peak: AtomicUsize,
    total: AtomicUsize,
}

impl HostileServer {
    /// Start a server that behaves as `behaviour` (stopped when dropped).
    pub fn start(behaviour: Behaviour) -> HostileServer {
        let stop = Arc::new(AtomicBool::new(false));
        let counts = Arc::new(Counts::default());
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        if behaviour == Behaviour::Closed {
            drop(listener);
            return HostileServer {
                port,
                behaviour,
                stop,
                counts,
            };
        }
        let (flag, tally) = (stop.clone(), counts.clone());
        std::thread::Builder::new()
            .name(format!("hostile {behaviour:?}"))
            .spawn(move || accept_loop(&listener, behaviour, &flag, &tally))
            .unwrap();
        HostileServer {
            port,
            behaviour,
            stop,
            counts,
        }
    }

    /// The most connections that were ever open at once.
    pub fn peak_connections(&self) -> usize {
        self.counts.peak.load(Ordering::SeqCst)
    }

    /// How many connections were accepted in all.
    pub fn total_connections(&self) -> usize {
        self.counts.total.load(Ordering::SeqCst)
    }

    /// `127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

impl Drop for HostileServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wake the accept loop so it sees the flag.
        let address = SocketAddr::from(([127, 0, 0, 1], self.port));
        let _ = TcpStream::connect_timeout(&address, Duration::from_millis(200));
    }
}

/// The shared server of `behaviour`, started on first request and kept for the whole process.
pub fn shared(behaviour: Behaviour) -> &'static HostileServer {
    static SERVERS: OnceLock<Mutex<HashMap<Behaviour, &'static HostileServer>>> = OnceLock::new();
    let mut servers = match SERVERS.get_or_init(Mutex::default).lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    servers
        .entry(behaviour)
        .or_insert_with(|| Box::leak(Box::new(HostileServer::start(behaviour))))
}

fn accept_loop(
    listener: &TcpListener,
    behaviour: Behaviour,
    stop: &Arc<AtomicBool>,
    counts: &Arc<Counts>,
) {
    for stream in listener.incoming() {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let (flag, tally) = (stop.clone(), counts.clone());
        let open = tally.open.fetch_add(1, Ordering::SeqCst) + 1;
        tally.peak.fetch_max(open, Ordering::SeqCst);
        tally.total.fetch_add(1, Ordering::SeqCst);
        let spawned = std::thread::Builder::new()
            .name(format!("hostile {behaviour:?} connection"))
            .spawn(move || {
                let _ = serve(stream, behaviour, &flag);
                tally.open.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            counts.open.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// One connection; any I/O error (the client left) just ends it.
fn serve(mut stream: TcpStream, behaviour: Behaviour, stop: &AtomicBool) -> std::io::Result<()> {
    let started = Instant::now();
    let alive = || !stop.load(Ordering::Relaxed) && started.elapsed() < CONNECTION_LIFETIME;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    stream.set_read_timeout(Some(Duration::from_secs(1)))?;
    match behaviour {
        Behaviour::NeverAnswers => {
            let mut sink = [0u8; 4096];
            while alive() {
                match stream.read(&mut sink) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e) if is_timeout(&e) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Behaviour::Drips => {
            let text = b"220-drip drip drip drip drip drip drip drip\r\n";
            let mut at = 0;
            while alive() {
                stream.write_all(&text[at % text.len()..][..1])?;
                at += 1;
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        Behaviour::HugeBanner => {
            let mut line = b"220-".to_vec();
            line.resize(998, b'x');
            line.extend_from_slice(b"\r\n");
            let mut sent = 0;
            while sent < HUGE_BANNER_BYTES && alive() {
                stream.write_all(&line)?;
                sent += line.len();
            }
            stream.write_all(b"220 ok\r\n")?;
            drain_until_closed(&mut stream, alive)?;
        }
        Behaviour::Garbage => {
            wait_for_bytes(&mut stream, alive)?;
            stream.write_all(GARBAGE)?;
            drain_until_closed(&mut stream, alive)?;
        }
        Behaviour::Reset => {
            // Closing with unread bytes in the receive buffer makes the kernel send RST.
            wait_for_bytes(&mut stream, alive)?;
            return Ok(());
        }
        Behaviour::StartTlsRefused
        | Behaviour::StartTlsThenGarbage
        | Behaviour::StartTlsReadvertised => {
            smtp_dialog(&mut stream, behaviour, alive)?;
        }
        Behaviour::Closed => {}
    }
    let _ = stream.shutdown(Shutdown::Both);
    Ok(())
}

const GARBAGE: &[u8] = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n\x00\xff\xfe garbage";

/// A fake SMTP server up to its STARTTLS answer.
fn smtp_dialog(
    stream: &mut TcpStream,
    behaviour: Behaviour,
    alive: impl Fn() -> bool,
) -> std::io::Result<()> {
    stream.write_all(b"220 hostile.example.test ESMTP\r\n")?;
    let mut pending = Vec::new();
    while alive() {
        let Some(line) = read_line(stream, &mut pending, &alive)? else {
            return Ok(());
        };
        let command = line.trim().to_ascii_uppercase();
        if command.starts_with("EHLO") || command.starts_with("HELO") {
            stream.write_all(b"250-hostile.example.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n")?;
        } else if command == "STARTTLS" {
            if behaviour == Behaviour::StartTlsRefused {
                stream.write_all(b"454 4.7.0 TLS not available due to temporary reason\r\n")?;
            } else if behaviour == Behaviour::StartTlsReadvertised {
                stream.write_all(b"220 2.0.0 Ready to start TLS\r\n")?;
                return readvertising_tls_dialog(stream, alive);
            } else {
                stream.write_all(b"220 2.0.0 Ready to start TLS\r\n")?;
                wait_for_bytes(stream, &alive)?;
                stream.write_all(GARBAGE)?;
                return drain_until_closed(stream, alive);
            }
        } else if command == "QUIT" {
            stream.write_all(b"221 2.0.0 Bye\r\n")?;
            return Ok(());
        } else {
            stream.write_all(b"502 5.5.2 Error: command not recognized\r\n")?;
        }
    }
    Ok(())
}

/// After `220` to STARTTLS: a real TLS handshake, then an EHLO reply that (wrongly) offers
/// STARTTLS again.
fn readvertising_tls_dialog(stream: &TcpStream, alive: impl Fn() -> bool) -> std::io::Result<()> {
    let Some(config) = tls_config() else {
        return Ok(());
    };
    let connection = rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
    let mut tls = rustls::StreamOwned::new(connection, stream.try_clone()?);
    let mut pending = Vec::new();
    while alive() {
        let Some(line) = read_line(&mut tls, &mut pending, &alive)? else {
            return Ok(());
        };
        let command = line.trim().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            b"250-hostile.example.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n"
        } else if command == "QUIT" {
            b"221 2.0.0 Bye\r\n"
        } else {
            b"502 5.5.2 Error: command not recognized\r\n"
        };
        tls.write_all(reply)?;
        tls.flush()?;
        if command == "QUIT" {
            return Ok(());
        }
    }
    Ok(())
}

/// A rustls server configuration presenting the normal test leaf (for 127.0.0.1 and
/// localhost, chain to the test root); `None` when openssl (the test PKI) is missing.
pub fn tls_config() -> Option<Arc<rustls::ServerConfig>> {
    static CONFIG: OnceLock<Option<Arc<rustls::ServerConfig>>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let leaf = test_pki::pki()?.leaf(&LeafSpec::new(SERVER_NAMES));
            let chain = pem::parse_many(std::fs::read(&leaf.chain).ok()?).ok()?;
            let certificates = chain
                .into_iter()
                .map(|block| CertificateDer::from(block.into_contents()))
                .collect();
            let key = pem::parse(std::fs::read(&leaf.key).ok()?).ok()?;
            let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.into_contents()));
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            let config = rustls::ServerConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .ok()?
                .with_no_client_auth()
                .with_single_cert(certificates, key)
                .ok()?;
            Some(Arc::new(config))
        })
        .clone()
}

/// The next CRLF-terminated line (at most 4 KB), or `None` when the client closed.
pub fn read_line(
    stream: &mut impl Read,
    pending: &mut Vec<u8>,
    alive: &impl Fn() -> bool,
) -> std::io::Result<Option<String>> {
    let mut buffer = [0u8; 1024];
    while alive() {
        if let Some(end) = pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = pending.drain(..=end).collect();
            return Ok(Some(String::from_utf8_lossy(&line).into_owned()));
        }
        if pending.len() > 4096 {
            return Ok(None);
        }
        match stream.read(&mut buffer) {
            Ok(0) => return Ok(None),
            Ok(n) => pending.extend_from_slice(&buffer[..n]),
            Err(e) if is_timeout(&e) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// Block until the client has sent something (without reading it).
fn wait_for_bytes(stream: &mut TcpStream, alive: impl Fn() -> bool) -> std::io::Result<()> {
    let mut probe = [0u8; 1];
    while alive() {
        match stream.peek(&mut probe) {
            Ok(_) => return Ok(()),
            Err(e) if is_timeout(&e) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Read and discard until the client closes.
fn drain_until_closed(stream: &mut TcpStream, alive: impl Fn() -> bool) -> std::io::Result<()> {
    let mut sink = [0u8; 4096];
    while alive() {
        match stream.read(&mut sink) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) if is_timeout(&e) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

pub fn is_timeout(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connect(server: &HostileServer) -> TcpStream {
        let address = SocketAddr::from(([127, 0, 0, 1], server.port));
        let stream = TcpStream::connect_timeout(&address, Duration::from_secs(2)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(1)))
            .unwrap();
        stream
    }

    #[test]
    fn each_hostile_server_misbehaves_as_described() {
        let silent = connect(shared(Behaviour::NeverAnswers));
        let mut byte = [0u8; 1];
        let error = (&silent).read(&mut byte).unwrap_err();
        assert!(is_timeout(&error), "{error}");

        let mut drip = connect(shared(Behaviour::Drips));
        let started = Instant::now();
        let mut got = Vec::new();
        while got.len() < 2 {
            let n = drip.read(&mut byte).unwrap();
            got.extend_from_slice(&byte[..n]);
        }
        assert_eq!(got, b"22");
        assert!(started.elapsed() >= Duration::from_millis(900));

        let mut huge = connect(shared(Behaviour::HugeBanner));
        let mut first = vec![0u8; 64 * 1024];
        huge.read_exact(&mut first).unwrap();
        assert!(first.starts_with(b"220-xx"));

        let mut garbage = connect(shared(Behaviour::Garbage));
        garbage.write_all(b"\x16\x03\x01\x00\x05hello").unwrap();
        let mut answer = [0u8; 8];
        garbage.read_exact(&mut answer).unwrap();
        assert_eq!(&answer, b"HTTP/1.1");

        let mut reset = connect(shared(Behaviour::Reset));
        reset.write_all(b"\x16\x03\x01\x00\x05hello").unwrap();
        let error = reset.read(&mut answer).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::ConnectionReset);

        let mut smtp = connect(shared(Behaviour::StartTlsRefused));
        smtp.write_all(b"EHLO me\r\nSTARTTLS\r\n").unwrap();
        let mut text = String::new();
        while !text.contains("454") {
            let mut chunk = [0u8; 256];
            let n = smtp.read(&mut chunk).unwrap();
            assert!(n > 0, "closed early: {text}");
            text.push_str(&String::from_utf8_lossy(&chunk[..n]));
        }
        assert!(text.contains("250 STARTTLS"), "{text}");

        let closed = shared(Behaviour::Closed);
        let address = SocketAddr::from(([127, 0, 0, 1], closed.port));
        assert!(TcpStream::connect_timeout(&address, Duration::from_secs(1)).is_err());
    }
}
