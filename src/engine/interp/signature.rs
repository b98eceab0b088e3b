//! L3 — the signature of a user function or script block, from its `param(...)` block and
//! attributes (`[CmdletBinding()]`, `[Parameter(...)]`, `[Alias()]`, `[ValidateSet()]`).

use crate::syntax::ast::{Attribute, Expr, ExprKind, ScriptBlock};
use crate::value::PsType;

use super::super::cmdlet::{Param, Signature};

/// Build the signature the binder uses for a function or script block.
pub(crate) fn signature_of(name: &str, ast: &ScriptBlock) -> Signature {
    let advanced = ast.attributes.iter().any(|a| is(a, "CmdletBinding"))
        || ast
            .params
            .iter()
            .any(|p| p.attributes.iter().any(|a| is(a, "Parameter")));
    let mut signature = Signature::new(name, "");
    signature.strict = advanced;
    if let Some(binding) = ast.attributes.iter().find(|a| is(a, "CmdletBinding")) {
        for (key, value) in &binding.named {
            if key.eq_ignore_ascii_case("SupportsShouldProcess") && flag(value.as_ref()) {
                signature.supports_should_process = true;
            }
            if key.eq_ignore_ascii_case("DefaultParameterSetName")
                && let Some(set) = value.as_ref().and_then(text)
            {
                signature.default_set = Some(set);
            }
        }
    }
    let mut next_position = 0;
    for decl in &ast.params {
        let ty = decl
            .type_name
            .as_ref()
            .and_then(|t| PsType::resolve(t).ok())
            .unwrap_or(PsType::Object);
        let mut param = Param::new(&decl.name, ty);
        let mut explicit_position = None;
        for attribute in &decl.attributes {
            if is(attribute, "Parameter") {
                for (key, value) in &attribute.named {
                    let on = flag(value.as_ref());
                    match key.to_ascii_lowercase().as_str() {
                        "mandatory" if on => param.mandatory = true,
                        "valuefrompipeline" if on => param.pipeline.by_value = true,
                        "valuefrompipelinebypropertyname" if on => {
                            param.pipeline.by_property_name = true
                        }
                        "valuefromremainingarguments" if on => param.remaining = true,
                        "position" => {
                            explicit_position = value.as_ref().and_then(integer);
                        }
                        "parametersetname" => {
                            if let Some(set) = value.as_ref().and_then(text) {
                                param.sets.push(set);
                            }
                        }
                        "helpmessage" => {
                            param.help = value.as_ref().and_then(text).unwrap_or_default();
                        }
                        _ => {}
                    }
                }
            } else if is(attribute, "Alias") {
                param
                    .aliases
                    .extend(attribute.positional.iter().filter_map(text));
            } else if is(attribute, "ValidateSet") {
                param
                    .accepted
                    .extend(attribute.positional.iter().filter_map(text));
            }
        }
        param.position = match explicit_position {
            Some(position) => Some(position),
            None if param.is_switch() || param.remaining => None,
            None => {
                next_position += 1;
                Some(next_position - 1)
            }
        };
        signature.params.push(param);
    }
    signature
}

fn is(attribute: &Attribute, name: &str) -> bool {
    attribute.name.eq_ignore_ascii_case(name)
        || attribute
            .name
            .to_ascii_lowercase()
            .ends_with(&format!(".{}", name.to_ascii_lowercase()))
}

/// `Mandatory` alone or `Mandatory = $true`.
fn flag(value: Option<&Expr>) -> bool {
    match value.map(|v| &v.kind) {
        None => true,
        Some(ExprKind::Variable(v)) => v.key.as_ref() == "true",
        Some(ExprKind::Int(n)) => *n != 0,
        _ => false,
    }
}

fn text(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::String(s) => Some(s.clone()),
        ExprKind::Expandable(parts) => Some(
            parts
                .iter()
                .filter_map(|p| match p {
                    crate::syntax::ast::StringPart::Literal(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect(),
        ),
        ExprKind::Int(n) => Some(n.to_string()),
        _ => None,
    }
}

fn integer(expr: &Expr) -> Option<usize> {
    match &expr.kind {
        ExprKind::Int(n) => usize::try_from(*n).ok(),
        _ => None,
    }
}
