//! L3 — the common parameters every advanced command accepts (`-ErrorAction`, `-Verbose`,
//! `-WhatIf`, `-Confirm`, `-OutVariable`, …) and the preferences they set.

use crate::syntax::Span;
use crate::value::{Value, convert};

use super::super::RuntimeError;
use super::super::cmdlet::Signature;
use super::binding_error;

/// `-ErrorAction` and friends' values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionPreference {
    SilentlyContinue,
    Stop,
    Continue,
    Inquire,
    Ignore,
}

impl ActionPreference {
    pub fn parse(text: &str) -> Option<ActionPreference> {
        const ALL: [(&str, ActionPreference); 5] = [
            ("SilentlyContinue", ActionPreference::SilentlyContinue),
            ("Stop", ActionPreference::Stop),
            ("Continue", ActionPreference::Continue),
            ("Inquire", ActionPreference::Inquire),
            ("Ignore", ActionPreference::Ignore),
        ];
        ALL.iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(text.trim()))
            .map(|(_, pref)| *pref)
    }
}

/// The common parameters every advanced command accepts.
#[derive(Debug, Clone, Default)]
pub struct CommonParams {
    pub error_action: Option<ActionPreference>,
    pub warning_action: Option<ActionPreference>,
    pub verbose: Option<bool>,
    pub debug: Option<bool>,
    pub what_if: bool,
    pub confirm: Option<bool>,
    pub error_variable: Option<String>,
    pub warning_variable: Option<String>,
    pub out_variable: Option<String>,
}

/// (name, alias, takes a value)
const COMMON: [(&str, &str, bool); 12] = [
    ("ErrorAction", "ea", true),
    ("WarningAction", "wa", true),
    ("InformationAction", "infa", true),
    ("Verbose", "vb", false),
    ("Debug", "db", false),
    ("ErrorVariable", "ev", true),
    ("WarningVariable", "wv", true),
    ("InformationVariable", "iv", true),
    ("OutVariable", "ov", true),
    ("OutBuffer", "ob", true),
    ("PipelineVariable", "pv", true),
    ("WhatIf", "wi", false),
];

const CONFIRM: (&str, &str, bool) = ("Confirm", "cf", false);

pub(super) fn common_params(sig: &Signature) -> Vec<(&'static str, &'static str, bool)> {
    if !sig.strict {
        return Vec::new();
    }
    let mut all: Vec<_> = COMMON
        .iter()
        .copied()
        .filter(|(name, _, _)| *name != "WhatIf" || sig.supports_should_process)
        .collect();
    if sig.supports_should_process {
        all.push(CONFIRM);
    }
    all
}

pub(super) fn apply_common(
    sig: &Signature,
    common: &mut CommonParams,
    name: &str,
    value: &Value,
    span: Span,
) -> Result<(), Box<RuntimeError>> {
    let preference = || {
        let text = convert::to_string(value, " ");
        ActionPreference::parse(&text).ok_or_else(|| {
            binding_error(
                sig,
                name,
                format!(
                    "Cannot convert value \"{text}\" to type \"System.Management.Automation.ActionPreference\". Accepted values: SilentlyContinue, Stop, Continue, Inquire, Ignore."
                ),
                span,
                "not an ActionPreference",
            )
        })
    };
    let text = || Some(convert::to_string(value, " "));
    match name {
        "ErrorAction" => common.error_action = Some(preference()?),
        "WarningAction" => common.warning_action = Some(preference()?),
        "Verbose" => common.verbose = Some(convert::to_bool(value)),
        "Debug" => common.debug = Some(convert::to_bool(value)),
        "WhatIf" => common.what_if = convert::to_bool(value),
        "Confirm" => common.confirm = Some(convert::to_bool(value)),
        "ErrorVariable" => common.error_variable = text(),
        "WarningVariable" => common.warning_variable = text(),
        "OutVariable" => common.out_variable = text(),
        _ => {}
    }
    Ok(())
}
