//! L1 — what every configuration object shares: its generated fields (`Name`, `Guid`,
//! `WhenCreated`, `WhenChanged`) and the derived ones (`Identity`, `DistinguishedName`, the UTC
//! variants), its table of settable parameters, identity matching (name, GUID or DN), and its
//! output object with Exchange's property names.

use std::rc::Rc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use crate::value::{ObjectKind, PropertyBag, PsObject, Value};

use super::param::{Property, PropertyType};
use super::problem::Problem;
use super::timestamp::Timestamp;

/// The fields Exchange generates for a configuration object.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ObjectMeta {
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Guid", with = "guid_text")]
    pub guid: Uuid,
    #[serde(rename = "WhenCreated", skip_serializing_if = "Option::is_none")]
    pub when_created: Option<Timestamp>,
    #[serde(rename = "WhenChanged", skip_serializing_if = "Option::is_none")]
    pub when_changed: Option<Timestamp>,
}

impl ObjectMeta {
    /// A new object named `name`: a fresh GUID, created and changed now.
    pub fn created(name: &str) -> ObjectMeta {
        let now = Timestamp::now();
        ObjectMeta {
            name: name.to_string(),
            guid: Uuid::new_v4(),
            when_created: Some(now),
            when_changed: Some(now),
        }
    }

    /// A built-in object with a fixed GUID and no creation time (it came with the organization).
    pub fn built_in(name: &str, guid: Uuid) -> ObjectMeta {
        ObjectMeta {
            name: name.to_string(),
            guid,
            when_created: None,
            when_changed: None,
        }
    }

    /// Record a change now.
    pub fn touch(&mut self) {
        self.when_changed = Some(Timestamp::now());
    }
}

/// GUIDs as their canonical text in the state file.
pub(crate) mod guid_text {
    use super::*;

    /// An optional GUID as its text (absent when `None`).
    pub mod optional {
        use super::*;

        pub fn serialize<S: Serializer>(
            guid: &Option<Uuid>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match guid {
                Some(guid) => serializer.collect_str(guid),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Uuid>, D::Error> {
            match Option::<String>::deserialize(deserializer)? {
                Some(text) => Uuid::parse_str(text.trim())
                    .map(Some)
                    .map_err(serde::de::Error::custom),
                None => Ok(None),
            }
        }
    }

    pub fn serialize<S: Serializer>(guid: &Uuid, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(guid)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Uuid, D::Error> {
        let text = String::deserialize(deserializer)?;
        Uuid::parse_str(text.trim()).map_err(serde::de::Error::custom)
    }
}

/// Which parameters a setting belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    /// New-* and Set-*.
    Both,
    NewOnly,
    SetOnly,
}

/// One settable parameter of an object type: its name, documented type, where it exists, a
/// line of help, and how it sets the field.
pub struct Setting<T> {
    pub name: &'static str,
    /// The documented parameter type (`Boolean`, `MultiValuedProperty`, `TlsAuthLevel`).
    pub type_name: &'static str,
    pub availability: Availability,
    pub help: &'static str,
    pub assign: fn(&mut T, &Value) -> Result<(), Vec<Problem>>,
}

impl<T> Setting<T> {
    pub fn on_new(&self) -> bool {
        self.availability != Availability::SetOnly
    }

    pub fn on_set(&self) -> bool {
        self.availability != Availability::NewOnly
    }
}

/// One row of a settings table: `setting!("RequireTls", require_tls, "Boolean", Both, "…")`.
macro_rules! setting {
    ($name:literal, $($field:ident).+, $type_name:literal, $availability:ident, $help:literal) => {
        $crate::model::object::Setting {
            name: $name,
            type_name: $type_name,
            availability: $crate::model::object::Availability::$availability,
            help: $help,
            assign: |object, value| {
                $crate::model::param::Property::assign(&mut object.$($field).+, $name, value)
            },
        }
    };
}
pub(crate) use setting;

/// What describes one kind of configuration object.
#[derive(Debug)]
pub struct ObjectKindInfo {
    /// The output object's .NET type name.
    pub type_name: &'static str,
    /// How messages name the kind (`Inbound connector`).
    pub noun: &'static str,
    /// The DN containers between the object and the organization (`CN=Inbound Connectors,…`).
    pub container: &'static str,
}

/// A configuration object the cmdlets manage.
pub trait ConfigObject: Clone + PartialEq + 'static {
    const KIND: ObjectKindInfo;

    fn meta(&self) -> &ObjectMeta;
    fn meta_mut(&mut self) -> &mut ObjectMeta;

    /// The parameters that set this object's fields.
    fn settings() -> &'static [Setting<Self>];

    /// Every rule the object breaks (none when it is valid).
    fn validate(&self) -> Vec<Problem>;

    /// Advice about settings that are allowed but probably not meant (warnings, not errors).
    fn advisories(&self) -> Vec<String> {
        Vec::new()
    }

    /// Fix-ups Exchange applies after parameters are set (e.g. a setting that implies another).
    fn normalize(&mut self) {}

    /// The type's own output properties, in Exchange's order (the generated ones follow).
    fn properties(&self) -> Vec<(&'static str, Value)>;

    fn name(&self) -> &str {
        &self.meta().name
    }
}

/// Set one parameter on `object` by its name (case-insensitive).
pub fn set_parameter<T: ConfigObject>(
    object: &mut T,
    parameter: &str,
    value: &Value,
) -> Result<(), Vec<Problem>> {
    match T::settings()
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(parameter))
    {
        Some(setting) => (setting.assign)(object, value),
        None => Err(vec![Problem::unknown_parameter(parameter)]),
    }
}

/// Set several parameters; every problem of every parameter is returned.
pub fn set_parameters<'a, T: ConfigObject>(
    object: &mut T,
    arguments: impl IntoIterator<Item = (&'a str, &'a Value)>,
) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    for (parameter, value) in arguments {
        if let Err(mut found) = set_parameter(object, parameter, value) {
            problems.append(&mut found);
        }
    }
    object.normalize();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Escape a value for a DN's `CN=` component.
fn escape_dn(value: &str) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        let leading = i == 0 && (c == ' ' || c == '#');
        let trailing = i + 1 == value.chars().count() && c == ' ';
        if leading || trailing || ",+\"\\<>;=".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The DN suffix of everything in `organization`.
pub fn organization_dn(organization: &str) -> String {
    format!(
        "CN={},CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=mailsec,DC=local",
        escape_dn(organization)
    )
}

/// An object's distinguished name in `organization`.
pub fn distinguished_name<T: ConfigObject>(object: &T, organization: &str) -> String {
    format!(
        "CN={},{},{}",
        escape_dn(object.name()),
        T::KIND.container,
        organization_dn(organization)
    )
}

/// Does `identity` (a name, a GUID or a DN) name `object`? Names and DNs compare ignoring case.
pub fn matches_identity<T: ConfigObject>(object: &T, organization: &str, identity: &str) -> bool {
    let identity = identity.trim();
    if object.name().eq_ignore_ascii_case(identity) {
        return true;
    }
    let braces: &[char] = &['{', '}'];
    if let Ok(guid) = Uuid::parse_str(identity.trim_matches(braces)) {
        return guid == object.meta().guid;
    }
    identity.contains('=')
        && distinguished_name(object, organization).eq_ignore_ascii_case(identity)
}

/// The output object: the type's properties in Exchange's order, then the generated ones.
/// Its string form is its identity (the name), as Exchange objects print.
pub fn to_value<T: ConfigObject>(object: &T, organization: &str) -> Value {
    let mut props = PropertyBag::new();
    for (name, value) in object.properties() {
        props.set(name, value);
    }
    let meta = object.meta();
    let name = Value::str(meta.name.as_str());
    let when = |t: &Option<Timestamp>| t.as_ref().map(PropertyType::to_ps).unwrap_or(Value::Null);
    let generated: Vec<(&str, Value)> = vec![
        ("Name", name.clone()),
        (
            "DistinguishedName",
            Value::str(distinguished_name(object, organization)),
        ),
        ("Identity", name.clone()),
        ("Guid", PropertyType::to_ps(&meta.guid)),
        ("Id", name),
        ("WhenChanged", when(&meta.when_changed)),
        ("WhenCreated", when(&meta.when_created)),
        ("WhenChangedUTC", when(&meta.when_changed)),
        ("WhenCreatedUTC", when(&meta.when_created)),
        ("OrganizationId", Value::str(organization)),
        ("IsValid", Value::Bool(object.validate().is_empty())),
        ("ObjectState", Value::str("Unchanged")),
    ];
    for (name, value) in generated {
        props.set(name, value);
    }
    let mut ps = PsObject::new(ObjectKind::Typed, T::KIND.type_name, props);
    ps.display = Some(meta.name.as_str().into());
    Value::Object(Rc::new(ps))
}

/// A property's output value (shorthand for the properties lists).
pub fn out(property: &dyn Property) -> Value {
    property.to_ps()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn dn_values_are_escaped() {
        assert_eq!(escape_dn("Contoso, Inc"), "Contoso\\, Inc");
        assert_eq!(escape_dn("#1 "), "\\#1\\ ");
        assert_eq!(escape_dn("plain"), "plain");
    }

    #[test]
    fn meta_round_trips_through_yaml() {
        let meta = ObjectMeta::created("Contoso");
        let text = serde_yaml::to_string(&meta).unwrap();
        assert!(text.starts_with("Name: Contoso\nGuid: "), "{text}");
        let back: ObjectMeta = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, meta);
        let minimal: ObjectMeta = serde_yaml::from_str("Name: Old").unwrap();
        assert_eq!(minimal.name, "Old");
        assert!(minimal.when_created.is_none());
    }
}
