//! L4 — the *-PSDrive cmdlets for the FileSystem provider: map a drive name (`C`) to a
//! directory so Windows paths (`C:\My Documents\x.sst`) resolve, for cmdlets and
//! `[System.IO.File]` alike (the table is `value::drives`).

pub mod get_psdrive;
pub mod new_psdrive;
pub mod remove_psdrive;

use std::path::Path;

use crate::engine::Cmdlet;
use crate::value::Value;

use super::common::typed_object;

/// The drive cmdlets.
pub fn all() -> Vec<Box<dyn Cmdlet>> {
    vec![
        Box::new(new_psdrive::NewPsDrive),
        Box::new(get_psdrive::GetPsDrive),
        Box::new(remove_psdrive::RemovePsDrive),
    ]
}

/// A `PSDriveInfo`-like object.
pub fn drive_value(name: &str, root: &Path) -> Value {
    typed_object(
        "System.Management.Automation.PSDriveInfo",
        vec![
            ("Name", Value::str(name)),
            (
                "Provider",
                Value::str("Microsoft.PowerShell.Core\\FileSystem"),
            ),
            ("Root", Value::str(root.display().to_string())),
            ("Description", Value::str("")),
        ],
        Some(name.to_string()),
    )
}
