//! L4 — core cmdlets: output and streams, pipeline shaping (ForEach/Where/Select/Sort/
//! Measure/Group), formatting and Out-*, Invoke-Expression, and command discovery and help.

pub mod foreach_object;
pub mod format_list;
pub mod format_table;
pub mod get_command;
pub mod get_help;
pub mod group_object;
pub mod invoke_expression;
pub mod join_string;
pub mod measure_object;
pub mod out_host;
pub mod out_null;
pub mod out_string;
pub mod select_object;
pub mod sort_object;
pub mod where_object;
pub mod write_debug;
pub mod write_error;
pub mod write_host;
pub mod write_information;
pub mod write_output;
pub mod write_verbose;
pub mod write_warning;
