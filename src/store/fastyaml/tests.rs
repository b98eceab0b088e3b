//! L2 (tests only) — the fast YAML path checked against serde_yaml: what it writes, serde_yaml
//! reads back unchanged (and it is serde_yaml's own layout); what it reads, it reads as
//! serde_yaml does; what it does not handle, it refuses.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{Unsupported, from_str, to_string};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
enum Level {
    EncryptionOnly,
    DomainValidation,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
struct Empty {}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Item {
    name: String,
    enabled: bool,
    level: Option<Level>,
    domains: Vec<String>,
    ports: Vec<u16>,
    comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Doc {
    version: u32,
    items: Vec<Item>,
    nested: Vec<Vec<String>>,
    table: BTreeMap<String, i64>,
    settings: Option<Box<Doc>>,
    empty: Empty,
    ratio: f64,
    big: u64,
    small: i64,
    pair: (u8, String),
    nothing: (),
}

fn item(name: &str, domains: &[&str]) -> Item {
    Item {
        name: name.into(),
        enabled: true,
        level: Some(Level::DomainValidation),
        domains: domains.iter().map(|d| d.to_string()).collect(),
        ports: vec![25, 587],
        comment: None,
    }
}

const TRICKY: &[&str] = &[
    "",
    " a",
    "a ",
    "yes",
    "no",
    "true",
    "True",
    "null",
    "~",
    "1",
    "1.0",
    "0x1f",
    "1e3",
    ".inf",
    "-",
    "- a",
    "a: b",
    "a:b",
    "a #b",
    "a#b",
    "#a",
    "*.contoso.com",
    "&a",
    "!a",
    "|a",
    ">a",
    "%a",
    "@a",
    "`a",
    "'a",
    "\"a",
    "a'b",
    "a\"b",
    "[a",
    "]a",
    "{a",
    "}a",
    ",a",
    "a,b",
    "?a",
    "? a",
    ":a",
    "a\nb",
    "a\tb",
    "a\u{7}b",
    "Müller",
    "a\\b",
    "2026-01-01T10:00:00Z",
    "1_000",
    "+1",
    "-1",
    "0.5",
    ".5",
    "1.",
    "0755",
    "<<",
    "a  b",
    "CN=x,DC=y",
    "198.51.0.0/24",
    "6602:128",
    "800C;8004",
    "-.inf",
    "NaN",
    "a\r\nb",
    "a\u{85}b",
    "\u{feff}a",
    "a\u{a0}b",
    "a\u{2028}b",
    "---",
    "...",
    "a\n",
    "\na",
    "  ",
    "😀 emoji",
    "a: ",
    "x:",
    "0b5e7a1c-0000",
    "0b101",
    "00",
    "-0",
    "1E5",
];

fn sample() -> Doc {
    let mut table = BTreeMap::new();
    table.insert("alpha".to_string(), -5);
    table.insert("yes".to_string(), 7);
    let inner = Doc {
        version: 2,
        items: Vec::new(),
        nested: vec![Vec::new()],
        table: BTreeMap::new(),
        settings: None,
        empty: Empty {},
        ratio: 1e300,
        big: 0,
        small: 0,
        pair: (0, String::new()),
        nothing: (),
    };
    Doc {
        version: 1,
        items: vec![
            item("Partner A", &["a.example", "*.a.example"]),
            Item {
                level: None,
                comment: Some("Forced TLS: see ticket #12".into()),
                ..item("B", &[])
            },
            Item {
                domains: TRICKY.iter().map(|s| s.to_string()).collect(),
                ..item("tricky", &[])
            },
        ],
        nested: vec![vec!["a".into(), "b".into()], Vec::new(), vec!["c".into()]],
        table,
        settings: Some(Box::new(inner)),
        empty: Empty {},
        ratio: -0.5,
        big: u64::MAX,
        small: i64::MIN,
        pair: (7, "seven".into()),
        nothing: (),
    }
}

fn fast<T: DeserializeOwned>(text: &str) -> Result<T, Unsupported> {
    from_str(text, PhantomData::<T>)
}

#[test]
fn what_it_writes_serde_yaml_reads_back_and_so_does_it() {
    let doc = sample();
    let text = to_string(&doc).unwrap();
    assert_eq!(serde_yaml::from_str::<Doc>(&text).unwrap(), doc, "{text}");
    assert_eq!(fast::<Doc>(&text).unwrap(), doc);
}

#[test]
fn it_writes_serde_yaml_s_layout() {
    let mut doc = sample();
    doc.items[2].domains.clear();
    assert_eq!(
        to_string(&doc).unwrap(),
        serde_yaml::to_string(&doc).unwrap()
    );
    let list = vec![vec![item("x", &["y"])]];
    assert_eq!(
        to_string(&list).unwrap(),
        serde_yaml::to_string(&list).unwrap()
    );
}

#[test]
fn it_reads_serde_yaml_s_output() {
    let mut doc = sample();
    // serde_yaml writes strings with line breaks as block scalars, which the fast path leaves
    // to serde_yaml; everything else it reads.
    doc.items[2]
        .domains
        .retain(|d| !d.contains(['\n', '\u{85}', '\u{2028}']));
    let text = serde_yaml::to_string(&doc).unwrap();
    assert_eq!(fast::<Doc>(&text).unwrap(), doc);
}

#[test]
fn hand_written_layouts_read_as_serde_yaml_reads_them() {
    let texts = [
        "# a comment\nName: x   # trailing\nEnabled: true\n\nLevel: null\nDomains:\n  - a\n  -   b\nPorts: []\nComment:\n",
        "Name: 'it''s'\nEnabled: TRUE\nLevel: EncryptionOnly\nDomains:\n- \"\\u00e9t\\u00e9\"\nPorts:\n- 25\nComment: ~\n",
        "  Name: indented\n  Enabled: false\n  Level:\n  Domains: []\n  Ports: [] # none\n  Comment: \"x\"\n",
        "Name: x\nEnabled: true\nLevel: DomainValidation\nDomains:\n-\n  a\nPorts:\n    - 1\nComment: a:b\n",
    ];
    for text in texts {
        let expected: Item = serde_yaml::from_str(text).unwrap();
        assert_eq!(fast::<Item>(text), Ok(expected), "{text}");
    }
}

#[test]
fn what_it_does_not_handle_it_refuses() {
    let texts = [
        "Name: &anchor x\n",
        "Name: *alias\n",
        "Name: !tag x\n",
        "Name: |\n  block\n",
        "Name: [a, b]\n",
        "Name: a\n  continued\n",
        "Name: 'multi\n  line'\n",
        "---\nName: x\n",
        "Name:\tx\n",
        "'Name': x\n",
        "? Name\n: x\n",
        "Name: x\nName: y\n",
        "Ports: 0x19\n",
        "Ports:\n- 99999\n",
        "Enabled: yes\n",
        "Name: x\n- y\n",
    ];
    for text in texts {
        assert_eq!(
            fast::<BTreeMap<String, Item>>(text),
            Err(Unsupported),
            "{text}"
        );
        assert!(fast::<Item>(text).is_err(), "{text}");
    }
    let deep = format!("{}a\n", "- ".repeat(5000));
    assert_eq!(fast::<serde_yaml::Value>(&deep), Err(Unsupported));
}

#[test]
fn untyped_values_resolve_as_serde_yaml_resolves_them() {
    let text = "a: 1\nb: -2\nc: 1.5\nd: true\ne: null\nf: text\ng: '1'\nh:\n- x\ni: {}\nj:\n";
    let expected: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
    assert_eq!(fast::<serde_yaml::Value>(text), Ok(expected));
}

#[test]
fn data_carrying_enum_variants_are_left_to_serde_yaml() {
    #[derive(Serialize)]
    enum Limit {
        Value(u32),
    }
    assert_eq!(to_string(&vec![Limit::Value(3)]), Err(Unsupported));
    let mut keyed = BTreeMap::new();
    keyed.insert(1u8, "x");
    assert_eq!(to_string(&keyed), Err(Unsupported));
}
