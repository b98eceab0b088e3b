//! The whole-process certificate benchmark of issue 4: the release binary `mailsec` runs a
//! script that imports a serialized store (`.sst`) of 10,000 DISTINCT certificates into a
//! Cert: store (a fresh state file each run) and exports that store to a new `.sst`; the
//! output is checked to hold the same certificates. Beside it, the same import and export as
//! two separate processes, `openssl` reading the same certificates as PEM (the peer tool), and
//! `mailsec` starting with an empty script (its floor). Prints medians.
//!
//! The certificates are made once with rcgen (one ECDSA key, 10,000 subjects and serials) and
//! cached in `target/bench-certs/`. Run by hand after `cargo build --release`:
//! `cargo bench --bench certs` (add words to run only the rows whose labels contain them).

#[allow(dead_code)]
mod timing;

use std::path::{Path, PathBuf};
use std::time::Duration;

use mailsec::pki::{self, Certificate, Format, sst};
use rcgen::{CertificateParams, DnType, KeyPair, SerialNumber};

const CERTIFICATES: usize = 10_000;
const RUNS: usize = 7;

/// `target/bench-certs/`, created on demand.
fn cache_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-certs");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// 10,000 distinct self-signed certificates (distinct subjects and serials, so distinct
/// thumbprints), as DER.
fn generate(count: usize) -> Vec<Vec<u8>> {
    let key = KeyPair::generate().unwrap_or_else(|e| panic!("key: {e}"));
    (0..count)
        .map(|n| {
            let mut params = CertificateParams::new(vec![format!("host{n}.contoso.example")])
                .unwrap_or_else(|e| panic!("params: {e}"));
            params
                .distinguished_name
                .push(DnType::CommonName, format!("Bench certificate {n}"));
            params
                .distinguished_name
                .push(DnType::OrganizationName, "Contoso");
            params.serial_number = Some(SerialNumber::from((n as u64 + 1).to_be_bytes().to_vec()));
            params
                .self_signed(&key)
                .unwrap_or_else(|e| panic!("certificate {n}: {e}"))
                .der()
                .to_vec()
        })
        .collect()
}

/// The input `.sst` (and a `.pem` of the same certificates), generated once and cached.
fn input_files(dir: &Path) -> (PathBuf, PathBuf, Vec<Certificate>) {
    let sst_path = dir.join(format!("distinct-{CERTIFICATES}.sst"));
    let pem_path = dir.join(format!("distinct-{CERTIFICATES}.pem"));
    if let Ok(bytes) = std::fs::read(&sst_path)
        && let Ok(certificates) = sst::decode(&bytes)
        && certificates.len() == CERTIFICATES
        && pem_path.exists()
    {
        return (sst_path, pem_path, certificates);
    }
    println!(
        "(generating {CERTIFICATES} distinct certificates into {})",
        dir.display()
    );
    let certificates: Vec<Certificate> = generate(CERTIFICATES)
        .into_iter()
        .map(|der| Certificate::from_der(der).unwrap_or_else(|e| panic!("parse: {e}")))
        .collect();
    let write = |path: &Path, format: Format| {
        let bytes = pki::encode(format, &certificates).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    };
    write(&sst_path, Format::Sst);
    write(&pem_path, Format::Pem);
    (sst_path, pem_path, certificates)
}

/// The release binary, or a message saying how to build it.
fn mailsec_binary() -> Option<PathBuf> {
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/mailsec");
    if binary.exists() {
        Some(binary)
    } else {
        println!(
            "(no {}: run `cargo build --release` first)",
            binary.display()
        );
        None
    }
}

/// The CPU time (user + system) of the children this process has waited for, from
/// `/proc/self/stat` (clock ticks of 10 ms); zero where there is no /proc.
fn children_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at field 3.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<u64> = rest
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    // cutime and cstime are fields 16 and 17 (1-based), i.e. 13 and 14 after the name.
    let ticks = fields.get(13).copied().unwrap_or(0) + fields.get(14).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

/// Medians of `RUNS` runs of `run` (after one warm-up), each after `prepare`: wall time and
/// the CPU time the runs' processes used (steady when other work shares the machine).
fn median_of(mut prepare: impl FnMut(), mut run: impl FnMut() -> Duration) -> (Duration, Duration) {
    prepare();
    run();
    let mut walls = Vec::with_capacity(RUNS);
    let mut cpus = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        prepare();
        let before = children_cpu();
        walls.push(run());
        cpus.push(children_cpu().saturating_sub(before));
    }
    walls.sort();
    cpus.sort();
    (walls[RUNS / 2], cpus[RUNS / 2])
}

fn row(filter: &[String], label: &str, time: impl FnOnce() -> Option<(Duration, Duration)>) {
    if !filter.is_empty() && !filter.iter().any(|word| label.contains(word.as_str())) {
        return;
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    match time() {
        Some((wall, cpu)) => println!(
            "  {label:<58} {:>9.2} ms wall {:>7.0} ms CPU",
            ms(wall),
            ms(cpu)
        ),
        None => println!("  {label:<58} (not run)"),
    }
}

/// Time `mailsec --state STATE -c SCRIPT`, panicking on a failed run (a failed run's time
/// means nothing).
fn time_mailsec(binary: &Path, state: &Path, script: &str) -> Duration {
    let state = state.display().to_string();
    let (time, output) = timing::time_once(
        &binary.display().to_string(),
        &["--state", &state, "-c", script],
    )
    .unwrap_or_else(|| panic!("cannot start {}", binary.display()));
    if !output.status.success() || !output.stderr.is_empty() {
        panic!(
            "mailsec failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    time
}

/// Remove the state file, its lock and its key directory (a fresh state for each run).
fn clear_state(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let dir = cache_dir();
    let (sst_in, pem_in, certificates) = input_files(&dir);
    let sst_out = dir.join("exported.sst");
    let state_dir = dir.join("state");
    let state = state_dir.join("state.yaml");
    println!(
        "certs: {CERTIFICATES} distinct certificates, SST {} KiB; whole process, median of {RUNS} runs",
        std::fs::metadata(&sst_in)
            .map(|m| m.len() / 1024)
            .unwrap_or(0)
    );
    let Some(binary) = mailsec_binary() else {
        return;
    };
    let import = format!(
        "$null = Import-Certificate -FilePath '{}' -CertStoreLocation Cert:\\CurrentUser\\CA",
        sst_in.display()
    );
    let export = format!(
        "$null = Get-ChildItem Cert:\\CurrentUser\\CA | Export-Certificate -FilePath '{}' -Type SST -Force",
        sst_out.display()
    );
    row(
        &filter,
        "mailsec: import + export an SST, one process",
        || {
            let both = format!("{import}; {export}");
            Some(median_of(
                || clear_state(&state_dir),
                || time_mailsec(&binary, &state, &both),
            ))
        },
    );
    let exported = std::fs::read(&sst_out)
        .ok()
        .and_then(|bytes| sst::decode(&bytes).ok())
        .unwrap_or_default();
    let same = exported.len() == certificates.len()
        && exported
            .iter()
            .zip(&certificates)
            .all(|(a, b)| a.raw_data() == b.raw_data());
    println!(
        "  exported SST: {} certificates, {}",
        exported.len(),
        if same {
            "the same, in the same order"
        } else {
            "DIFFERENT from the input"
        }
    );
    row(&filter, "mailsec: import an SST into a fresh state", || {
        Some(median_of(
            || clear_state(&state_dir),
            || time_mailsec(&binary, &state, &import),
        ))
    });
    row(
        &filter,
        "mailsec: export a 10,000-certificate store",
        || {
            clear_state(&state_dir);
            time_mailsec(&binary, &state, &import);
            Some(median_of(|| {}, || time_mailsec(&binary, &state, &export)))
        },
    );
    row(&filter, "mailsec: empty script (start-up floor)", || {
        Some(median_of(|| {}, || time_mailsec(&binary, &state, "$null")))
    });
    row(
        &filter,
        "openssl crl2pkcs7 -nocrl: PEM chain to DER PKCS#7 (peer)",
        || {
            let pem = pem_in.display().to_string();
            let out = dir.join("peer.p7b").display().to_string();
            let args = [
                "crl2pkcs7",
                "-nocrl",
                "-certfile",
                &pem,
                "-outform",
                "DER",
                "-out",
                &out,
            ];
            let mut ok = true;
            let times = median_of(
                || {},
                || match timing::time_once("openssl", &args) {
                    Some((time, output)) if output.status.success() => time,
                    _ => {
                        ok = false;
                        Duration::ZERO
                    }
                },
            );
            ok.then_some(times)
        },
    );
}
