//! L4 — Set-SmimeConfig: change the organization's S/MIME settings; a change that changes
//! nothing writes nothing and warns, a rejected value changes nothing.

use crate::engine::{Cmdlet, Context, Eval, Example, Signature};
use crate::model::collection::change;
use crate::model::{ConfigObject, SmimeConfig};

use super::shared::{
    Outcome, borrowed, change_state, identity_param, load, open_store, previews, report_problems,
    setting_args, warn_advice, warn_unchanged, with_settings,
};

/// `Set-SmimeConfig [[-Identity] <OrganizationIdParameter>] [-OWAAlwaysSign <Boolean>]
/// [-OWAEncryptionAlgorithms <String>] [-SMIMECertificateIssuingCA <Byte[]>] …`
pub struct SetSmimeConfig;

impl Cmdlet for SetSmimeConfig {
    fn signature(&self) -> Signature {
        let signature = Signature::new(
            "Set-SmimeConfig",
            "Changes the organization's S/MIME configuration for Outlook on the web and new Outlook.",
        )
        .should_process()
        .param(identity_param(false, "OrganizationIdParameter (reserved for internal Microsoft use)"));
        with_settings::<SmimeConfig>(signature, false, &[])
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Let users choose the signing certificate, 10 s for CRLs, RC2-128 (doc example 1)",
                "Set-SmimeConfig -OWAAllowUserChoiceOfSigningCertificate $true -OWACRLRetrievalTimeout 10000 -OWAEncryptionAlgorithms 6602:128; (Get-SmimeConfig).OWAEncryptionAlgorithms",
                "6602:128\n",
            ),
            Example::new(
                "A bad algorithm list changes nothing",
                "Set-SmimeConfig -OWASigningAlgorithms 800C -OWAEncryptionAlgorithms 9999 -ErrorAction SilentlyContinue; (Get-SmimeConfig).OWASigningAlgorithms -eq $null",
                "True\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let args = setting_args::<SmimeConfig>(cx, false);
        let store = open_store(cx)?;
        let mut shown = SmimeConfig::default().name().to_string();
        if previews(cx, false) {
            let mut state = load(cx, &store)?;
            shown = state.smime_config.name().to_string();
            match change(&mut state.smime_config, &borrowed(&args)) {
                Err(problems) => return report_problems(cx, &problems, &shown),
                Ok(false) => {
                    warn_unchanged(cx, &shown);
                    return Ok(());
                }
                Ok(true) => {}
            }
        }
        if !cx.should_process(&format!("Setting S/MIME configuration \"{shown}\"."))? {
            return Ok(());
        }
        let mut advice = Vec::new();
        let outcome = change_state(cx, &store, &mut |state| {
            shown = state.smime_config.name().to_string();
            match change(&mut state.smime_config, &borrowed(&args)) {
                Ok(true) => {
                    advice = state.smime_config.advisories();
                    Outcome::Done
                }
                Ok(false) => Outcome::Unchanged,
                Err(problems) => Outcome::Rejected(problems),
            }
        })?;
        match outcome {
            Outcome::Done => warn_advice(cx, advice),
            Outcome::Unchanged => warn_unchanged(cx, &shown),
            Outcome::Rejected(problems) => report_problems(cx, &problems, &shown)?,
            Outcome::NotFound | Outcome::Unset => {}
        }
        Ok(())
    }
}
