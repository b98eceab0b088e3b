//! L2 — a serde serializer writing block-style YAML directly, in serde_yaml's layout (two-space
//! mappings, sequences flush with their key, `[]`/`{}` for empty collections). Data it does not
//! handle (enum variants with data, bytes, non-string keys) makes it give up with
//! [`Unsupported`], and the caller uses serde_yaml instead.

use std::fmt::Write;

use serde::ser::{self, Serialize};

use super::Unsupported;
use super::emit_key::KeySer;
use super::scalar::{Resolved, is_plain_string, resolve, write_string};

/// The YAML text of `value`, or `Unsupported`.
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Unsupported> {
    let mut out = String::with_capacity(4096);
    value.serialize(ValueSer {
        out: &mut out,
        slot: Slot::Top,
    })?;
    Ok(out)
}

/// Where a value is being written.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// The document itself.
    Top,
    /// After `key:` of a mapping entry whose key is at this column.
    MapValue(usize),
    /// After `- ` of a sequence item whose content starts at this column.
    SeqItem(usize),
}

impl Slot {
    /// The column of a mapping's entries in this slot.
    fn map_column(self) -> usize {
        match self {
            Slot::Top => 0,
            Slot::MapValue(key) => key + 2,
            Slot::SeqItem(column) => column,
        }
    }

    /// The column of a sequence's dashes in this slot (flush with the key, as serde_yaml does).
    fn seq_column(self) -> usize {
        match self {
            Slot::Top => 0,
            Slot::MapValue(key) => key,
            Slot::SeqItem(column) => column,
        }
    }
}

struct ValueSer<'a> {
    out: &'a mut String,
    slot: Slot,
}

impl<'a> ValueSer<'a> {
    /// Write a scalar's text (already in YAML form) and end the line.
    fn scalar(self, text: impl FnOnce(&mut String)) -> Result<(), Unsupported> {
        if matches!(self.slot, Slot::MapValue(_)) {
            self.out.push(' ');
        }
        text(self.out);
        self.out.push('\n');
        Ok(())
    }

    fn display(self, value: impl std::fmt::Display) -> Result<(), Unsupported> {
        self.scalar(|out| {
            let _ = write!(out, "{value}");
        })
    }

    fn float(self, value: f64) -> Result<(), Unsupported> {
        self.scalar(|out| {
            if value.is_nan() {
                out.push_str(".nan");
            } else if value.is_infinite() {
                out.push_str(if value > 0.0 { ".inf" } else { "-.inf" });
            } else {
                let _ = write!(out, "{value:?}");
            }
        })
    }

    fn collection(self, kind: Kind) -> Collection<'a> {
        let column = match kind {
            Kind::Map => self.slot.map_column(),
            Kind::Seq => self.slot.seq_column(),
        };
        Collection {
            out: self.out,
            slot: self.slot,
            kind,
            column,
            started: false,
        }
    }
}

macro_rules! display_scalars {
    ($($method:ident: $type:ty),*) => {
        $(fn $method(self, value: $type) -> Result<(), Unsupported> {
            self.display(value)
        })*
    };
}

impl<'a> ser::Serializer for ValueSer<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Collection<'a>;
    type SerializeTuple = Collection<'a>;
    type SerializeTupleStruct = Collection<'a>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = Collection<'a>;
    type SerializeStruct = Collection<'a>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    display_scalars!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128
    );

    fn serialize_f32(self, value: f32) -> Result<(), Unsupported> {
        if value.is_finite() {
            self.display(format!("{value:?}"))
        } else {
            self.float(f64::from(value))
        }
    }

    fn serialize_f64(self, value: f64) -> Result<(), Unsupported> {
        self.float(value)
    }

    fn serialize_char(self, value: char) -> Result<(), Unsupported> {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, value: &str) -> Result<(), Unsupported> {
        self.scalar(|out| write_string(out, value))
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.scalar(|out| out.push_str("null"))
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Collection<'a>, Unsupported> {
        Ok(self.collection(Kind::Seq))
    }

    fn serialize_tuple(self, _: usize) -> Result<Collection<'a>, Unsupported> {
        Ok(self.collection(Kind::Seq))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Collection<'a>, Unsupported> {
        Ok(self.collection(Kind::Seq))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Collection<'a>, Unsupported> {
        Ok(self.collection(Kind::Map))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Collection<'a>, Unsupported> {
        Ok(self.collection(Kind::Map))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Map,
    Seq,
}

/// A mapping or sequence being written. Its first entry decides the layout (a new line, or
/// inline after `- `); one without entries is written `{}` / `[]`.
pub(crate) struct Collection<'a> {
    out: &'a mut String,
    slot: Slot,
    kind: Kind,
    column: usize,
    started: bool,
}

impl Collection<'_> {
    /// Start a line for the next entry (the first one inline after `- `).
    fn begin_entry(&mut self) {
        let inline = !self.started && matches!(self.slot, Slot::SeqItem(_));
        if !self.started && matches!(self.slot, Slot::MapValue(_)) {
            self.out.push('\n');
        }
        self.started = true;
        if !inline {
            self.out.extend(std::iter::repeat_n(' ', self.column));
        }
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.begin_entry();
        self.out.push_str("- ");
        let slot = Slot::SeqItem(self.column + 2);
        value.serialize(ValueSer {
            out: self.out,
            slot,
        })
    }

    fn key(&mut self, key: &str) -> Result<(), Unsupported> {
        if !is_plain_key(key) {
            return Err(Unsupported);
        }
        self.begin_entry();
        self.out.push_str(key);
        self.out.push(':');
        Ok(())
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        let slot = Slot::MapValue(self.column);
        value.serialize(ValueSer {
            out: self.out,
            slot,
        })
    }

    fn finish(self) -> Result<(), Unsupported> {
        if !self.started {
            if matches!(self.slot, Slot::MapValue(_)) {
                self.out.push(' ');
            }
            self.out.push_str(if self.kind == Kind::Map {
                "{}\n"
            } else {
                "[]\n"
            });
        }
        Ok(())
    }
}

/// Whether `key` can be written as a plain mapping key (and is not serde_yaml's merge key).
pub(crate) fn is_plain_key(key: &str) -> bool {
    key != "<<" && is_plain_string(key) && resolve(key) == Resolved::Str
}

impl ser::SerializeSeq for Collection<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.item(value)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

impl ser::SerializeTuple for Collection<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.item(value)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Collection<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.item(value)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

impl ser::SerializeMap for Collection<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        let key = key.serialize(KeySer)?;
        self.key(&key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.value(value)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}

impl ser::SerializeStruct for Collection<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.key(key)?;
        self.value(value)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.finish()
    }
}
