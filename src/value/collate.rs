//! L1 — culture-style string ordering and equality, as .NET's invariant culture (ICU root
//! collation) gives them: punctuation before digits before letters, letters alphabetically
//! regardless of case and accents, then accents, then (when case matters) lower case first.

use std::cmp::Ordering;

/// ASCII punctuation and symbols in root collation order.
const PUNCTUATION: &str = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

/// Latin letters with diacritics and the base letter they sort with.
const ACCENTED: &[(&str, char)] = &[
    ("àáâãäåā", 'a'),
    ("çćč", 'c'),
    ("ďđ", 'd'),
    ("èéêëēěę", 'e'),
    ("ìíîïī", 'i'),
    ("ñńň", 'n'),
    ("òóôõöøō", 'o'),
    ("ŕř", 'r'),
    ("śšş", 's'),
    ("ťţ", 't'),
    ("ùúûüūů", 'u'),
    ("ýÿ", 'y'),
    ("źżž", 'z'),
];

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn base_letter(c: char) -> char {
    let l = lower(c);
    ACCENTED
        .iter()
        .find(|(set, _)| set.contains(l))
        .map_or(l, |(_, base)| *base)
}

/// The primary weight of a character: (class, weight within the class).
fn primary(c: char) -> (u8, u32) {
    if c.is_whitespace() {
        (0, c as u32)
    } else if let Some(i) = PUNCTUATION.find(c) {
        (1, i as u32)
    } else if c.is_ascii_punctuation() || (!c.is_alphanumeric() && (c as u32) < 0x3000) {
        (1, 100 + c as u32)
    } else if let Some(d) = c.to_digit(10) {
        (2, d)
    } else if c.is_alphabetic() {
        (3, base_letter(c) as u32)
    } else {
        (4, c as u32)
    }
}

/// Compare two strings culture-style; `case_sensitive` adds the lower-before-upper tie-break.
pub fn compare(a: &str, b: &str, case_sensitive: bool) -> Ordering {
    let primary_order = a.chars().map(primary).cmp(b.chars().map(primary));
    if primary_order != Ordering::Equal {
        return primary_order;
    }
    let accents = a.chars().map(lower).cmp(b.chars().map(lower));
    if accents != Ordering::Equal {
        return accents;
    }
    if !case_sensitive {
        return Ordering::Equal;
    }
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y {
            // Lower case sorts first.
            return match (x.is_lowercase(), y.is_lowercase()) {
                (true, false) => Ordering::Less,
                (false, true) => Ordering::Greater,
                _ => x.cmp(&y),
            };
        }
    }
    Ordering::Equal
}

/// Culture-style equality: case-insensitive unless asked.
pub fn equal(a: &str, b: &str, case_sensitive: bool) -> bool {
    if case_sensitive {
        a == b
    } else {
        a.chars().map(lower).eq(b.chars().map(lower))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_compare_as_text() {
        assert_eq!(compare("10", "9", false), Ordering::Less);
        assert_eq!(compare("10", "100", false), Ordering::Less);
        assert_eq!(compare("100", "9", false), Ordering::Less);
    }

    #[test]
    fn letters_ignore_case_unless_asked() {
        assert_eq!(compare("aaa", "AAA", false), Ordering::Equal);
        assert_eq!(compare("aaa", "AAA", true), Ordering::Less);
        assert_eq!(compare("AAA", "aaa", true), Ordering::Greater);
        assert_eq!(compare("a", "B", false), Ordering::Less);
        assert_eq!(compare("a", "B", true), Ordering::Less);
        assert_eq!(compare("apple", "fig", false), Ordering::Less);
        assert_eq!(compare("pear", "fig", false), Ordering::Greater);
        assert_eq!(compare("a", "z", false), Ordering::Less);
    }

    #[test]
    fn punctuation_digits_letters() {
        assert_eq!(compare("_x", "1", false), Ordering::Less);
        assert_eq!(compare("1", "a", false), Ordering::Less);
        assert_eq!(compare("a-b", "a_b", false), Ordering::Greater);
        assert_eq!(compare("é", "f", false), Ordering::Less);
        assert_eq!(compare("e", "é", false), Ordering::Less);
    }

    #[test]
    fn equality() {
        assert!(equal("abc", "ABC", false));
        assert!(!equal("abc", "ABC", true));
        assert!(!equal("abc", "abcd", false));
    }
}
