//! L4 — text encodings for the file cmdlets' `-Encoding`: reading (a byte-order mark wins)
//! and writing UTF-8 (default, no BOM), UTF-8 with BOM, UTF-16 LE/BE, UTF-32, ASCII, Latin-1.

/// The names `-Encoding` accepts (PowerShell 7's set plus `ANSI`/`Latin1`).
pub const ENCODING_NAMES: &[&str] = &[
    "ASCII",
    "ANSI",
    "BigEndianUnicode",
    "BigEndianUTF32",
    "Latin1",
    "OEM",
    "Unicode",
    "UTF7",
    "UTF8",
    "UTF8BOM",
    "UTF8NoBOM",
    "UTF32",
    "Default",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
    Ascii,
    Latin1,
}

fn parse(name: Option<&str>) -> Encoding {
    match name.map(|n| n.to_ascii_lowercase()).as_deref() {
        Some("utf8bom") => Encoding::Utf8Bom,
        Some("unicode") => Encoding::Utf16Le,
        Some("bigendianunicode") => Encoding::Utf16Be,
        Some("utf32") => Encoding::Utf32Le,
        Some("bigendianutf32") => Encoding::Utf32Be,
        Some("ascii") => Encoding::Ascii,
        Some("latin1" | "ansi") => Encoding::Latin1,
        _ => Encoding::Utf8,
    }
}

/// Encode `text` for writing a whole file (`with_preamble`: the BOM the encoding has, as
/// .NET writes it at the start of a new file).
pub fn encode(text: &str, name: Option<&str>, with_preamble: bool) -> Vec<u8> {
    let encoding = parse(name);
    let mut out = Vec::with_capacity(text.len() + 4);
    if with_preamble {
        out.extend_from_slice(match encoding {
            Encoding::Utf8Bom => &[0xEF, 0xBB, 0xBF],
            Encoding::Utf16Le => &[0xFF, 0xFE],
            Encoding::Utf16Be => &[0xFE, 0xFF],
            Encoding::Utf32Le => &[0xFF, 0xFE, 0, 0],
            Encoding::Utf32Be => &[0, 0, 0xFE, 0xFF],
            _ => &[],
        });
    }
    match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom => out.extend_from_slice(text.as_bytes()),
        Encoding::Utf16Le => text
            .encode_utf16()
            .for_each(|u| out.extend_from_slice(&u.to_le_bytes())),
        Encoding::Utf16Be => text
            .encode_utf16()
            .for_each(|u| out.extend_from_slice(&u.to_be_bytes())),
        Encoding::Utf32Le => text
            .chars()
            .for_each(|c| out.extend_from_slice(&(c as u32).to_le_bytes())),
        Encoding::Utf32Be => text
            .chars()
            .for_each(|c| out.extend_from_slice(&(c as u32).to_be_bytes())),
        Encoding::Ascii => out.extend(
            text.chars()
                .map(|c| if c.is_ascii() { c as u8 } else { b'?' }),
        ),
        Encoding::Latin1 => {
            out.extend(text.chars().map(|c| u8::try_from(c as u32).unwrap_or(b'?')))
        }
    }
    out
}

/// Decode a file's bytes: a BOM decides the encoding, else the one asked for (UTF-8 by
/// default, invalid sequences replaced).
pub fn decode(bytes: &[u8], name: Option<&str>) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE, 0, 0]) {
        return utf32(rest, u32::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0, 0, 0xFE, 0xFF]) {
        return utf32(rest, u32::from_be_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    match parse(name) {
        Encoding::Utf16Le => utf16(bytes, u16::from_le_bytes),
        Encoding::Utf16Be => utf16(bytes, u16::from_be_bytes),
        Encoding::Utf32Le => utf32(bytes, u32::from_le_bytes),
        Encoding::Utf32Be => utf32(bytes, u32::from_be_bytes),
        Encoding::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
        Encoding::Ascii => bytes
            .iter()
            .map(|&b| if b.is_ascii() { char::from(b) } else { '?' })
            .collect(),
        Encoding::Utf8 | Encoding::Utf8Bom => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| read([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

fn utf32(bytes: &[u8], read: fn([u8; 4]) -> u32) -> String {
    bytes
        .chunks_exact(4)
        .map(|c| char::from_u32(read([c[0], c[1], c[2], c[3]])).unwrap_or('\u{FFFD}'))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_and_without_bom() {
        for name in [
            "utf8",
            "utf8BOM",
            "unicode",
            "bigendianunicode",
            "utf32",
            "bigendianutf32",
        ] {
            let bytes = encode("héllo €", Some(name), true);
            assert_eq!(decode(&bytes, None), "héllo €", "{name}");
        }
        assert_eq!(encode("ab", None, true), b"ab");
        assert_eq!(encode("é", Some("ascii"), false), b"?");
        assert_eq!(decode(&[0xE9], Some("latin1")), "é");
        assert_eq!(decode(&[0x61, 0, 0x62, 0], Some("unicode")), "ab");
    }
}
