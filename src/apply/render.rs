//! L2 — plans and apply results as text for people: one line per object (`+` create,
//! `~` update, `-` delete, `?` unknown), indented property diffs (lists as added and removed
//! members), warnings, errors and Terraform's summary line.

use std::fmt::Write as _;

use super::execute::Status;
use super::kind::Kind;
use super::plan::{Action, Change, Plan, PropertyChange};
use super::run::ApplyReport;

fn or_empty(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("(empty)")
}

fn property_line(change: &Change, property: &PropertyChange) -> String {
    let name = &property.name;
    if change.action == Action::Create {
        return match (&property.after, property.is_list) {
            (Some(_), true) if !property.added.is_empty() => {
                format!("{name}: [{}]", property.added.join(", "))
            }
            (after, _) => format!("{name}: {}", or_empty(after)),
        };
    }
    if property.is_list {
        let mut members: Vec<String> = property.added.iter().map(|m| format!("+ {m}")).collect();
        members.extend(property.removed.iter().map(|m| format!("- {m}")));
        if members.is_empty() {
            return format!(
                "{name}: {} -> {}",
                or_empty(&property.before),
                or_empty(&property.after)
            );
        }
        return format!("{name}: {}", members.join(", "));
    }
    format!(
        "{name}: {} -> {}",
        or_empty(&property.before),
        or_empty(&property.after)
    )
}

/// How an object's line begins in a plan and in an apply's report: `  + Inbound connector "A"`.
fn object_line(out: &mut String, action: Action, kind: Kind, name: &str) {
    let _ = write!(out, "  {} {} \"{name}\"", action.sign(), kind.noun());
}

/// One object's lines.
fn change_lines(out: &mut String, change: &Change) {
    object_line(out, change.action, change.kind, &change.name);
    if let Some(error) = &change.error {
        let _ = write!(out, ": {error}");
    }
    out.push('\n');
    for property in &change.properties {
        let _ = writeln!(out, "      {}", property_line(change, property));
    }
}

/// The summary line.
pub fn summary_line(plan: &Plan) -> String {
    let s = plan.summary;
    let mut line = format!(
        "Plan: {} to add, {} to change, {} to destroy.",
        s.add, s.change, s.destroy
    );
    if s.unknown > 0 {
        let _ = write!(line, " {} unknown (unreadable input).", s.unknown);
    }
    line
}

/// The plan for people.
pub fn plan_text(plan: &Plan) -> String {
    let mut out = String::new();
    if plan.has_changes() {
        let _ = writeln!(
            out,
            "mailsec will make these changes to converge on {}:\n",
            plan.document
        );
        for change in &plan.changes {
            change_lines(&mut out, change);
        }
        out.push('\n');
    } else {
        out.push_str("No changes. The store matches the desired state.\n");
    }
    for warning in &plan.warnings {
        let level = if plan.strict { "Error" } else { "Warning" };
        let _ = writeln!(out, "{level}: [{}] {}", warning.rule, warning.message);
    }
    for error in &plan.errors {
        let _ = writeln!(out, "Error: {error}");
    }
    if plan.has_changes() {
        let _ = writeln!(out, "{}", summary_line(plan));
    }
    out
}

/// What an apply did, object by object, with a summary.
pub fn apply_text(report: &ApplyReport) -> String {
    let mut out = String::new();
    for result in &report.results {
        let status = match result.status {
            Status::Applied => "applied",
            Status::Failed => "FAILED",
            Status::Skipped => "skipped",
        };
        object_line(&mut out, result.action, result.kind, &result.name);
        let _ = write!(out, ": {status}");
        if let Some(message) = &result.message {
            let _ = write!(out, " ({message})");
        }
        out.push('\n');
    }
    for warning in &report.plan.warnings {
        let _ = writeln!(out, "Warning: [{}] {}", warning.rule, warning.message);
    }
    if report.results.is_empty() {
        out.push_str("No changes. The store matches the desired state.\n");
    } else {
        let _ = writeln!(
            out,
            "Apply: {} applied, {} failed, {} skipped.",
            report.count(Status::Applied),
            report.count(Status::Failed),
            report.count(Status::Skipped)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apply::kind::Kind;

    #[test]
    fn plans_render_one_line_per_object_with_a_summary() {
        let mut plan = Plan::new("d.yaml", String::new(), false);
        let mut change = Change::new(Action::Update, Kind::InboundConnector, "A");
        change.properties.push(PropertyChange {
            name: "SenderDomains".into(),
            before: Some("a.com".into()),
            after: Some("b.com".into()),
            added: vec!["b.com".into()],
            removed: vec!["a.com".into()],
            is_list: true,
        });
        plan.changes.push(change);
        plan.changes
            .push(Change::new(Action::Delete, Kind::OutboundConnector, "B"));
        plan.finish();
        let text = plan_text(&plan);
        assert!(text.contains("  ~ InboundConnector \"A\"\n      SenderDomains: + b.com, - a.com\n  - OutboundConnector \"B\"\n"), "{text}");
        assert!(
            text.ends_with("Plan: 0 to add, 1 to change, 1 to destroy.\n"),
            "{text}"
        );
        let empty = Plan::new("d.yaml", String::new(), false);
        assert_eq!(
            plan_text(&empty),
            "No changes. The store matches the desired state.\n"
        );
    }
}
