//! L4 — rendering objects as text the way pwsh does to a pipe: scalars one per line, default
//! table and list views with PowerShell's column layout, JSON.
//!
//! `OutputFormatter` is Out-Default; `format_table` / `format_list` are Format-Table and
//! Format-List (their text travels as a [`formatted_text`] object that the formatter writes
//! verbatim); `out_string` is Out-String; `json` is ConvertTo-Json / ConvertFrom-Json.
//!
//! Inside: `document` runs pwsh's format/output protocol, choosing views with `view` (from
//! `known_views`, pwsh's format files, or from properties) and laying them out with `table`,
//! `list` and `lines`; `display` says how a value reads in a cell.

mod display;
mod document;
mod endpoint_view;
pub mod json;
mod json_read;
mod known_views;
mod lines;
mod list;
mod out_default;
mod table;
mod view;

pub use document::FormatOptions;
pub use json::{JsonText, convert_to_json, from_json, to_json};
pub use out_default::{
    FORMAT_TEXT_TYPE, OutputFormatter, format_list, format_table, format_table_with,
    formatted_text, out_string, out_string_with,
};
pub use table::SCREEN_WIDTH;
