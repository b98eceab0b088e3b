//! L2 — a serde deserializer over the lines of a block-style YAML document, streaming (no tree is
//! built). It reads values exactly as serde_yaml would, or gives up with [`Unsupported`] — also
//! on any type mismatch, so serde_yaml can report the error with its line and column.

use std::borrow::Cow;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::Unsupported;
use super::emit::is_plain_key;
use super::read::{Line, Node, Plain, lines, node_at, split_plain};
use super::scalar::{Resolved, resolve};

/// Nesting deeper than this is left to serde_yaml (which has the same limit).
const MAX_DEPTH: usize = 128;

/// Deserialize a whole document with `seed`.
pub(crate) fn from_str<'de, S: DeserializeSeed<'de>>(
    text: &'de str,
    seed: S,
) -> Result<S::Value, Unsupported> {
    let mut reader = Reader {
        lines: lines(text)?,
        pos: 0,
        next: Next::Top,
        depth: 0,
    };
    let value = seed.deserialize(&mut reader)?;
    if reader.pos == reader.lines.len() {
        Ok(value)
    } else {
        Err(Unsupported)
    }
}

/// Where the next node starts.
#[derive(Debug, Clone, Copy)]
enum Next {
    /// The document's root.
    Top,
    /// On the current line at this column; `after_key` when it follows `key: `.
    Inline { column: usize, after_key: bool },
    /// On the following lines, indented past `parent` (a `key:` or `-` with nothing after it).
    /// After a key, a sequence may also sit at the key's own column.
    Below { parent: usize, after_key: bool },
}

struct Reader<'de> {
    lines: Vec<Line<'de>>,
    /// The current line.
    pos: usize,
    next: Next,
    depth: usize,
}

impl<'de> Reader<'de> {
    /// The next node and the line it is on, without consuming it.
    fn peek(&self) -> Result<Node<'de>, Unsupported> {
        let Some(line) = self.lines.get(self.pos).copied() else {
            return Ok(Node::Null);
        };
        match self.next {
            Next::Top => node_at(line.text, line.indent, false),
            Next::Inline { column, after_key } => {
                node_at(from_column(&line, column)?, column, after_key)
            }
            Next::Below { parent, after_key } => {
                if line.indent > parent {
                    node_at(line.text, line.indent, false)
                } else if after_key && line.indent == parent && is_dash(line.text) {
                    Ok(Node::Seq(parent))
                } else {
                    Ok(Node::Null)
                }
            }
        }
    }

    /// The next node, consumed when it is a scalar or an empty collection (its line is done).
    fn take(&mut self) -> Result<Node<'de>, Unsupported> {
        let node = self.peek()?;
        if matches!(
            node,
            Node::Plain(_) | Node::Quoted(_) | Node::EmptySeq | Node::EmptyMap
        ) {
            self.pos += 1;
        }
        Ok(node)
    }

    /// The line that continues a collection at `column`, if the next line is one.
    /// The next line of a block at `column`: the current line (from that column) the first
    /// time, then each following line that continues the block; `None` once it has ended.
    fn block_line(&self, column: usize, first: &mut bool) -> Result<Option<&'de str>, Unsupported> {
        if std::mem::take(first) {
            let line = self.lines.get(self.pos).ok_or(Unsupported)?;
            return from_column(line, column).map(Some);
        }
        Ok(self.continues(column)?.map(|line| line.text))
    }

    fn continues(&self, column: usize) -> Result<Option<Line<'de>>, Unsupported> {
        match self.lines.get(self.pos) {
            Some(line) if line.indent == column => Ok(Some(*line)),
            // More indented than its collection: a multi-line scalar, or bad indentation.
            Some(line) if line.indent > column => Err(Unsupported),
            _ => Ok(None),
        }
    }

    fn enter(&mut self) -> Result<(), Unsupported> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Unsupported);
        }
        Ok(())
    }

    /// A plain scalar's meaning, for the typed `deserialize_*` methods.
    fn plain(&mut self) -> Result<(&'de str, Resolved), Unsupported> {
        match self.take()? {
            Node::Plain(text) => Ok((text, resolve(text))),
            _ => Err(Unsupported),
        }
    }

    fn integer<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Unsupported> {
        match self.plain()? {
            (text, Resolved::Int) if text.starts_with('-') => {
                visitor.visit_i64(text.parse().map_err(|_| Unsupported)?)
            }
            (text, Resolved::Int) => visitor.visit_u64(text.parse().map_err(|_| Unsupported)?),
            _ => Err(Unsupported),
        }
    }

    fn float<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Unsupported> {
        match self.plain()? {
            (text, Resolved::Int | Resolved::Float) => {
                visitor.visit_f64(text.parse().map_err(|_| Unsupported)?)
            }
            _ => Err(Unsupported),
        }
    }

    fn string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Unsupported> {
        match self.take()? {
            Node::Plain(text) if resolve(text) == Resolved::Str => visitor.visit_borrowed_str(text),
            Node::Quoted(Cow::Borrowed(text)) => visitor.visit_borrowed_str(text),
            Node::Quoted(Cow::Owned(text)) => visitor.visit_string(text),
            _ => Err(Unsupported),
        }
    }

    fn seq<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Unsupported> {
        match self.take()? {
            Node::EmptySeq => visitor.visit_seq(Empty),
            Node::Seq(column) => {
                self.enter()?;
                let value = visitor.visit_seq(Items {
                    reader: self,
                    column,
                    first: true,
                })?;
                self.depth -= 1;
                Ok(value)
            }
            _ => Err(Unsupported),
        }
    }

    fn map<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Unsupported> {
        match self.take()? {
            Node::EmptyMap => visitor.visit_map(Empty),
            Node::Map(column) => {
                self.enter()?;
                let value = visitor.visit_map(Entries {
                    reader: self,
                    column,
                    first: true,
                })?;
                self.depth -= 1;
                Ok(value)
            }
            _ => Err(Unsupported),
        }
    }
}

/// The part of `line` from `column` on.
fn from_column<'de>(line: &Line<'de>, column: usize) -> Result<&'de str, Unsupported> {
    let offset = column.checked_sub(line.indent).ok_or(Unsupported)?;
    line.text.get(offset..).ok_or(Unsupported)
}

/// `-` alone or `- …`: a sequence item.
fn is_dash(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Unsupported;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        match self.peek()? {
            Node::Seq(_) | Node::EmptySeq => self.seq(visitor),
            Node::Map(_) | Node::EmptyMap => self.map(visitor),
            Node::Quoted(_) => self.string(visitor),
            Node::Null => visitor.visit_unit(),
            Node::Plain(text) => match resolve(text) {
                Resolved::Null => {
                    self.pos += 1;
                    visitor.visit_unit()
                }
                Resolved::Bool(_) => self.deserialize_bool(visitor),
                Resolved::Int => self.integer(visitor),
                Resolved::Float => self.float(visitor),
                Resolved::Str => self.string(visitor),
                Resolved::Unsure => Err(Unsupported),
            },
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        match self.plain()? {
            (_, Resolved::Bool(value)) => visitor.visit_bool(value),
            _ => Err(Unsupported),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.integer(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.integer(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.integer(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.integer(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.integer(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.integer(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.integer(visitor)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.integer(visitor)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.float(visitor)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.float(visitor)
    }
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.string(visitor)
    }
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.string(visitor)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.string(visitor)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Unsupported> {
        Err(Unsupported)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Unsupported> {
        Err(Unsupported)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        match self.peek()? {
            Node::Null => visitor.visit_none(),
            Node::Plain(text) if resolve(text) == Resolved::Null => {
                self.pos += 1;
                visitor.visit_none()
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        match self.peek()? {
            Node::Null => visitor.visit_unit(),
            Node::Plain(text) if resolve(text) == Resolved::Null => {
                self.pos += 1;
                visitor.visit_unit()
            }
            _ => Err(Unsupported),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Unsupported> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Unsupported> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.seq(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Unsupported> {
        self.seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Unsupported> {
        self.seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.map(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unsupported> {
        self.map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unsupported> {
        match self.plain()? {
            (variant, Resolved::Str) => visitor.visit_enum(variant.into_deserializer()),
            _ => Err(Unsupported),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        self.string(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsupported> {
        match self.peek()? {
            Node::Seq(_) | Node::EmptySeq | Node::Map(_) | Node::EmptyMap => {
                self.deserialize_any(visitor)
            }
            _ => {
                self.take()?;
                visitor.visit_unit()
            }
        }
    }
}

/// The items of a block sequence whose dashes are at `column`.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    column: usize,
    first: bool,
}

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = Unsupported;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Unsupported> {
        let reader = &mut *self.reader;
        let text = match reader.block_line(self.column, &mut self.first)? {
            Some(text) if is_dash(text) => text,
            _ => return Ok(None),
        };
        let after_dash = text.get(1..).unwrap_or("");
        let content = after_dash.trim_start_matches(' ');
        reader.next = if content.is_empty() || content.starts_with('#') {
            reader.pos += 1;
            Next::Below {
                parent: self.column,
                after_key: false,
            }
        } else {
            Next::Inline {
                column: self.column + 1 + (after_dash.len() - content.len()),
                after_key: false,
            }
        };
        seed.deserialize(&mut *reader).map(Some)
    }
}

/// The entries of a block mapping whose keys are at `column`.
struct Entries<'a, 'de> {
    reader: &'a mut Reader<'de>,
    column: usize,
    first: bool,
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = Unsupported;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unsupported> {
        let reader = &mut *self.reader;
        let text = match reader.block_line(self.column, &mut self.first)? {
            Some(text) if is_dash(text) => return Err(Unsupported),
            Some(text) => text,
            None => return Ok(None),
        };
        let Plain::Key { key, value_offset } = split_plain(text) else {
            return Err(Unsupported);
        };
        if !is_plain_key(key) {
            return Err(Unsupported);
        }
        let after_colon = &text[value_offset..];
        let value = after_colon.trim_start_matches(' ');
        reader.next = if value.is_empty() || value.starts_with('#') {
            reader.pos += 1;
            Next::Below {
                parent: self.column,
                after_key: true,
            }
        } else {
            Next::Inline {
                column: self.column + value_offset + (after_colon.len() - value.len()),
                after_key: true,
            }
        };
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Unsupported> {
        seed.deserialize(&mut *self.reader)
    }
}

/// An empty `[]` or `{}`.
struct Empty;

impl<'de> SeqAccess<'de> for Empty {
    type Error = Unsupported;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        _: T,
    ) -> Result<Option<T::Value>, Unsupported> {
        Ok(None)
    }
}

impl<'de> MapAccess<'de> for Empty {
    type Error = Unsupported;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        _: K,
    ) -> Result<Option<K::Value>, Unsupported> {
        Ok(None)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, _: V) -> Result<V::Value, Unsupported> {
        Err(Unsupported)
    }
}
