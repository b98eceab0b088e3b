//! L2 — the fast reader's view of a document: its meaningful lines (blank and comment lines
//! dropped, indentation measured) and what node starts where. Anything outside block-style
//! YAML as the writer produces it (flow collections, anchors, tags, block scalars, multi-line
//! scalars, tabs, document markers) is [`Unsupported`], and the caller uses serde_yaml.

use std::borrow::Cow;

use super::Unsupported;
use super::scalar::{is_printable, read_quoted};

/// One meaningful line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// Leading spaces.
    pub(crate) indent: usize,
    /// The text after the indentation, trailing spaces removed (never empty).
    pub(crate) text: &'a str,
}

/// Split `text` into meaningful lines, refusing what this reader does not handle.
pub(crate) fn lines(text: &str) -> Result<Vec<Line<'_>>, Unsupported> {
    let ordinary = text.bytes().all(|b| b >= 0x20 && b != 0x7f || b == b'\n');
    if !ordinary || (!text.is_ascii() && !text.chars().all(|c| c == '\n' || is_printable(c))) {
        return Err(Unsupported);
    }
    let mut lines = Vec::with_capacity(text.len() / 24);
    for raw in text.split('\n') {
        let trimmed = raw.trim_end_matches(' ');
        let content = trimmed.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = trimmed.len() - content.len();
        if indent == 0
            && (content.starts_with("---")
                || content.starts_with("...")
                || content.starts_with('%'))
        {
            return Err(Unsupported);
        }
        lines.push(Line {
            indent,
            text: content,
        });
    }
    Ok(lines)
}

/// A node, as seen at its first character.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    /// Nothing (a `key:` or `-` with no value after it).
    Null,
    Plain(&'a str),
    Quoted(Cow<'a, str>),
    EmptySeq,
    EmptyMap,
    /// A block sequence whose dashes are at this column.
    Seq(usize),
    /// A block mapping whose keys are at this column.
    Map(usize),
}

/// What follows a scalar on its line: nothing, or a comment.
fn only_comment(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.len() < rest.len() && trimmed.starts_with('#'))
}

/// A plain scalar at the start of `text`, split at the first `: ` / final `:` (then it is a
/// mapping key; the value text follows) or at a ` #` comment.
pub(crate) enum Plain<'a> {
    Key { key: &'a str, value_offset: usize },
    Scalar(&'a str),
}

pub(crate) fn split_plain(text: &str) -> Plain<'_> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b':' if i + 1 == bytes.len() => {
                return Plain::Key {
                    key: &text[..i],
                    value_offset: i + 1,
                };
            }
            b':' if bytes[i + 1] == b' ' => {
                return Plain::Key {
                    key: &text[..i],
                    value_offset: i + 2,
                };
            }
            b'#' if i > 0 && bytes[i - 1] == b' ' => {
                return Plain::Scalar(text[..i].trim_end_matches(' '));
            }
            _ => {}
        }
        i += 1;
    }
    Plain::Scalar(text)
}

/// The node at the start of `text` (the part of a line from the node's column), where
/// `after_key` says it is a mapping value on its key's line (which cannot hold a collection).
/// `column` is the text's column, recorded for collections.
pub(crate) fn node_at(text: &str, column: usize, after_key: bool) -> Result<Node<'_>, Unsupported> {
    let bytes = text.as_bytes();
    let first = bytes.first().copied().ok_or(Unsupported)?;
    let second = bytes.get(1).copied();
    let node = match first {
        b'-' if second.is_none() || second == Some(b' ') => Node::Seq(column),
        b'[' if flow_empty(text, "[]") => Node::EmptySeq,
        b'{' if flow_empty(text, "{}") => Node::EmptyMap,
        b'\'' | b'"' => {
            let (value, rest) = read_quoted(text).ok_or(Unsupported)?;
            if !only_comment(rest) {
                return Err(Unsupported);
            }
            Node::Quoted(value)
        }
        b'?' | b':' if second.is_none() || second == Some(b' ') => return Err(Unsupported),
        b'[' | b'{' | b']' | b'}' | b',' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%'
        | b'@' | b'`' => return Err(Unsupported),
        _ => match split_plain(text) {
            Plain::Key { .. } => Node::Map(column),
            Plain::Scalar(scalar) => Node::Plain(scalar),
        },
    };
    if after_key && matches!(node, Node::Seq(_) | Node::Map(_)) {
        return Err(Unsupported);
    }
    Ok(node)
}

/// `text` is exactly `pair` (`[]` or `{}`), optionally followed by a comment.
fn flow_empty(text: &str, pair: &str) -> bool {
    text.strip_prefix(pair).is_some_and(only_comment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_drop_blanks_and_comments_and_measure_indentation() {
        let found = lines("# top\nversion: 1\n\n  a: b  \n   # note\n").unwrap();
        let shape: Vec<_> = found.iter().map(|l| (l.indent, l.text)).collect();
        assert_eq!(shape, vec![(0, "version: 1"), (2, "a: b")]);
        for unsupported in ["a:\tb", "---\na: 1", "a: 1\r\n", "x: \u{85}", "%YAML 1.2"] {
            assert!(lines(unsupported).is_err(), "{unsupported:?}");
        }
    }

    #[test]
    fn nodes_are_recognized_by_their_first_characters() {
        assert_eq!(node_at("- a", 4, false), Ok(Node::Seq(4)));
        assert_eq!(node_at("a: b", 2, false), Ok(Node::Map(2)));
        assert_eq!(node_at("a:", 2, false), Ok(Node::Map(2)));
        assert_eq!(node_at("a:b", 2, false), Ok(Node::Plain("a:b")));
        assert_eq!(node_at("a #c", 0, true), Ok(Node::Plain("a")));
        assert_eq!(node_at("a#c", 0, true), Ok(Node::Plain("a#c")));
        assert_eq!(node_at("[] # none", 0, true), Ok(Node::EmptySeq));
        assert_eq!(node_at("'a: b'", 0, true), Ok(Node::Quoted("a: b".into())));
        assert_eq!(node_at("-a", 0, true), Ok(Node::Plain("-a")));
        for unsupported in [
            "a: b", "- a", "[a]", "&x a", "*x", "!tag a", "|", "'a': b", "'a' x",
        ] {
            assert!(node_at(unsupported, 0, true).is_err(), "{unsupported:?}");
        }
    }
}
