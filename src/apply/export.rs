//! L2 — export: the store as a desired-state document in a stable order (sections in
//! dependency order, objects by name, certificates by store and thumbprint, properties in the
//! model's parameter order), every settable property written (null when empty) so that
//! applying it changes nothing and a later plan shows any hand-made change. Custom Cert:\
//! stores are written after the standard ones, in creation order, even when empty (declaring
//! one makes it). The CA collection
//! is written as its certificates' base64 DER.

use serde::Serialize;

use crate::model::cert_store::{LOCATIONS, STORES, store_names};
use crate::model::collection::Stored;
use crate::model::object::ConfigObject;
use crate::model::{InboundConnector, MobileDeviceMailboxPolicy, OrgState, OutboundConnector};
use crate::pki;
use crate::store::fast_document::write_yaml;
use crate::value::static_convert::base64_encode;

use super::doc_value::DocValue;
use super::kind::Kind;
use super::schema::ISSUING_CA;

fn from_json(value: &serde_json::Value) -> DocValue {
    match value {
        serde_json::Value::Null => DocValue::Null,
        serde_json::Value::Bool(b) => DocValue::Bool(*b),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(DocValue::Int)
            .unwrap_or_else(|| DocValue::Float(n.as_f64().unwrap_or(0.0))),
        serde_json::Value::String(s) => DocValue::Text(s.clone()),
        serde_json::Value::Array(items) => DocValue::List(items.iter().map(from_json).collect()),
        serde_json::Value::Object(_) => DocValue::Null,
    }
}

/// Every settable property of `object` (except the CA collection) as the document writes it.
fn declared_properties<T: ConfigObject + Serialize>(
    kind: Kind,
    object: &T,
) -> Vec<(&'static str, DocValue)> {
    let stored = serde_json::to_value(object).unwrap_or_default();
    let mut outputs = None;
    kind.setting_names()
        .into_iter()
        .filter(|name| *name != ISSUING_CA)
        .map(|name| {
            let value = match stored.get(name) {
                Some(value) => from_json(value),
                None => {
                    let outputs = outputs.get_or_insert_with(|| object.properties());
                    outputs
                        .iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case(name))
                        .map(|(_, v)| DocValue::from_value(v))
                        .filter(|v| !v.is_empty())
                        .unwrap_or(DocValue::Null)
                }
            };
            (name, value)
        })
        .collect()
}

type Map = serde_json::Map<String, serde_json::Value>;

fn json(value: &DocValue) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

fn properties_map(map: &mut Map, properties: &[(&str, DocValue)]) {
    for (name, value) in properties {
        map.insert((*name).to_string(), json(value));
    }
}

fn section<T: Stored + Serialize>(kind: Kind, state: &OrgState) -> serde_json::Value {
    let mut items: Vec<&T> = T::items(state).iter().collect();
    items.sort_by_cached_key(|item| item.name().to_lowercase());
    let items = items
        .into_iter()
        .map(|item| {
            let mut map = Map::new();
            map.insert("Name".into(), item.name().into());
            properties_map(&mut map, &declared_properties(kind, item));
            serde_json::Value::Object(map)
        })
        .collect();
    serde_json::Value::Array(items)
}

/// The whole state as a desired-state document (`location` names the store in a comment).
/// Block-style YAML in serde_yaml's layout, so the fast reader reads it back.
pub fn export_document(state: &OrgState, location: &str) -> String {
    let mut document = Map::new();
    document.insert("Version".into(), 1.into());
    let mut smime = Map::new();
    properties_map(
        &mut smime,
        &declared_properties(Kind::SmimeConfig, &state.smime_config),
    );
    let collection = state
        .smime_config
        .smime_certificate_issuing_ca
        .as_ref()
        .map(|bytes| {
            let certificates = pki::decode(pki::detect(&bytes.0), &bytes.0).unwrap_or_default();
            serde_json::Value::Array(
                certificates
                    .iter()
                    .map(|c| base64_encode(c.raw_data()).into())
                    .collect(),
            )
        })
        .unwrap_or(serde_json::Value::Null);
    smime.insert(ISSUING_CA.into(), collection);
    document.insert(Kind::SmimeConfig.section().into(), smime.into());
    for (kind, items) in [
        (
            Kind::MobileDeviceMailboxPolicy,
            section::<MobileDeviceMailboxPolicy>(Kind::MobileDeviceMailboxPolicy, state),
        ),
        (
            Kind::InboundConnector,
            section::<InboundConnector>(Kind::InboundConnector, state),
        ),
        (
            Kind::OutboundConnector,
            section::<OutboundConnector>(Kind::OutboundConnector, state),
        ),
    ] {
        document.insert(kind.section().into(), items);
    }
    let mut stores = Map::new();
    for location in LOCATIONS {
        for store in store_names(location, &state.certificate_stores) {
            let mut certificates: Vec<_> = state
                .certificates
                .iter()
                .filter(|c| c.is_in(location, store))
                .collect();
            let custom = !STORES.contains(&store);
            if certificates.is_empty() && !custom {
                continue;
            }
            certificates.sort_by_cached_key(|c| c.thumbprint.to_ascii_uppercase());
            let items = certificates
                .into_iter()
                .map(|c| {
                    let mut item = Map::new();
                    item.insert("RawData".into(), c.raw_data.clone().into());
                    if !c.friendly_name.is_empty() {
                        item.insert("FriendlyName".into(), c.friendly_name.clone().into());
                    }
                    serde_json::Value::Object(item)
                })
                .collect();
            stores.insert(
                format!("{location}\\{store}"),
                serde_json::Value::Array(items),
            );
        }
    }
    document.insert(Kind::Certificate.section().into(), stores.into());
    let body = write_yaml(&serde_json::Value::Object(document)).unwrap_or_default();
    format!(
        "# mailsec desired state, exported from {location}\n# Apply with: mailsec apply FILE (a no-op until something changes)\n{body}"
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::apply::document::parse;
    use crate::apply::schema::DocumentSeed;
    use crate::model::object::set_parameter;
    use crate::value::Value;

    #[test]
    fn exports_are_stable_and_read_back_on_the_fast_path() {
        let mut state = OrgState::default();
        let mut connector = InboundConnector::new("Contoso: \"HQ\"");
        set_parameter(&mut connector, "SenderDomains", &Value::str("contoso.com")).unwrap();
        state.inbound_connectors.push(connector);
        let chain = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src/pki/testdata/contoso-chain.pem"),
        )
        .unwrap();
        let certificates = pki::decode_any(&chain).unwrap();
        let sst = pki::sst::encode(&certificates[..2]).unwrap();
        state.smime_config.smime_certificate_issuing_ca =
            Some(crate::model::smime_config::CertificateStoreBytes(sst));
        crate::model::cert_store::add_certificate(
            &mut state.certificates,
            "LocalMachine",
            "CA",
            &certificates[1],
        );
        state.certificate_stores = vec![
            crate::model::CustomStore {
                location: "LocalMachine".into(),
                name: "Web".into(),
            },
            crate::model::CustomStore {
                location: "LocalMachine".into(),
                name: "Empty".into(),
            },
        ];
        crate::model::cert_store::add_certificate(
            &mut state.certificates,
            "LocalMachine",
            "Web",
            &certificates[0],
        );
        let text = export_document(&state, "state.yaml");
        assert_eq!(text, export_document(&state, "state.yaml"));
        assert!(
            text.starts_with("# mailsec desired state, exported from state.yaml\n"),
            "{text}"
        );
        assert!(
            crate::store::fast_document::read_fast(&text, DocumentSeed).is_some(),
            "the fast reader reads exports:\n{text}"
        );
        let document = parse(std::path::Path::new("e.yaml"), &text).unwrap();
        let inbound = document.inbound_connectors.unwrap();
        assert_eq!(inbound.items[0].name, "Contoso: \"HQ\"");
        assert_eq!(document.smime_config.unwrap().issuing_ca.unwrap().len(), 2);
        let stores: Vec<String> = document
            .certificates
            .iter()
            .map(|s| format!("{} {}", s.store_path(), s.items.len()))
            .collect();
        assert_eq!(
            stores,
            [
                "LocalMachine\\CA 1",
                "LocalMachine\\Web 1",
                "LocalMachine\\Empty 0"
            ]
        );
    }
}
