//! The certificate codecs at scale: a serialized store (`.sst`) of 10,000 certificates — the 71
//! of the Windows fixture (or the 4 of the Contoso test chain when the fixture is absent)
//! repeated, each with its own friendly name — decoded and encoded again, beside the same
//! certificates as P7B and PEM, and their conversion to shell objects. Prints medians.
//! Run by hand: `cargo bench --bench pki` (add words to run only the measurements whose labels
//! contain them: `cargo bench --bench pki -- sst`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use mailsec::pki::{self, Certificate, Format, sst};

const CERTIFICATES: usize = 10_000;
const RUNS: usize = 7;
const CONTOSO_CHAIN: &str = include_str!("../src/pki/testdata/contoso-chain.pem");

/// The distinct certificates to repeat.
fn source_certificates() -> Vec<Certificate> {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/windows/disallowedcert.sst");
    match std::fs::read(&fixture) {
        Ok(bytes) => sst::decode(&bytes).unwrap_or_else(|e| panic!("fixture: {e}")),
        Err(_) => {
            println!(
                "(fixture {} absent: using the Contoso test chain)",
                fixture.display()
            );
            pki::decode_any(CONTOSO_CHAIN.as_bytes()).unwrap_or_else(|e| panic!("chain: {e}"))
        }
    }
}

/// 10,000 entries cycling through the sources, each named `Certificate N`.
fn store_entries(sources: &[Certificate]) -> Vec<Certificate> {
    (0..CERTIFICATES)
        .map(|n| {
            let mut certificate = sources[n % sources.len()].clone();
            certificate.set_friendly_name(&format!("Certificate {n}"));
            certificate
        })
        .collect()
}

/// The median wall time of `RUNS` runs of `work`.
fn median(mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn report(filter: &[String], label: &str, work: impl FnMut()) {
    if !filter.is_empty() && !filter.iter().any(|word| label.contains(word.as_str())) {
        return;
    }
    let time = median(work);
    println!("  {label:<44} {:>9.2} ms", time.as_secs_f64() * 1000.0);
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let entries = store_entries(&source_certificates());
    let sst_bytes = sst::encode(&entries).unwrap_or_else(|e| panic!("{e}"));
    let p7b_bytes = pki::encode(Format::Pkcs7, &entries).unwrap_or_else(|e| panic!("{e}"));
    let pem_bytes = pki::encode(Format::Pem, &entries).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "pki: {CERTIFICATES} certificates; SST {} KiB, P7B {} KiB, PEM {} KiB; median of {RUNS} runs",
        sst_bytes.len() / 1024,
        p7b_bytes.len() / 1024,
        pem_bytes.len() / 1024
    );
    report(&filter, "sst decode", || {
        black_box(sst::decode(black_box(&sst_bytes)).map(|c| c.len()).ok());
    });
    report(&filter, "sst encode", || {
        black_box(sst::encode(black_box(&entries)).map(|b| b.len()).ok());
    });
    report(&filter, "sst decode + encode (import and export)", || {
        let read = sst::decode(black_box(&sst_bytes)).unwrap_or_default();
        black_box(sst::encode(&read).map(|b| b.len()).ok());
    });
    report(&filter, "p7b decode", || {
        black_box(pki::decode_any(black_box(&p7b_bytes)).map(|c| c.len()).ok());
    });
    report(&filter, "p7b encode", || {
        black_box(
            pki::encode(Format::Pkcs7, black_box(&entries))
                .map(|b| b.len())
                .ok(),
        );
    });
    report(&filter, "pem decode", || {
        black_box(pki::decode_any(black_box(&pem_bytes)).map(|c| c.len()).ok());
    });
    report(&filter, "pem encode", || {
        black_box(
            pki::encode(Format::Pem, black_box(&entries))
                .map(|b| b.len())
                .ok(),
        );
    });
    report(
        &filter,
        "to_value (shell objects, RawData as Byte[])",
        || {
            let values: Vec<_> = entries
                .iter()
                .map(|c| c.to_value(Some("Cert:\\CurrentUser\\CA")))
                .collect();
            black_box(values.len());
        },
    );
}
