//! L2 — the state file's YAML document: a top-level `version:` key (the schema version) followed
//! by the state's own fields, in the order the state declares them. Decoding reads the version
//! on the way, in the same single pass over the text, so a newer file is recognized before its
//! unknown contents are judged.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, StringDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::fastyaml;

/// The schema version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u64 = 1;

/// The name of the version key.
const VERSION_KEY: &str = "version";

/// Why a document could not be decoded.
#[derive(Debug)]
pub(crate) enum DecodeError {
    /// Not YAML, or not the shape of the state.
    Yaml(serde_yaml::Error),
    /// A mapping without a `version:` key.
    MissingVersion,
    /// Written by a newer schema.
    Newer(u64),
}

/// The YAML text of `state`, with `version:` first (written by the fast path when it can,
/// else by serde_yaml; the text is the same).
pub(crate) fn encode<T: Serialize>(state: &T) -> Result<String, serde_yaml::Error> {
    let document = Versioned {
        version: SCHEMA_VERSION,
        state,
    };
    match fastyaml::to_string(&document) {
        Ok(text) => Ok(text),
        Err(_) => serde_yaml::to_string(&document),
    }
}

#[derive(Serialize)]
struct Versioned<'a, T> {
    version: u64,
    #[serde(flatten)]
    state: &'a T,
}

/// The state in `text`. An empty document (an empty file, only comments, `null`) is the default
/// state.
pub(crate) fn decode<T: DeserializeOwned + Default>(text: &str) -> Result<T, DecodeError> {
    let version = Cell::new(None);
    let seed = || DocumentSeed {
        version: &version,
        state: PhantomData,
    };
    // The fast path reads what it fully understands; serde_yaml reads the rest and reports
    // every error.
    let result = match fastyaml::from_str(text, seed()) {
        Ok(parsed) => Ok(parsed),
        Err(_) => {
            version.set(None);
            seed().deserialize(serde_yaml::Deserializer::from_str(text))
        }
    };
    // A newer file explains any other failure (its shape may have changed).
    if let Some(found) = version.get().or_else(|| probe_version(text))
        && found > SCHEMA_VERSION
    {
        return Err(DecodeError::Newer(found));
    }
    match result {
        Ok(None) => Ok(T::default()),
        Ok(Some(_)) if version.get().is_none() => Err(DecodeError::MissingVersion),
        Ok(Some(state)) => Ok(state),
        Err(error) => Err(DecodeError::Yaml(error)),
    }
}

/// The `version:` of a document that failed to decode, read leniently (everything else
/// ignored); `None` when even that fails.
fn probe_version(text: &str) -> Option<u64> {
    #[derive(Deserialize)]
    struct Probe {
        version: Option<u64>,
    }
    serde_yaml::from_str::<Probe>(text).ok()?.version
}

/// Deserializes `Option<T>` (none for an empty document), recording the version it passes.
struct DocumentSeed<'a, T> {
    version: &'a Cell<Option<u64>>,
    state: PhantomData<fn() -> T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for DocumentSeed<'_, T> {
    type Value = Option<T>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for DocumentSeed<'_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mailsec state document (a mapping starting with `version: 1`)")
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
        let fields = WithoutVersion {
            inner: map,
            version: self.version,
        };
        T::deserialize(MapAccessDeserializer::new(fields)).map(Some)
    }
}

/// The top-level mapping with the `version:` entry taken out (and recorded).
struct WithoutVersion<'a, A> {
    inner: A,
    version: &'a Cell<Option<u64>>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for WithoutVersion<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(key) = self.inner.next_key::<String>()? else {
                return Ok(None);
            };
            if key != VERSION_KEY {
                let key: StringDeserializer<A::Error> = key.into_deserializer();
                return seed.deserialize(key).map(Some);
            }
            let found: u64 = self.inner.next_value()?;
            self.version.set(Some(found));
            if found > SCHEMA_VERSION {
                return Err(de::Error::custom(format!(
                    "schema version {found} is newer than {SCHEMA_VERSION}"
                )));
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase", default)]
    struct State {
        name: String,
        ports: Vec<u16>,
    }

    fn sample() -> State {
        State {
            name: "true".into(),
            ports: vec![25, 587],
        }
    }

    #[test]
    fn version_comes_first_then_the_fields_in_order() {
        let text = encode(&sample()).unwrap();
        assert_eq!(
            text, "version: 1\nName: 'true'\nPorts:\n- 25\n- 587\n",
            "stable, diff-friendly layout"
        );
        assert_eq!(decode::<State>(&text).unwrap(), sample());
    }

    #[test]
    fn version_may_come_anywhere_and_empty_documents_are_the_default() {
        let text = "Name: x\nversion: 1\n";
        assert_eq!(decode::<State>(text).unwrap().name, "x");
        for empty in ["", "  \n", "# nothing yet\n", "null\n", "~"] {
            assert_eq!(
                decode::<State>(empty).unwrap(),
                State::default(),
                "{empty:?}"
            );
        }
    }

    #[test]
    fn newer_versions_are_recognized_even_when_the_rest_would_not_parse() {
        assert!(matches!(
            decode::<State>("version: 2\nName: x\n"),
            Err(DecodeError::Newer(2))
        ));
        assert!(matches!(
            decode::<State>("Ports: not-a-list\nversion: 7\n"),
            Err(DecodeError::Newer(7))
        ));
    }

    #[test]
    fn bad_documents_report_where() {
        assert!(matches!(
            decode::<State>("Name: x\n"),
            Err(DecodeError::MissingVersion)
        ));
        let Err(DecodeError::Yaml(error)) = decode::<State>("version: 1\nPorts: [1, x]\n") else {
            panic!("expected a YAML error");
        };
        let location = error.location().unwrap();
        assert_eq!((location.line(), location.column()), (2, 12));
        let Err(DecodeError::Yaml(error)) = decode::<State>("version: 1\nName: x\n\tPorts: 1\n")
        else {
            panic!("expected a YAML error");
        };
        assert_eq!(error.location().unwrap().line(), 3, "{error}");
        assert!(matches!(
            decode::<State>("version: one\n"),
            Err(DecodeError::Yaml(_))
        ));
        assert!(matches!(
            decode::<State>("- a list\n"),
            Err(DecodeError::Yaml(_))
        ));
    }
}

#[cfg(test)]
mod org_state_tests {
    use super::*;
    use crate::model::OrgState;

    /// A state as mailsec writes it: one connector of each direction and a stored certificate.
    const SAMPLE: &str = "version: 1
Organization: First Organization
InboundConnectors:
- Name: Partner A
  Guid: 0b3d3e88-8fe5-47d8-ad95-16d15d0e2245
  WhenCreated: 2026-11-23T06:41:36Z
  WhenChanged: 2026-11-23T06:41:36Z
  Enabled: true
  ConnectorType: Partner
  ConnectorSource: Default
  Comment: 'Forced TLS: ticket #12'
  SenderIPAddresses: []
  SenderDomains:
  - '*.a.example.com'
  RequireTls: true
  TlsSenderCertificateName: mail.a.example.com
OutboundConnectors:
- Name: O1
  Guid: c11a4658-bbc3-4ac3-bf59-a56eb469d30b
  Enabled: true
  UseMXRecord: false
  RecipientDomains:
  - x.example
  SmartHosts:
  - mail.x.example
  - 192.0.2.1
  TlsSettings: DomainValidation
  TlsDomain: '*.x.example'
Certificates:
- Location: LocalMachine
  Store: CA
  Thumbprint: 0563B8630D62D75ABBC8AB1E4BDFB5A899B24D43
  FriendlyName: Contoso Issuing CA
  RawData: MIIBkTCB+wIJAKHBfpegPjMCMA0GCSqGSIb3DQEBCwUAMBExDzANBgNVBAMMBnRlc3RjYTAeFw0=
CertificateStores:
- Location: LocalMachine
  Name: CustomStore
DirectoryConnections:
- Name: Corp
  Server: ldaps://dc1.corp.example:636
  BaseDN: dc=corp,dc=example
  BindDN: cn=admin,dc=corp,dc=example
  PasswordVariable: CORP_LDAP_PASSWORD
";

    /// The organization's state must stay within what the fast YAML path handles (unit enum
    /// variants, string keys), or every load and save falls back to serde_yaml's slower path.
    #[test]
    fn the_org_state_takes_the_fast_path_both_ways() {
        let sample: OrgState = serde_yaml::from_str(SAMPLE).unwrap();
        assert_eq!(
            (
                sample.inbound_connectors.len(),
                sample.outbound_connectors.len(),
                sample.certificates.len(),
                sample.directory_connections.len()
            ),
            (1, 1, 1, 1)
        );
        for state in [OrgState::default(), sample] {
            let document = Versioned {
                version: SCHEMA_VERSION,
                state: &state,
            };
            let text = fastyaml::to_string(&document).unwrap();
            assert_eq!(text, serde_yaml::to_string(&document).unwrap());
            let version = Cell::new(None);
            let seed = DocumentSeed::<OrgState> {
                version: &version,
                state: PhantomData,
            };
            assert_eq!(fastyaml::from_str(&text, seed).unwrap(), Some(state));
            assert_eq!(version.get(), Some(SCHEMA_VERSION));
        }
    }
}
