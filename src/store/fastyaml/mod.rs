//! L2 — a fast path for the state file's YAML: a writer and a streaming reader for block-style
//! YAML as serde_yaml lays it out, about ten times faster than serde_yaml on large states. Both
//! are strictly partial: whatever they do not handle exactly as serde_yaml would, they refuse
//! with [`Unsupported`] and the caller falls back to serde_yaml, so the file format (and every
//! error message) is serde_yaml's.

mod de;
mod emit;
mod emit_key;
mod read;
mod scalar;

use std::fmt;

pub(crate) use de::from_str;
pub(crate) use emit::to_string;

/// "Not handled here: use serde_yaml." Also stands for every error the fast path meets, so
/// serde_yaml reports it with its location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not handled by the fast YAML path")
    }
}

impl std::error::Error for Unsupported {}

impl serde::ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Unsupported {
        Unsupported
    }
}

impl serde::de::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Unsupported {
        Unsupported
    }
}

#[cfg(test)]
mod tests;
