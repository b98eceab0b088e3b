//! Test-CertificateEndpoint's IMAP (`STARTTLS`, RFC 3501 §6.2.1) and POP3 (`STLS`, RFC 2595
//! §4) dialogs, against small loopback servers of our own that follow those RFCs with real TLS
//! (rustls, the test PKI's leaf) — no IMAP/POP3 server is installed in CI. Dovecot-like
//! greetings; one server of each offers the upgrade, one does not; plus implicit TLS (993/995
//! style).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::servers::hostile::{read_line, tls_config};
use crate::servers::s_server::{self, Variant};

use super::{probe_one, quoted};

/// The kinds of small mail-access servers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// IMAP, STARTTLS in the greeting's capabilities.
    ImapStartTls,
    /// IMAP with a bare greeting; CAPABILITY does not list STARTTLS.
    ImapPlain,
    /// POP3, CAPA lists STLS.
    Pop3Stls,
    /// POP3, CAPA without STLS.
    Pop3Plain,
    /// TLS first, then the IMAP greeting inside it.
    Imaps,
}

const IMAP_CAPABILITIES: &str = "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+";

/// Start a server of `kind` on a free port (its threads live for the test process); the port.
fn start(kind: Kind) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let _ = serve(stream, kind);
            });
        }
    });
    port
}

/// The port of the shared server of `kind`.
fn shared(kind: Kind) -> u16 {
    static PORTS: OnceLock<[u16; 5]> = OnceLock::new();
    let ports = PORTS.get_or_init(|| {
        [
            Kind::ImapStartTls,
            Kind::ImapPlain,
            Kind::Pop3Stls,
            Kind::Pop3Plain,
            Kind::Imaps,
        ]
        .map(start)
    });
    ports[kind as usize]
}

fn serve(stream: TcpStream, kind: Kind) -> std::io::Result<()> {
    let started = Instant::now();
    let alive = move || started.elapsed() < Duration::from_secs(30);
    stream.set_read_timeout(Some(Duration::from_secs(1)))?;
    stream.set_write_timeout(Some(Duration::from_secs(5)))?;
    let mut plain = stream.try_clone()?;
    if kind == Kind::Imaps {
        let mut tls = upgrade(&stream)?;
        return imap(&mut tls, false, true, &alive).map(|_| ());
    }
    match kind {
        Kind::ImapStartTls | Kind::ImapPlain => {
            let offer = kind == Kind::ImapStartTls;
            if imap(&mut plain, offer, offer, &alive)? {
                let mut tls = upgrade(&stream)?;
                imap(&mut tls, false, false, &alive)?;
            }
        }
        Kind::Pop3Stls | Kind::Pop3Plain => {
            if pop3(&mut plain, kind == Kind::Pop3Stls, &alive)? {
                let mut tls = upgrade(&stream)?;
                pop3(&mut tls, false, &alive)?;
            }
        }
        Kind::Imaps => {}
    }
    Ok(())
}

/// A TLS server session on `stream` (the handshake runs on first read).
fn upgrade(
    stream: &TcpStream,
) -> std::io::Result<rustls::StreamOwned<rustls::ServerConnection, TcpStream>> {
    let config = tls_config().ok_or_else(|| std::io::Error::other("no test PKI"))?;
    let connection = rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
    Ok(rustls::StreamOwned::new(connection, stream.try_clone()?))
}

/// An IMAP session up to STARTTLS (true: upgrade now) or LOGOUT/close (false). `offer`:
/// STARTTLS is a capability; `greet_with_capabilities`: the greeting lists them (Dovecot).
fn imap(
    stream: &mut (impl Read + Write),
    offer: bool,
    greet_with_capabilities: bool,
    alive: &impl Fn() -> bool,
) -> std::io::Result<bool> {
    let capabilities = if offer {
        format!("{IMAP_CAPABILITIES} STARTTLS LOGINDISABLED")
    } else {
        IMAP_CAPABILITIES.to_string()
    };
    let greeting = if greet_with_capabilities {
        format!("* OK [CAPABILITY {capabilities}] Dovecot ready.\r\n")
    } else {
        "* OK IMAP4rev1 server ready\r\n".to_string()
    };
    send(stream, greeting.as_bytes())?;
    let mut pending = Vec::new();
    while let Some(line) = read_line(stream, &mut pending, alive)? {
        let mut words = line.split_whitespace();
        let tag = words.next().unwrap_or("*").to_string();
        let command = words.next().unwrap_or_default().to_ascii_uppercase();
        match command.as_str() {
            "CAPABILITY" => send(
                stream,
                format!("* CAPABILITY {capabilities}\r\n{tag} OK Capability completed.\r\n")
                    .as_bytes(),
            )?,
            "STARTTLS" if offer => {
                send(
                    stream,
                    format!("{tag} OK Begin TLS negotiation now.\r\n").as_bytes(),
                )?;
                return Ok(true);
            }
            "LOGOUT" => {
                send(
                    stream,
                    format!("* BYE Logging out\r\n{tag} OK Logout completed.\r\n").as_bytes(),
                )?;
                return Ok(false);
            }
            "NOOP" => send(stream, format!("{tag} OK NOOP completed.\r\n").as_bytes())?,
            _ => send(
                stream,
                format!("{tag} BAD Error in IMAP command received by server.\r\n").as_bytes(),
            )?,
        }
    }
    Ok(false)
}

/// A POP3 session up to STLS (true: upgrade now) or QUIT/close (false).
fn pop3(
    stream: &mut (impl Read + Write),
    offer: bool,
    alive: &impl Fn() -> bool,
) -> std::io::Result<bool> {
    send(stream, b"+OK Dovecot ready.\r\n")?;
    let mut pending = Vec::new();
    while let Some(line) = read_line(stream, &mut pending, alive)? {
        let command = line.trim().to_ascii_uppercase();
        match command.as_str() {
            "CAPA" => {
                let stls = if offer { "STLS\r\n" } else { "" };
                let reply =
                    format!("+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\n{stls}USER\r\n.\r\n");
                send(stream, reply.as_bytes())?;
            }
            "STLS" if offer => {
                send(stream, b"+OK Begin TLS negotiation now.\r\n")?;
                return Ok(true);
            }
            "QUIT" => {
                send(stream, b"+OK Logging out.\r\n")?;
                return Ok(false);
            }
            _ => send(stream, b"-ERR Unknown command.\r\n")?,
        }
    }
    Ok(false)
}

fn send(stream: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    stream.write_all(bytes)?;
    stream.flush()
}

#[test]
fn imap_and_pop3_upgrades_are_probed() {
    let Some(good) = s_server::shared(Variant::Good) else {
        return;
    };
    let root = quoted(&good.leaf.root);
    for (kind, protocol) in [
        (Kind::ImapStartTls, "Imap"),
        (Kind::Pop3Stls, "Pop3"),
        (Kind::Imaps, "Imaps"),
    ] {
        let report = probe_one(&format!(
            "127.0.0.1:{} -Protocol {protocol} -TrustStore {root} -TimeoutSeconds 5",
            shared(kind)
        ));
        report.assert_codes(&[], &format!("{kind:?}"));
        assert_eq!(report.text("Protocol"), protocol);
        assert_eq!(report.text("TlsVersion"), "TLS 1.3", "{report}");
        assert_eq!(report.flag("ChainTrusted"), Some(true), "{report}");
        let offered = (kind != Kind::Imaps).then_some(true);
        assert_eq!(
            report.flag("StartTlsOffered"),
            offered,
            "{kind:?}: {report}"
        );
    }
}

#[test]
fn imap_and_pop3_without_the_upgrade_give_start_tls_not_offered() {
    let Some(good) = s_server::shared(Variant::Good) else {
        return;
    };
    let root = quoted(&good.leaf.root);
    for (kind, protocol) in [(Kind::ImapPlain, "Imap"), (Kind::Pop3Plain, "Pop3")] {
        let report = probe_one(&format!(
            "127.0.0.1:{} -Protocol {protocol} -TrustStore {root} -TimeoutSeconds 5",
            shared(kind)
        ));
        report.assert_codes(&["StartTlsNotOffered"], &format!("{kind:?}"));
        assert_eq!(report.flag("StartTlsOffered"), Some(false), "{report}");
        assert!(!report.passed());
    }
}

#[test]
fn the_small_servers_satisfy_openssl_s_client() {
    let Some(good) = s_server::shared(Variant::Good) else {
        return;
    };
    for (kind, starttls) in [(Kind::ImapStartTls, "imap"), (Kind::Pop3Stls, "pop3")] {
        let reference =
            super::s_client::negotiate(shared(kind), &good.leaf.root, Some(starttls), &[]);
        assert_eq!(reference.version, "TLS 1.3", "{kind:?}");
    }
}
