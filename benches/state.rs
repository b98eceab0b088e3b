//! The configuration store's cost at scale: a synthetic state of 10,000 connector-like objects
//! of ~35 fields each (the shape of Exchange's InboundConnector/OutboundConnector), kept in one
//! YAML file through `mailsec::store::YamlFile`. Prints medians of: a cold load (a new process
//! reading the file), a warm load (cached in the process), a whole save, and updating one
//! object cold (load + change + save) and warm (after a load, as Get- then Set- in one process),
//! beside serde_yaml's own parse and emit times, and the disk's cost of writing that many bytes.
//! Run by hand: `cargo bench --bench state` (add words to run only the measurements whose
//! labels contain them: `cargo bench --bench state -- load`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use mailsec::store::{StoreError, YamlFile};
use serde::{Deserialize, Serialize};

const OBJECTS: usize = 10_000;
const RUNS: usize = 7;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
enum ConnectorType {
    Partner,
    OnPremises,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
enum TlsAuthLevel {
    EncryptionOnly,
    CertificateValidation,
    DomainValidation,
}

/// An object shaped like an Exchange connector: identity fields, booleans, enums, lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Connector {
    name: String,
    guid: String,
    distinguished_name: String,
    when_created: String,
    when_changed: String,
    enabled: bool,
    connector_type: ConnectorType,
    connector_source: String,
    comment: Option<String>,
    sender_domains: Vec<String>,
    #[serde(rename = "SenderIPAddresses")]
    sender_ip_addresses: Vec<String>,
    associated_accepted_domains: Vec<String>,
    require_tls: bool,
    restrict_domains_to_certificate: bool,
    #[serde(rename = "RestrictDomainsToIPAddresses")]
    restrict_domains_to_ip_addresses: bool,
    tls_sender_certificate_name: Option<String>,
    treat_messages_as_internal: bool,
    cloud_services_mail_enabled: bool,
    #[serde(rename = "EFSkipLastIP")]
    ef_skip_last_ip: bool,
    #[serde(rename = "EFSkipIPs")]
    ef_skip_ips: Vec<String>,
    #[serde(rename = "EFUsers")]
    ef_users: Vec<String>,
    #[serde(rename = "EFTestMode")]
    ef_test_mode: Option<bool>,
    trusted_organizations: Vec<String>,
    scan_and_drop_recipients: Vec<String>,
    client_host_names: Vec<String>,
    smart_hosts: Vec<String>,
    #[serde(rename = "UseMXRecord")]
    use_mx_record: bool,
    tls_settings: Option<TlsAuthLevel>,
    tls_domain: Option<String>,
    recipient_domains: Vec<String>,
    is_transport_rule_scoped: bool,
    route_all_messages_via_on_premises: bool,
    all_accepted_domains: bool,
    sender_rewriting_enabled: bool,
    test_mode: bool,
    validation_recipients: Vec<String>,
    is_validated: bool,
    last_validation_timestamp: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
struct SyntheticState {
    connectors: Vec<Connector>,
}

fn connector(i: usize) -> Connector {
    let partner = !i.is_multiple_of(3);
    Connector {
        name: format!("Partner connector {i:05}"),
        guid: format!("{:08x}-1234-4abc-9def-{:012x}", i * 7919, i * 104_729),
        distinguished_name: format!(
            "CN=Partner connector {i:05},CN=Transport Settings,CN=contoso,DC=contoso,DC=com"
        ),
        when_created: format!("2026-01-{:02}T10:{:02}:00Z", 1 + i % 28, i % 60),
        when_changed: format!("2026-02-{:02}T11:{:02}:00Z", 1 + i % 28, i % 60),
        enabled: !i.is_multiple_of(10),
        connector_type: if partner {
            ConnectorType::Partner
        } else {
            ConnectorType::OnPremises
        },
        connector_source: "Default".into(),
        comment: i
            .is_multiple_of(4)
            .then(|| format!("Forced TLS with partner {i}: see ticket #{i}")),
        sender_domains: vec![
            format!("partner{i}.example"),
            format!("*.partner{i}.example"),
        ],
        sender_ip_addresses: vec![
            format!("198.51.{}.0/24", i % 256),
            format!("203.0.113.{}", i % 256),
        ],
        associated_accepted_domains: Vec::new(),
        require_tls: partner,
        restrict_domains_to_certificate: i.is_multiple_of(2),
        restrict_domains_to_ip_addresses: i.is_multiple_of(5),
        tls_sender_certificate_name: partner.then(|| format!("mail.partner{i}.example")),
        treat_messages_as_internal: false,
        cloud_services_mail_enabled: !partner,
        ef_skip_last_ip: false,
        ef_skip_ips: Vec::new(),
        ef_users: Vec::new(),
        ef_test_mode: None,
        trusted_organizations: Vec::new(),
        scan_and_drop_recipients: Vec::new(),
        client_host_names: Vec::new(),
        smart_hosts: vec![format!("smtp{}.partner{i}.example", i % 3)],
        use_mx_record: false,
        tls_settings: Some(TlsAuthLevel::DomainValidation),
        tls_domain: Some(format!("*.partner{i}.example")),
        recipient_domains: vec![format!("partner{i}.example")],
        is_transport_rule_scoped: false,
        route_all_messages_via_on_premises: false,
        all_accepted_domains: false,
        sender_rewriting_enabled: false,
        test_mode: false,
        validation_recipients: Vec::new(),
        is_validated: false,
        last_validation_timestamp: None,
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:8.1} ms", d.as_secs_f64() * 1000.0)
}

/// Time `run` RUNS times and print its median and range; skipped when the command line names
/// other measurements (`cargo bench --bench state -- load`).
fn measure(label: &str, mut run: impl FnMut()) {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if !filters.is_empty() && !filters.iter().any(|f| label.contains(f.as_str())) {
        return;
    }
    let times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    let (min, max) = (
        times.iter().min().copied().unwrap_or_default(),
        times.iter().max().copied().unwrap_or_default(),
    );
    println!(
        "{label:<44} median {}   (min {}, max {})",
        ms(median(times)),
        ms(min),
        ms(max)
    );
}

fn flip_one(state: &mut SyntheticState) -> Result<bool, StoreError> {
    let Some(target) = state.connectors.get_mut(OBJECTS / 2) else {
        return Ok(false);
    };
    target.require_tls = !target.require_tls;
    Ok(true)
}

fn main() {
    let dir = std::env::temp_dir().join(format!("mailsec-bench-state-{}", std::process::id()));
    in_process(&dir);
    whole_process(&dir);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The store alone, on the synthetic state.
fn in_process(dir: &Path) {
    let path: PathBuf = dir.join("state.yaml");
    let state = SyntheticState {
        connectors: (0..OBJECTS).map(connector).collect(),
    };
    let seed = YamlFile::<SyntheticState>::new(&path);
    if let Err(error) = seed.update(|s| {
        *s = state.clone();
        Ok(true)
    }) {
        println!("cannot write the synthetic state: {error}");
        return;
    }
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    println!(
        "state: {OBJECTS} objects x 37 fields, {:.1} MB, {} lines ({RUNS} runs each)",
        bytes as f64 / 1e6,
        text.lines().count()
    );

    measure("serde_yaml parse (from_str)", || {
        let parsed: Result<serde_yaml::Value, _> = serde_yaml::from_str(&text);
        assert!(parsed.is_ok());
    });
    measure("serde_yaml emit (to_string)", || {
        assert!(serde_yaml::to_string(&state).is_ok());
    });
    measure("write + fsync of the same bytes (disk floor)", || {
        let raw = dir.join("raw.yaml");
        let written = std::fs::File::create(&raw).and_then(|mut f| {
            std::io::Write::write_all(&mut f, text.as_bytes()).and_then(|_| f.sync_all())
        });
        assert!(written.is_ok());
    });
    measure("clone of the whole state", || {
        assert_eq!(state.clone().connectors.len(), OBJECTS);
    });
    measure("load, cold (a new process)", || {
        let file = YamlFile::<SyntheticState>::new(&path);
        assert_eq!(file.load().map(|s| s.connectors.len()).ok(), Some(OBJECTS));
    });
    let warm = YamlFile::<SyntheticState>::new(&path);
    let _ = warm.load();
    measure("load, warm (cached in this process)", || {
        assert_eq!(warm.load().map(|s| s.connectors.len()).ok(), Some(OBJECTS));
    });
    measure("save whole state (encode + atomic write)", || {
        let file = YamlFile::<SyntheticState>::new(dir.join("save.yaml"));
        let _ = std::fs::remove_file(file.path());
        assert_eq!(
            file.update(|s| {
                *s = state.clone();
                Ok(true)
            })
            .ok(),
            Some(true)
        );
    });
    measure("update one, cold (load + change + save)", || {
        let file = YamlFile::<SyntheticState>::new(&path);
        assert_eq!(file.update(flip_one).ok(), Some(true));
    });
    measure("update one, warm (after a load: Get then Set)", || {
        assert_eq!(warm.update(flip_one).ok(), Some(true));
    });
    measure("update, no change (text identical: no write)", || {
        let file = YamlFile::<SyntheticState>::new(&path);
        assert_eq!(file.update(|_| Ok(true)).ok(), Some(false));
    });
}

/// Whole `mailsec` processes on a state of 10,000 real inbound connectors: the state is made by
/// letting mailsec create one connector and repeating its YAML with new names and GUIDs.
fn whole_process(dir: &Path) {
    let mailsec = env!("CARGO_BIN_EXE_mailsec");
    let state = dir.join("connectors.yaml");
    let state_arg = state.display().to_string();
    let make_one = Command::new(mailsec)
        .args(["--state", &state_arg, "-c"])
        .arg("New-InboundConnector -Name Conn00000 -SenderDomains partner.example.com | Out-Null")
        .env_remove("MAILSEC_STATE")
        .output();
    let Some(text) = make_one
        .ok()
        .filter(|out| out.status.success())
        .and_then(|_| std::fs::read_to_string(&state).ok())
    else {
        println!("whole process: mailsec cannot create a connector yet; skipped");
        return;
    };
    let Some(big) = repeat_connector(&text, OBJECTS) else {
        println!("whole process: no inbound connector found in the state file; skipped");
        return;
    };
    if std::fs::write(&state, &big).is_err() {
        return;
    }
    println!(
        "whole process: {OBJECTS} inbound connectors, {:.1} MB state",
        big.len() as f64 / 1e6
    );
    let run = |script: &str| {
        let output = Command::new(mailsec)
            .args(["--state", &state_arg, "-c", script])
            .env_remove("MAILSEC_STATE")
            .output();
        match output {
            Ok(out) if out.status.success() => out.stdout.len(),
            Ok(out) => {
                println!(
                    "  {script}: failed: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
                0
            }
            Err(error) => {
                println!("  {script}: cannot run mailsec: {error}");
                0
            }
        }
    };
    measure("process: mailsec -c 1+1 (start-up floor)", || {
        run("1+1");
    });
    measure("process: Get-InboundConnector one", || {
        run("Get-InboundConnector -Identity Conn05000");
    });
    let mut n = 0;
    measure("process: Set-InboundConnector one (read + change)", || {
        n += 1;
        run(&format!(
            "Set-InboundConnector -Identity Conn05000 -Comment 'bench run {n}'"
        ));
    });
    measure("process: list all through Where-Object (table)", || {
        let printed = run(
            "Get-InboundConnector -ResultSize Unlimited | Where-Object { $_.Name -like 'Conn*' }",
        );
        assert!(
            printed > OBJECTS * 10,
            "all {OBJECTS} rows printed ({printed} bytes)"
        );
    });
    measure("process: count through Where-Object", || {
        run(
            "(Get-InboundConnector -ResultSize Unlimited | Where-Object RequireTls -eq $true).Count",
        );
    });
}

/// `text` with its one inbound connector repeated `count` times, each with its own name
/// (`Conn00000`…) and GUID.
fn repeat_connector(text: &str, count: usize) -> Option<String> {
    let start =
        text.find("InboundConnectors:\n- Name: Conn00000\n")? + "InboundConnectors:\n".len();
    // The connector runs until the next line that is not indented (the next top-level key).
    let mut block_len = 0;
    for (i, line) in text[start..].split_inclusive('\n').enumerate() {
        if i > 0 && !line.starts_with(' ') {
            break;
        }
        block_len += line.len();
    }
    let block = &text[start..start + block_len];
    let guid_line = block
        .lines()
        .find(|l| l.trim_start().starts_with("Guid: "))?;
    let mut out = String::with_capacity(text.len() + block.len() * count);
    out.push_str(&text[..start]);
    for i in 0..count {
        out.push_str(
            &block
                .replacen("Conn00000", &format!("Conn{i:05}"), 1)
                .replacen(
                    guid_line,
                    &format!("  Guid: 0b5e7a1c-0000-4000-8000-{i:012}"),
                    1,
                ),
        );
    }
    out.push_str(&text[start + block_len..]);
    Some(out)
}
