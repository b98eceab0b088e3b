//! L0 — lowering of statement lists and simple statements: the statement dispatch, pipelines
//! and assignment chains, conditions, flow control (`return`, `break` …). Compound statements
//! are in `control.rs`, scripts and functions in `scripts.rs`.

use pest::iterators::Pair;

use super::{Lowerer, Result};
use crate::syntax::ast::{
    AssignOp, ChainOp, Expr, ExprKind, Pipeline, PipelineElement, Statement, StatementKind,
};
use crate::syntax::grammar::Rule;

impl Lowerer<'_> {
    /// `statements`: a statement list (in a block, a sub-expression, a script).
    pub(super) fn statements(&self, pair: Pair<'_, Rule>) -> Result<Vec<Statement>> {
        let mut statements = Vec::new();
        for statement in pair.into_inner() {
            statements.push(self.statement(statement, None)?);
        }
        Ok(statements)
    }

    /// `block`: `{ statements }`.
    pub(super) fn block(&self, pair: Pair<'_, Rule>) -> Result<Vec<Statement>> {
        let span = self.span(&pair);
        self.statements(self.next(&mut pair.into_inner(), span, "statements")?)
    }

    /// One statement of any kind; `label` is set when a `:label` preceded it.
    pub(super) fn statement(
        &self,
        pair: Pair<'_, Rule>,
        label: Option<String>,
    ) -> Result<Statement> {
        let span = self.span(&pair);
        self.descend(1, span)?;
        let kind = match pair.as_rule() {
            Rule::pipeline_statement => {
                let statement = self.pipeline_statement(pair)?;
                self.ascend(1);
                return Ok(statement);
            }
            Rule::labeled_statement => {
                let mut children = pair.into_inner();
                let name = self.next(&mut children, span, "label")?;
                let label = name.as_str().trim_start_matches(':').to_string();
                let inner = self.next(&mut children, span, "labeled loop")?;
                let statement = self.statement(inner, Some(label))?;
                self.ascend(1);
                return Ok(Statement { span, ..statement });
            }
            Rule::if_statement => self.if_statement(pair)?,
            Rule::switch_statement => self.switch_statement(pair, label)?,
            Rule::foreach_statement => self.foreach_statement(pair, label)?,
            Rule::for_statement => self.for_statement(pair, label)?,
            Rule::while_statement => {
                let mut children = pair.into_inner().skip(1);
                StatementKind::While {
                    label,
                    condition: self.condition(self.next(&mut children, span, "condition")?)?,
                    body: self.block(self.next(&mut children, span, "body")?)?,
                }
            }
            Rule::do_statement => {
                let mut children = pair.into_inner().skip(1);
                let body = self.block(self.next(&mut children, span, "body")?)?;
                let keyword = self.next(&mut children, span, "while or until")?;
                StatementKind::Do {
                    label,
                    body,
                    condition: self.condition(self.next(&mut children, span, "condition")?)?,
                    until: keyword.as_rule() == Rule::kw_until,
                }
            }
            Rule::try_statement => self.try_statement(pair)?,
            Rule::function_statement => self.function_statement(pair)?,
            Rule::return_statement => StatementKind::Return(self.flow_pipeline(pair)?),
            Rule::exit_statement => StatementKind::Exit(self.flow_pipeline(pair)?),
            Rule::throw_statement => StatementKind::Throw(self.flow_pipeline(pair)?),
            Rule::break_statement => StatementKind::Break(self.flow_label(pair)?),
            Rule::continue_statement => StatementKind::Continue(self.flow_label(pair)?),
            _ => return Err(self.unexpected(&pair)),
        };
        self.ascend(1);
        Ok(Statement { kind, span })
    }

    /// `pipeline (assign_op pipeline)* (assign_op keyword-statement)?`: a pipeline, or an
    /// assignment chain `$a = $b = value` nested right to left.
    pub(super) fn pipeline_statement(&self, pair: Pair<'_, Rule>) -> Result<Statement> {
        let span = self.span(&pair);
        let mut targets: Vec<(Pair<'_, Rule>, AssignOp)> = Vec::new();
        let mut last = None;
        let mut op = None;
        let mut chained: Vec<(ChainOp, Pair<'_, Rule>)> = Vec::new();
        let mut chain_op = None;
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::assign_op => {
                    op = Some(assign_op(child.as_str()));
                    continue;
                }
                Rule::chain_op => {
                    chain_op = Some(if child.as_str() == "&&" {
                        ChainOp::And
                    } else {
                        ChainOp::Or
                    });
                    continue;
                }
                _ => {}
            }
            if let Some(chain) = chain_op.take() {
                chained.push((chain, child));
                continue;
            }
            if let (Some(previous), Some(op)) = (last.take(), op.take()) {
                targets.push((previous, op));
            }
            last = Some(child);
        }
        let last = last.ok_or_else(|| self.error(span, "missing statement", "here"))?;
        let chain = targets.len();
        self.descend(chain, span)?;
        let mut value = match last.as_rule() {
            Rule::pipeline if !chained.is_empty() => {
                let first = self.pipeline(last)?;
                let mut rest = Vec::with_capacity(chained.len());
                let mut end = first.span;
                for (op, pair) in chained {
                    let pipeline = self.pipeline(pair)?;
                    end = pipeline.span;
                    rest.push((op, pipeline));
                }
                Statement {
                    span: first.span.to(end),
                    kind: StatementKind::Chain { first, rest },
                }
            }
            Rule::pipeline => {
                let pipeline = self.pipeline(last)?;
                Statement {
                    span: pipeline.span,
                    kind: StatementKind::Pipeline(pipeline),
                }
            }
            _ => self.statement(last, None)?,
        };
        for (target, op) in targets.into_iter().rev() {
            let target = self.assignment_target(target)?;
            let span = target.span.to(value.span);
            value = Statement {
                kind: StatementKind::Assignment {
                    target,
                    op,
                    value: Box::new(value),
                },
                span,
            };
        }
        self.ascend(chain);
        Ok(Statement { span, ..value })
    }

    /// The left side of `=`: one expression that can hold a value.
    fn assignment_target(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let span = self.span(&pair);
        let pipeline = self.pipeline(pair)?;
        let mut elements = pipeline.elements.into_iter();
        match (elements.next(), elements.next()) {
            (Some(PipelineElement::Expression { expr, redirections }), None)
                if redirections.is_empty() && is_assignable(&expr) =>
            {
                Ok(expr)
            }
            _ => Err(self.error(
                span,
                "the left side of an assignment must be a variable, a property or an index",
                "cannot assign to this",
            )),
        }
    }

    /// `( pipeline )` of if/while/switch; an assignment there yields its value.
    pub(super) fn condition(&self, pair: Pair<'_, Rule>) -> Result<Pipeline> {
        let span = self.span(&pair);
        let inner = self.next(&mut pair.into_inner(), span, "condition")?;
        let statement = self.pipeline_statement(inner)?;
        Ok(statement_as_pipeline(statement))
    }

    /// The optional pipeline of `return` / `exit` / `throw`.
    fn flow_pipeline(&self, pair: Pair<'_, Rule>) -> Result<Option<Pipeline>> {
        pair.into_inner()
            .nth(1)
            .map(|p| self.pipeline(p))
            .transpose()
    }

    /// The optional label of `break` / `continue`: a bareword is a string.
    fn flow_label(&self, pair: Pair<'_, Rule>) -> Result<Option<Expr>> {
        pair.into_inner()
            .nth(1)
            .map(|p| self.arg_value(p))
            .transpose()
    }
}

fn assign_op(text: &str) -> AssignOp {
    match text {
        "+=" => AssignOp::Add,
        "-=" => AssignOp::Subtract,
        "*=" => AssignOp::Multiply,
        "/=" => AssignOp::Divide,
        "%=" => AssignOp::Remainder,
        "??=" => AssignOp::NullCoalesce,
        _ => AssignOp::Assign,
    }
}

/// Variables, properties, indexes, casts of those (`[int]$x`), and lists of them (`$a, $b`).
fn is_assignable(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Variable(_) | ExprKind::Member { .. } | ExprKind::Index { .. } => true,
        ExprKind::Cast { expr, .. } => is_assignable(expr),
        ExprKind::Array(items) => items.iter().all(is_assignable),
        _ => false,
    }
}

/// A statement where the AST wants a pipeline (conditions, `foreach` collections): an
/// assignment becomes `( assignment )`, which yields the assigned value.
pub(super) fn statement_as_pipeline(statement: Statement) -> Pipeline {
    match statement.kind {
        StatementKind::Pipeline(pipeline) => pipeline,
        kind => {
            let span = statement.span;
            let expr = Expr {
                kind: ExprKind::Paren(Box::new(Statement { kind, span })),
                span,
            };
            Pipeline {
                elements: vec![PipelineElement::Expression {
                    expr,
                    redirections: Vec::new(),
                }],
                span,
            }
        }
    }
}
