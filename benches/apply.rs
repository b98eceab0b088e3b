//! Idempotent apply at scale, whole process: a store with 10,000 connectors (5,000 inbound,
//! 5,000 outbound) and 10,000 certificates in Cert:\LocalMachine\CA, then the release binary's
//! `mailsec export` and `mailsec plan` of that export (a no-op plan that still compares every
//! object), beside the process start-up floor (`mailsec -c 1+1`). Prints medians; then, once,
//! the first apply of that export to an empty store (20,000 creates).
//! Run by hand: `cargo bench --bench apply` (`MAILSEC_BENCH_KEEP=1` keeps the files).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use mailsec::model::cert_store::StoredCertificate;
use mailsec::model::object::set_parameters;
use mailsec::model::{InboundConnector, OrgState, OutboundConnector};
use mailsec::pki::Certificate;
use mailsec::store::{ConfigStore, YamlStore};
use mailsec::value::Value;

const CONNECTORS: usize = 10_000;
const CERTIFICATES: usize = 10_000;
const RUNS: usize = 7;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:8.1} ms", d.as_secs_f64() * 1000.0)
}

fn measure(label: &str, mut run: impl FnMut() -> bool) {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        if !run() {
            println!("{label:<52} failed");
            return;
        }
        times.push(start.elapsed());
    }
    let min = times.iter().min().copied().unwrap_or_default();
    let max = times.iter().max().copied().unwrap_or_default();
    println!(
        "{label:<52} median {}   (min {}, max {})",
        ms(median(times)),
        ms(min),
        ms(max)
    );
}

fn strings(items: &[String]) -> Value {
    Value::array(items.iter().map(|s| Value::str(s.as_str())).collect())
}

/// The synthetic organization.
fn big_state() -> Option<OrgState> {
    let mut state = OrgState::default();
    for i in 0..CONNECTORS / 2 {
        let domains = strings(&[
            format!("partner{i}.example"),
            format!("*.partner{i}.example"),
        ]);
        let mut inbound = InboundConnector::new(&format!("From partner {i:05}"));
        let certificate_name = Value::str(format!("*.partner{i}.example"));
        let ips = strings(&[format!("198.51.{}.0/24", i % 256)]);
        set_parameters(
            &mut inbound,
            [
                ("SenderDomains", &domains),
                ("TlsSenderCertificateName", &certificate_name),
                ("RestrictDomainsToCertificate", &Value::Bool(true)),
                ("SenderIPAddresses", &ips),
            ],
        )
        .ok()?;
        state.inbound_connectors.push(inbound);
        let mut outbound = OutboundConnector::new(&format!("To partner {i:05}"));
        let tls = Value::str("DomainValidation");
        set_parameters(
            &mut outbound,
            [
                ("RecipientDomains", &domains),
                ("TlsSettings", &tls),
                ("TlsDomain", &certificate_name),
                ("UseMXRecord", &Value::Bool(true)),
            ],
        )
        .ok()?;
        state.outbound_connectors.push(outbound);
    }
    let key = rcgen::KeyPair::generate().ok()?;
    for i in 0..CERTIFICATES {
        let mut params = rcgen::CertificateParams::new(vec![format!("ca{i}.example")]).ok()?;
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, format!("Bench CA {i:05}"));
        let der = params.self_signed(&key).ok()?.der().to_vec();
        let certificate = Certificate::from_der(der).ok()?;
        state
            .certificates
            .push(StoredCertificate::new("LocalMachine", "CA", &certificate));
    }
    Some(state)
}

fn mailsec(state: &Path, args: &[&str], stdout: Option<&Path>) -> bool {
    let output = Command::new(env!("CARGO_BIN_EXE_mailsec"))
        .arg("--state")
        .arg(state)
        .args(args)
        .env_remove("MAILSEC_STATE")
        .output();
    match output {
        Ok(out) => {
            if let Some(path) = stdout
                && std::fs::write(path, &out.stdout).is_err()
            {
                return false;
            }
            let code = out.status.code().unwrap_or(-1);
            if code != 0 {
                println!(
                    "  mailsec {args:?}: exit {code}: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
            }
            code == 0
        }
        Err(error) => {
            println!("  cannot run mailsec: {error}");
            false
        }
    }
}

fn main() {
    let dir = std::env::temp_dir().join(format!("mailsec-bench-apply-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let state_path = dir.join("state.yaml");
    let doc = dir.join("export.yaml");
    let Some(state) = big_state() else {
        println!("cannot build the synthetic state; skipped");
        return;
    };
    let Ok(store) = YamlStore::open(&state_path) else {
        println!("cannot open the state file; skipped");
        return;
    };
    let mut state = Some(state);
    if store
        .update(&mut |current| {
            if let Some(big) = state.take() {
                *current = big;
            }
            Ok(true)
        })
        .is_err()
    {
        println!("cannot write the state file; skipped");
        return;
    }
    if !mailsec(&state_path, &["export"], Some(&doc)) {
        return;
    }
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    println!(
        "{CONNECTORS} connectors + {CERTIFICATES} certificates: state {:.1} MB, exported document {:.1} MB",
        size(&state_path),
        size(&doc)
    );
    measure("process: mailsec -c 1+1 (start-up floor)", || {
        mailsec(&state_path, &["-c", "1+1"], None)
    });
    let out = dir.join("again.yaml");
    measure("process: mailsec export (20,000 objects)", || {
        mailsec(&state_path, &["export"], Some(&out))
    });
    let doc_arg = doc.display().to_string();
    measure("process: mailsec plan of the export (no-op)", || {
        mailsec(&state_path, &["plan", &doc_arg], None)
    });
    // Once (it creates 20,000 objects): the export applied to an empty store.
    let empty = dir.join("empty.yaml");
    let _ = std::fs::remove_file(&empty);
    let start = Instant::now();
    if mailsec(&empty, &["apply", &doc_arg], None) {
        println!(
            "{:<52} once   {}",
            "process: mailsec apply of the export, empty store",
            ms(start.elapsed())
        );
    }
    if std::env::var_os("MAILSEC_BENCH_KEEP").is_some() {
        println!("kept {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
