//! L4 — Get-Date: the current date and time (UTC), or a given one with parts replaced, as a
//! `System.DateTime` object or, with `-Format` / `-UFormat`, as text.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value, builtin, convert, datefmt};

use super::super::common::{argument_error, named_type};

/// `Get-Date [[-Date] <DateTime>] [-Year …] … [-Format <String> | -UFormat <String>]`
pub struct GetDate;

impl Cmdlet for GetDate {
    fn signature(&self) -> Signature {
        let part =
            |name: &str| Param::new(name, PsType::Int).help("Replaces this part of the date.");
        Signature::new("Get-Date", "Gets the current date and time.")
            .default_set("DateTimeSet")
            .param(
                Param::new("Date", named_type("System.DateTime"))
                    .position(0)
                    .from_pipeline()
                    .from_pipeline_by_property_name()
                    .alias("LastWriteTime")
                    .help("The date to use instead of now."),
            )
            .param(part("Year"))
            .param(part("Month"))
            .param(part("Day"))
            .param(part("Hour"))
            .param(part("Minute"))
            .param(part("Second"))
            .param(part("Millisecond"))
            .param(Param::new("DisplayHint", PsType::String).accepts(&["Date", "Time", "DateTime"]))
            .param(
                Param::new("Format", PsType::String)
                    .set("DateTimeFormat")
                    .help("A .NET format string, e.g. 'yyyy-MM-dd'."),
            )
            .param(
                Param::new("UFormat", PsType::String)
                    .set("UFormat")
                    .help("A Unix format string, e.g. '%Y-%m-%d'."),
            )
            .param(Param::switch("AsUTC"))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Format a given date",
                "Get-Date -Date '2024-03-05' -Format 'yyyy/MM/dd'",
                "2024/03/05\n",
            ),
            Example::new(
                "Replace parts, Unix format",
                "Get-Date -Date '2024-03-05T10:20:30' -Hour 8 -UFormat '%Y-%m-%d %H:%M'",
                "2024-03-05 08:20\n",
            ),
            Example::new(
                "The year of a date",
                "(Get-Date -Date '2024-03-05').Year",
                "2024\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let base = match cx.input().cloned().or_else(|| cx.args.get("Date").cloned()) {
            Some(date @ Value::Object(_)) => date,
            Some(Value::Null) | None => builtin::now(),
            Some(other) => {
                let text = convert::to_string(&other, " ");
                builtin::parse_datetime(&text).ok_or_else(|| {
                    argument_error(
                        cx,
                        format!("Cannot convert value \"{text}\" to type \"System.DateTime\"."),
                    )
                })?
            }
        };
        let date = with_parts(cx, &base)?;
        let Value::Object(object) = &date else {
            return cx.emit(date);
        };
        if let Some(format) = cx.args.string("Format") {
            return cx.emit(Value::str(datefmt::format(object, &format)));
        }
        if let Some(format) = cx.args.string("UFormat") {
            return cx.emit(Value::str(datefmt::format(
                object,
                &unix_to_dotnet(&format),
            )));
        }
        cx.emit(date)
    }
}

/// The date with the parts given as parameters replaced.
fn with_parts(cx: &Context<'_, '_>, date: &Value) -> Eval<Value> {
    let names = [
        "Year",
        "Month",
        "Day",
        "Hour",
        "Minute",
        "Second",
        "Millisecond",
    ];
    if !names.iter().any(|n| cx.args.contains(n)) {
        return Ok(date.clone());
    }
    let part = |name: &str| -> i64 {
        let value = cx
            .args
            .get(name)
            .cloned()
            .unwrap_or_else(|| crate::value::access::get_member(date, name));
        convert::to_i64(&value).unwrap_or(0)
    };
    let [year, month, day, hour, minute, second, millis] = names.map(part);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || !(0..24).contains(&hour)
        || !(0..60).contains(&minute)
        || !(0..60).contains(&second)
    {
        return Err(argument_error(
            cx,
            "Year, Month, and Day parameters describe an un-representable DateTime.",
        ));
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second;
    let nanos = u32::try_from(millis.clamp(0, 999) * 1_000_000).unwrap_or(0);
    Ok(builtin::datetime(seconds, nanos))
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Translate a `-UFormat` string (`%Y-%m-%d`) to a .NET format string.
fn unix_to_dotnet(format: &str) -> String {
    let mut out = String::new();
    let mut literal = String::new();
    let flush = |literal: &mut String, out: &mut String| {
        if !literal.is_empty() {
            out.push('\'');
            out.push_str(&literal.replace('\'', "''"));
            out.push('\'');
            literal.clear();
        }
    };
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            literal.push(c);
            continue;
        }
        let code = match chars.next() {
            Some(code) => code,
            None => {
                literal.push('%');
                break;
            }
        };
        let dotnet = match code {
            'Y' => "yyyy",
            'y' => "yy",
            'm' => "MM",
            'd' => "dd",
            'e' => "%d",
            'H' => "HH",
            'I' => "hh",
            'M' => "mm",
            'S' => "ss",
            'p' => "tt",
            'A' => "dddd",
            'a' => "ddd",
            'B' => "MMMM",
            'b' | 'h' => "MMM",
            'D' => "MM/dd/yy",
            'F' => "yyyy-MM-dd",
            'T' | 'X' => "HH:mm:ss",
            'R' => "HH:mm",
            'Z' => "zzz",
            'n' => {
                literal.push('\n');
                continue;
            }
            't' => {
                literal.push('\t');
                continue;
            }
            other => {
                literal.push(other);
                continue;
            }
        };
        flush(&mut literal, &mut out);
        out.push_str(dotnet);
    }
    flush(&mut literal, &mut out);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn unix_formats() {
        assert_eq!(unix_to_dotnet("%Y-%m-%d"), "yyyy'-'MM'-'dd");
        assert_eq!(unix_to_dotnet("at %H:%M"), "'at 'HH':'mm");
    }
}
