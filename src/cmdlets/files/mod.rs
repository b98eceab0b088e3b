//! L4 — file-system cmdlets: reading, writing and testing paths.

pub mod add_content;
pub mod get_content;
pub mod out_file;
pub mod set_content;
pub mod test_path;
