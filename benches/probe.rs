//! Test-CertificateEndpoint speed: the release `mailsec` probing 1 and 500 loopback TLS
//! endpoints (500 `openssl s_server` processes, RSA-2048 leaf from a root made here), beside
//! `openssl s_client` (one endpoint), `sslyze` and `testssl.sh` on the same servers, and the
//! handshake floor measured with `openssl s_time`. Prints medians.
//! Run by hand: `cargo bench --bench probe` (add words to run only the measurements whose
//! labels contain them: `cargo bench --bench probe -- mailsec`). Needs openssl; sslyze and
//! testssl are skipped when absent.

// Shared by several benches; this one does not use every helper.
#[allow(dead_code)]
mod timing;

// The test fixtures, shared with the test binary (where unwrap is a test's failure); this
// bench uses only the openssl argument lists.
#[allow(dead_code, clippy::unwrap_used)]
#[path = "../tests/support.rs"]
mod support;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::{request_args, self_signed_args};
use timing::{millis, percentile, time_runs};

/// How many servers the many-endpoint runs probe.
const ENDPOINTS: usize = 500;

/// A scratch directory with a root CA and an RSA-2048 leaf for 127.0.0.1 (removed on drop).
struct Pki {
    dir: PathBuf,
}

impl Pki {
    fn create() -> Pki {
        let dir = std::env::temp_dir().join(format!("mailsec-bench-probe-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let openssl = |args: &[&str]| {
            let status = Command::new("openssl")
                .args(args)
                .current_dir(&dir)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            assert!(
                status.is_ok_and(|s| s.success()),
                "openssl {} failed (is openssl installed?)",
                args.join(" ")
            );
        };
        let mut root = self_signed_args(("ca.key", "ca.pem"), "/CN=Mailsec Bench Root", "30");
        root.extend([
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign",
        ]);
        openssl(&root);
        openssl(&request_args(("leaf.key", "leaf.csr"), "/CN=localhost"));
        std::fs::write(
            dir.join("leaf.ext"),
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        openssl(&[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "30",
            "-extfile",
            "leaf.ext",
            "-out",
            "leaf.pem",
        ]);
        Pki { dir }
    }

    fn file(&self, name: &str) -> String {
        self.dir.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for Pki {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `count` `openssl s_server` processes on 127.0.0.1 (stdin a pipe we hold, so they never
/// see end of file); killed on drop.
struct Servers {
    ports: Vec<u16>,
    children: Vec<Child>,
}

impl Servers {
    fn start(pki: &Pki, count: usize) -> Servers {
        // Reserve the ports all at once, then release them for the servers.
        let listeners: Vec<TcpListener> = (0..count)
            .map(|_| TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}")))
            .collect();
        let ports: Vec<u16> = listeners
            .iter()
            .map(|l| l.local_addr().map(|a| a.port()).unwrap_or(0))
            .collect();
        drop(listeners);
        let mut children = Vec::with_capacity(count);
        for port in &ports {
            let child = Command::new("openssl")
                .args(["s_server", "-quiet", "-accept"])
                .arg(format!("127.0.0.1:{port}"))
                .args([
                    "-cert",
                    &pki.file("leaf.pem"),
                    "-key",
                    &pki.file("leaf.key"),
                ])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("openssl s_server: {e}"));
            children.push(child);
        }
        let servers = Servers { ports, children };
        for port in &servers.ports {
            wait_for_port(*port);
        }
        servers
    }

    fn endpoint(&self, n: usize) -> String {
        format!("127.0.0.1:{}", self.ports[n])
    }

    /// Resident memory of all servers, in MB (from /proc).
    fn resident_mb(&self) -> f64 {
        self.children
            .iter()
            .filter_map(|c| std::fs::read_to_string(format!("/proc/{}/status", c.id())).ok())
            .filter_map(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            })
            .sum::<f64>()
            / 1024.0
    }
}

impl Drop for Servers {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn wait_for_port(port: u16) {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("s_server on {port} did not start");
}

fn wanted(filter: &[String], label: &str) -> bool {
    filter.is_empty() || filter.iter().any(|word| label.contains(word.as_str()))
}

/// Time `program ARGS` `runs` times (one warm-up when `runs > 1`); print the median (and p90)
/// and `note`, and check the output with `check`.
fn row(
    filter: &[String],
    label: &str,
    program: &str,
    args: &[&str],
    runs: usize,
    check: impl Fn(&str) -> Result<(), String>,
) -> Option<Duration> {
    if !wanted(filter, label) {
        return None;
    }
    let warmup = usize::from(runs > 1);
    let Some((times, output)) = time_runs(program, args, warmup, runs) else {
        println!("{label:<46} could not be started ({program})");
        return None;
    };
    let median = percentile(&times, 50);
    println!(
        "{label:<46} median {:>11}   p90 {:>11}   ({runs} run{})",
        millis(median),
        millis(percentile(&times, 90)),
        if runs == 1 { "" } else { "s" }
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    if let Err(problem) = check(&stdout) {
        println!(
            "    WRONG RESULT ({problem}); stderr starts {:?}: its time is not comparable",
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .next()
                .unwrap_or_default()
        );
    }
    Some(median)
}

/// `expected` lines of `True`.
fn all_true(expected: usize) -> impl Fn(&str) -> Result<(), String> {
    move |stdout: &str| {
        let lines: Vec<&str> = stdout.lines().collect();
        if lines.len() == expected && lines.iter().all(|l| *l == "True") {
            Ok(())
        } else {
            Err(format!(
                "{} lines, {} True",
                lines.len(),
                lines.iter().filter(|l| **l == "True").count()
            ))
        }
    }
}

fn contains(needle: &'static str, times: usize) -> impl Fn(&str) -> Result<(), String> {
    move |stdout: &str| {
        let found = stdout.matches(needle).count();
        if found == times {
            Ok(())
        } else {
            Err(format!("{found} × {needle:?}, expected {times}"))
        }
    }
}

/// Handshakes per second of `clients` parallel `openssl s_time -new` runs of `seconds`
/// against as many servers (connections counted by s_time, over the wall time).
fn handshake_rate(servers: &Servers, clients: usize, seconds: u32) -> Option<f64> {
    let started = Instant::now();
    let children: Vec<Child> = (0..clients)
        .filter_map(|n| {
            Command::new("openssl")
                .args(["s_time", "-new", "-connect", &servers.endpoint(n), "-time"])
                .arg(seconds.to_string())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .ok()
        })
        .collect();
    let mut connections = 0u64;
    for child in children {
        let output = child.wait_with_output().ok()?;
        let text = String::from_utf8_lossy(&output.stdout);
        // "1884 connections in 0.90s; 2093.33 connections/user sec, …"
        connections += text
            .lines()
            .find(|l| l.contains("connections in") && l.contains("user sec"))
            .and_then(|l| l.split_whitespace().next()?.parse::<u64>().ok())?;
    }
    Some(connections as f64 / started.elapsed().as_secs_f64())
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let mailsec = env!("CARGO_BIN_EXE_mailsec");
    let pki = Pki::create();
    let started = Instant::now();
    let servers = Servers::start(&pki, ENDPOINTS);
    println!(
        "{ENDPOINTS} openssl s_server (RSA 2048, TLS 1.2+1.3) started in {:.1} s, {:.0} MB resident",
        started.elapsed().as_secs_f64(),
        servers.resident_mb()
    );
    let ca = pki.file("ca.pem");
    let one = servers.endpoint(0);

    println!("\n-- handshake floor (openssl s_time -new, 5 s) --");
    for clients in [1, 2] {
        let label = format!("s_time: {clients} client(s)");
        if !wanted(&filter, &label) && !wanted(&filter, "floor") {
            continue;
        }
        match handshake_rate(&servers, clients, 5) {
            Some(rate) => println!(
                "{label:<46} {rate:>8.0} handshakes/s  → {ENDPOINTS} handshakes ≥ {}",
                millis(Duration::from_secs_f64(ENDPOINTS as f64 / rate))
            ),
            None => println!("{label:<46} could not run"),
        }
    }

    println!("\n-- one endpoint, whole process --");
    let script_one = format!("Test-CertificateEndpoint {one} -TrustStore '{ca}' -Quiet");
    row(
        &filter,
        "mailsec Test-CertificateEndpoint -Quiet",
        mailsec,
        &["-c", &script_one],
        20,
        all_true(1),
    );
    row(
        &filter,
        "openssl s_client -CAfile (handshake only)",
        "openssl",
        &["s_client", "-connect", &one, "-CAfile", &ca, "-brief"],
        20,
        |_| Ok(()),
    );
    let sslyze_args = [
        "--certinfo",
        "--tlsv1",
        "--tlsv1_1",
        "--tlsv1_2",
        "--tlsv1_3",
    ];
    let mut one_sslyze: Vec<&str> = sslyze_args.to_vec();
    one_sslyze.extend(["--certinfo_ca_file", &ca, &one]);
    row(
        &filter,
        "sslyze --certinfo --tlsv1…1_3",
        "sslyze",
        &one_sslyze,
        5,
        contains("SCAN RESULTS FOR", 1),
    );
    row(
        &filter,
        "testssl -p -S (protocols + server defaults)",
        "testssl",
        &[
            "--quiet",
            "--color",
            "0",
            "--warnings",
            "off",
            "--add-ca",
            &ca,
            "-p",
            "-S",
            &one,
        ],
        1,
        contains("Done ", 1),
    );

    println!("\n-- {ENDPOINTS} endpoints, whole process --");
    let list = pki.dir.join("endpoints.txt");
    let endpoints: Vec<String> = (0..ENDPOINTS).map(|n| servers.endpoint(n)).collect();
    std::fs::write(&list, endpoints.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    for throttle in [32, 128] {
        let script = format!(
            "Get-Content '{}' | Test-CertificateEndpoint -TrustStore '{ca}' -ThrottleLimit {throttle} -Quiet",
            list.display()
        );
        let label = format!("mailsec -ThrottleLimit {throttle}");
        row(
            &filter,
            &label,
            mailsec,
            &["-c", &script],
            5,
            all_true(ENDPOINTS),
        );
    }
    let mut many_sslyze: Vec<&str> = sslyze_args.to_vec();
    many_sslyze.extend(["--certinfo_ca_file", &ca]);
    many_sslyze.extend(endpoints.iter().map(String::as_str));
    row(
        &filter,
        "sslyze --certinfo --tlsv1…1_3 (one process)",
        "sslyze",
        &many_sslyze,
        1,
        contains("SCAN RESULTS FOR", ENDPOINTS),
    );
    println!(
        "(testssl is not run on {ENDPOINTS} endpoints: at its one-endpoint time it would take hours)"
    );
    peak_memory(&filter, mailsec, &list, &ca);
}

/// Peak resident memory of the 500-endpoint mailsec run (GNU time), when available.
fn peak_memory(filter: &[String], mailsec: &str, list: &Path, ca: &str) {
    if !wanted(filter, "memory") && !filter.is_empty() {
        return;
    }
    let script = format!(
        "Get-Content '{}' | Test-CertificateEndpoint -TrustStore '{ca}' -Quiet | Out-Null",
        list.display()
    );
    let Ok(output) = Command::new("/usr/bin/time")
        .args(["-f", "%M", mailsec, "-c", &script])
        .output()
    else {
        println!("(GNU time not installed: no memory figure)");
        return;
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    if let Some(kb) = stderr
        .lines()
        .last()
        .and_then(|l| l.trim().parse::<f64>().ok())
    {
        println!(
            "mailsec peak resident memory, {ENDPOINTS} endpoints: {:.1} MB",
            kb / 1024.0
        );
    }
}
