//! L1 — bounded network I/O for the prober: name resolution and TCP connect under a deadline,
//! a stream whose every read and write stops at the endpoint's deadline, and a line reader
//! with caps on line length and total bytes (a 10 MB banner or a byte-a-second drip ends in a
//! finding, never a hang or unbounded memory).

use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::finding::{Code, Finding};

/// The longest line a pre-TLS dialog may send.
pub const MAX_LINE: usize = 8 * 1024;
/// The most bytes one reply (a multi-line banner, an EHLO or CAPABILITY reply) may take.
pub const MAX_REPLY: usize = 64 * 1024;

/// Why a phase stopped: becomes the endpoint's finding.
pub type Failure = Finding;

/// The result of a probe phase.
pub type Step<T> = Result<T, Failure>;

/// The point in time the endpoint's work must be done by.
#[derive(Debug, Clone, Copy)]
pub struct Deadline(pub Instant);

impl Deadline {
    /// `seconds` from now.
    pub fn after(timeout: Duration) -> Deadline {
        Deadline(Instant::now() + timeout)
    }

    /// Time left, `None` once it has passed.
    pub fn remaining(self) -> Option<Duration> {
        self.0
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
    }
}

/// A timeout finding for `what`.
pub fn timeout(what: &str) -> Failure {
    Finding::new(Code::Timeout, format!("Timed out {what}."))
}

/// The finding an I/O error during `what` gives.
pub fn io_failure(error: &io::Error, what: &str) -> Failure {
    match error.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => timeout(what),
        io::ErrorKind::UnexpectedEof => Finding::new(
            Code::ConnectionFailed,
            format!("The server closed the connection {what}."),
        ),
        io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::BrokenPipe => Finding::new(
            Code::ConnectionFailed,
            format!("The server reset the connection {what}."),
        ),
        _ => Finding::new(Code::ConnectionFailed, format!("{what}: {error}")),
    }
}

/// Resolve `host` (a name or an address) under the deadline. Names are resolved on a helper
/// thread, so a resolver that never answers costs only the remaining time.
pub fn resolve(host: &str, port: u16, deadline: Deadline) -> Step<Vec<SocketAddr>> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    let (tx, rx) = mpsc::channel();
    let name = host.to_string();
    let spawned = std::thread::Builder::new()
        .name("probe-resolve".into())
        .spawn(move || {
            let found = (name.as_str(), port)
                .to_socket_addrs()
                .map(|addrs| addrs.collect::<Vec<_>>());
            let _ = tx.send(found);
        });
    if let Err(error) = spawned {
        return Err(Finding::new(
            Code::ConnectionFailed,
            format!("Could not start resolving '{host}': {error}"),
        ));
    }
    let wait = deadline
        .remaining()
        .ok_or_else(|| timeout("resolving the host name"))?;
    match rx.recv_timeout(wait) {
        Ok(Ok(addrs)) if !addrs.is_empty() => Ok(addrs),
        Ok(Ok(_)) => Err(Finding::new(
            Code::ConnectionFailed,
            format!("The host name '{host}' has no addresses."),
        )),
        Ok(Err(error)) => Err(Finding::new(
            Code::ConnectionFailed,
            format!("The host name '{host}' does not resolve: {error}"),
        )),
        Err(_) => Err(timeout(&format!("resolving '{host}'"))),
    }
}

/// Connect to the first address that answers, under the deadline.
pub fn connect(addrs: &[SocketAddr], deadline: Deadline) -> Step<TcpStream> {
    let mut last = None;
    for addr in addrs {
        let wait = deadline
            .remaining()
            .ok_or_else(|| timeout(&format!("connecting to {addr}")))?;
        match TcpStream::connect_timeout(addr, wait) {
            Ok(stream) => {
                let _ = stream.set_nodelay(true);
                return Ok(stream);
            }
            Err(error) => last = Some((addr, error)),
        }
    }
    Err(match last {
        Some((addr, error)) => match error.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
                timeout(&format!("connecting to {addr}"))
            }
            _ => Finding::new(
                Code::ConnectionFailed,
                format!("Could not connect to {addr}: {error}"),
            ),
        },
        None => Finding::new(Code::ConnectionFailed, "There is no address to connect to."),
    })
}

/// A TCP stream whose reads and writes stop at the deadline (each call gets the time left).
pub struct BoundedStream {
    inner: TcpStream,
    deadline: Deadline,
}

impl BoundedStream {
    pub fn new(inner: TcpStream, deadline: Deadline) -> BoundedStream {
        BoundedStream { inner, deadline }
    }

    fn arm(&self, read: bool) -> io::Result<()> {
        let left = self
            .deadline
            .remaining()
            .ok_or_else(|| io::Error::new(io::ErrorKind::TimedOut, "deadline passed"))?;
        if read {
            self.inner.set_read_timeout(Some(left))
        } else {
            self.inner.set_write_timeout(Some(left))
        }
    }

    /// Send all of `bytes`; the failure names `what`.
    pub fn send(&mut self, bytes: &[u8], what: &str) -> Step<()> {
        self.write_all(bytes)
            .and_then(|()| self.flush())
            .map_err(|e| io_failure(&e, what))
    }
}

impl Read for BoundedStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.arm(true)?;
        self.inner.read(buf)
    }
}

impl Write for BoundedStream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.arm(false)?;
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Reads CRLF (or LF) terminated lines from a [`BoundedStream`] without reading past what the
/// server has sent (so nothing meant for TLS is swallowed), within [`MAX_LINE`].
pub struct LineReader {
    buffer: Vec<u8>,
}

impl Default for LineReader {
    fn default() -> Self {
        LineReader::new()
    }
}

impl LineReader {
    pub fn new() -> LineReader {
        LineReader {
            buffer: Vec::with_capacity(512),
        }
    }

    /// The next line without its line ending; `budget` is decreased by the bytes used and
    /// the reply fails when it runs out.
    pub fn line(
        &mut self,
        stream: &mut BoundedStream,
        budget: &mut usize,
        what: &str,
    ) -> Step<String> {
        loop {
            if let Some(end) = self.buffer.iter().position(|b| *b == b'\n') {
                let mut line: Vec<u8> = self.buffer.drain(..=end).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(String::from_utf8_lossy(&line).into_owned());
            }
            if self.buffer.len() >= MAX_LINE {
                return Err(Finding::new(
                    Code::ProtocolError,
                    format!("The server sent a line longer than {MAX_LINE} bytes {what}."),
                ));
            }
            let mut chunk = [0u8; 2048];
            let want = chunk.len().min(MAX_LINE - self.buffer.len());
            let n = stream
                .read(&mut chunk[..want])
                .map_err(|e| io_failure(&e, what))?;
            if n == 0 {
                return Err(Finding::new(
                    Code::ConnectionFailed,
                    format!("The server closed the connection {what}."),
                ));
            }
            if n > *budget {
                return Err(Finding::new(
                    Code::ProtocolError,
                    format!("The server sent more than {MAX_REPLY} bytes {what}."),
                ));
            }
            *budget -= n;
            self.buffer.extend_from_slice(&chunk[..n]);
        }
    }

    /// Bytes received but not yet read as lines (must be none when TLS starts).
    pub fn pending(&self) -> usize {
        self.buffer.len()
    }
}
