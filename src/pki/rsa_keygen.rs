//! L1 — RSA key generation, which ring (mailsec's crypto library) does not offer: the
//! system's `openssl genpkey` makes the key and hands it over a pipe as PKCS#8 PEM (never
//! through a file); ring then signs with it. A missing or failing openssl is an error that
//! says what to do.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The RSA key sizes accepted: ring signs with 2048 to 8192 bits.
pub const MIN_BITS: u32 = 2048;
pub const MAX_BITS: u32 = 8192;

/// How long key generation may take (an 8192-bit key takes seconds; nothing waits forever).
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// A new RSA private key of `bits` bits, as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
pub fn generate(bits: u32) -> Result<String, String> {
    if !(MIN_BITS..=MAX_BITS).contains(&bits) || !bits.is_multiple_of(8) {
        return Err(format!(
            "RSA keys of {bits} bits cannot be made: give -KeyLength from {MIN_BITS} to {MAX_BITS} (a multiple of 8; 2048 is Windows' default)."
        ));
    }
    let mut child = Command::new("openssl")
        .args(["genpkey", "-algorithm", "RSA", "-pkeyopt"])
        .arg(format!("rsa_keygen_bits:{bits}"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!(
                "RSA keys are made by the system's openssl, which cannot run ({e}): install it (apt-get install openssl), or use -KeyAlgorithm ECDSA_nistP256."
            )
        })?;
    let reader = drain(child.stdout.take());
    let errors = drain(child.stderr.take());
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "openssl did not make the RSA key within {} s.",
                    TIME_LIMIT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("openssl failed: {e}")),
        }
    };
    let pem = reader.join().unwrap_or_default();
    if !status.success() || !pem.starts_with("-----BEGIN PRIVATE KEY-----") {
        let detail = errors.join().unwrap_or_default();
        return Err(format!(
            "openssl could not make an RSA key ({status}): {}",
            detail.lines().next().unwrap_or("no message")
        ));
    }
    Ok(pem)
}

/// Read a child's pipe to the end on its own thread (so neither pipe can fill and block it).
fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_string(&mut text);
        }
        text
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sizes_outside_what_ring_signs_with_are_refused_before_running_anything() {
        for bits in [1024, 2047, 16384] {
            let message = generate(bits).unwrap_err();
            assert!(message.contains("from 2048 to 8192"), "{message}");
        }
    }

    #[test]
    fn a_2048_bit_key_is_pkcs8_pem_when_openssl_is_here() {
        if Command::new("openssl").arg("version").output().is_err() {
            eprintln!("SKIP: no openssl");
            return;
        }
        let pem = generate(2048).unwrap();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"), "{pem}");
        let key = rcgen::KeyPair::from_pem(&pem).unwrap();
        assert_eq!(key.algorithm(), &rcgen::PKCS_RSA_SHA256);
    }
}
