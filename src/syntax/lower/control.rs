//! L0 — lowering of compound statements: `if`/`elseif`/`else`, `switch`, `foreach`, `for`,
//! and `try`/`catch`/`finally`. (`while` and `do` are small enough to live in the statement
//! dispatch.)

use pest::iterators::Pair;

use super::statements::statement_as_pipeline;
use super::{Lowerer, Result};
use crate::syntax::ast::{
    CatchClause, Pipeline, Span, StatementKind, SwitchClause, SwitchStatement,
};
use crate::syntax::grammar::Rule;

impl Lowerer<'_> {
    pub(super) fn if_statement(&self, pair: Pair<'_, Rule>) -> Result<StatementKind> {
        let span = self.span(&pair);
        let mut clauses = Vec::new();
        let mut else_body = None;
        let mut children = pair.into_inner().skip(1);
        let condition = self.condition(self.next(&mut children, span, "condition")?)?;
        let body = self.block(self.next(&mut children, span, "body")?)?;
        clauses.push((condition, body));
        for child in children {
            let rule = child.as_rule();
            let mut parts = child.into_inner().skip(1);
            match rule {
                Rule::elseif_clause => {
                    let condition = self.condition(self.next(&mut parts, span, "condition")?)?;
                    let body = self.block(self.next(&mut parts, span, "body")?)?;
                    clauses.push((condition, body));
                }
                Rule::else_clause => {
                    else_body = Some(self.block(self.next(&mut parts, span, "body")?)?);
                }
                _ => return Err(self.error(span, "internal parser error: if clause", "here")),
            }
        }
        Ok(StatementKind::If { clauses, else_body })
    }

    pub(super) fn switch_statement(
        &self,
        pair: Pair<'_, Rule>,
        label: Option<String>,
    ) -> Result<StatementKind> {
        let span = self.span(&pair);
        let mut switch = SwitchStatement {
            label,
            regex: false,
            wildcard: false,
            exact: false,
            case_sensitive: false,
            subject: Pipeline {
                elements: Vec::new(),
                span,
            },
            clauses: Vec::new(),
            default: None,
        };
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::kw_switch => {}
                Rule::switch_flag => match child.as_str()[1..].to_ascii_lowercase().as_str() {
                    "regex" => switch.regex = true,
                    "wildcard" => switch.wildcard = true,
                    "exact" => switch.exact = true,
                    "casesensitive" => switch.case_sensitive = true,
                    _ => {
                        return Err(self.error(
                            self.span(&child),
                            "switch -File is not supported",
                            "read the file with Get-Content and switch on its lines",
                        ));
                    }
                },
                Rule::condition => switch.subject = self.condition(child)?,
                Rule::switch_body => {
                    for clause in child.into_inner() {
                        self.switch_clause(clause, &mut switch)?;
                    }
                }
                _ => return Err(self.unexpected(&child)),
            }
        }
        Ok(StatementKind::Switch(Box::new(switch)))
    }

    fn switch_clause(&self, pair: Pair<'_, Rule>, switch: &mut SwitchStatement) -> Result<()> {
        let span = self.span(&pair);
        let mut children = pair.into_inner();
        let pattern = self.next(&mut children, span, "switch pattern")?;
        let body = self.block(self.next(&mut children, span, "switch body")?)?;
        if pattern.as_rule() == Rule::switch_default {
            if switch.default.is_some() {
                return Err(self.error(
                    self.span(&pattern),
                    "a switch may have only one 'default' clause",
                    "second default clause",
                ));
            }
            switch.default = Some(body);
        } else {
            let pattern = self.arg_value(pattern)?;
            switch.clauses.push(SwitchClause { pattern, body });
        }
        Ok(())
    }

    pub(super) fn foreach_statement(
        &self,
        pair: Pair<'_, Rule>,
        label: Option<String>,
    ) -> Result<StatementKind> {
        let span = self.span(&pair);
        let mut children = pair
            .into_inner()
            .filter(|p| !matches!(p.as_rule(), Rule::kw_foreach | Rule::kw_in));
        let variable = self.variable(&self.next(&mut children, span, "loop variable")?);
        let iterable = self.pipeline_statement(self.next(&mut children, span, "collection")?)?;
        let body = self.block(self.next(&mut children, span, "body")?)?;
        Ok(StatementKind::Foreach {
            label,
            variable,
            iterable: statement_as_pipeline(iterable),
            body,
        })
    }

    pub(super) fn for_statement(
        &self,
        pair: Pair<'_, Rule>,
        label: Option<String>,
    ) -> Result<StatementKind> {
        let (mut init, mut condition, mut iterator, mut body) = (None, None, None, Vec::new());
        for child in pair.into_inner() {
            let rule = child.as_rule();
            if rule == Rule::block {
                body = self.block(child)?;
                continue;
            }
            let part = child
                .into_inner()
                .next()
                .map(|p| self.pipeline_statement(p))
                .transpose()?;
            match rule {
                Rule::for_init => init = part.map(Box::new),
                Rule::for_condition => condition = part.map(statement_as_pipeline),
                Rule::for_iterator => iterator = part.map(Box::new),
                _ => {}
            }
        }
        Ok(StatementKind::For {
            label,
            init,
            condition,
            iterator,
            body,
        })
    }

    pub(super) fn try_statement(&self, pair: Pair<'_, Rule>) -> Result<StatementKind> {
        let span = self.span(&pair);
        let mut children = pair.into_inner().skip(1);
        let body = self.block(self.next(&mut children, span, "try body")?)?;
        let mut catches = Vec::new();
        let mut finally = None;
        for child in children {
            match child.as_rule() {
                Rule::catch_clause => catches.push(self.catch_clause(child)?),
                Rule::finally_clause => {
                    let span = self.span(&child);
                    let block = self.next(&mut child.into_inner().skip(1), span, "finally body")?;
                    finally = Some(self.block(block)?);
                }
                _ => return Err(self.unexpected(&child)),
            }
        }
        if catches.is_empty() && finally.is_none() {
            return Err(self.error(
                span,
                "missing 'catch' or 'finally' after the try block",
                "this try has no handler",
            ));
        }
        Ok(StatementKind::Try {
            body,
            catches,
            finally,
        })
    }

    fn catch_clause(&self, pair: Pair<'_, Rule>) -> Result<CatchClause> {
        let mut types = Vec::new();
        let mut body = Vec::new();
        let mut span = self.span(&pair);
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::kw_catch => span = Span::new(child.as_span().start(), span.end as usize),
                Rule::type_literal => types.push(self.type_literal(child)?),
                Rule::block => body = self.block(child)?,
                _ => return Err(self.unexpected(&child)),
            }
        }
        Ok(CatchClause { types, body, span })
    }
}
