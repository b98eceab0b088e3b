//! L4 — New-Item: files and directories (`-ItemType File|Directory`, `-Value`, `-Force`); on
//! the Cert: drive, custom certificate stores under `Cert:\LocalMachine` (see `store_items`).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value, convert};

use super::super::common::paths::resolve;
use super::cert_path::resolve as resolve_cert;
use super::store_items::new_store;
use super::stores::file_value;

/// `New-Item [-Path] <String> [-Name <String>] [-ItemType <String>] [-Value <Object>] [-Force]
/// [-WhatIf] [-Confirm]`
pub struct NewItem;

impl Cmdlet for NewItem {
    fn signature(&self) -> Signature {
        Signature::new(
            "New-Item",
            "Creates a file or a directory, or a certificate store under Cert:\\LocalMachine.",
        )
        .should_process()
        .param(
            Param::new("Path", PsType::String)
                .position(0)
                .mandatory()
                .from_pipeline_by_property_name()
                .help("Where to create the item; with -Name, the directory to create it in."),
        )
        .param(Param::new("Name", PsType::String).help("The new item's name, under -Path."))
        .param(
            Param::new("ItemType", PsType::String)
                .alias("Type")
                .accepts(&["File", "Directory", "Store"])
                .help("File (default) or Directory; Store on the Cert: drive."),
        )
        .param(
            Param::new("Value", PsType::Object)
                .from_pipeline()
                .help("The text of a new file."),
        )
        .param(
            Param::switch("Force")
                .help("Overwrite an existing file; create missing parent directories."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "A directory and a file in it",
                "$d = New-Item -ItemType Directory -Path /tmp/mailsec-example-new-item -Force\n(New-Item -Path $d.FullName -Name notes.txt -Value 'hello' -Force).Length",
                "5\n",
            ),
            Example::new(
                "A custom certificate store, listed beside the standard ones",
                "$null = New-Item -Path Cert:\\LocalMachine\\CustomStore\n(Get-ChildItem Cert:\\LocalMachine | ForEach-Object Name) -join ','",
                "My,Root,CA,Disallowed,TrustedPublisher,CustomStore\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let base = cx.args.string("Path").unwrap_or_default();
        let name = cx.args.string("Name");
        let path = match &name {
            Some(name) => format!("{}/{name}", base.trim_end_matches(['/', '\\'])),
            None => base,
        };
        if let Some(cert) = resolve_cert(&path) {
            return new_store(cx, &cert, name.as_deref());
        }
        let file = resolve(&path);
        let directory = cx
            .args
            .string("ItemType")
            .is_some_and(|t| t.eq_ignore_ascii_case("Directory"));
        let force = cx.args.switch("Force");
        if file.exists() && !(force && (directory == file.is_dir())) {
            let message = format!(
                "An item with the specified name {} already exists.",
                file.display()
            );
            return cx.write_error(&message, "System.IO.IOException", Value::str(path.as_str()));
        }
        let kind = if directory {
            "Create Directory"
        } else {
            "Create File"
        };
        let description = format!(
            "Performing the operation \"{kind}\" on target \"Destination: {}\".",
            file.display()
        );
        if !cx.should_process(&description)? {
            return Ok(());
        }
        let text = cx
            .args
            .get("Value")
            .map(|v| convert::to_string(v, " "))
            .unwrap_or_default();
        let result = match (directory, force) {
            (true, _) => std::fs::create_dir_all(&file),
            (false, true) => file
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&file, text.as_bytes())),
            (false, false) => std::fs::write(&file, text.as_bytes()),
        };
        if let Err(error) = result {
            let message = format!("Cannot create '{}': {error}", file.display());
            return cx.write_error(&message, "System.IO.IOException", Value::str(path.as_str()));
        }
        if directory {
            cx.emit(directory_value(&file))
        } else {
            cx.emit(file_value(&file, text.len()))
        }
    }
}

/// A `System.IO.DirectoryInfo`-like object.
fn directory_value(directory: &std::path::Path) -> Value {
    let name = directory
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    super::super::common::typed_object(
        "System.IO.DirectoryInfo",
        vec![
            ("Name", Value::str(name.as_str())),
            ("FullName", Value::str(directory.display().to_string())),
        ],
        Some(name),
    )
}
