//! L2 — making a plan: each declared object is looked up once in an index of the store (no
//! per-object re-reads), compared canonically, and turned into a create, update or delete;
//! `Prune` removes what a section does not declare, never when one of its inputs was
//! unreadable. The objects as the plan will leave them feed the policy checks.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::model::collection::Stored;
use crate::model::problem::describe_all;
use crate::model::{InboundConnector, MobileDeviceMailboxPolicy, OrgState, OutboundConnector};

use super::diff::{created, diff};
use super::document::{Document, Ensure, Section};
use super::kind::Kind;
use super::plan::{Action, Change, Plan};
use super::planner_certs::{plan_certificates, plan_smime};
use super::policy::{Projection, warnings};
use super::resolve::Inputs;
use super::users::{Link, lint_warnings, plan_users};

/// The plan that converges `state` to `document` (whose files gave `inputs`). Its state
/// fingerprint is left empty (see [`super::plan::fingerprint`]; only saved plans need it).
pub fn build(
    document: &Document,
    inputs: &Inputs,
    state: &OrgState,
    strict: bool,
    link: &Link,
) -> Plan {
    let mut plan = Plan::new(&document.path.display().to_string(), String::new(), strict);
    plan_certificates(document, inputs, state, &mut plan);
    let issuing_ca = plan_smime(document, inputs, state, &mut plan);
    let policies = plan_section::<MobileDeviceMailboxPolicy>(
        Kind::MobileDeviceMailboxPolicy,
        document.mobile_policies.as_ref(),
        state,
        &mut plan,
    );
    let inbound = plan_section::<InboundConnector>(
        Kind::InboundConnector,
        document.inbound_connectors.as_ref(),
        state,
        &mut plan,
    );
    let outbound = plan_section::<OutboundConnector>(
        Kind::OutboundConnector,
        document.outbound_connectors.as_ref(),
        state,
        &mut plan,
    );
    let projection = Projection {
        inbound,
        outbound,
        policies,
        issuing_ca,
    };
    plan_users(document, inputs, link, &mut plan);
    plan.warnings = warnings(&projection);
    plan.warnings.extend(lint_warnings(document, inputs));
    plan.finish();
    plan
}

/// The objects of a collection as the plan leaves them, each marked declared or not.
pub type Projected<'a, T> = Vec<(bool, Cow<'a, T>)>;

/// Plan one section of named objects.
fn plan_section<'a, T: Stored>(
    kind: Kind,
    section: Option<&Section>,
    state: &'a OrgState,
    plan: &mut Plan,
) -> Projected<'a, T> {
    let items = T::items(state);
    let Some(section) = section else {
        return items.iter().map(|i| (false, Cow::Borrowed(i))).collect();
    };
    let index: HashMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.name().to_lowercase(), i))
        .collect();
    let mut declared: HashSet<usize> = HashSet::new();
    let mut projected: Projected<'a, T> = Vec::new();
    let mut deletes: Vec<usize> = Vec::new();
    for decl in &section.items {
        let found = index.get(&decl.name.to_lowercase()).copied();
        if let Some(i) = found {
            declared.insert(i);
        }
        let failed = |plan: &mut Plan, problems: &[crate::model::Problem]| {
            plan.errors.push(format!(
                "{} '{}': {}",
                kind.noun(),
                decl.name,
                describe_all(problems)
            ))
        };
        match (decl.ensure, found) {
            (Ensure::Absent, Some(i)) => deletes.push(i),
            (Ensure::Absent, None) => {}
            (Ensure::Present, Some(i)) => match diff(&items[i], &decl.properties) {
                Ok(None) => projected.push((true, Cow::Borrowed(&items[i]))),
                Ok(Some((found, next))) => {
                    let mut change = Change::new(Action::Update, kind, items[i].name());
                    change.properties = found.properties;
                    change.arguments = found.arguments;
                    plan.changes.push(change);
                    projected.push((true, Cow::Owned(next)));
                }
                Err(problems) => failed(plan, &problems),
            },
            (Ensure::Present, None) => match created(T::named(&decl.name), &decl.properties) {
                Ok((found, object)) => {
                    let mut change = Change::new(Action::Create, kind, &decl.name);
                    change.properties = found.properties;
                    change.arguments = found.arguments;
                    plan.changes.push(change);
                    projected.push((true, Cow::Owned(object)));
                }
                Err(problems) => failed(plan, &problems),
            },
        }
    }
    for (i, item) in items.iter().enumerate() {
        if declared.contains(&i) {
            continue;
        }
        if section.prune {
            deletes.push(i);
        } else {
            projected.push((false, Cow::Borrowed(item)));
        }
    }
    let another_default = projected.iter().any(|(_, o)| o.is_default());
    for i in deletes {
        let item = &items[i];
        if item.is_default() && !another_default {
            plan.errors.push(format!(
                "{} '{}' is the default and can't be removed; declare another one with IsDefault: true first.",
                kind.noun(),
                item.name()
            ));
            projected.push((true, Cow::Borrowed(item)));
            continue;
        }
        plan.changes
            .push(Change::new(Action::Delete, kind, item.name()));
    }
    projected
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::apply::document::parse;
    use crate::apply::execute::{Status, execute};
    use crate::apply::resolve::read_inputs;

    fn plan_for(text: &str, state: &OrgState) -> Plan {
        let document = parse(std::path::Path::new("d.yaml"), text).unwrap();
        build(
            &document,
            &read_inputs(&document),
            state,
            false,
            &Link::Unused,
        )
    }

    #[test]
    fn a_plan_applies_and_then_plans_nothing() {
        let text = "MobileDeviceMailboxPolicies:\n  - Name: Strict\n    IsDefault: true\n    RequireSignedSMIMEMessages: true\nInboundConnectors:\n  - Name: A\n    SenderDomains: a.com\n";
        let mut state = OrgState::default();
        let plan = plan_for(text, &state);
        assert_eq!((plan.summary.add, plan.summary.change), (2, 0));
        assert_eq!(plan.exit_code(), 2);
        let results = execute(&plan, &mut state, None);
        assert!(
            results.iter().all(|r| r.status == Status::Applied),
            "{results:?}"
        );
        assert!(state.validate().is_empty());
        let again = plan_for(text, &state);
        assert!(!again.has_changes(), "{:?}", again.changes);
        assert_eq!(again.exit_code(), 0);
        // validate() above allows exactly one default policy: it is the declared one.
        let strict = state
            .mobile_device_mailbox_policies
            .iter()
            .find(|p| p.meta.name == "Strict");
        assert!(strict.is_some_and(|p| p.is_default), "{state:?}");
    }

    #[test]
    fn broken_rules_are_plan_errors() {
        let plan = plan_for(
            "InboundConnectors:\n  - Name: A\n    RequireTls: true\n",
            &OrgState::default(),
        );
        assert!(
            plan.errors[0].contains("SenderDomains"),
            "{:?}",
            plan.errors
        );
        assert_eq!(plan.exit_code(), 1);
    }
}
