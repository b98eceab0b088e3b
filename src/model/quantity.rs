//! L1 — Exchange's quantities: `EnhancedTimeSpan` (`[d.]hh:mm[:ss]`, as .NET's TimeSpan
//! parses), `ByteQuantifiedSize` (`10MB`, `1 KB`, plain bytes) and `Unlimited<T>` (a value or
//! the word `Unlimited`).

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::value::Value;

use super::param::{PropertyType, text_of, text_value};
use super::problem::Problem;

/// Types written as text that [`Unlimited`] can wrap.
pub trait TextParse: Sized {
    fn parse_text(text: &str) -> Result<Self, String>;
}

/// A duration in whole seconds, written `[d.]hh:mm[:ss]` or `d` (days), as .NET's
/// `TimeSpan.Parse` reads it: `15:00` is fifteen hours, `00:15:00` fifteen minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct EnhancedTimeSpan {
    seconds: u64,
}

impl EnhancedTimeSpan {
    pub const fn from_seconds(seconds: u64) -> EnhancedTimeSpan {
        EnhancedTimeSpan { seconds }
    }

    pub fn seconds(&self) -> u64 {
        self.seconds
    }

    pub fn parse(text: &str) -> Result<EnhancedTimeSpan, String> {
        let text = text.trim();
        let invalid = || {
            format!(
                "'{text}' isn't a valid time span. Use dd.hh:mm:ss (for example 00:15:00 for fifteen minutes, 1.00:00:00 for one day)."
            )
        };
        let number = |part: &str| -> Result<u64, String> {
            if part.is_empty() || !part.chars().all(|c| c.is_ascii_digit()) {
                return Err(invalid());
            }
            part.parse::<u64>().map_err(|_| invalid())
        };
        if !text.contains(':') {
            let days = number(text)?;
            return days
                .checked_mul(86_400)
                .map(EnhancedTimeSpan::from_seconds)
                .ok_or_else(invalid);
        }
        let (days, clock) = match text.split_once('.') {
            Some((days, clock)) if !days.contains(':') => (number(days)?, clock),
            _ => (0, text),
        };
        let mut parts: Vec<&str> = clock.split(':').collect();
        if parts.len() == 4 && days == 0 {
            let day_part = parts.remove(0);
            return EnhancedTimeSpan::parse(&format!("{day_part}.{}", parts.join(":")));
        }
        let (seconds_part, fraction) = match parts.last().and_then(|s| s.split_once('.')) {
            Some((whole, fraction)) if parts.len() == 3 => (whole, fraction),
            _ => (parts.last().copied().unwrap_or(""), ""),
        };
        if !fraction.chars().all(|c| c == '0') {
            return Err(format!(
                "'{text}' has fractions of a second; give whole seconds."
            ));
        }
        let (hours, minutes, seconds) = match parts.len() {
            2 => (number(parts[0])?, number(parts[1])?, 0),
            3 => (number(parts[0])?, number(parts[1])?, number(seconds_part)?),
            _ => return Err(invalid()),
        };
        if hours > 23 || minutes > 59 || seconds > 59 {
            return Err(format!(
                "'{text}' is out of range: hours go from 0 to 23, minutes and seconds from 0 to 59 (write days as d.hh:mm:ss)."
            ));
        }
        days.checked_mul(86_400)
            .and_then(|d| d.checked_add(hours * 3600 + minutes * 60 + seconds))
            .map(EnhancedTimeSpan::from_seconds)
            .ok_or_else(invalid)
    }
}

impl fmt::Display for EnhancedTimeSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.seconds / 86_400;
        let rest = self.seconds % 86_400;
        if days > 0 {
            write!(f, "{days}.")?;
        }
        write!(
            f,
            "{:02}:{:02}:{:02}",
            rest / 3600,
            rest % 3600 / 60,
            rest % 60
        )
    }
}

impl TextParse for EnhancedTimeSpan {
    fn parse_text(text: &str) -> Result<Self, String> {
        EnhancedTimeSpan::parse(text)
    }
}

text_value!(EnhancedTimeSpan, "Microsoft.Exchange.Data.EnhancedTimeSpan");

/// A size in bytes, written with an optional unit: `4096`, `4KB`, `10 MB`, `1.5GB`; Exchange's
/// own display `10 MB (10,485,760 bytes)` reads back too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ByteQuantifiedSize {
    bytes: u64,
}

const UNITS: [(&str, u64); 5] = [
    ("TB", 1 << 40),
    ("GB", 1 << 30),
    ("MB", 1 << 20),
    ("KB", 1 << 10),
    ("B", 1),
];

impl ByteQuantifiedSize {
    pub const fn from_bytes(bytes: u64) -> ByteQuantifiedSize {
        ByteQuantifiedSize { bytes }
    }

    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    pub fn parse(text: &str) -> Result<ByteQuantifiedSize, String> {
        let original = text.trim();
        let invalid = || {
            format!(
                "'{original}' isn't a valid size. Use a number of bytes or a number with a unit B, KB, MB, GB or TB (for example 4096, 4KB, 10 MB)."
            )
        };
        // Exchange's display form: "10 MB (10,485,760 bytes)".
        let text = match original.split_once('(') {
            Some((_, inner)) => inner
                .trim_end_matches(')')
                .trim()
                .trim_end_matches("bytes")
                .trim()
                .replace(',', ""),
            None => original.to_string(),
        };
        let upper = text.to_ascii_uppercase();
        let (number, multiplier) = UNITS
            .iter()
            .find_map(|(unit, factor)| {
                upper
                    .strip_suffix(unit)
                    .map(|n| (n.trim().to_string(), *factor))
            })
            .unwrap_or((upper.clone(), 1));
        if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(invalid());
        }
        let amount = Decimal::from_str(&number).map_err(|_| invalid())?;
        let bytes = amount
            .checked_mul(Decimal::from(multiplier))
            .map(|b| b.floor())
            .and_then(|b| b.to_u64())
            .ok_or_else(invalid)?;
        Ok(ByteQuantifiedSize { bytes })
    }
}

/// `2147483648` → `2,147,483,648`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for ByteQuantifiedSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (unit, factor) = UNITS
            .iter()
            .copied()
            .find(|(_, factor)| self.bytes >= *factor)
            .unwrap_or(("B", 1));
        let thousandths = u128::from(self.bytes) * 1000 / u128::from(factor);
        let whole = thousandths / 1000;
        let fraction = format!("{:03}", thousandths % 1000);
        let fraction = fraction.trim_end_matches('0');
        let amount = if fraction.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{fraction}")
        };
        write!(f, "{amount} {unit} ({} bytes)", grouped(self.bytes))
    }
}

impl TextParse for ByteQuantifiedSize {
    fn parse_text(text: &str) -> Result<Self, String> {
        ByteQuantifiedSize::parse(text)
    }
}

text_value!(
    ByteQuantifiedSize,
    "Microsoft.Exchange.Data.ByteQuantifiedSize"
);

impl TextParse for i32 {
    fn parse_text(text: &str) -> Result<Self, String> {
        text.trim()
            .parse()
            .map_err(|_| format!("'{}' isn't a whole number.", text.trim()))
    }
}

impl TextParse for u32 {
    fn parse_text(text: &str) -> Result<Self, String> {
        text.trim().parse().map_err(|_| {
            format!(
                "'{}' isn't a whole number from 0 to 4294967295.",
                text.trim()
            )
        })
    }
}

/// A value or the word `Unlimited` (any case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlimited<T> {
    Unlimited,
    Limited(T),
}

impl<T> Unlimited<T> {
    /// The limit, `None` when unlimited.
    pub fn limit(&self) -> Option<&T> {
        match self {
            Unlimited::Unlimited => None,
            Unlimited::Limited(value) => Some(value),
        }
    }
}

impl<T: TextParse> Unlimited<T> {
    pub fn parse(text: &str) -> Result<Unlimited<T>, String> {
        if text.trim().eq_ignore_ascii_case("unlimited") {
            Ok(Unlimited::Unlimited)
        } else {
            T::parse_text(text)
                .map(Unlimited::Limited)
                .map_err(|reason| format!("{reason} The value can also be Unlimited."))
        }
    }
}

impl<T: fmt::Display> fmt::Display for Unlimited<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unlimited::Unlimited => f.write_str("Unlimited"),
            Unlimited::Limited(value) => value.fmt(f),
        }
    }
}

impl<T: PropertyType + TextParse> PropertyType for Unlimited<T> {
    const TYPE_NAME: &'static str = "Microsoft.Exchange.Data.Unlimited";

    fn from_arg(parameter: &str, value: &Value) -> Result<Unlimited<T>, Problem> {
        let text = text_of(value);
        if text.trim().eq_ignore_ascii_case("unlimited") {
            return Ok(Unlimited::Unlimited);
        }
        T::from_arg(parameter, value)
            .map(Unlimited::Limited)
            .map_err(|mut problem| {
                problem
                    .message
                    .push_str(" The value can also be Unlimited.");
                problem
            })
    }

    fn to_ps(&self) -> Value {
        match self {
            Unlimited::Unlimited => Value::str("Unlimited"),
            Unlimited::Limited(value) => value.to_ps(),
        }
    }
}

impl<T: Serialize> Serialize for Unlimited<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Unlimited::Unlimited => serializer.serialize_str("Unlimited"),
            Unlimited::Limited(value) => value.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de> + TextParse> Deserialize<'de> for Unlimited<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Unlimited<T>, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr<T> {
            Text(String),
            Value(T),
        }
        match Repr::<T>::deserialize(deserializer)? {
            Repr::Text(text) => Unlimited::parse(&text).map_err(serde::de::Error::custom),
            Repr::Value(value) => Ok(Unlimited::Limited(value)),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn span(text: &str) -> u64 {
        EnhancedTimeSpan::parse(text).unwrap().seconds()
    }

    #[test]
    fn time_spans_read_as_dotnet_reads_them() {
        assert_eq!(span("00:15:00"), 900);
        assert_eq!(span("15:00"), 15 * 3600);
        assert_eq!(span("1.00:00:00"), 86_400);
        assert_eq!(span("730.00:00:00"), 730 * 86_400);
        assert_eq!(span("2"), 2 * 86_400);
        assert_eq!(span("1:02:03:04"), 86_400 + 2 * 3600 + 3 * 60 + 4);
        assert_eq!(span("00:00:30.000"), 30);
        for bad in [
            "",
            "abc",
            "24:00:00",
            "00:60:00",
            "1:2:3:4:5",
            "-00:01:00",
            "00:00:01.5",
        ] {
            assert!(
                EnhancedTimeSpan::parse(bad).is_err(),
                "{bad} should be rejected"
            );
        }
    }

    #[test]
    fn time_spans_print_as_dotnet_does() {
        assert_eq!(EnhancedTimeSpan::from_seconds(900).to_string(), "00:15:00");
        assert_eq!(
            EnhancedTimeSpan::from_seconds(86_400 + 61).to_string(),
            "1.00:01:01"
        );
    }

    #[test]
    fn sizes_take_units_and_print_like_exchange() {
        assert_eq!(ByteQuantifiedSize::parse("4096").unwrap().bytes(), 4096);
        assert_eq!(ByteQuantifiedSize::parse("4KB").unwrap().bytes(), 4096);
        assert_eq!(
            ByteQuantifiedSize::parse("10 mb").unwrap().bytes(),
            10 << 20
        );
        assert_eq!(ByteQuantifiedSize::parse("1.5GB").unwrap().bytes(), 3 << 29);
        assert_eq!(
            ByteQuantifiedSize::parse("2047.999024MB").unwrap().bytes(),
            2_147_482_624
        );
        assert_eq!(
            ByteQuantifiedSize::parse("2097151KB").unwrap().bytes(),
            2_147_482_624
        );
        let shown = ByteQuantifiedSize::from_bytes(10 << 20).to_string();
        assert_eq!(shown, "10 MB (10,485,760 bytes)");
        assert_eq!(ByteQuantifiedSize::parse(&shown).unwrap().bytes(), 10 << 20);
        assert_eq!(
            ByteQuantifiedSize::from_bytes(1536).to_string(),
            "1.5 KB (1,536 bytes)"
        );
        assert_eq!(
            ByteQuantifiedSize::from_bytes(0).to_string(),
            "0 B (0 bytes)"
        );
        for bad in ["", "ten", "10XB", "-5", "1.2.3MB"] {
            assert!(
                ByteQuantifiedSize::parse(bad).is_err(),
                "{bad} should be rejected"
            );
        }
    }

    #[test]
    fn unlimited_wraps_any_value() {
        assert_eq!(
            Unlimited::<i32>::parse("unlimited").unwrap(),
            Unlimited::Unlimited
        );
        assert_eq!(Unlimited::<i32>::parse("8").unwrap(), Unlimited::Limited(8));
        let error = Unlimited::<i32>::parse("eight").unwrap_err();
        assert!(error.contains("Unlimited"));
        let problem =
            Unlimited::<i32>::from_arg("MaxPasswordFailedAttempts", &Value::str("x")).unwrap_err();
        assert!(problem.message.contains("can also be Unlimited"));
        assert_eq!(
            Unlimited::<EnhancedTimeSpan>::from_arg("X", &Value::str("00:15:00"))
                .unwrap()
                .to_string(),
            "00:15:00"
        );
    }

    #[test]
    fn unlimited_round_trips_through_yaml() {
        let limited: Unlimited<i32> = Unlimited::Limited(8);
        assert_eq!(serde_yaml::to_string(&limited).unwrap().trim(), "8");
        let back: Unlimited<i32> = serde_yaml::from_str("8").unwrap();
        assert_eq!(back, limited);
        let unlimited: Unlimited<EnhancedTimeSpan> = serde_yaml::from_str("Unlimited").unwrap();
        assert_eq!(unlimited, Unlimited::Unlimited);
        let span: Unlimited<EnhancedTimeSpan> = serde_yaml::from_str("'00:15:00'").unwrap();
        assert_eq!(
            span,
            Unlimited::Limited(EnhancedTimeSpan::from_seconds(900))
        );
    }
}
