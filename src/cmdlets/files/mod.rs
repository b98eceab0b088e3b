//! L4 — file-system cmdlets: reading, writing and testing paths; the current location
//! (Set-Location, Get-Location, Push-Location, Pop-Location; registered with the
//! certificate cmdlets).

pub mod add_content;
pub mod get_content;
pub mod get_location;
pub mod location;
pub mod out_file;
pub mod pop_location;
pub mod push_location;
pub mod set_content;
pub mod set_location;
pub mod test_path;
