//! L1 — moments in UTC (`WhenCreated`, `WhenChanged`, `LastValidationTimestamp`): stored as
//! ISO 8601 text (`2024-05-06T14:30:00Z`), shown as `System.DateTime` values.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::value::{Value, builtin};

use super::param::{PropertyType, text_of};
use super::problem::Problem;

/// A moment in UTC, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// Now, to the second.
    pub fn now() -> Timestamp {
        Timestamp::from_unix(OffsetDateTime::now_utc().unix_timestamp())
            .unwrap_or(Timestamp(OffsetDateTime::UNIX_EPOCH))
    }

    /// The moment `seconds` after the Unix epoch.
    pub fn from_unix(seconds: i64) -> Option<Timestamp> {
        OffsetDateTime::from_unix_timestamp(seconds)
            .ok()
            .map(Timestamp)
    }

    pub fn unix(&self) -> i64 {
        self.0.unix_timestamp()
    }

    /// Read ISO 8601 / RFC 3339 (`2021-05-06T14:30:00Z`), `2021-05-06 14:30:00z` (as the
    /// docs write UTC), a date alone, or the `MM/dd/yyyy HH:mm:ss` form dates display in.
    pub fn parse(text: &str) -> Result<Timestamp, String> {
        let trimmed = text.trim();
        let invalid = || {
            format!(
                "'{trimmed}' isn't a date and time; use UTC such as \"2021-05-06 14:30:00z\" or (Get-Date).ToUniversalTime()."
            )
        };
        let normalized = trimmed.replacen(' ', "T", 1);
        let normalized = match normalized.strip_suffix(['z', 'Z']) {
            Some(rest) => format!("{rest}Z"),
            None => normalized,
        };
        if let Ok(moment) = OffsetDateTime::parse(&normalized, &Rfc3339) {
            return Timestamp::from_unix(moment.unix_timestamp()).ok_or_else(invalid);
        }
        match builtin::parse_datetime(trimmed.trim_end_matches(['z', 'Z'])) {
            Some(Value::Object(object)) => builtin::datetime_seconds(&object)
                .and_then(|(seconds, _)| Timestamp::from_unix(seconds))
                .ok_or_else(invalid),
            _ => Err(invalid()),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.format(&Rfc3339) {
            Ok(text) => f.write_str(&text),
            Err(_) => write!(f, "@{}", self.unix()),
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl PropertyType for Timestamp {
    const TYPE_NAME: &'static str = "System.DateTime";

    fn from_arg(parameter: &str, value: &Value) -> Result<Timestamp, Problem> {
        if let Value::Object(object) = value
            && let Some((seconds, _)) = builtin::datetime_seconds(object)
        {
            return Timestamp::from_unix(seconds).ok_or_else(|| {
                Problem::conversion(
                    parameter,
                    &text_of(value),
                    Self::TYPE_NAME,
                    "The date is out of range.",
                )
            });
        }
        let text = text_of(value);
        Timestamp::parse(&text)
            .map_err(|reason| Problem::conversion(parameter, &text, Self::TYPE_NAME, &reason))
    }

    fn to_ps(&self) -> Value {
        builtin::datetime(self.unix(), 0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn utc_texts_parse() {
        let moment = Timestamp::parse("2021-05-06 14:30:00z").unwrap();
        assert_eq!(moment.to_string(), "2021-05-06T14:30:00Z");
        assert_eq!(Timestamp::parse("2021-05-06T14:30:00Z").unwrap(), moment);
        assert_eq!(Timestamp::parse("05/06/2021 14:30:00").unwrap(), moment);
        assert!(Timestamp::parse("yesterday").is_err());
    }

    #[test]
    fn date_values_convert() {
        let date = builtin::datetime(1_620_311_400, 0);
        let moment = Timestamp::from_arg("LastValidationTimestamp", &date).unwrap();
        assert_eq!(moment.unix(), 1_620_311_400);
        assert_eq!(
            text_of(&PropertyType::to_ps(&moment)),
            "05/06/2021 14:30:00"
        );
    }

    #[test]
    fn timestamps_round_trip_through_yaml() {
        let moment = Timestamp::from_unix(1_700_000_000).unwrap();
        let text = serde_yaml::to_string(&moment).unwrap();
        assert_eq!(text.trim(), "2023-11-14T22:13:20Z");
        assert_eq!(serde_yaml::from_str::<Timestamp>(&text).unwrap(), moment);
    }
}
