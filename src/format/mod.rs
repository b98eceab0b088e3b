//! L4 — rendering objects as text the way pwsh does to a pipe: scalars one per line, default
//! table and list views with PowerShell's column layout, JSON.
//!
//! `OutputFormatter` is Out-Default; `format_table` / `format_list` are Format-Table and
//! Format-List (their text travels as a [`formatted_text`] object that the formatter writes
//! verbatim); `out_string` is Out-String; `json` is ConvertTo-Json / ConvertFrom-Json.

pub mod display;
pub mod document;
pub mod json;
pub mod json_read;
pub mod known_views;
pub mod lines;
pub mod list;
pub mod out_default;
pub mod table;
pub mod view;

pub use document::FormatOptions;
pub use json::{JsonText, convert_to_json, from_json, to_json};
pub use out_default::{
    FORMAT_TEXT_TYPE, OutputFormatter, format_list, format_table, format_table_with,
    formatted_text, out_string, out_string_with,
};
