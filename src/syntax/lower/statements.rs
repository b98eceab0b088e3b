//! L0 — lowering of scripts, script blocks, param blocks and statements (if, switch, loops,
//! try, function, flow control, assignments).

use std::rc::Rc;

use pest::iterators::Pair;

use super::{Lowerer, Result};
use crate::syntax::ast::{
    AssignOp, Attribute, CatchClause, Expr, ExprKind, ParamDecl, Pipeline, PipelineElement,
    ScriptBlock, ScriptBody, Span, Statement, StatementKind, SwitchClause, SwitchStatement,
};
use crate::syntax::grammar::Rule;

impl Lowerer<'_> {
    /// `script`: the whole source as one script block.
    pub(super) fn script(&self, pair: Pair<'_, Rule>) -> Result<ScriptBlock> {
        let span = Span::new(0, self.source.text.len());
        let body = pair
            .into_inner()
            .find(|p| p.as_rule() == Rule::script_body)
            .ok_or_else(|| self.error(span, "internal parser error: no script body", "here"))?;
        self.script_body(body, Rc::from(&*self.source.text), span)
    }

    /// `{ … }` as a script block; its text is what is between the braces.
    pub(super) fn script_block(&self, pair: Pair<'_, Rule>) -> Result<ScriptBlock> {
        let span = self.span(&pair);
        let raw = pair.as_str();
        let inner = raw
            .strip_prefix('{')
            .and_then(|s| s.strip_suffix('}'))
            .unwrap_or(raw);
        let body = self.next(&mut pair.into_inner(), span, "script block body")?;
        self.script_body(body, Rc::from(inner), span)
    }

    fn script_body(&self, pair: Pair<'_, Rule>, text: Rc<str>, span: Span) -> Result<ScriptBlock> {
        let mut attributes = Vec::new();
        let mut params = Vec::new();
        let mut body = ScriptBody::Statements(Vec::new());
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::param_block => (attributes, params) = self.param_block(child)?,
                Rule::named_blocks => body = self.named_blocks(child)?,
                Rule::statements => body = ScriptBody::Statements(self.statements(child)?),
                _ => return Err(self.unexpected(&child)),
            }
        }
        Ok(ScriptBlock {
            attributes,
            params,
            body,
            text,
            span,
        })
    }

    fn param_block(&self, pair: Pair<'_, Rule>) -> Result<(Vec<Attribute>, Vec<ParamDecl>)> {
        let mut attributes = Vec::new();
        let mut params = Vec::new();
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::attribute => attributes.push(self.attribute(child)?),
                Rule::param_list => params = self.param_list(child)?,
                Rule::kw_param => {}
                _ => return Err(self.unexpected(&child)),
            }
        }
        Ok((attributes, params))
    }

    fn param_list(&self, pair: Pair<'_, Rule>) -> Result<Vec<ParamDecl>> {
        pair.into_inner()
            .map(|decl| self.param_decl(decl))
            .collect()
    }

    fn param_decl(&self, pair: Pair<'_, Rule>) -> Result<ParamDecl> {
        let span = self.span(&pair);
        let mut attributes = Vec::new();
        let mut type_name = None;
        let mut name = None;
        let mut default = None;
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::attribute => attributes.push(self.attribute(child)?),
                Rule::type_literal => type_name = Some(self.type_literal(child)?),
                Rule::variable => name = Some(self.variable(&child).name),
                Rule::expression_nc => default = Some(self.expression(child)?),
                _ => return Err(self.unexpected(&child)),
            }
        }
        let name = name.ok_or_else(|| self.error(span, "missing parameter name", "here"))?;
        Ok(ParamDecl {
            name,
            attributes,
            type_name,
            default,
            span,
        })
    }

    /// `[Parameter(Mandatory, Position = 0)]`, `[ValidateSet('a', 'b')]`.
    fn attribute(&self, pair: Pair<'_, Rule>) -> Result<Attribute> {
        let span = self.span(&pair);
        let mut children = pair.into_inner();
        let name = self.type_name(self.next(&mut children, span, "attribute name")?)?;
        let mut positional = Vec::new();
        let mut named = Vec::new();
        for child in children {
            match child.as_rule() {
                Rule::attribute_named => {
                    let mut parts = child.into_inner();
                    let key = self.next(&mut parts, span, "attribute argument name")?;
                    let value = parts.next().map(|v| self.expression(v)).transpose()?;
                    named.push((key.as_str().to_string(), value));
                }
                Rule::expression_nc => positional.push(self.expression(child)?),
                _ => return Err(self.unexpected(&child)),
            }
        }
        Ok(Attribute {
            name: name.to_string(),
            positional,
            named,
            span,
        })
    }

    fn named_blocks(&self, pair: Pair<'_, Rule>) -> Result<ScriptBody> {
        let (mut begin, mut process, mut end) = (None, None, None);
        for block in pair.into_inner() {
            let span = self.span(&block);
            let mut children = block.into_inner();
            let name = self.next(&mut children, span, "block name")?;
            let body = self.block(self.next(&mut children, span, "block")?)?;
            let slot = match name.as_str().to_ascii_lowercase().as_str() {
                "begin" => &mut begin,
                "process" => &mut process,
                _ => &mut end,
            };
            if slot.is_some() {
                return Err(self.error(
                    self.span(&name),
                    format!("duplicate '{}' block", name.as_str()),
                    "this block is already defined above",
                ));
            }
            *slot = Some(body);
        }
        Ok(ScriptBody::Named {
            begin,
            process,
            end,
        })
    }

    /// `statements`: a statement list (in a block, a sub-expression, a script).
    pub(super) fn statements(&self, pair: Pair<'_, Rule>) -> Result<Vec<Statement>> {
        let mut statements = Vec::new();
        for statement in pair.into_inner() {
            statements.push(self.statement(statement, None)?);
        }
        Ok(statements)
    }

    /// `block`: `{ statements }`.
    fn block(&self, pair: Pair<'_, Rule>) -> Result<Vec<Statement>> {
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
        for child in pair.into_inner() {
            if child.as_rule() == Rule::assign_op {
                op = Some(assign_op(child.as_str()));
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
    fn condition(&self, pair: Pair<'_, Rule>) -> Result<Pipeline> {
        let span = self.span(&pair);
        let inner = self.next(&mut pair.into_inner(), span, "condition")?;
        let statement = self.pipeline_statement(inner)?;
        Ok(statement_as_pipeline(statement))
    }

    fn if_statement(&self, pair: Pair<'_, Rule>) -> Result<StatementKind> {
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

    fn switch_statement(
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

    fn foreach_statement(
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

    fn for_statement(&self, pair: Pair<'_, Rule>, label: Option<String>) -> Result<StatementKind> {
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

    fn try_statement(&self, pair: Pair<'_, Rule>) -> Result<StatementKind> {
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

    fn function_statement(&self, pair: Pair<'_, Rule>) -> Result<StatementKind> {
        let span = self.span(&pair);
        let mut children = pair.into_inner();
        let keyword = self.next(&mut children, span, "function keyword")?;
        let name = self.next(&mut children, span, "function name")?;
        let mut outer_params = None;
        let mut body = None;
        for child in children {
            match child.as_rule() {
                Rule::function_params => {
                    let span = self.span(&child);
                    let list = self.next(&mut child.into_inner(), span, "parameters")?;
                    outer_params = Some((self.param_list(list)?, span));
                }
                Rule::script_block => body = Some(self.script_block(child)?),
                _ => return Err(self.unexpected(&child)),
            }
        }
        let mut body = body.ok_or_else(|| self.error(span, "missing function body", "here"))?;
        if let Some((params, params_span)) = outer_params {
            if !body.params.is_empty() {
                return Err(self.error(
                    params_span,
                    "a function cannot declare parameters both after its name and in a param block",
                    "parameters declared here",
                ));
            }
            body.params = params;
        }
        Ok(StatementKind::Function {
            name: name.as_str().to_string(),
            is_filter: keyword.as_rule() == Rule::kw_filter,
            body: Rc::new(body),
        })
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
fn statement_as_pipeline(statement: Statement) -> Pipeline {
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
