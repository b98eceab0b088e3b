//! L4 — New-PSDrive: map a drive name to a directory (FileSystem provider only), so that
//! `C:\My Documents\x.sst` means `<root>/My Documents/x.sst` in this session.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value, drives};

use super::super::common::paths::{ITEM_NOT_FOUND, resolve};
use super::drive_value;

/// `New-PSDrive [-Name] <String> [-PSProvider] <String> [-Root] <String> [-Description
/// <String>] [-Scope <String>] [-Persist] [-WhatIf] [-Confirm]`
pub struct NewPsDrive;

const INVALID: &str = "System.ArgumentException";

impl Cmdlet for NewPsDrive {
    fn signature(&self) -> Signature {
        Signature::new(
            "New-PSDrive",
            "Creates a file-system drive mapped to a directory, for Windows-style paths.",
        )
        .should_process()
        .param(
            Param::new("Name", PsType::String)
                .position(0)
                .mandatory()
                .help("The drive's name, such as C."),
        )
        .param(
            Param::new("PSProvider", PsType::String)
                .position(1)
                .mandatory()
                .help("The provider; only FileSystem is supported."),
        )
        .param(
            Param::new("Root", PsType::String)
                .position(2)
                .mandatory()
                .help("The existing directory the drive maps to."),
        )
        .param(Param::new("Description", PsType::String).help("A description (accepted)."))
        .param(
            Param::new("Scope", PsType::String)
                .help("The scope (accepted; drives are per session)."),
        )
        .param(Param::switch("Persist").help("Accepted; drives last for the session."))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Make the seed's C:\\ paths work",
            "New-PSDrive -Name C -PSProvider FileSystem -Root /tmp | ForEach-Object Root\n[System.IO.File]::WriteAllText('C:\\mailsec-example-drive.txt', 'hi')\nGet-Content /tmp/mailsec-example-drive.txt",
            "/tmp\nhi\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let name = cx.args.string("Name").unwrap_or_default();
        let provider = cx.args.string("PSProvider").unwrap_or_default();
        let root_text = cx.args.string("Root").unwrap_or_default();
        let is_file_system = provider.eq_ignore_ascii_case("FileSystem")
            || provider.eq_ignore_ascii_case("Microsoft.PowerShell.Core\\FileSystem");
        if !is_file_system {
            let message =
                format!("Only the FileSystem provider can make drives here, not '{provider}'.");
            return cx.write_error(&message, INVALID, Value::str(name.as_str()));
        }
        let root = resolve(&root_text);
        if !root.is_dir() {
            let message = format!(
                "The root '{}' is not an existing directory.",
                root.display()
            );
            return cx.write_error(&message, ITEM_NOT_FOUND, Value::str(root_text.as_str()));
        }
        if !cx.should_process(&format!(
            "Name: {name} Provider: FileSystem Root: {}",
            root.display()
        ))? {
            return Ok(());
        }
        if !drives::define(&name, &root) {
            let message = format!("'{name}' is not a drive name (letters, digits, '_' and '-').");
            return cx.write_error(&message, INVALID, Value::str(name.as_str()));
        }
        cx.emit(drive_value(&name, &root))
    }
}
