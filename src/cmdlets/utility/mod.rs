//! L4 — utility cmdlets: dates, sleeping, reading input, creating and inspecting objects,
//! saving pipeline output on the way, comparing sets and searching text.

pub mod compare_object;
pub mod get_date;
pub mod get_member;
pub mod new_object;
pub mod read_host;
pub mod select_string;
pub mod start_sleep;
pub mod tee_object;
