//! L1 — `[Convert]` (Base64, hex, radix conversions) and `[BitConverter]`.

use super::args::{Args, overload};
use super::object_methods::bytes_of;
use super::{PsType, Value, ValueError, builtin, convert};

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard Base64 with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(BASE64[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decode Base64 (white space ignored); `None` when malformed.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let clean: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if !clean.len().is_multiple_of(4) {
        return None;
    }
    let padding = clean.iter().rev().take_while(|&&b| b == b'=').count();
    if padding > 2 || clean[..clean.len() - padding].contains(&b'=') {
        return None;
    }
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for &b in chunk {
            let v = match b {
                b'=' => 0,
                _ => u32::try_from(BASE64.iter().position(|&c| c == b)?).ok()?,
            };
            n = (n << 6) | v;
        }
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    out.truncate(out.len() - padding);
    Some(out)
}

fn format_error(message: &str) -> ValueError {
    ValueError::Format {
        message: message.to_string(),
    }
}

/// `Convert.ToInt32(text, base)`: base 2, 8, 10 or 16; non-decimal digits are two's
/// complement of the type's width.
fn parse_radix(text: &str, base: i64, bits: u32) -> Result<i64, ValueError> {
    let radix = match base {
        2 | 8 | 10 | 16 => u32::try_from(base).unwrap_or(10),
        _ => {
            return Err(ValueError::Argument {
                message: "Invalid Base. (Parameter 'fromBase')".into(),
            });
        }
    };
    let t = text.trim();
    if radix == 10 {
        return t
            .parse::<i64>()
            .map_err(|_| format_error("Could not find any recognizable digits."));
    }
    let t = if radix == 16 {
        t.strip_prefix("0x")
            .or_else(|| t.strip_prefix("0X"))
            .unwrap_or(t)
    } else {
        t
    };
    let raw = u64::from_str_radix(t, radix)
        .map_err(|_| format_error("Could not find any recognizable digits."))?;
    Ok(match bits {
        8 => i64::from(raw as u8),
        32 => i64::from(raw as u32 as i32),
        _ => raw as i64,
    })
}

/// `[Convert]::Name(args)`.
pub fn convert_class(name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let to_type = |ty: PsType| convert::convert_to(&a.get(0), &ty, " ");
    let radix_or = |ty: PsType, bits: u32| -> Result<Value, ValueError> {
        if a.len() == 2 {
            let n = parse_radix(&a.string(0), a.int(1)?, bits)?;
            return Ok(match bits {
                8 => Value::Byte(n as u8),
                32 => Value::Int(n as i32),
                _ => Value::Long(n),
            });
        }
        to_type(ty)
    };
    Some(match name.to_ascii_lowercase().as_str() {
        "tobase64string" => bytes_of(&a.get(0)).map(|b| Value::str(base64_encode(&b))),
        "frombase64string" => base64_decode(&a.string(0)).map(builtin::byte_array).ok_or_else(|| {
            format_error("The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters.")
        }),
        "tohexstring" => bytes_of(&a.get(0))
            .map(|b| Value::str(b.iter().map(|x| format!("{x:02X}")).collect::<String>())),
        "fromhexstring" => {
            let t = a.string(0);
            if !t.len().is_multiple_of(2) || !t.chars().all(|c| c.is_ascii_hexdigit()) {
                Err(format_error("The input is not a valid hex string as its length is not a multiple of 2."))
            } else {
                Ok(builtin::byte_array(
                    (0..t.len())
                        .step_by(2)
                        .filter_map(|i| u8::from_str_radix(&t[i..i + 2], 16).ok())
                        .collect(),
                ))
            }
        }
        "toint32" | "toint16" => radix_or(PsType::Int, 32),
        "toint64" => radix_or(PsType::Long, 64),
        "tobyte" => radix_or(PsType::Byte, 8),
        "todouble" | "tosingle" => to_type(PsType::Double),
        "todecimal" => to_type(PsType::Decimal),
        "toboolean" => match a.get(0) {
            Value::String(s) => super::statics::parse_bool(&s),
            other => Ok(Value::Bool(convert::to_bool(&other))),
        },
        "tochar" => to_type(PsType::Char),
        "tostring" => match a.len() {
            1 => Ok(Value::str(convert::to_string(&a.get(0), " "))),
            2 => a.int(1).and_then(|base| {
                let n = convert::to_i64(&a.get(0))?;
                let bits_32 = matches!(a.get(0), Value::Int(_) | Value::Byte(_));
                Ok(Value::str(match base {
                    2 if bits_32 => format!("{:b}", n as i32),
                    8 if bits_32 => format!("{:o}", n as i32),
                    16 if bits_32 => format!("{:x}", n as i32),
                    2 => format!("{n:b}"),
                    8 => format!("{n:o}"),
                    16 => format!("{n:x}"),
                    10 => n.to_string(),
                    _ => {
                        return Err(ValueError::Argument {
                            message: "Invalid Base. (Parameter 'toBase')".into(),
                        });
                    }
                }))
            }),
            n => Err(overload(name, n)),
        },
        _ => return None,
    })
}

/// `[BitConverter]::ToString(bytes)` → `01-02-FF`.
pub fn bit_converter(name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    match name.to_ascii_lowercase().as_str() {
        "tostring" => Some(bytes_of(&a.get(0)).map(|b| {
            Value::str(
                b.iter()
                    .map(|x| format!("{x:02X}"))
                    .collect::<Vec<_>>()
                    .join("-"),
            )
        })),
        "getbytes" => Some(Ok(builtin::byte_array(
            match convert::to_number(&a.get(0)) {
                Ok(Value::Int(n)) => n.to_le_bytes().to_vec(),
                Ok(Value::Long(n)) => n.to_le_bytes().to_vec(),
                Ok(Value::Double(x)) => x.to_le_bytes().to_vec(),
                Ok(Value::Byte(b)) => vec![b],
                _ => Vec::new(),
            },
        ))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(result: Option<Result<Value, ValueError>>) -> String {
        match result {
            Some(Ok(v)) => convert::to_string(&v, ","),
            Some(Err(e)) => format!("error: {e}"),
            None => "<none>".into(),
        }
    }

    #[test]
    fn base64_round_trips() {
        for sample in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"] {
            let encoded = base64_encode(sample);
            assert_eq!(base64_decode(&encoded).as_deref(), Some(sample));
        }
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert!(base64_decode("Zm9v!").is_none());
        assert!(base64_decode("Zm=v").is_none());
        let bytes = Value::array(vec![Value::Int(104), Value::Int(105)]);
        assert_eq!(text(convert_class("ToBase64String", &[bytes])), "aGk=");
        assert_eq!(
            text(convert_class("FromBase64String", &[Value::str("aGk=")])),
            "104,105"
        );
    }

    #[test]
    fn radix_conversions() {
        assert_eq!(
            text(convert_class(
                "ToInt32",
                &[Value::str("FF"), Value::Int(16)]
            )),
            "255"
        );
        assert_eq!(
            text(convert_class(
                "ToInt32",
                &[Value::str("0xFF"), Value::Int(16)]
            )),
            "255"
        );
        assert_eq!(
            text(convert_class(
                "ToInt32",
                &[Value::str("FFFFFFFF"), Value::Int(16)]
            )),
            "-1"
        );
        assert_eq!(
            text(convert_class(
                "ToInt32",
                &[Value::str("101"), Value::Int(2)]
            )),
            "5"
        );
        assert_eq!(text(convert_class("ToInt32", &[Value::Double(2.5)])), "2");
        assert_eq!(
            text(convert_class(
                "ToString",
                &[Value::Int(255), Value::Int(16)]
            )),
            "ff"
        );
        assert_eq!(
            text(convert_class("ToString", &[Value::Int(5), Value::Int(2)])),
            "101"
        );
        let bytes = Value::array(vec![Value::Int(1), Value::Int(255)]);
        assert_eq!(
            text(convert_class("ToHexString", std::slice::from_ref(&bytes))),
            "01FF"
        );
        assert_eq!(text(bit_converter("ToString", &[bytes])), "01-FF");
    }
}
