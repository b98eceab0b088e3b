//! `openssl s_server` variants on 127.0.0.1 for the probe tests (test support): one server per
//! variant per test process (TLS 1.2 only, TLS 1.3 only, TLS 1.0 allowed, expired leaf, wrong
//! name, self-signed, ECDSA, RSA 1024, …), presenting certificates of the test PKI. Also the
//! process guard ([`Watched`]) the other server fixtures share: a shell that runs a start
//! command, waits for its stdin to close, then runs a stop command — so servers die with the
//! test process even when it never drops them (shared servers live in statics).

#![allow(dead_code)] // a fixture library: each test uses a part of it

use std::collections::HashMap;
use std::io::Write as _;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::test_pki::{self, KeyKind, Leaf, LeafSpec, Validity};
use crate::support::{ScratchDir, skip};

/// The names the normal test leaves are made for (the probe tests connect to 127.0.0.1).
pub const SERVER_NAMES: &[&str] = &["localhost", "127.0.0.1"];

/// How a test server is configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    /// Defaults (TLS 1.2 and 1.3 at Debian's SECLEVEL=2), good RSA-2048 leaf + intermediate.
    Good,
    /// `-tls1_2`: TLS 1.2 only.
    Tls12Only,
    /// `-tls1_3`: TLS 1.3 only.
    Tls13Only,
    /// `-min_protocol TLSv1` at `@SECLEVEL=0`: TLS 1.0 and 1.1 accepted too.
    Tls10Allowed,
    /// The leaf's notAfter is in the past.
    Expired,
    /// The leaf's notBefore is in the future.
    NotYetValid,
    /// The leaf is for `wrong.example.test` only.
    WrongName,
    /// A self-signed leaf, no chain.
    SelfSigned,
    /// An ECDSA P-256 leaf.
    Ecdsa,
    /// An RSA-1024 leaf (needs `@SECLEVEL=0`).
    Rsa1024,
    /// TLS 1.2 only with static-RSA key exchange suites only (no forward secrecy).
    NoForwardSecrecy,
    /// The leaf alone: the intermediate is not sent.
    MissingIntermediate,
}

impl Variant {
    /// Every variant (for tests that walk them all).
    pub const ALL: [Variant; 12] = [
        Variant::Good,
        Variant::Tls12Only,
        Variant::Tls13Only,
        Variant::Tls10Allowed,
        Variant::Expired,
        Variant::NotYetValid,
        Variant::WrongName,
        Variant::SelfSigned,
        Variant::Ecdsa,
        Variant::Rsa1024,
        Variant::NoForwardSecrecy,
        Variant::MissingIntermediate,
    ];

    /// The leaf certificate this variant presents.
    pub fn leaf_spec(self) -> LeafSpec {
        let spec = LeafSpec::new(SERVER_NAMES);
        match self {
            Variant::Expired => spec.with_validity(Validity::Expired),
            Variant::NotYetValid => spec.with_validity(Validity::NotYetValid),
            Variant::WrongName => LeafSpec::new(&["wrong.example.test"]),
            Variant::SelfSigned => spec.self_signed(),
            Variant::Ecdsa => spec.with_key(KeyKind::EcdsaP256),
            Variant::Rsa1024 => spec.with_key(KeyKind::Rsa1024),
            _ => spec,
        }
    }

    /// The protocol and cipher options of `openssl s_server` for this variant.
    fn tls_options(self) -> &'static [&'static str] {
        match self {
            Variant::Tls12Only => &["-tls1_2"],
            Variant::Tls13Only => &["-tls1_3"],
            Variant::Tls10Allowed => &["-min_protocol", "TLSv1", "-cipher", "DEFAULT:@SECLEVEL=0"],
            // SECLEVEL=0 would also let TLS 1.0/1.1 in: keep this variant to its one fault.
            Variant::Rsa1024 => &["-cipher", "DEFAULT:@SECLEVEL=0", "-min_protocol", "TLSv1.2"],
            Variant::NoForwardSecrecy => {
                &["-tls1_2", "-cipher", "AES128-GCM-SHA256:AES256-GCM-SHA384"]
            }
            _ => &[],
        }
    }
}

/// A running `openssl s_server`.
pub struct SServer {
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// The certificate files it presents (`leaf.root` is the trust anchor to use).
    pub leaf: Leaf,
    /// Which variant it is.
    pub variant: Variant,
    _process: Watched,
}

impl SServer {
    /// `127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Start a new server of `variant` (owned by the caller; stopped when dropped). `None`,
    /// after a loud skip, when openssl is missing.
    pub fn start(variant: Variant) -> Option<SServer> {
        let leaf = test_pki::pki()?.leaf(&variant.leaf_spec());
        SServer::start_with(variant, leaf)
    }

    /// Start a server of `variant`'s options presenting `leaf` instead (stopped when dropped).
    pub fn start_with(variant: Variant, leaf: Leaf) -> Option<SServer> {
        let dir = ScratchDir::new("s_server");
        let log = dir.path().join("s_server.log");
        let mut command = vec![
            "openssl".to_string(),
            "s_server".to_string(),
            "-accept".to_string(),
            "127.0.0.1:0".to_string(),
            "-cert".to_string(),
            path_text(&leaf.cert),
            "-key".to_string(),
            path_text(&leaf.key),
        ];
        if !matches!(variant, Variant::SelfSigned | Variant::MissingIntermediate) {
            command.extend(["-cert_chain".to_string(), path_text(&leaf.intermediate)]);
        }
        command.extend(variant.tls_options().iter().map(|o| o.to_string()));
        // Not -quiet, so the log says `ACCEPT 127.0.0.1:PORT` (the port it bound); stdin is the
        // guard's pipe (fd 3): s_server stops at its end of file, so it never sees one early.
        let start = format!(
            "{} <&3 >{} 2>&1 & echo $! >{}",
            shell_words(&command),
            shell_quote(&path_text(&log)),
            shell_quote(&path_text(&dir.path().join("pid")))
        );
        let stop = format!(
            "kill $(cat {}) 2>/dev/null",
            shell_quote(&path_text(&dir.path().join("pid")))
        );
        let process = Watched::start(dir, &start, &stop)?;
        let port = wait_for_accept_line(&log, Duration::from_secs(10))
            .unwrap_or_else(|| panic!("s_server {variant:?} did not start: {}", read_text(&log)));
        Some(SServer {
            port,
            leaf,
            variant,
            _process: process,
        })
    }
}

/// The shared server of `variant`, started on first request and kept for the whole process.
/// `None` (after a loud skip) when openssl is missing.
pub fn shared(variant: Variant) -> Option<&'static SServer> {
    static SERVERS: OnceLock<Mutex<HashMap<Variant, &'static SServer>>> = OnceLock::new();
    let servers = SERVERS.get_or_init(Mutex::default);
    let mut servers = match servers.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(server) = servers.get(&variant) {
        return Some(server);
    }
    let server: &'static SServer = Box::leak(Box::new(SServer::start(variant)?));
    servers.insert(variant, server);
    Some(server)
}

fn wait_for_accept_line(log: &Path, limit: Duration) -> Option<u16> {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        let text = read_text(log);
        if let Some(line) = text.lines().find(|l| l.starts_with("ACCEPT ")) {
            return line.rsplit(':').next()?.trim().parse().ok();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

fn read_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// A path as text for a command line.
pub fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// `text` quoted for `sh`.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn shell_words(words: &[String]) -> String {
    words
        .iter()
        .map(|w| shell_quote(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A free TCP port on 127.0.0.1 (bound then released; for servers that cannot report theirs).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("cannot bind a loopback port: {e}"))
}

/// Wait until 127.0.0.1:`port` accepts a connection; false after `limit`.
pub fn wait_for_port(port: u16, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// A server process under a guard shell (`sh -c 'START; read _; STOP'`, in its own process
/// group): dropping the guard — or the test process ending any way at all, which closes the
/// pipe — runs the stop command. Owns the scratch directory the server uses.
pub struct Watched {
    shell: Child,
    stdin: Option<ChildStdin>,
    dir: ScratchDir,
}

impl Watched {
    /// Run `start` (which must return once the server is launched) then wait, under a guard
    /// shell in `dir`. `None` (after a loud skip) when `sh` cannot run.
    pub fn start(dir: ScratchDir, start: &str, stop: &str) -> Option<Watched> {
        // fd 3 keeps the guard's stdin for servers that want to watch it too (background jobs
        // of a script get /dev/null as stdin otherwise).
        let script = format!("exec 3<&0\n{start}\necho started\nread _closed\n{stop}\n");
        let spawned = Command::new("sh")
            .arg("-c")
            .arg(script)
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .process_group(0)
            .spawn();
        let mut shell = match spawned {
            Ok(child) => child,
            Err(e) => {
                skip(&format!("cannot run sh ({e})"));
                return None;
            }
        };
        // Wait for the start command to have run.
        if let Some(mut out) = shell.stdout.take() {
            let mut line = [0u8; 8];
            let _ = std::io::Read::read(&mut out, &mut line);
        }
        let stdin = shell.stdin.take();
        Some(Watched { shell, stdin, dir })
    }

    /// The scratch directory the server runs in.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The directory as a path buffer.
    pub fn dir_buf(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        if let Some(mut stdin) = self.stdin.take() {
            let _ = stdin.flush();
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.shell.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.shell.kill();
        let _ = self.shell.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `openssl s_client` negotiates with `server`: (protocol, cipher) as openssl names
    /// them, and its verify line.
    fn s_client(server: &SServer, extra: &[&str]) -> String {
        let endpoint = server.endpoint();
        let root = server.leaf.root.display().to_string();
        let mut args = vec!["-connect", endpoint.as_str(), "-CAfile", root.as_str()];
        args.extend_from_slice(extra);
        crate::support::s_client(&args)
    }

    #[test]
    fn each_variant_starts_and_shakes_hands_as_configured() {
        let Some(good) = shared(Variant::Good) else {
            return;
        };
        let text = s_client(good, &[]);
        assert!(text.contains("Verify return code: 0 (ok)"), "{text}");
        assert!(text.contains("TLSv1.3"), "{text}");
        let tls12 = s_client(shared(Variant::Tls12Only).unwrap(), &[]);
        assert!(tls12.contains("Protocol  : TLSv1.2"), "{tls12}");
        let tls13 = s_client(shared(Variant::Tls13Only).unwrap(), &["-tls1_2"]);
        assert!(tls13.contains("alert protocol version"), "{tls13}");
        let old = s_client(
            shared(Variant::Tls10Allowed).unwrap(),
            &["-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"],
        );
        assert!(old.contains("Protocol  : TLSv1\n"), "{old}");
        let expired = s_client(shared(Variant::Expired).unwrap(), &[]);
        assert!(expired.contains("certificate has expired"), "{expired}");
        let own = s_client(shared(Variant::SelfSigned).unwrap(), &[]);
        assert!(own.contains("self-signed certificate"), "{own}");
        let weak = s_client(
            shared(Variant::Rsa1024).unwrap(),
            &["-cipher", "DEFAULT:@SECLEVEL=0"],
        );
        assert!(weak.contains("Server public key is 1024 bit"), "{weak}");
        let ec = s_client(shared(Variant::Ecdsa).unwrap(), &[]);
        assert!(ec.contains("Server public key is 256 bit"), "{ec}");
        let rsa_kx = s_client(shared(Variant::NoForwardSecrecy).unwrap(), &[]);
        assert!(rsa_kx.contains("Cipher is AES"), "{rsa_kx}");
        let missing = s_client(shared(Variant::MissingIntermediate).unwrap(), &[]);
        assert!(missing.contains("unable to get local issuer"), "{missing}");
        // The same variant is one shared server.
        assert_eq!(shared(Variant::Good).unwrap().port, good.port);
    }

    #[test]
    fn an_owned_server_is_gone_when_dropped() {
        let Some(server) = SServer::start(Variant::Tls12Only) else {
            return;
        };
        let port = server.port;
        assert!(wait_for_port(port, Duration::from_secs(5)));
        drop(server);
        let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        assert!(TcpStream::connect_timeout(&address, Duration::from_secs(1)).is_err());
    }
}
