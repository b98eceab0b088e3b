//! L1 — changing the organization's objects as Exchange does: create a named object (names are
//! unique), change one (nothing written when nothing changes), remove one, find one by name,
//! GUID or DN; and the mobile policies' rule that exactly one policy is the default.

use crate::value::Value;

use super::OrgState;
use super::inbound_connector::InboundConnector;
use super::mobile_policy::MobileDeviceMailboxPolicy;
use super::object::{ConfigObject, matches_identity, set_parameters};
use super::outbound_connector::OutboundConnector;
use super::problem::Problem;

/// Where an object of a collection sits.
pub type Index = usize;

/// The objects `identity` (a name, GUID or DN) names, in order (usually one).
pub fn find_all<T: ConfigObject>(items: &[T], organization: &str, identity: &str) -> Vec<Index> {
    items
        .iter()
        .enumerate()
        .filter(|(_, item)| matches_identity(*item, organization, identity))
        .map(|(i, _)| i)
        .collect()
}

/// The object `identity` names, if any.
pub fn find<T: ConfigObject>(items: &[T], organization: &str, identity: &str) -> Option<Index> {
    find_all(items, organization, identity).into_iter().next()
}

/// Exchange's message for an identity that matches nothing.
pub fn not_found_message(identity: &str, location: &str) -> String {
    format!(
        "The operation couldn't be performed because object '{identity}' couldn't be found on '{location}'."
    )
}

/// Rules that involve more than one object of a collection.
pub trait CollectionRules: ConfigObject {
    /// After `items[changed]` was created or changed (it was the default before when
    /// `was_default`): restore the collection's invariants or say why the change can't stand.
    fn reconcile(
        items: &mut [Self],
        changed: Index,
        was_default: bool,
    ) -> Result<(), Vec<Problem>> {
        let _ = (items, changed, was_default);
        Ok(())
    }

    /// Why `items[index]` can't be removed, if it can't.
    fn removal_problem(items: &[Self], index: Index) -> Option<Problem> {
        let _ = (items, index);
        None
    }

    /// Whether this object is the collection's default one.
    fn is_default(&self) -> bool {
        false
    }
}

impl CollectionRules for InboundConnector {}
impl CollectionRules for OutboundConnector {}

/// A named collection of the organization's state.
pub trait Stored: CollectionRules {
    fn items(state: &OrgState) -> &Vec<Self>;
    fn items_mut(state: &mut OrgState) -> &mut Vec<Self>;
    /// A new object named `name` with the documented defaults.
    fn named(name: &str) -> Self;
}

/// `Stored` for a type kept in the `OrgState` field `$field`, made by `$type::new(name)`.
macro_rules! stored_in {
    ($type:ty, $field:ident) => {
        impl Stored for $type {
            fn items(state: &OrgState) -> &Vec<Self> {
                &state.$field
            }
            fn items_mut(state: &mut OrgState) -> &mut Vec<Self> {
                &mut state.$field
            }
            fn named(name: &str) -> Self {
                <$type>::new(name)
            }
        }
    };
}

stored_in!(InboundConnector, inbound_connectors);
stored_in!(OutboundConnector, outbound_connectors);
stored_in!(MobileDeviceMailboxPolicy, mobile_device_mailbox_policies);

impl CollectionRules for MobileDeviceMailboxPolicy {
    /// Exactly one policy is the default: making one the default clears the previous default;
    /// the default policy can't stop being the default on its own.
    fn reconcile(
        items: &mut [Self],
        changed: Index,
        was_default: bool,
    ) -> Result<(), Vec<Problem>> {
        if items[changed].is_default {
            for (i, item) in items.iter_mut().enumerate() {
                if i != changed && item.is_default {
                    item.is_default = false;
                    item.meta.touch();
                }
            }
            return Ok(());
        }
        if was_default || !items.iter().any(|p| p.is_default) {
            return Err(vec![Problem::new(
                "IsDefault",
                "False",
                format!(
                    "'{}' is the default mobile device mailbox policy, and there must always be one. Make another policy the default (Set-MobileDeviceMailboxPolicy -Identity <Name> -IsDefault $true) instead.",
                    items[changed].meta.name
                ),
            )]);
        }
        Ok(())
    }

    fn removal_problem(items: &[Self], index: Index) -> Option<Problem> {
        let policy = &items[index];
        policy.is_default.then(|| {
            Problem::new(
                "Identity",
                &policy.meta.name,
                format!(
                    "'{}' is the default mobile device mailbox policy and can't be removed. Make another policy the default first (Set-MobileDeviceMailboxPolicy -Identity <Name> -IsDefault $true).",
                    policy.meta.name
                ),
            )
        })
    }

    fn is_default(&self) -> bool {
        self.is_default
    }
}

/// A problem when another object than `except` already has `name`.
fn duplicate_name<T: ConfigObject>(
    items: &[T],
    name: &str,
    except: Option<Index>,
) -> Option<Problem> {
    items
        .iter()
        .enumerate()
        .any(|(i, item)| Some(i) != except && item.name().eq_ignore_ascii_case(name.trim()))
        .then(|| {
            Problem::new(
                "Name",
                name,
                format!(
                    "The {} '{}' already exists. Choose another name, or change the existing one with Set-*.",
                    T::KIND.noun,
                    name.trim()
                ),
            )
        })
}

/// Apply `args` to `object` and check it: `Ok(true)` when something changed (and
/// `WhenChanged` is now), `Ok(false)` when the arguments changed nothing (the object is left
/// exactly as it was), every problem otherwise (the object is left as it was).
pub fn change<T: ConfigObject>(
    object: &mut T,
    args: &[(&str, &Value)],
) -> Result<bool, Vec<Problem>> {
    let mut changed = object.clone();
    set_parameters(&mut changed, args.iter().copied())?;
    let problems = changed.validate();
    if !problems.is_empty() {
        return Err(problems);
    }
    if changed == *object {
        return Ok(false);
    }
    changed.meta_mut().touch();
    *object = changed;
    Ok(true)
}

/// Create `object` (already named and timestamped) with `args` applied, append it, and return
/// its index; nothing changes when a problem is found.
pub fn create<T: CollectionRules>(
    items: &mut Vec<T>,
    mut object: T,
    args: &[(&str, &Value)],
) -> Result<Index, Vec<Problem>> {
    let mut problems = Vec::new();
    if let Some(problem) = duplicate_name(items, object.name(), None) {
        problems.push(problem);
    }
    if let Err(mut found) = set_parameters(&mut object, args.iter().copied()) {
        problems.append(&mut found);
    }
    if problems.is_empty() {
        problems = object.validate();
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut updated = items.clone();
    updated.push(object);
    let index = updated.len() - 1;
    T::reconcile(&mut updated, index, false)?;
    *items = updated;
    Ok(index)
}

/// Change `items[index]` with `args`: `Ok(false)` when nothing changed; nothing changes when a
/// problem is found (a duplicate new name, a bad value, a broken rule).
pub fn update<T: CollectionRules>(
    items: &mut Vec<T>,
    index: Index,
    args: &[(&str, &Value)],
) -> Result<bool, Vec<Problem>> {
    let Some(current) = items.get(index) else {
        return Err(vec![Problem::new(
            "Identity",
            "",
            "The object is no longer there.",
        )]);
    };
    let was_default = current.is_default();
    let mut object = current.clone();
    if !change(&mut object, args)? {
        return Ok(false);
    }
    if let Some(problem) = duplicate_name(items, object.name(), Some(index)) {
        return Err(vec![problem]);
    }
    let mut updated = items.clone();
    updated[index] = object;
    T::reconcile(&mut updated, index, was_default)?;
    *items = updated;
    Ok(true)
}

/// Remove `items[index]` unless a rule forbids it.
pub fn remove<T: CollectionRules>(items: &mut Vec<T>, index: Index) -> Result<T, Problem> {
    if index >= items.len() {
        return Err(Problem::new(
            "Identity",
            "",
            "The object is no longer there.",
        ));
    }
    if let Some(problem) = T::removal_problem(items, index) {
        return Err(problem);
    }
    Ok(items.remove(index))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn arg<'v>(name: &'static str, value: &'v Value) -> (&'static str, &'v Value) {
        (name, value)
    }

    fn policies() -> Vec<MobileDeviceMailboxPolicy> {
        vec![MobileDeviceMailboxPolicy::built_in_default()]
    }

    #[test]
    fn names_are_unique_ignoring_case() {
        let mut items = Vec::new();
        let domains = Value::str("contoso.com");
        create(
            &mut items,
            InboundConnector::new("Contoso"),
            &[arg("SenderDomains", &domains)],
        )
        .unwrap();
        let problems = create(
            &mut items,
            InboundConnector::new("CONTOSO"),
            &[arg("SenderDomains", &domains)],
        )
        .unwrap_err();
        assert!(problems[0].message.contains("already exists"));
        assert_eq!(items.len(), 1);
    }

    #[test]
    fn a_failed_create_changes_nothing() {
        let mut items: Vec<InboundConnector> = Vec::new();
        let bad = Value::str("domain.*.contoso.com");
        assert!(
            create(
                &mut items,
                InboundConnector::new("X"),
                &[arg("SenderDomains", &bad)]
            )
            .is_err()
        );
        assert!(items.is_empty());
    }

    #[test]
    fn an_update_that_changes_nothing_reports_false_and_keeps_timestamps() {
        let mut items = Vec::new();
        let domains = Value::str("contoso.com");
        create(
            &mut items,
            InboundConnector::new("Contoso"),
            &[arg("SenderDomains", &domains)],
        )
        .unwrap();
        items[0].meta.when_changed = None;
        let before = items.clone();
        let tls = Value::Bool(true);
        assert!(!update(&mut items, 0, &[arg("RequireTls", &tls)]).unwrap());
        assert_eq!(items, before);
        let off = Value::Bool(false);
        assert!(update(&mut items, 0, &[arg("RequireTls", &off)]).unwrap());
        assert!(items[0].meta.when_changed.is_some());
    }

    #[test]
    fn renames_must_stay_unique() {
        let mut items = Vec::new();
        let domains = Value::str("contoso.com");
        create(
            &mut items,
            InboundConnector::new("A"),
            &[arg("SenderDomains", &domains)],
        )
        .unwrap();
        create(
            &mut items,
            InboundConnector::new("B"),
            &[arg("SenderDomains", &domains)],
        )
        .unwrap();
        let name = Value::str("a");
        assert!(update(&mut items, 1, &[arg("Name", &name)]).is_err());
        assert_eq!(items[1].meta.name, "B");
    }

    #[test]
    fn making_a_policy_default_clears_the_old_default() {
        let mut items = policies();
        let yes = Value::Bool(true);
        let index = create(
            &mut items,
            MobileDeviceMailboxPolicy::new("Contoso Policy"),
            &[arg("IsDefault", &yes)],
        )
        .unwrap();
        assert!(items[index].is_default);
        assert!(!items[0].is_default);
        assert_eq!(items.iter().filter(|p| p.is_default).count(), 1);
        update(&mut items, 0, &[arg("IsDefault", &yes)]).unwrap();
        assert!(items[0].is_default && !items[1].is_default);
    }

    #[test]
    fn the_default_policy_cannot_stop_being_default_or_be_removed() {
        let mut items = policies();
        let no = Value::Bool(false);
        let problems = update(&mut items, 0, &[arg("IsDefault", &no)]).unwrap_err();
        assert!(problems[0].message.contains("must always be one"));
        assert!(items[0].is_default);
        assert!(remove(&mut items, 0).is_err());
        create(
            &mut items,
            MobileDeviceMailboxPolicy::new("Other"),
            &[arg("IsDefault", &no)],
        )
        .unwrap();
        assert!(!update(&mut items, 1, &[arg("IsDefault", &no)]).unwrap());
        assert_eq!(remove(&mut items, 1).unwrap().meta.name, "Other");
    }

    #[test]
    fn identities_find_objects() {
        let mut items = Vec::new();
        let domains = Value::str("contoso.com");
        create(
            &mut items,
            InboundConnector::new("Contoso"),
            &[arg("SenderDomains", &domains)],
        )
        .unwrap();
        assert_eq!(find(&items, "Org", "contoso"), Some(0));
        assert_eq!(
            find(&items, "Org", &items[0].meta.guid.to_string()),
            Some(0)
        );
        assert_eq!(find(&items, "Org", "Fabrikam"), None);
        assert_eq!(
            not_found_message("Fabrikam", "/tmp/state.yaml"),
            "The operation couldn't be performed because object 'Fabrikam' couldn't be found on '/tmp/state.yaml'."
        );
    }
}
