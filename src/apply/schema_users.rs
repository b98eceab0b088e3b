//! L2 — the schema of the document's `Users` section: the directory (a saved connection's
//! name, or its settings — never a password, only the name of the environment variable that
//! holds it) and each user's published certificates.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::model::DirectoryConnection;

use super::doc_value::DocValue;
use super::document::{DirectoryRef, Ensure, UserDecl, UsersSection};
use super::schema::{KeySeed, bool_value, ensure_value, once, text_value};

const SECTION: &[&str] = &["Directory", "Items"];
const DIRECTORY: &[&str] = &[
    "Server",
    "StartTls",
    "BaseDN",
    "BindDN",
    "PasswordVariable",
    "TrustStore",
    "AllowUnencrypted",
];
const USER: &[&str] = &["Identity", "Ensure", "Certificates", "Attribute"];
/// The accepted `Attribute` values.
pub const ATTRIBUTES: &[&str] = &["Both", "UserCertificate", "UserSMIMECertificate"];

/// `Users: {Directory: …, Items: [...]}`.
pub struct UsersSeed;

impl<'de> DeserializeSeed<'de> for UsersSeed {
    type Value = UsersSection;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<UsersSection, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for UsersSeed {
    type Value = UsersSection;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("Users: a mapping with Directory and Items")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UsersSection, A::Error> {
        let place = "Users";
        let mut directory = None;
        let mut items = Vec::new();
        let mut seen = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed {
            accepted: SECTION,
            place,
        })? {
            once(&mut seen, key, place).map_err(de::Error::custom)?;
            if key == "Directory" {
                directory = Some(map.next_value_seed(DirectorySeed)?);
            } else {
                items = map.next_value_seed(UserItemsSeed)?;
            }
        }
        let directory = directory.ok_or_else(|| {
            de::Error::custom(
                "Users: a Directory is needed (a saved connection's name, or Server, BaseDN, BindDN and PasswordVariable)",
            )
        })?;
        Ok(UsersSection { directory, items })
    }
}

/// `Directory: Corp` or `Directory: {Server: …}`.
struct DirectorySeed;

impl<'de> DeserializeSeed<'de> for DirectorySeed {
    type Value = DirectoryRef;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<DirectoryRef, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DirectorySeed {
    type Value = DirectoryRef;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("Users.Directory: a saved connection's name, or a mapping of its settings")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<DirectoryRef, E> {
        Ok(DirectoryRef::Saved(name.trim().to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DirectoryRef, A::Error> {
        let place = "Users.Directory (no passwords here: name the environment variable that holds it with PasswordVariable)";
        let mut connection = DirectoryConnection {
            name: "desired-state".into(),
            ..DirectoryConnection::default()
        };
        let mut seen = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed {
            accepted: DIRECTORY,
            place,
        })? {
            once(&mut seen, key, "Users.Directory").map_err(de::Error::custom)?;
            let field = "Users.Directory";
            match key {
                "Server" => connection.server = text_value(&mut map, field, key)?,
                "StartTls" => connection.start_tls = bool_value(&mut map, field, key)?,
                "BaseDN" => connection.base_dn = text_value(&mut map, field, key)?,
                "BindDN" => connection.bind_dn = text_value(&mut map, field, key)?,
                "PasswordVariable" => {
                    connection.password_variable = text_value(&mut map, field, key)?
                }
                "TrustStore" => connection.trust_store = text_value(&mut map, field, key)?,
                _ => connection.allow_unencrypted = bool_value(&mut map, field, key)?,
            }
        }
        let problems = connection.validate();
        if let Some(problem) = problems.first() {
            return Err(de::Error::custom(format!(
                "Users.Directory: {}",
                problem.message
            )));
        }
        Ok(DirectoryRef::Inline(connection))
    }
}

struct UserItemsSeed;

impl<'de> DeserializeSeed<'de> for UserItemsSeed {
    type Value = Vec<UserDecl>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UserItemsSeed {
    type Value = Vec<UserDecl>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("Users.Items: a list of users")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items: Vec<UserDecl> = Vec::new();
        while let Some(item) = seq.next_element_seed(UserSeed { index: items.len() })? {
            if items
                .iter()
                .any(|u| u.identity.eq_ignore_ascii_case(&item.identity))
            {
                return Err(de::Error::custom(format!(
                    "Users.Items[{}]: the user '{}' is declared twice",
                    items.len(),
                    item.identity
                )));
            }
            items.push(item);
        }
        Ok(items)
    }
}

struct UserSeed {
    index: usize,
}

impl<'de> DeserializeSeed<'de> for UserSeed {
    type Value = UserDecl;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<UserDecl, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for UserSeed {
    type Value = UserDecl;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "Users.Items[{}]: a mapping with Identity and Certificates",
            self.index
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UserDecl, A::Error> {
        let place = format!("Users.Items[{}]", self.index);
        let mut identity = None;
        let mut ensure = Ensure::Present;
        let mut certificates = Vec::new();
        let mut attribute = "Both".to_string();
        let mut seen = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed {
            accepted: USER,
            place: &place,
        })? {
            once(&mut seen, key, &place).map_err(de::Error::custom)?;
            match key {
                "Identity" => identity = Some(text_value(&mut map, &place, key)?),
                "Ensure" => ensure = ensure_value(&mut map, &place)?,
                "Certificates" => {
                    for item in map.next_value::<DocValue>()?.items() {
                        match item {
                            DocValue::Text(path) if !path.trim().is_empty() => {
                                certificates.push(path.trim().to_string())
                            }
                            other => {
                                return Err(de::Error::custom(format!(
                                    "{place}.Certificates: '{other}' is not a certificate file"
                                )));
                            }
                        }
                    }
                }
                _ => {
                    let value = text_value(&mut map, &place, key)?;
                    attribute = ATTRIBUTES
                        .iter()
                        .find(|a| a.eq_ignore_ascii_case(&value))
                        .map(|a| (*a).to_string())
                        .ok_or_else(|| {
                            de::Error::custom(format!(
                                "{place}.Attribute is '{value}'; it takes {}",
                                ATTRIBUTES.join(", ")
                            ))
                        })?;
                }
            }
        }
        let identity = identity.ok_or_else(|| {
            de::Error::custom(format!(
                "{place}: every user needs an Identity (mail, account or DN)"
            ))
        })?;
        Ok(UserDecl {
            identity,
            ensure,
            certificates,
            attribute,
        })
    }
}
