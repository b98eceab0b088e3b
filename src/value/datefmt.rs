//! L1 — .NET date and time format strings (`{0:yyyy-MM-dd}`, `.ToString('s')`) for the
//! `System.DateTime` objects of [`builtin::datetime`](super::builtin::datetime). Culture: en-US.

use super::{PsObject, Value};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The parts of a date object.
struct Parts {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    millisecond: i64,
    weekday: String,
}

fn parts(object: &PsObject) -> Parts {
    let int = |name: &str| match object.get(name) {
        Some(Value::Int(n)) => i64::from(n),
        _ => 0,
    };
    let weekday = match object.get("DayOfWeek") {
        Some(Value::String(s)) => s.to_string(),
        _ => String::new(),
    };
    Parts {
        year: int("Year"),
        month: int("Month"),
        day: int("Day"),
        hour: int("Hour"),
        minute: int("Minute"),
        second: int("Second"),
        millisecond: int("Millisecond"),
        weekday,
    }
}

/// The custom pattern a standard one-letter format stands for (en-US).
fn standard_pattern(spec: &str) -> Option<&'static str> {
    Some(match spec {
        "d" => "M/d/yyyy",
        "D" => "dddd, MMMM d, yyyy",
        "f" => "dddd, MMMM d, yyyy h:mm tt",
        "F" => "dddd, MMMM d, yyyy h:mm:ss tt",
        "g" => "M/d/yyyy h:mm tt",
        "G" => "M/d/yyyy h:mm:ss tt",
        "t" => "h:mm tt",
        "T" => "h:mm:ss tt",
        "s" => "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
        "u" => "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
        "o" | "O" => "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'",
        "m" | "M" => "MMMM d",
        "y" | "Y" => "MMMM yyyy",
        _ => return None,
    })
}

/// Format a date object with a .NET date format string.
pub fn format(object: &PsObject, spec: &str) -> String {
    let pattern = standard_pattern(spec).unwrap_or(spec);
    let p = parts(object);
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..].iter().take_while(|&&x| x == c).count();
        let month_name = usize::try_from(p.month - 1)
            .ok()
            .and_then(|m| MONTHS.get(m))
            .copied()
            .unwrap_or("");
        let hour12 = if p.hour % 12 == 0 { 12 } else { p.hour % 12 };
        match c {
            'y' => {
                if run <= 2 {
                    let width = run;
                    out.push_str(&format!("{:0width$}", p.year % 100));
                } else {
                    let width = run;
                    out.push_str(&format!("{:0width$}", p.year));
                }
            }
            'M' => match run {
                1 => out.push_str(&p.month.to_string()),
                2 => out.push_str(&format!("{:02}", p.month)),
                3 => out.push_str(month_name.get(..3).unwrap_or("")),
                _ => out.push_str(month_name),
            },
            'd' => match run {
                1 => out.push_str(&p.day.to_string()),
                2 => out.push_str(&format!("{:02}", p.day)),
                3 => out.push_str(p.weekday.get(..3).unwrap_or("")),
                _ => out.push_str(&p.weekday),
            },
            'H' => push_number(&mut out, p.hour, run),
            'h' => push_number(&mut out, hour12, run),
            'm' => push_number(&mut out, p.minute, run),
            's' => push_number(&mut out, p.second, run),
            'f' | 'F' => {
                let digits = format!("{:03}0000", p.millisecond);
                let shown: String = digits.chars().take(run.min(7)).collect();
                if c == 'F' {
                    out.push_str(shown.trim_end_matches('0'));
                } else {
                    out.push_str(&shown);
                }
            }
            't' => {
                let marker = if p.hour < 12 { "AM" } else { "PM" };
                out.push_str(if run == 1 { &marker[..1] } else { marker });
            }
            'K' | 'z' => out.push_str(if c == 'K' { "Z" } else { "+00" }),
            '\'' | '"' => {
                let close = chars[i + 1..].iter().position(|&q| q == c);
                let end = close.map_or(chars.len(), |p| i + 1 + p);
                out.extend(&chars[i + 1..end]);
                i = end + 1;
                continue;
            }
            '\\' if i + 1 < chars.len() => {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            other => {
                for _ in 0..run {
                    out.push(other);
                }
            }
        }
        i += run;
    }
    out
}

fn push_number(out: &mut String, n: i64, run: usize) {
    if run >= 2 {
        out.push_str(&format!("{n:02}"));
    } else {
        out.push_str(&n.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::builtin;

    fn sample() -> std::rc::Rc<PsObject> {
        match builtin::datetime(1_704_467_045, 123_000_000) {
            Value::Object(o) => o,
            _ => panic!("not an object"),
        }
    }

    #[test]
    fn custom_patterns() {
        let d = sample();
        assert_eq!(format(&d, "yyyy-MM-dd"), "2024-01-05");
        assert_eq!(format(&d, "HH:mm:ss.fff"), "15:04:05.123");
        assert_eq!(format(&d, "hh:mm tt"), "03:04 PM");
        assert_eq!(format(&d, "dddd, MMMM d"), "Friday, January 5");
        assert_eq!(format(&d, "yyyyMMdd'T'HHmm"), "20240105T1504");
    }

    #[test]
    fn standard_patterns() {
        let d = sample();
        assert_eq!(format(&d, "s"), "2024-01-05T15:04:05");
        assert_eq!(format(&d, "d"), "1/5/2024");
        assert_eq!(format(&d, "u"), "2024-01-05 15:04:05Z");
        assert_eq!(format(&d, "o"), "2024-01-05T15:04:05.1230000Z");
    }
}
