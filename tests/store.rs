//! The configuration state store from outside: round trips, atomic replacement, unreadable and
//! newer files left untouched, lock timeouts, and concurrent writers — threads, processes
//! running the store directly, and whole `mailsec` processes creating connectors.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use mailsec::model::OrgState;
use mailsec::store::{ConfigStore, StoreError, YamlFile, YamlStore};
use serde::{Deserialize, Serialize};

use crate::support::ScratchDir;

/// A small document for exercising the generic file store.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
struct Names {
    names: Vec<String>,
}

fn append(name: String) -> impl FnOnce(&mut Names) -> Result<bool, StoreError> {
    move |doc: &mut Names| {
        doc.names.push(name);
        Ok(true)
    }
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn state_round_trips_and_is_created_with_its_directories_0600() {
    let dir = ScratchDir::new("store-round-trip");
    let path = dir.path().join("nested/deeper/state.yaml");
    let store = YamlStore::open(&path).unwrap();
    assert_eq!(store.load().unwrap(), OrgState::default());
    assert!(!path.exists(), "loading writes nothing");
    assert!(store.update(&mut |_| Ok(true)).unwrap());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("version: 1\n"), "{text}");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(
        YamlStore::open(&path).unwrap().load().unwrap(),
        OrgState::default()
    );
    assert_eq!(store.location(), path.display().to_string());

    let file = YamlFile::<Names>::new(dir.path().join("names.yaml"));
    file.update(append("a: b".into())).unwrap();
    file.update(append("*.contoso.com".into())).unwrap();
    let again = YamlFile::<Names>::new(file.path());
    assert_eq!(again.load().unwrap().names, vec!["a: b", "*.contoso.com"]);
    assert_eq!(
        std::fs::read_to_string(file.path()).unwrap(),
        "version: 1\nNames:\n- 'a: b'\n- '*.contoso.com'\n"
    );
}

#[test]
fn atomic_writes_leave_no_temporary_files() {
    let dir = ScratchDir::new("store-no-temp");
    let file = YamlFile::<Names>::new(dir.path().join("state.yaml"));
    for i in 0..20 {
        file.update(append(format!("n{i}"))).unwrap();
    }
    assert_eq!(
        file_names(dir.path()),
        vec!["state.yaml", "state.yaml.lock"]
    );
}

#[test]
fn a_corrupt_state_is_reported_with_line_and_column_and_left_as_it_was() {
    let dir = ScratchDir::new("store-corrupt");
    let corrupt = "version: 1\nInboundConnectors:\n- Name: a\n   Guid: b\n";
    let path = dir.file("state.yaml", corrupt);
    let store = YamlStore::open(&path).unwrap();
    let error = store.load().unwrap_err();
    let StoreError::Parse {
        path: named,
        line,
        column,
        message,
    } = &error
    else {
        panic!("expected a parse error, got {error:?}");
    };
    assert_eq!(named, &path);
    assert_eq!((*line, *column), (4, 8), "{message}");
    let shown = error.to_string();
    assert!(
        shown.contains(&path.display().to_string()) && shown.contains("line 4"),
        "{shown}"
    );
    let mut called = false;
    let result = store.update(&mut |_| {
        called = true;
        Ok(true)
    });
    assert!(
        matches!(result, Err(StoreError::Parse { .. })),
        "{result:?}"
    );
    assert!(!called, "the change never sees an unreadable state");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), corrupt);
    assert_eq!(
        file_names(dir.path()),
        vec!["state.yaml", "state.yaml.lock"]
    );
}

#[test]
fn a_state_of_the_wrong_shape_names_the_place_too() {
    let dir = ScratchDir::new("store-shape");
    let file = YamlFile::<Names>::new(dir.file("state.yaml", "version: 1\nNames:\n- a\n- [x]\n"));
    let error = file.load().unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::Parse {
                line: 4,
                column: 3,
                ..
            }
        ),
        "{error:?}"
    );
    let file = YamlFile::<Names>::new(dir.file("bare.yaml", "Names: []\n"));
    let error = file.load().unwrap_err();
    assert!(error.to_string().contains("version"), "{error}");
}

#[test]
fn a_newer_schema_is_refused_and_never_overwritten() {
    let dir = ScratchDir::new("store-newer");
    let newer = "version: 2\nSomethingNew:\n  Shape: unknown\n";
    let path = dir.file("state.yaml", newer);
    let store = YamlStore::open(&path).unwrap();
    let expected = StoreError::NewerVersion {
        path: path.clone(),
        found: 2,
        supported: 1,
    };
    assert_eq!(store.load(), Err(expected.clone()));
    assert_eq!(store.update(&mut |_| Ok(true)), Err(expected));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
}

#[test]
fn a_rejected_change_and_an_unchanged_state_write_nothing() {
    let dir = ScratchDir::new("store-unchanged");
    let file = YamlFile::<Names>::new(dir.path().join("state.yaml"));
    file.update(append("a".into())).unwrap();
    let before = std::fs::read(file.path()).unwrap();
    let modified = std::fs::metadata(file.path()).unwrap().modified().unwrap();
    assert_eq!(
        file.update(|doc| {
            doc.names.clear();
            Err(StoreError::Rejected)
        }),
        Err(StoreError::Rejected)
    );
    assert_eq!(file.update(|_| Ok(false)), Ok(false));
    assert_eq!(
        file.update(|_| Ok(true)),
        Ok(false),
        "same text: nothing written"
    );
    assert_eq!(std::fs::read(file.path()).unwrap(), before);
    assert_eq!(
        std::fs::metadata(file.path()).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn a_held_lock_times_out_with_an_error_naming_the_lock_file() {
    let dir = ScratchDir::new("store-lock");
    let path = dir.path().join("state.yaml");
    let holder = YamlFile::<Names>::new(&path);
    let mut outcomes = None;
    holder
        .update(|_| {
            let other = YamlFile::<Names>::new(&path).with_lock_timeout(Duration::from_millis(200));
            let start = Instant::now();
            outcomes = Some((
                other.update(append("x".into())),
                other.load(),
                start.elapsed(),
            ));
            Ok(false)
        })
        .unwrap();
    let (writer, reader, waited) = outcomes.unwrap();
    let expected = StoreError::LockTimeout {
        path: dir.path().join("state.yaml.lock"),
        waited_secs: 0,
    };
    assert_eq!(writer, Err(expected.clone()));
    assert_eq!(reader.map(|doc| doc.names), Err(expected));
    assert!(waited >= Duration::from_millis(400), "{waited:?}");
    // Released with the holder: the next change goes through at once.
    assert_eq!(holder.update(append("y".into())), Ok(true));
}

#[test]
fn concurrent_threads_all_land() {
    let dir = ScratchDir::new("store-threads");
    let path = Arc::new(dir.path().join("state.yaml"));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let path = Arc::clone(&path);
            std::thread::spawn(move || {
                for i in 0..25 {
                    // A fresh store per change, as separate processes would have.
                    let file = YamlFile::<Names>::new(path.as_ref());
                    file.update(append(format!("t{t}-{i}"))).unwrap();
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let mut names = YamlFile::<Names>::new(path.as_ref()).load().unwrap().names;
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 200);
    assert_eq!(
        file_names(dir.path()),
        vec!["state.yaml", "state.yaml.lock"]
    );
}

const CHILD_PATH: &str = "MAILSEC_STORE_TEST_CHILD_PATH";
const CHILD_PREFIX: &str = "MAILSEC_STORE_TEST_CHILD_PREFIX";

/// Run by `concurrent_processes_all_land` in child processes (this test binary again); does
/// nothing when run on its own.
#[test]
#[ignore = "a helper the process test runs in child processes"]
fn child_appends_to_the_shared_state() {
    let (Ok(path), Ok(prefix)) = (std::env::var(CHILD_PATH), std::env::var(CHILD_PREFIX)) else {
        return;
    };
    let file = YamlFile::<Names>::new(PathBuf::from(path));
    for i in 0..50 {
        file.update(append(format!("{prefix}-{i}"))).unwrap();
    }
}

/// Wait for `child` at most `limit`; whether it exited successfully.
fn finished_ok(mut child: Child, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

#[test]
fn concurrent_processes_all_land() {
    let dir = ScratchDir::new("store-processes");
    let path = dir.path().join("state.yaml");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<Child> = ["a", "b"]
        .iter()
        .map(|prefix| {
            Command::new(&exe)
                .args([
                    "store::child_appends_to_the_shared_state",
                    "--exact",
                    "--ignored",
                    "--test-threads=1",
                ])
                .env(CHILD_PATH, &path)
                .env(CHILD_PREFIX, prefix)
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        assert!(
            finished_ok(child, Duration::from_secs(120)),
            "a child failed"
        );
    }
    let names = YamlFile::<Names>::new(&path).load().unwrap().names;
    assert_eq!(names.len(), 100, "{names:?}");
    for prefix in ["a", "b"] {
        for i in 0..50 {
            assert!(
                names.contains(&format!("{prefix}-{i}")),
                "{prefix}-{i} was lost"
            );
        }
    }
}

/// Two whole `mailsec` processes creating 50 inbound connectors each in the same state file:
/// all 100 exist at the end. (Needs `New-InboundConnector`/`Get-InboundConnector` and the
/// session opening the `--state` store.)
#[test]
fn two_mailsec_processes_creating_100_connectors_keep_all_100() {
    let dir = ScratchDir::new("store-mailsec-processes");
    let state = dir.path().join("state.yaml");
    let state_arg = state.display().to_string();
    let create = |prefix: &str| {
        let script = format!(
            "foreach ($i in 1..50) {{ New-InboundConnector -Name \"{prefix}$i\" \
             -SenderDomains \"{prefix}$i.example.com\" | Out-Null }}"
        );
        Command::new(env!("CARGO_BIN_EXE_mailsec"))
            .args(["--state", &state_arg, "-c", &script])
            .env_remove("MAILSEC_STATE")
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
    };
    let children = [create("Alpha"), create("Beta")];
    for child in children {
        assert!(
            finished_ok(child, Duration::from_secs(120)),
            "a mailsec process failed"
        );
    }
    let output = Command::new(env!("CARGO_BIN_EXE_mailsec"))
        .args(["--state", &state_arg, "-c", "@(Get-InboundConnector).Count"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "100");
}
