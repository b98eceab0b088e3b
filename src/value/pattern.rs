//! L1 — .NET regular expressions on the `regex` crate: pattern translation, a compile cache,
//! and .NET replacement strings (`$1`, `${name}`, `$0`, `$&`, `$$`, `` $` ``, `$'`).

use std::cell::RefCell;
use std::collections::HashMap;

use regex::{Captures, Regex, RegexBuilder};

use super::ValueError;

thread_local! {
    static CACHE: RefCell<HashMap<(String, bool), Regex>> = RefCell::new(HashMap::new());
}

/// Compile a .NET-style pattern (cached; case-insensitive unless asked).
pub fn compile(pattern: &str, case_sensitive: bool) -> Result<Regex, ValueError> {
    let key = (pattern.to_string(), case_sensitive);
    if let Some(found) = CACHE.with(|cache| cache.borrow().get(&key).cloned()) {
        return Ok(found);
    }
    let translated = translate(pattern);
    let regex = RegexBuilder::new(&translated)
        .case_insensitive(!case_sensitive)
        .size_limit(1 << 24)
        .build()
        .map_err(|e| ValueError::BadRegex {
            pattern: pattern.to_string(),
            reason: describe(&e),
        })?;
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() > 256 {
            cache.clear();
        }
        cache.insert(key, regex.clone());
    });
    Ok(regex)
}

/// The last line of the regex crate's error (the reason, without the pattern echo).
fn describe(error: &regex::Error) -> String {
    let text = error.to_string();
    let reason = text
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with("error:"))
        .map(|l| {
            l.trim_start()
                .trim_start_matches("error:")
                .trim()
                .to_string()
        });
    match reason {
        Some(r) if r.contains("look-around") => {
            "look-around (?=, ?!, ?<=, ?<!) is not supported".to_string()
        }
        Some(r) if r.contains("backreferences") => "backreferences are not supported".to_string(),
        Some(r) => r,
        None => text,
    }
}

/// Rewrite the .NET constructs the `regex` crate spells differently: `(?'name'…)` groups,
/// `\Z`, `\e`, and `\<`/`\>` (literal in .NET, word boundaries in the crate).
fn translate(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            match chars[i + 1] {
                'Z' => out.push_str(r"\z"),
                'e' => out.push_str(r"\x1B"),
                '<' => out.push_str(r"\x3C"),
                '>' => out.push_str(r"\x3E"),
                other => {
                    out.push('\\');
                    out.push(other);
                }
            }
            i += 2;
            continue;
        }
        if c == '('
            && chars.get(i + 1) == Some(&'?')
            && chars.get(i + 2) == Some(&'\'')
            && let Some(close) = chars[i + 3..].iter().position(|&c| c == '\'')
        {
            let name: String = chars[i + 3..i + 3 + close].iter().collect();
            out.push_str(&format!("(?<{name}>"));
            i += 4 + close;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Escape text so it matches literally (`[regex]::Escape`, `-split` with SimpleMatch).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '*' | '+' | '?' | '|' | '{' | '[' | '(' | ')' | '^' | '$' | '.' | '#' | ' ' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\x0C' => out.push_str("\\f"),
            _ => out.push(c),
        }
    }
    out
}

/// A piece of a parsed .NET replacement string.
#[derive(Debug, Clone, PartialEq)]
enum Part {
    Literal(String),
    Group(usize),
    Named(String),
    Before,
    After,
    LastGroup,
    Input,
}

/// A .NET replacement string, parsed against the groups of one regex.
#[derive(Debug, Clone)]
pub struct Replacement {
    parts: Vec<Part>,
}

impl Replacement {
    /// Parse `template` for `regex`: `$n` takes the longest run of digits that names a group,
    /// `${name}` a named (or numbered) group; anything else after `$` is literal.
    pub fn parse(template: &str, regex: &Regex) -> Replacement {
        let group_count = regex.captures_len();
        let has_name = |name: &str| regex.capture_names().flatten().any(|n| n == name);
        let chars: Vec<char> = template.chars().collect();
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] != '$' || i + 1 >= chars.len() {
                literal.push(chars[i]);
                i += 1;
                continue;
            }
            let next = chars[i + 1];
            let (part, used) = match next {
                '$' => (Some(Part::Literal("$".into())), 2),
                '&' => (Some(Part::Group(0)), 2),
                '`' => (Some(Part::Before), 2),
                '\'' => (Some(Part::After), 2),
                '+' => (Some(Part::LastGroup), 2),
                '_' => (Some(Part::Input), 2),
                '{' => match chars[i + 2..].iter().position(|&c| c == '}') {
                    Some(close) => {
                        let name: String = chars[i + 2..i + 2 + close].iter().collect();
                        let part = match name.parse::<usize>() {
                            Ok(n) if n < group_count => Some(Part::Group(n)),
                            Ok(_) => None,
                            Err(_) if has_name(&name) => Some(Part::Named(name)),
                            Err(_) => None,
                        };
                        (part, close + 3)
                    }
                    None => (None, 1),
                },
                d if d.is_ascii_digit() => {
                    let digits: String = chars[i + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .collect();
                    let mut found = None;
                    for len in (1..=digits.len()).rev() {
                        if let Ok(n) = digits[..len].parse::<usize>()
                            && n < group_count
                        {
                            found = Some((Part::Group(n), len + 1));
                            break;
                        }
                    }
                    match found {
                        Some((part, used)) => (Some(part), used),
                        None => (None, 1),
                    }
                }
                _ => (None, 1),
            };
            match part {
                Some(part) => {
                    if !literal.is_empty() {
                        parts.push(Part::Literal(std::mem::take(&mut literal)));
                    }
                    parts.push(part);
                    i += used;
                }
                None => {
                    // Not a substitution: the `$` and what follows stay as written.
                    let end = (i + used).min(chars.len());
                    literal.extend(&chars[i..end]);
                    i = end;
                }
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Literal(literal));
        }
        Replacement { parts }
    }

    /// The replacement text for one match of `caps` in `input`.
    pub fn expand(&self, caps: &Captures<'_>, input: &str) -> String {
        let whole = caps.get(0);
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(text) => out.push_str(text),
                Part::Group(n) => out.push_str(caps.get(*n).map_or("", |m| m.as_str())),
                Part::Named(name) => out.push_str(caps.name(name).map_or("", |m| m.as_str())),
                Part::Before => out.push_str(&input[..whole.map_or(0, |m| m.start())]),
                Part::After => out.push_str(&input[whole.map_or(input.len(), |m| m.end())..]),
                Part::LastGroup => {
                    let last = (1..caps.len()).rev().find_map(|i| caps.get(i));
                    out.push_str(last.or(whole).map_or("", |m| m.as_str()));
                }
                Part::Input => out.push_str(input),
            }
        }
        out
    }
}

/// Replace every match of `regex` in `input` by the .NET `template`.
pub fn replace_all(regex: &Regex, input: &str, template: &str) -> String {
    let replacement = Replacement::parse(template, regex);
    regex
        .replace_all(input, |caps: &Captures<'_>| replacement.expand(caps, input))
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replace(input: &str, pattern: &str, template: &str) -> String {
        let regex = compile(pattern, false).expect("regex");
        replace_all(&regex, input, template)
    }

    #[test]
    fn substitutions() {
        assert_eq!(
            replace("John Smith", r"(\w+) (\w+)", "$2, $1"),
            "Smith, John"
        );
        assert_eq!(replace("ab", "(a)", "$1$1x"), "aaxb");
        assert_eq!(replace("ab", "(a)", "${1}0"), "a0b");
        assert_eq!(replace("ab", "(?<x>a)", "[${x}]"), "[a]b");
        assert_eq!(replace("ab", "a", "$0$0"), "aab");
        assert_eq!(replace("ab", "a", "$&!"), "a!b");
        assert_eq!(replace("ab", "a", "$$"), "$b");
        assert_eq!(replace("ab", "a", "$5"), "$5b");
        assert_eq!(replace("ab", "(a)", "$10"), "a0b");
        assert_eq!(replace("ab", "a", "${nope}"), "${nope}b");
        assert_eq!(replace("abc", "b", "[$`|$']"), "a[a|c]c");
        assert_eq!(replace("ab", "a", "x$"), "x$b");
    }

    #[test]
    fn dotnet_syntax_is_translated() {
        assert!(compile(r"(?'word'\w+)\Z", true).is_ok());
        assert!(compile(r"a\<b\>", true).expect("regex").is_match("a<b>"));
        let err = compile("(?=x)", true).expect_err("lookahead");
        assert!(err.to_string().contains("look-around"), "{err}");
        assert!(compile("(", true).is_err());
    }

    #[test]
    fn escapes_metacharacters() {
        assert_eq!(escape("a.b*c"), r"a\.b\*c");
        assert_eq!(escape("x y"), r"x\ y");
        let regex = compile(&escape("1+1=2?"), true).expect("regex");
        assert!(regex.is_match("1+1=2?"));
    }

    #[test]
    fn case_insensitive_by_default() {
        assert!(compile("HELLO", false).expect("regex").is_match("hello"));
        assert!(!compile("HELLO", true).expect("regex").is_match("hello"));
    }
}
