//! L1 — PowerShell wildcard patterns (`-like`, `switch -Wildcard`, `Where-Object -Like`):
//! `*` any run, `?` one character, `[abc]` / `[a-z]` one of a set, backtick escapes.

/// One element of a parsed wildcard pattern.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    AnyRun,
    AnyOne,
    Literal(char),
    /// Single characters and inclusive ranges.
    Set(Vec<(char, char)>),
}

fn parse(pattern: &str) -> Vec<Token> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' => tokens.push(Token::AnyRun),
            '?' => tokens.push(Token::AnyOne),
            '`' if i + 1 < chars.len() => {
                i += 1;
                tokens.push(Token::Literal(chars[i]));
            }
            '[' => match parse_set(&chars, i + 1) {
                Some((set, end)) => {
                    tokens.push(Token::Set(set));
                    i = end;
                }
                None => tokens.push(Token::Literal('[')),
            },
            c => tokens.push(Token::Literal(c)),
        }
        i += 1;
    }
    tokens
}

/// Parse a `[...]` set starting after the `[`; returns the set and the index of the `]`.
fn parse_set(chars: &[char], start: usize) -> Option<(Vec<(char, char)>, usize)> {
    let mut set = Vec::new();
    let mut i = start;
    while i < chars.len() {
        let mut c = chars[i];
        if c == ']' && i > start {
            return Some((set, i));
        }
        if c == '`' && i + 1 < chars.len() {
            i += 1;
            c = chars[i];
        }
        if i + 2 < chars.len() && chars[i + 1] == '-' && chars[i + 2] != ']' {
            set.push((c, chars[i + 2]));
            i += 3;
        } else {
            set.push((c, c));
            i += 1;
        }
    }
    None
}

fn fold(c: char, case_sensitive: bool) -> char {
    if case_sensitive {
        c
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

fn matches_one(token: &Token, c: char, case_sensitive: bool) -> bool {
    match token {
        Token::AnyRun | Token::AnyOne => true,
        Token::Literal(l) => fold(*l, case_sensitive) == fold(c, case_sensitive),
        Token::Set(ranges) => {
            let folded = fold(c, case_sensitive);
            ranges.iter().any(|(lo, hi)| {
                let in_range = |x: char| *lo <= x && x <= *hi;
                in_range(c)
                    || in_range(folded)
                    || (!case_sensitive && {
                        let (lo, hi) = (fold(*lo, false), fold(*hi, false));
                        lo <= folded && folded <= hi
                    })
            })
        }
    }
}

/// Does `text` match the wildcard `pattern` as a whole?
pub fn is_match(pattern: &str, text: &str, case_sensitive: bool) -> bool {
    let tokens = parse(pattern);
    let chars: Vec<char> = text.chars().collect();
    // Greedy matching with backtracking to the last `*`.
    let (mut t, mut c) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while c < chars.len() {
        match tokens.get(t) {
            Some(Token::AnyRun) => {
                star = Some((t, c));
                t += 1;
            }
            Some(token) if matches_one(token, chars[c], case_sensitive) => {
                t += 1;
                c += 1;
            }
            _ => match star {
                Some((star_t, star_c)) => {
                    t = star_t + 1;
                    c = star_c + 1;
                    star = Some((star_t, star_c + 1));
                }
                None => return false,
            },
        }
    }
    tokens[t.min(tokens.len())..]
        .iter()
        .all(|token| *token == Token::AnyRun)
}

/// Does the pattern contain wildcard characters (so a cmdlet should match rather than
/// look up a literal name)?
pub fn has_wildcards(pattern: &str) -> bool {
    let mut escaped = false;
    for c in pattern.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '`' => escaped = true,
            '*' | '?' | '[' => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_and_question_marks() {
        assert!(is_match("*shell", "PowerShell", false));
        assert!(!is_match("*shell", "PowerShell", true));
        assert!(is_match("Power?hell", "PowerShell", false));
        assert!(!is_match("shell", "PowerShell", false));
        assert!(is_match("*", "", false));
        assert!(is_match("a*b*c", "aXXbYYc", false));
        assert!(!is_match("a*b*c", "aXXbYY", false));
        assert!(is_match("f*", "four", false));
        assert!(!is_match("?", "", false));
        assert!(is_match("*ta", "beta", false));
    }

    #[test]
    fn sets_and_ranges() {
        assert!(is_match("Power[p-w]hell", "PowerShell", false));
        assert!(!is_match("Power[a-c]hell", "PowerShell", false));
        assert!(is_match("[abc]x", "Bx", false));
        assert!(!is_match("[abc]x", "Bx", true));
        assert!(is_match("[a-c]*", "C-drive", false));
    }

    #[test]
    fn escapes_and_literals() {
        assert!(is_match("a`*b", "a*b", false));
        assert!(!is_match("a`*b", "axb", false));
        assert!(is_match("a[b", "a[b", false));
        assert!(has_wildcards("a*"));
        assert!(!has_wildcards("a`*"));
        assert!(!has_wildcards("plain"));
    }
}
