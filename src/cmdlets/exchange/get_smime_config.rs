//! L4 — Get-SmimeConfig: the organization's S/MIME settings for Outlook on the web.

use crate::engine::{Cmdlet, Context, Eval, Example, Signature};
use crate::model::object::to_value;

use super::shared::{identity_param, load, open_store};

/// `Get-SmimeConfig [[-Identity] <OrganizationIdParameter>]`
pub struct GetSmimeConfig;

impl Cmdlet for GetSmimeConfig {
    fn signature(&self) -> Signature {
        Signature::new(
            "Get-SmimeConfig",
            "Shows the organization's S/MIME configuration for Outlook on the web.",
        )
        .param(identity_param(
            false,
            "OrganizationIdParameter (reserved for internal Microsoft use)",
        ))
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "The CRL and algorithm settings of a new organization",
            "Get-SmimeConfig | Format-List OWACheckCRLOnSend,OWACRLConnectionTimeout,OWACRLRetrievalTimeout,OWAClearSign,OWAEncryptionAlgorithms",
            "\nOWACheckCRLOnSend       : False\nOWACRLConnectionTimeout : 60000\nOWACRLRetrievalTimeout  : 10000\nOWAClearSign            : True\nOWAEncryptionAlgorithms : \n\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let store = open_store(cx)?;
        let state = load(cx, &store)?;
        cx.emit(to_value(&state.smime_config, &state.organization))
    }
}
