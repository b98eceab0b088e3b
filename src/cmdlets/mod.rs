//! L4 — the cmdlets, one per file, grouped by area: `core` (output, pipeline shaping,
//! formatting, discovery and help), `data` (JSON, string data), `files` (file system),
//! `utility` (dates, objects, text search), `variables` (the *-Variable cmdlets).
//! Shared helpers live in `common`; cmdlet files never import each other.

pub mod apply;
pub mod common;
pub mod core;
pub mod data;
pub mod directory;
pub mod drives;
pub mod exchange;
pub mod files;
/// New-SelfSignedCertificate (kept beside the other certificate cmdlets).
pub mod pki;
pub mod probe;
pub mod utility;
pub mod variables;

use crate::engine::{Cmdlet, Registry};

/// Every built-in cmdlet.
pub fn all() -> Vec<Box<dyn Cmdlet>> {
    let mut all: Vec<Box<dyn Cmdlet>> = vec![
        Box::new(core::foreach_object::ForEachObject),
        Box::new(core::format_list::FormatList),
        Box::new(core::format_table::FormatTable),
        Box::new(core::get_command::GetCommand),
        Box::new(core::get_help::GetHelp),
        Box::new(core::group_object::GroupObject),
        Box::new(core::invoke_expression::InvokeExpression),
        Box::new(core::join_string::JoinString),
        Box::new(core::measure_object::MeasureObject),
        Box::new(core::out_host::OutHost),
        Box::new(core::out_null::OutNull),
        Box::new(core::out_string::OutString),
        Box::new(core::select_object::SelectObject),
        Box::new(core::sort_object::SortObject),
        Box::new(core::where_object::WhereObject),
        Box::new(core::write_debug::WriteDebug),
        Box::new(core::write_error::WriteError),
        Box::new(core::write_host::WriteHost),
        Box::new(core::write_information::WriteInformation),
        Box::new(core::write_output::WriteOutput),
        Box::new(core::write_verbose::WriteVerbose),
        Box::new(core::write_warning::WriteWarning),
        Box::new(data::convertfrom_json::ConvertFromJson),
        Box::new(data::convertfrom_stringdata::ConvertFromStringData),
        Box::new(data::convertto_json::ConvertToJson),
        Box::new(files::add_content::AddContent),
        Box::new(files::get_content::GetContent),
        Box::new(files::out_file::OutFile),
        Box::new(files::set_content::SetContent),
        Box::new(files::test_path::TestPath),
        Box::new(utility::compare_object::CompareObject),
        Box::new(utility::get_date::GetDate),
        Box::new(utility::get_member::GetMember),
        Box::new(utility::new_object::NewObject),
        Box::new(utility::read_host::ReadHost),
        Box::new(utility::select_string::SelectString),
        Box::new(utility::start_sleep::StartSleep),
        Box::new(utility::tee_object::TeeObject),
        Box::new(variables::clear_variable::ClearVariable),
        Box::new(variables::get_variable::GetVariable),
        Box::new(variables::new_variable::NewVariable),
        Box::new(variables::remove_variable::RemoveVariable),
        Box::new(variables::set_variable::SetVariable),
    ];
    all.extend(exchange::all());
    all.extend(pki::all());
    all.extend(drives::all());
    all.extend(probe::all());
    all.extend(directory::all());
    all.extend(apply::all());
    all
}

/// PowerShell's standard aliases for the built-in cmdlets: (alias, cmdlet).
pub const ALIASES: &[(&str, &str)] = &[
    ("%", "ForEach-Object"),
    ("foreach", "ForEach-Object"),
    ("?", "Where-Object"),
    ("where", "Where-Object"),
    ("select", "Select-Object"),
    ("sort", "Sort-Object"),
    ("measure", "Measure-Object"),
    ("group", "Group-Object"),
    ("ft", "Format-Table"),
    ("fl", "Format-List"),
    ("echo", "Write-Output"),
    ("write", "Write-Output"),
    ("iex", "Invoke-Expression"),
    ("gcm", "Get-Command"),
    ("help", "Get-Help"),
    ("cat", "Get-Content"),
    ("gc", "Get-Content"),
    ("type", "Get-Content"),
    ("ac", "Add-Content"),
    ("oh", "Out-Host"),
    ("gm", "Get-Member"),
    ("tee", "Tee-Object"),
    ("sls", "Select-String"),
    ("compare", "Compare-Object"),
    ("diff", "Compare-Object"),
    ("sleep", "Start-Sleep"),
    ("gv", "Get-Variable"),
    ("sv", "Set-Variable"),
    ("set", "Set-Variable"),
    ("nv", "New-Variable"),
    ("rv", "Remove-Variable"),
    ("clv", "Clear-Variable"),
    ("cd", "Set-Location"),
    ("sl", "Set-Location"),
    ("chdir", "Set-Location"),
    ("pwd", "Get-Location"),
    ("gl", "Get-Location"),
    ("pushd", "Push-Location"),
    ("popd", "Pop-Location"),
    ("rm", "Remove-Item"),
    ("del", "Remove-Item"),
    ("ri", "Remove-Item"),
    ("erase", "Remove-Item"),
    ("mv", "Move-Item"),
    ("mi", "Move-Item"),
    ("move", "Move-Item"),
    ("ni", "New-Item"),
    ("gi", "Get-Item"),
    ("gci", "Get-ChildItem"),
    ("dir", "Get-ChildItem"),
    ("ls", "Get-ChildItem"),
];

/// Register every built-in cmdlet and alias.
pub fn register_all(registry: &mut Registry) {
    for cmdlet in all() {
        registry.register(cmdlet);
    }
    for (alias, target) in ALIASES {
        if !alias.eq_ignore_ascii_case(target) {
            registry.alias(alias, target);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_names_a_registered_cmdlet() {
        let mut registry = Registry::new();
        register_all(&mut registry);
        for (alias, target) in ALIASES {
            let entry = registry
                .get(alias)
                .unwrap_or_else(|| panic!("{alias} is not registered"));
            assert_eq!(entry.signature.name, *target);
        }
    }

    #[test]
    fn every_cmdlet_has_a_synopsis_and_examples() {
        for cmdlet in all() {
            let sig = cmdlet.signature();
            assert!(!sig.synopsis.is_empty(), "{} has no synopsis", sig.name);
            assert!(
                !cmdlet.examples().is_empty(),
                "{} has no examples",
                sig.name
            );
            let mut names: Vec<String> = sig.params.iter().map(|p| p.name.to_lowercase()).collect();
            names.sort();
            let before = names.len();
            names.dedup();
            assert_eq!(
                before,
                names.len(),
                "{} declares a parameter twice",
                sig.name
            );
        }
    }
}
