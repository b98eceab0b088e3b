//! L1 — the rustls side of a probe: one shared client configuration (ring provider, TLS 1.3
//! and 1.2, no resumption) whose verifier accepts any chain so the handshake completes and
//! the chain can be judged separately; the handshake signature is still checked and recorded.

use std::io::{self, Read, Write};
use std::sync::{Arc, Mutex};

use rustls::client::Resumption;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme, StreamOwned};

use super::finding::{Code, Finding};
use super::net::{Step, io_failure};

/// What the handshake negotiated and the chain the server sent.
#[derive(Debug, Clone)]
pub struct Negotiated {
    /// `TLS 1.3` or `TLS 1.2`.
    pub version: String,
    /// The IANA name (`TLS_AES_256_GCM_SHA384`, `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`).
    pub cipher_suite: String,
    /// The key-exchange group (`X25519`, `secp256r1`).
    pub key_exchange: Option<String>,
    pub forward_secrecy: bool,
    /// The certificates as sent, leaf first.
    pub chain: Vec<CertificateDer<'static>>,
    /// Why the server's handshake signature did not verify, when it did not.
    pub signature_error: Option<String>,
}

/// The client side shared by every probe of a run (build it once).
#[derive(Debug, Clone)]
pub struct TlsClient {
    base: Arc<ClientConfig>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl TlsClient {
    /// The configuration: ring, TLS 1.3 and 1.2, every suite ring offers, no resumption.
    pub fn new() -> Result<TlsClient, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let algorithms = provider.signature_verification_algorithms;
        let verifier = Arc::new(Recorder::new(algorithms));
        let mut config = ClientConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
            .map_err(|e| format!("The TLS client could not be configured: {e}"))?
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth();
        config.resumption = Resumption::disabled();
        Ok(TlsClient {
            base: Arc::new(config),
            algorithms,
        })
    }

    /// The crypto provider's signature algorithms (for chain verification).
    pub fn algorithms(&self) -> WebPkiSupportedAlgorithms {
        self.algorithms
    }

    /// Run the handshake on `stream` for `host` (SNI when it is a DNS name).
    pub fn handshake<S: Read + Write>(
        &self,
        stream: S,
        host: &str,
    ) -> Step<(Negotiated, StreamOwned<ClientConnection, S>)> {
        let recorder = Arc::new(Recorder::new(self.algorithms));
        let mut config = (*self.base).clone();
        config
            .dangerous()
            .set_certificate_verifier(recorder.clone());
        let name = server_name(host);
        let connection = ClientConnection::new(Arc::new(config), name).map_err(|e| {
            Finding::new(
                Code::HandshakeFailed,
                format!("The TLS client could not start: {e}"),
            )
        })?;
        let mut tls = StreamOwned::new(connection, stream);
        while tls.conn.is_handshaking() {
            if let Err(error) = tls.conn.complete_io(&mut tls.sock) {
                return Err(handshake_failure(&error));
            }
        }
        let conn = &tls.conn;
        let version = match conn.protocol_version() {
            Some(rustls::ProtocolVersion::TLSv1_3) => "TLS 1.3".to_string(),
            Some(rustls::ProtocolVersion::TLSv1_2) => "TLS 1.2".to_string(),
            Some(other) => format!("{other:?}"),
            None => String::new(),
        };
        let cipher_suite = conn
            .negotiated_cipher_suite()
            .map(|s| iana_suite_name(s.suite()))
            .unwrap_or_default();
        let key_exchange = conn
            .negotiated_key_exchange_group()
            .map(|g| format!("{:?}", g.name()));
        let forward_secrecy = has_forward_secrecy(&version, &cipher_suite);
        let chain = conn
            .peer_certificates()
            .map(|c| c.iter().map(|d| d.clone().into_owned()).collect())
            .unwrap_or_default();
        let signature_error = recorder.signature_error();
        Ok((
            Negotiated {
                version,
                cipher_suite,
                key_exchange,
                forward_secrecy,
                chain,
                signature_error,
            },
            tls,
        ))
    }
}

/// SNI for a DNS name; an IP address (or a name rustls cannot send) goes without.
fn server_name(host: &str) -> ServerName<'static> {
    ServerName::try_from(host.to_string())
        .unwrap_or_else(|_| ServerName::IpAddress(std::net::Ipv4Addr::UNSPECIFIED.into()))
}

/// The finding a failed `complete_io` gives: TLS errors are HandshakeFailed, I/O errors
/// (timeouts, resets) keep their own codes.
fn handshake_failure(error: &io::Error) -> Finding {
    let tls = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>());
    match tls {
        Some(rustls::Error::AlertReceived(alert)) => Finding::new(
            Code::HandshakeFailed,
            format!("The server refused the TLS handshake with the alert {alert:?}."),
        ),
        Some(rustls::Error::InvalidMessage(_))
        | Some(rustls::Error::InappropriateMessage { .. }) => Finding::new(
            Code::HandshakeFailed,
            format!("The server did not answer with TLS ({}).", error),
        ),
        Some(other) => Finding::new(
            Code::HandshakeFailed,
            format!("The TLS handshake failed: {other}."),
        ),
        None if error.kind() == io::ErrorKind::UnexpectedEof => Finding::new(
            Code::ConnectionFailed,
            "The server closed the connection during the TLS handshake, without a TLS alert.",
        ),
        None => io_failure(error, "during the TLS handshake"),
    }
}

/// TLS 1.3 always has it; TLS 1.2 with an (EC)DHE suite.
fn has_forward_secrecy(version: &str, suite: &str) -> bool {
    version == "TLS 1.3" || suite.contains("_DHE_") || suite.contains("_ECDHE_")
}

/// The IANA name of a suite (rustls spells TLS 1.3 ones `TLS13_…`).
pub fn iana_suite_name(suite: rustls::CipherSuite) -> String {
    let debug = format!("{suite:?}");
    match debug.strip_prefix("TLS13_") {
        Some(rest) => format!("TLS_{rest}"),
        None => debug,
    }
}

/// Accepts every chain (it is judged after the handshake) and records whether the server's
/// handshake signature verifies with the leaf's key.
#[derive(Debug)]
struct Recorder {
    algorithms: WebPkiSupportedAlgorithms,
    signature_error: Mutex<Option<String>>,
}

impl Recorder {
    fn new(algorithms: WebPkiSupportedAlgorithms) -> Recorder {
        Recorder {
            algorithms,
            signature_error: Mutex::new(None),
        }
    }

    fn record(
        &self,
        result: Result<HandshakeSignatureValid, rustls::Error>,
    ) -> HandshakeSignatureValid {
        if let Err(error) = result
            && let Ok(mut slot) = self.signature_error.lock()
        {
            *slot = Some(error.to_string());
        }
        HandshakeSignatureValid::assertion()
    }

    fn signature_error(&self) -> Option<String> {
        self.signature_error.lock().ok().and_then(|s| s.clone())
    }
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(self.record(rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.algorithms,
        )))
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(self.record(rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.algorithms,
        )))
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suite_names_are_iana() {
        assert_eq!(
            iana_suite_name(rustls::CipherSuite::TLS13_AES_256_GCM_SHA384),
            "TLS_AES_256_GCM_SHA384"
        );
        assert_eq!(
            iana_suite_name(rustls::CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
        );
        assert!(has_forward_secrecy("TLS 1.3", "TLS_AES_128_GCM_SHA256"));
        assert!(!has_forward_secrecy(
            "TLS 1.2",
            "TLS_RSA_WITH_AES_128_GCM_SHA256"
        ));
    }

    #[test]
    fn the_client_configuration_builds() {
        assert!(TlsClient::new().is_ok());
    }
}
