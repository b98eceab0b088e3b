//! L0 — a cheap linear pre-scan of the source before pest runs: how deep `(` `[` `{` nest
//! (pest and the lowering recurse once per level, so the depth is capped), and which bracket,
//! string, here-string or comment is still open when the text ends (the "missing closing …"
//! errors the REPL uses to keep reading).
//!
//! It is a lexer in miniature: it knows strings, comments, here-strings, `${braced}` names and
//! backtick escapes well enough that brackets inside them are not counted.

/// Deepest bracket nesting a script may use.
pub(crate) const MAX_NESTING: usize = 200;

/// A construct left open at the end of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unclosed {
    /// Byte offset of the opener.
    pub offset: usize,
    pub opener: &'static str,
    pub closer: &'static str,
    /// A string, here-string, comment or `${name}`: the rest of the text was swallowed, so no
    /// later parse can succeed.
    pub lexical: bool,
}

/// What the pre-scan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Scan {
    /// Offset of the opener that went past [`MAX_NESTING`].
    pub too_deep: Option<usize>,
    /// The innermost construct still open at the end.
    pub unclosed: Option<Unclosed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Paren,
    Bracket,
    Brace,
    /// `"…"`
    Quoted,
    /// `@"…"@`
    HereQuoted,
}

impl Frame {
    fn delimiters(self) -> (&'static str, &'static str) {
        match self {
            Frame::Paren => ("(", ")"),
            Frame::Bracket => ("[", "]"),
            Frame::Brace => ("{", "}"),
            Frame::Quoted => ("\"", "\""),
            Frame::HereQuoted => ("@\"", "\"@"),
        }
    }
}

/// Scan `text`, stopping early when the nesting passes `limit`.
pub(crate) fn scan(text: &str, limit: usize) -> Scan {
    Scanner {
        bytes: text.as_bytes(),
        pos: 0,
        stack: Vec::new(),
        limit,
    }
    .run()
}

/// How many brackets are open at `offset` (for reporting where nesting became too deep).
pub(crate) fn depth_at(text: &str, offset: usize) -> usize {
    let mut scanner = Scanner {
        bytes: &text.as_bytes()[..offset.min(text.len())],
        pos: 0,
        stack: Vec::new(),
        limit: usize::MAX,
    };
    while scanner.pos < scanner.bytes.len() {
        let step = match scanner.stack.last() {
            Some((Frame::Quoted, _)) => scanner.quoted_step(false),
            Some((Frame::HereQuoted, _)) => scanner.quoted_step(true),
            _ => scanner.code_step(),
        };
        if step.is_err() {
            break;
        }
    }
    scanner.stack.len()
}

struct Scanner<'t> {
    bytes: &'t [u8],
    pos: usize,
    stack: Vec<(Frame, usize)>,
    limit: usize,
}

impl Scanner<'_> {
    fn run(mut self) -> Scan {
        while self.pos < self.bytes.len() {
            let step = match self.stack.last() {
                Some((Frame::Quoted, _)) => self.quoted_step(false),
                Some((Frame::HereQuoted, _)) => self.quoted_step(true),
                _ => self.code_step(),
            };
            match step {
                Ok(true) => {}
                Ok(false) => {
                    return Scan {
                        too_deep: self.stack.last().map(|(_, offset)| *offset),
                        unclosed: None,
                    };
                }
                Err(unclosed) => {
                    return Scan {
                        too_deep: None,
                        unclosed: Some(unclosed),
                    };
                }
            }
        }
        let unclosed = self.stack.last().map(|&(frame, offset)| {
            let (opener, closer) = frame.delimiters();
            Unclosed {
                offset,
                opener,
                closer,
                lexical: self
                    .stack
                    .iter()
                    .any(|(f, _)| matches!(f, Frame::Quoted | Frame::HereQuoted)),
            }
        });
        Scan {
            too_deep: None,
            unclosed,
        }
    }

    fn at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    /// Push a frame; `Ok(false)` when that passes the nesting limit.
    fn open(&mut self, frame: Frame, width: usize) -> Result<bool, Unclosed> {
        self.stack.push((frame, self.pos));
        self.pos += width;
        Ok(self.stack.len() <= self.limit)
    }

    fn close(&mut self, frame: Frame) {
        if self.stack.last().is_some_and(|(top, _)| *top == frame) {
            self.stack.pop();
        }
        self.pos += 1;
    }

    /// One step in code (outside strings). `Ok(false)`: too deep; `Err`: lexically unclosed.
    fn code_step(&mut self) -> Result<bool, Unclosed> {
        let byte = self.bytes[self.pos];
        match byte {
            b'#' if self.comment_may_start() => {
                self.skip_line();
                Ok(true)
            }
            b'<' if self.at(1) == Some(b'#') => self.skip_past(self.pos + 2, b"#>", "<#", "#>"),
            b'\'' => self.single_quoted(),
            b'"' => self.open(Frame::Quoted, 1),
            b'@' if self.at(1) == Some(b'"') => match self.here_header_end(2) {
                Some(body) => {
                    self.stack.push((Frame::HereQuoted, self.pos));
                    self.pos = body;
                    Ok(self.stack.len() <= self.limit)
                }
                None => {
                    self.pos += 1;
                    Ok(true)
                }
            },
            b'@' if self.at(1) == Some(b'\'') => match self.here_header_end(2) {
                Some(body) => self.here_single_quoted(body),
                None => {
                    self.pos += 1;
                    Ok(true)
                }
            },
            b'`' => {
                self.pos += 2;
                Ok(true)
            }
            b'$' if self.at(1) == Some(b'{') => self.braced_name(),
            b'$' | b'@' if self.at(1) == Some(b'(') => self.open(Frame::Paren, 2),
            b'@' if self.at(1) == Some(b'{') => self.open(Frame::Brace, 2),
            b'(' => self.open(Frame::Paren, 1),
            b'{' => self.open(Frame::Brace, 1),
            b'[' => self.open(Frame::Bracket, 1),
            b')' => {
                self.close(Frame::Paren);
                Ok(true)
            }
            b'}' => {
                self.close(Frame::Brace);
                Ok(true)
            }
            b']' => {
                self.close(Frame::Bracket);
                Ok(true)
            }
            _ => {
                self.pos += 1;
                Ok(true)
            }
        }
    }

    /// One step inside `"…"` or `@"…"@`.
    fn quoted_step(&mut self, here: bool) -> Result<bool, Unclosed> {
        let byte = self.bytes[self.pos];
        match byte {
            b'`' => self.pos += 2,
            b'"' if !here && self.at(1) == Some(b'"') => self.pos += 2,
            b'"' if !here => {
                self.stack.pop();
                self.pos += 1;
            }
            b'"' if self.at(1) == Some(b'@') && self.at_line_start() => {
                self.stack.pop();
                self.pos += 2;
            }
            b'$' if self.at(1) == Some(b'(') => return self.open(Frame::Paren, 2),
            b'$' if self.at(1) == Some(b'{') => return self.braced_name(),
            _ => self.pos += 1,
        }
        Ok(true)
    }

    /// `#` starts a comment at the start of a token, not inside a bareword (`a#b`).
    fn comment_may_start(&self) -> bool {
        self.pos == 0
            || matches!(
                self.bytes[self.pos - 1],
                b' ' | b'\t'
                    | b'\r'
                    | b'\n'
                    | 0x0b
                    | 0x0c
                    | b';'
                    | b'('
                    | b')'
                    | b'{'
                    | b'}'
                    | b'|'
                    | b','
                    | b'&'
                    | b'='
                    | b'\''
                    | b'"'
                    | b']'
                    | b'>'
            )
    }

    fn at_line_start(&self) -> bool {
        self.pos == 0 || matches!(self.bytes[self.pos - 1], b'\n' | b'\r')
    }

    fn skip_line(&mut self) {
        while self.pos < self.bytes.len() && !matches!(self.bytes[self.pos], b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    /// Move past `closer` searching from `from`, or report the construct opened here.
    fn skip_past(
        &mut self,
        from: usize,
        closer: &[u8],
        opener_name: &'static str,
        closer_name: &'static str,
    ) -> Result<bool, Unclosed> {
        match find(&self.bytes[from.min(self.bytes.len())..], closer) {
            Some(index) => {
                self.pos = from + index + closer.len();
                Ok(true)
            }
            None => Err(self.unclosed(opener_name, closer_name)),
        }
    }

    fn unclosed(&self, opener: &'static str, closer: &'static str) -> Unclosed {
        Unclosed {
            offset: self.pos,
            opener,
            closer,
            lexical: true,
        }
    }

    fn single_quoted(&mut self) -> Result<bool, Unclosed> {
        let mut i = self.pos + 1;
        while i < self.bytes.len() {
            if self.bytes[i] == b'\'' {
                if self.bytes.get(i + 1) == Some(&b'\'') {
                    i += 2;
                    continue;
                }
                self.pos = i + 1;
                return Ok(true);
            }
            i += 1;
        }
        Err(self.unclosed("'", "'"))
    }

    /// After `@"` / `@'` at `self.pos`: the offset where the body starts (past spaces and one
    /// newline), or `None` when this is not a here-string header.
    fn here_header_end(&self, after: usize) -> Option<usize> {
        let mut i = self.pos + after;
        while matches!(self.bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        match self.bytes.get(i) {
            Some(b'\r') if self.bytes.get(i + 1) == Some(&b'\n') => Some(i + 2),
            Some(b'\r' | b'\n') => Some(i + 1),
            _ => None,
        }
    }

    fn here_single_quoted(&mut self, body: usize) -> Result<bool, Unclosed> {
        if self.bytes[body..].starts_with(b"'@") {
            self.pos = body + 2;
            return Ok(true);
        }
        let rest = &self.bytes[body..];
        let end = [find(rest, b"\n'@"), find(rest, b"\r'@")]
            .into_iter()
            .flatten()
            .min();
        match end {
            Some(index) => {
                self.pos = body + index + 3;
                Ok(true)
            }
            None => Err(self.unclosed("@'", "'@")),
        }
    }

    /// `${any name}`: skip to the closing brace (a backtick escapes one character).
    fn braced_name(&mut self) -> Result<bool, Unclosed> {
        let mut i = self.pos + 2;
        while i < self.bytes.len() {
            match self.bytes[i] {
                b'`' => i += 2,
                b'}' => {
                    self.pos = i + 1;
                    return Ok(true);
                }
                _ => i += 1,
            }
        }
        Err(self.unclosed("${", "}"))
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut start = 0;
    while let Some(index) = haystack[start..].iter().position(|&b| b == first) {
        let at = start + index;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        start = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unclosed(text: &str) -> Option<(&'static str, usize, bool)> {
        scan(text, MAX_NESTING)
            .unclosed
            .map(|u| (u.opener, u.offset, u.lexical))
    }

    #[test]
    fn balanced_text_has_nothing_open() {
        for text in [
            "function f { (1 + 2) }",
            "'a{(' + \"b[$(1)]\"",
            "@'\n{\n'@",
            "@\"\n$( '(' )\n\"@",
            "# {\n<# ( #> 'x'",
            "${a{b} + `{",
            "Write-Output a #{ comment",
            "'it''s'",
            "\"say \"\"{\"\"\"",
        ] {
            assert_eq!(scan(text, MAX_NESTING), Scan::default(), "{text}");
        }
    }

    #[test]
    fn reports_the_innermost_open_construct() {
        assert_eq!(unclosed("function f {\n  if (1) {"), Some(("{", 22, false)));
        // `#` inside a bareword is not a comment, and `{` still ends the word.
        assert_eq!(unclosed("Write-Output a#{"), Some(("{", 15, false)));
        assert_eq!(unclosed("(1 +"), Some(("(", 0, false)));
        assert_eq!(unclosed("x 'abc"), Some(("'", 2, true)));
        assert_eq!(unclosed("\"abc $(1"), Some(("(", 5, true)));
        assert_eq!(unclosed("@\"\nline"), Some(("@\"", 0, true)));
        assert_eq!(unclosed("@'\nline\n '@"), Some(("@'", 0, true)));
        assert_eq!(unclosed("1 <# never"), Some(("<#", 2, true)));
        assert_eq!(unclosed("${abc"), Some(("${", 0, true)));
    }

    #[test]
    fn stops_at_the_nesting_limit() {
        let deep = "(".repeat(100_000);
        let found = scan(&deep, MAX_NESTING);
        assert_eq!(found.too_deep, Some(MAX_NESTING));
        let ok = format!("{}1{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        assert_eq!(scan(&ok, MAX_NESTING), Scan::default());
    }

    #[test]
    fn depth_counts_string_subexpressions() {
        assert_eq!(depth_at("\"$(\"$(", 6), 4);
        assert_eq!(depth_at("{ ( [ ] ) } (", 13), 1);
        assert_eq!(depth_at("'((('", 5), 0);
    }
}
