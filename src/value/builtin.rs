//! L1 — constructors for the built-in .NET-like objects the value layer hands out:
//! `System.Version`, `DictionaryEntry`, `Guid`, `DateTime`, text encodings, `[regex]` objects
//! and exceptions built by `[T]::new(...)`.

use std::rc::Rc;
use std::time::{SystemTime, UNIX_EPOCH};

use super::object::{ObjectKind, PropertyBag, PsObject};
use super::{Array, PsType, Value, ValueError, convert};

/// A typed object with these properties and display string.
pub fn typed(type_name: &str, props: Vec<(&str, Value)>, display: Option<String>) -> Value {
    let mut bag = PropertyBag::new();
    for (name, value) in props {
        bag.set(name, value);
    }
    let mut object = PsObject::new(ObjectKind::Typed, type_name, bag);
    object.display = display.map(Into::into);
    Value::Object(Rc::new(object))
}

/// A `Byte[]` of these bytes.
pub fn byte_array(bytes: Vec<u8>) -> Value {
    Value::Array(Rc::new(Array::fixed(
        PsType::Byte,
        bytes.into_iter().map(Value::Byte).collect(),
    )))
}

/// A `String[]` of these strings.
pub fn string_array(items: Vec<String>) -> Value {
    Value::Array(Rc::new(Array::fixed(
        PsType::String,
        items.into_iter().map(Value::str).collect(),
    )))
}

pub const VERSION: &str = "System.Version";
pub const DICTIONARY_ENTRY: &str = "System.Collections.DictionaryEntry";
pub const GUID: &str = "System.Guid";
pub const DATETIME: &str = "System.DateTime";
pub const REGEX: &str = "System.Text.RegularExpressions.Regex";

/// `[version]::new(major, minor, build, revision)`; absent parts are -1 and not displayed.
pub fn version(major: i64, minor: i64, build: Option<i64>, revision: Option<i64>) -> Value {
    let mut display = format!("{major}.{minor}");
    if let Some(b) = build {
        display.push_str(&format!(".{b}"));
        if let Some(r) = revision {
            display.push_str(&format!(".{r}"));
        }
    }
    let part = |n: i64| Value::Int(i32::try_from(n).unwrap_or(-1));
    typed(
        VERSION,
        vec![
            ("Major", part(major)),
            ("Minor", part(minor)),
            ("Build", part(build.unwrap_or(-1))),
            ("Revision", part(revision.unwrap_or(-1))),
            ("MajorRevision", Value::Int(0)),
            ("MinorRevision", Value::Int(0)),
        ],
        Some(display),
    )
}

/// `[version]'1.2.3'`: two to four non-negative integer parts.
pub fn parse_version(text: &str) -> Result<Value, ValueError> {
    let bad = |reason: &str| ValueError::InvalidCast {
        value: text.to_string(),
        to: VERSION.to_string(),
        reason: reason.to_string(),
    };
    let parts: Vec<&str> = text.trim().split('.').collect();
    if !(2..=4).contains(&parts.len()) {
        return Err(bad("Version string portion was too short or too long."));
    }
    let mut numbers = Vec::new();
    for part in parts {
        let n = part
            .trim()
            .parse::<i64>()
            .map_err(|_| bad("Input string was not in a correct format."))?;
        if !(0..=i64::from(i32::MAX)).contains(&n) {
            return Err(bad(
                "Version's parameters must be greater than or equal to zero.",
            ));
        }
        numbers.push(n);
    }
    Ok(version(
        numbers[0],
        numbers[1],
        numbers.get(2).copied(),
        numbers.get(3).copied(),
    ))
}

/// The four parts of a version object (absent parts -1), for comparisons.
pub fn version_parts(object: &PsObject) -> Option<[i64; 4]> {
    if object.type_name.as_ref() != VERSION {
        return None;
    }
    let part = |name: &str| match object.get(name) {
        Some(Value::Int(n)) => i64::from(n),
        _ => -1,
    };
    Some([
        part("Major"),
        part("Minor"),
        part("Build"),
        part("Revision"),
    ])
}

/// A `System.Collections.DictionaryEntry` (`$_.Key`, `$_.Value`; `Name` is an alias of Key).
pub fn dictionary_entry(key: Value, value: Value) -> Value {
    typed(DICTIONARY_ENTRY, vec![("Key", key), ("Value", value)], None)
}

/// A `System.Guid` from its canonical text.
pub fn guid(text: &str) -> Value {
    let text = text.to_ascii_lowercase();
    typed(GUID, vec![("Guid", Value::str(text.as_str()))], Some(text))
}

/// Parse `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (with or without braces or dashes).
pub fn parse_guid(text: &str) -> Option<Value> {
    let hex: String = text
        .trim()
        .trim_start_matches(['{', '('])
        .trim_end_matches(['}', ')'])
        .chars()
        .filter(|c| *c != '-')
        .collect();
    if hex.len() != 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    Some(guid(&format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )))
}

/// `[guid]::NewGuid()`: a random version-4 GUID.
pub fn new_guid() -> Value {
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(8) {
        let word = random_u64().to_le_bytes();
        chunk.copy_from_slice(&word[..chunk.len()]);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    guid(&format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

/// 64 random bits from the standard library's randomly keyed hasher and the clock.
fn random_u64() -> u64 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = RandomState::new().build_hasher();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    hasher.write_u128(nanos);
    hasher.finish()
}

/// A `System.DateTime` for a moment given as seconds and nanoseconds since the Unix epoch
/// (UTC). Displayed as PowerShell's invariant string form `MM/dd/yyyy HH:mm:ss`.
pub fn datetime(unix_seconds: i64, nanos: u32) -> Value {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    let (hour, minute, second) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let weekday = (days + 4).rem_euclid(7);
    const WEEKDAYS: [&str; 7] = [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ];
    let ticks = (unix_seconds + 62_135_596_800) * 10_000_000 + i64::from(nanos / 100);
    let display = format!("{month:02}/{day:02}/{year:04} {hour:02}:{minute:02}:{second:02}");
    let int = |n: i64| Value::Int(i32::try_from(n).unwrap_or(0));
    let day_of_year = days - days_from_civil(year, 1, 1) + 1;
    typed(
        DATETIME,
        vec![
            ("Year", int(year)),
            ("Month", int(month)),
            ("Day", int(day)),
            ("Hour", int(hour)),
            ("Minute", int(minute)),
            ("Second", int(second)),
            ("Millisecond", int(i64::from(nanos / 1_000_000))),
            ("DayOfWeek", Value::str(WEEKDAYS[weekday as usize % 7])),
            ("DayOfYear", int(day_of_year)),
            ("Ticks", Value::Long(ticks)),
        ],
        Some(display),
    )
}

/// The moment a date object stands for, as Unix seconds and nanoseconds.
pub fn datetime_seconds(object: &PsObject) -> Option<(i64, u32)> {
    if object.type_name.as_ref() != DATETIME {
        return None;
    }
    match object.get("Ticks") {
        Some(Value::Long(ticks)) => {
            let seconds = ticks.div_euclid(10_000_000) - 62_135_596_800;
            let nanos = u32::try_from(ticks.rem_euclid(10_000_000) * 100).unwrap_or(0);
            Some((seconds, nanos))
        }
        _ => None,
    }
}

/// The current time (UTC; the shell has no time-zone database).
pub fn now() -> Value {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    datetime(
        i64::try_from(since.as_secs()).unwrap_or(0),
        since.subsec_nanos(),
    )
}

/// Today at midnight.
pub fn today() -> Value {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let secs = i64::try_from(since.as_secs()).unwrap_or(0);
    datetime(secs - secs.rem_euclid(86_400), 0)
}

/// Parse `yyyy-MM-dd`, `yyyy-MM-ddTHH:mm:ss[Z]` or `MM/dd/yyyy[ HH:mm:ss]`.
pub fn parse_datetime(text: &str) -> Option<Value> {
    let text = text.trim().trim_end_matches('Z');
    let (date, time) = match text.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let numbers = |s: &str, sep: char| -> Option<Vec<i64>> {
        s.split(sep).map(|p| p.trim().parse::<i64>().ok()).collect()
    };
    let (year, month, day) = if date.contains('-') {
        let p = numbers(date, '-')?;
        (*p.first()?, *p.get(1)?, *p.get(2)?)
    } else {
        let p = numbers(date, '/')?;
        (*p.get(2)?, *p.first()?, *p.get(1)?)
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1..=9999).contains(&year) {
        return None;
    }
    let (mut hour, mut minute, mut second) = (0, 0, 0);
    if let Some(time) = time {
        let time = time.split('.').next().unwrap_or(time);
        let p = numbers(time, ':')?;
        hour = *p.first()?;
        minute = p.get(1).copied().unwrap_or(0);
        second = p.get(2).copied().unwrap_or(0);
    }
    let days = days_from_civil(year, month, day);
    Some(datetime(
        days * 86_400 + hour * 3600 + minute * 60 + second,
        0,
    ))
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A text encoding object (`[Text.Encoding]::UTF8`); `name` is its web name.
pub fn encoding(web_name: &str) -> Value {
    let (type_name, display_name, code_page) = match web_name {
        "us-ascii" => ("System.Text.ASCIIEncoding", "US-ASCII", 20127),
        "utf-16" => ("System.Text.UnicodeEncoding", "Unicode", 1200),
        "utf-32" => ("System.Text.UTF32Encoding", "Unicode (UTF-32)", 12000),
        "iso-8859-1" => (
            "System.Text.Latin1Encoding",
            "Western European (ISO)",
            28591,
        ),
        _ => ("System.Text.UTF8Encoding", "Unicode (UTF-8)", 65001),
    };
    typed(
        type_name,
        vec![
            ("BodyName", Value::str(web_name)),
            ("EncodingName", Value::str(display_name)),
            ("WebName", Value::str(web_name)),
            ("CodePage", Value::Int(code_page)),
        ],
        None,
    )
}

/// A `[regex]` object; the pattern is its display, the options a property.
pub fn regex_object(pattern: &str, options: Value) -> Value {
    typed(REGEX, vec![("Options", options)], Some(pattern.to_string()))
}

/// An exception object built by `[T]::new(args)`: the message follows .NET's constructors
/// (`ArgumentNullException('p')` → "Value cannot be null. (Parameter 'p')").
pub fn exception(type_name: &str, args: &[Value]) -> Value {
    let text = |i: usize| args.get(i).map(|v| convert::to_string(v, " "));
    let short = type_name.rsplit('.').next().unwrap_or(type_name);
    let inner = args.iter().find_map(|a| match a {
        Value::Object(o) if o.kind == ObjectKind::Exception => Some(a.clone()),
        _ => None,
    });
    let mut param_name = None;
    let message = match short {
        "ArgumentNullException" | "ArgumentOutOfRangeException" if inner.is_none() => {
            param_name = text(0);
            let default = if short == "ArgumentNullException" {
                "Value cannot be null."
            } else {
                "Specified argument was out of the range of valid values."
            };
            let base = text(1).unwrap_or_else(|| default.to_string());
            match &param_name {
                Some(p) => format!("{base} (Parameter '{p}')"),
                None => base,
            }
        }
        "ArgumentException" if args.len() >= 2 && inner.is_none() => {
            param_name = text(1);
            format!(
                "{} (Parameter '{}')",
                text(0).unwrap_or_default(),
                text(1).unwrap_or_default()
            )
        }
        _ => text(0).unwrap_or_else(|| default_message(type_name)),
    };
    let object = PsObject::exception(type_name, &message);
    if let Some(inner) = inner {
        object.set("InnerException", inner);
    }
    if let Some(p) = param_name {
        object.set("ParamName", Value::str(p));
    }
    Value::Object(Rc::new(object))
}

/// .NET's message for an exception made without one.
fn default_message(type_name: &str) -> String {
    match type_name.rsplit('.').next().unwrap_or(type_name) {
        "ArgumentException" => "Value does not fall within the expected range.".into(),
        "InvalidOperationException" => {
            "Operation is not valid due to the current state of the object.".into()
        }
        "NotImplementedException" => "The method or operation is not implemented.".into(),
        "NotSupportedException" => "Specified method is not supported.".into(),
        "DivideByZeroException" => "Attempted to divide by zero.".into(),
        "NullReferenceException" => "Object reference not set to an instance of an object.".into(),
        "IndexOutOfRangeException" => "Index was outside the bounds of the array.".into(),
        "FormatException" => "One of the identified items was in an invalid format.".into(),
        "TimeoutException" => "The operation has timed out.".into(),
        _ => format!("Exception of type '{type_name}' was thrown."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::access::get_member;
    use crate::value::convert::to_string;

    #[test]
    fn versions_parse_and_display() {
        let v = parse_version("1.2.3").expect("version");
        assert_eq!(to_string(&v, " "), "1.2.3");
        assert_eq!(to_string(&get_member(&v, "Major"), " "), "1");
        assert_eq!(to_string(&get_member(&v, "Build"), " "), "3");
        assert_eq!(to_string(&get_member(&v, "Revision"), " "), "-1");
        assert!(parse_version("1").is_err());
        assert!(parse_version("1.x").is_err());
    }

    #[test]
    fn guids() {
        let g = new_guid();
        let text = to_string(&g, " ");
        assert_eq!(text.len(), 36);
        assert_eq!(&text[14..15], "4");
        assert!(parse_guid(&text).is_some());
        assert!(parse_guid("not a guid").is_none());
    }

    #[test]
    fn datetimes_use_the_civil_calendar() {
        let d = datetime(1_704_467_045, 0); // 2024-01-05 15:04:05 UTC
        assert_eq!(to_string(&d, " "), "01/05/2024 15:04:05");
        assert_eq!(to_string(&get_member(&d, "DayOfWeek"), " "), "Friday");
        assert_eq!(to_string(&get_member(&d, "DayOfYear"), " "), "5");
        let parsed = parse_datetime("2024-01-05T15:04:05Z").expect("date");
        assert_eq!(to_string(&parsed, " "), "01/05/2024 15:04:05");
        assert!(parse_datetime("2024-13-01").is_none());
    }

    #[test]
    fn exception_messages_follow_dotnet() {
        let e = exception("System.ArgumentNullException", &[Value::str("p")]);
        assert_eq!(
            to_string(&get_member(&e, "Message"), " "),
            "Value cannot be null. (Parameter 'p')"
        );
        let e = exception("System.ArgumentException", &[Value::str("bad arg")]);
        assert_eq!(to_string(&get_member(&e, "Message"), " "), "bad arg");
        let e = exception("System.Exception", &[]);
        assert_eq!(
            to_string(&get_member(&e, "Message"), " "),
            "Exception of type 'System.Exception' was thrown."
        );
    }
}
