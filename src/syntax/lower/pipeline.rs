//! L0 — lowering of pipelines and commands in argument mode: command names, `&`/`.`
//! invocation, `-Name` / `-Name:value` parameters, `--`, splats, bareword and expandable
//! arguments, comma-joined argument arrays, and redirections.

use pest::iterators::Pair;

use super::literals::{number_value, splat_path};
use super::{Lowerer, Result};
use crate::syntax::ast::{
    Command, CommandArg, CommandName, Expr, ExprKind, Invocation, Pipeline, PipelineElement,
    RedirectStream, RedirectTarget, Redirection, Span, Statement, StatementKind, StringPart,
};
use crate::syntax::grammar::Rule;

impl Lowerer<'_> {
    /// `pipeline`: `element | command | command …`.
    pub(super) fn pipeline(&self, pair: Pair<'_, Rule>) -> Result<Pipeline> {
        let span = self.span(&pair);
        let mut elements = Vec::new();
        for element in pair.into_inner() {
            elements.push(self.pipeline_element(element)?);
        }
        Ok(Pipeline { elements, span })
    }

    fn pipeline_element(&self, pair: Pair<'_, Rule>) -> Result<PipelineElement> {
        match pair.as_rule() {
            Rule::expression_element => self.expression_element(pair),
            Rule::command => self.plain_command(pair),
            Rule::invocation => self.invocation(pair),
            _ => Err(self.unexpected(&pair)),
        }
    }

    fn expression_element(&self, pair: Pair<'_, Rule>) -> Result<PipelineElement> {
        let span = self.span(&pair);
        let mut children = pair.into_inner();
        let expr = self.expression(self.next(&mut children, span, "expression")?)?;
        let mut redirections = Vec::new();
        for redirection in children {
            redirections.push(self.redirection(redirection)?);
        }
        Ok(PipelineElement::Expression { expr, redirections })
    }

    fn plain_command(&self, pair: Pair<'_, Rule>) -> Result<PipelineElement> {
        let span = self.span(&pair);
        let mut children = pair.into_inner();
        let name = self.next(&mut children, span, "command name")?;
        let name = CommandName::Bare(name.as_str().to_string());
        self.command(name, Invocation::Plain, children, span)
    }

    fn invocation(&self, pair: Pair<'_, Rule>) -> Result<PipelineElement> {
        let span = self.span(&pair);
        let mut children = pair.into_inner();
        let operator = self.next(&mut children, span, "invocation operator")?;
        let invocation = if operator.as_str() == "&" {
            Invocation::Call
        } else {
            Invocation::DotSource
        };
        let target = self.next(&mut children, span, "command to invoke")?;
        let name = self.invocation_target(target)?;
        self.command(name, invocation, children, span)
    }

    /// `& $sb`, `& 'name'` → an expression; `. ./script.ps1` → a bareword name.
    fn invocation_target(&self, pair: Pair<'_, Rule>) -> Result<CommandName> {
        let literal_word = pair.as_rule() == Rule::arg_word
            && pair
                .clone()
                .into_inner()
                .all(|p| p.as_rule() == Rule::word_text);
        let expr = self.arg_value(pair)?;
        Ok(match expr.kind {
            ExprKind::String(name) if literal_word => CommandName::Bare(name),
            _ => CommandName::Expr(expr),
        })
    }

    fn command<'i>(
        &self,
        name: CommandName,
        invocation: Invocation,
        elements: impl Iterator<Item = Pair<'i, Rule>>,
        span: Span,
    ) -> Result<PipelineElement> {
        let mut args = Vec::new();
        let mut redirections = Vec::new();
        let mut parameters_ended = false;
        for element in elements {
            let element_span = self.span(&element);
            match element.as_rule() {
                Rule::merge_redirection | Rule::file_redirection => {
                    redirections.push(self.redirection(element)?);
                }
                Rule::end_of_parameters if !parameters_ended => parameters_ended = true,
                Rule::end_of_parameters | Rule::parameter | Rule::parameter_with_argument
                    if parameters_ended =>
                {
                    args.push(CommandArg::Value(Expr {
                        kind: ExprKind::String(element.as_str().to_string()),
                        span: element_span,
                    }));
                }
                Rule::parameter => {
                    let name = element.as_str()[1..].trim_end_matches(':');
                    args.push(CommandArg::Parameter {
                        name: name.to_string(),
                        value: None,
                        span: element_span,
                    });
                }
                Rule::parameter_with_argument => {
                    let mut parts = element.into_inner();
                    let name = self.next(&mut parts, element_span, "parameter")?;
                    let value = parts.next().map(|arg| self.argument(arg)).transpose()?;
                    let name = name.as_str();
                    args.push(CommandArg::Parameter {
                        name: name[1..name.len() - 1].to_string(),
                        value,
                        span: element_span,
                    });
                }
                Rule::splat => args.push(CommandArg::Splat {
                    name: splat_path(element.as_str(), element_span),
                    span: element_span,
                }),
                Rule::argument => args.push(CommandArg::Value(self.argument(element)?)),
                _ => return Err(self.unexpected(&element)),
            }
        }
        Ok(PipelineElement::Command(Command {
            name,
            invocation,
            args,
            redirections,
            span,
        }))
    }

    /// `argument`: one value, or `a, b, c` as an array.
    fn argument(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let span = self.span(&pair);
        let mut values = Vec::new();
        for value in pair.into_inner() {
            values.push(self.arg_value(value)?);
        }
        if values.len() == 1
            && let Some(value) = values.pop()
        {
            return Ok(value);
        }
        Ok(Expr {
            kind: ExprKind::Array(values),
            span,
        })
    }

    /// One argument-mode value: an expression (`$x.Name`, `(1+2)`, `'s'`) or a bareword.
    pub(super) fn arg_value(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::arg_expression => {
                let mut children: Vec<Pair<'_, Rule>> = pair.into_inner().collect();
                let tail = match children.last() {
                    Some(last) if last.as_rule() == Rule::arg_tail => children.pop(),
                    _ => None,
                };
                let head = self.postfix_chain(children.into_iter(), span)?;
                match tail {
                    None => Ok(head),
                    Some(tail) => self.glued_word(head, tail, span),
                }
            }
            Rule::arg_word => self.arg_word(pair),
            _ => Err(self.unexpected(&pair)),
        }
    }

    /// `$a+2`, `$(1)x`, `'a'b`: a value with bareword text glued on is an expandable word.
    fn glued_word(&self, head: Expr, tail: Pair<'_, Rule>, span: Span) -> Result<Expr> {
        let mut parts = match head.kind {
            ExprKind::Variable(variable) => vec![StringPart::Variable(variable)],
            ExprKind::String(text) => vec![StringPart::Literal(text)],
            ExprKind::Expandable(parts) => parts,
            ExprKind::Subexpression(statements) => vec![StringPart::Subexpression(statements)],
            kind => {
                let expr = Expr {
                    kind,
                    span: head.span,
                };
                vec![StringPart::Subexpression(vec![Statement {
                    span: expr.span,
                    kind: StatementKind::Pipeline(Pipeline {
                        span: expr.span,
                        elements: vec![PipelineElement::Expression {
                            expr,
                            redirections: Vec::new(),
                        }],
                    }),
                }])]
            }
        };
        for part in tail.into_inner() {
            self.string_part(part, &mut parts)?;
        }
        Ok(self.parts_to_expr(parts, span))
    }

    /// A bareword: a number when it reads as one (`2`, `-7`, `0x10`), else a string, or an
    /// expandable string when `$var`, `$(…)` or `"…"` parts are glued in (`a$b`, `$a+2`).
    fn arg_word(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let span = self.span(&pair);
        let text = pair.as_str();
        let single_text = {
            let mut parts = pair.clone().into_inner();
            matches!((parts.next(), parts.next()), (Some(p), None) if p.as_rule() == Rule::word_text)
        };
        if single_text
            && !text.contains('`')
            && let Some(kind) = number_value(text)
        {
            return Ok(Expr { kind, span });
        }
        let mut parts = Vec::new();
        for part in pair.into_inner() {
            self.string_part(part, &mut parts)?;
        }
        Ok(self.parts_to_expr(parts, span))
    }

    /// `2>&1`, `> file`, `>> file`, `*> $null`.
    fn redirection(&self, pair: Pair<'_, Rule>) -> Result<Redirection> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::merge_redirection => {
                let text = pair.as_str().as_bytes();
                let from = stream(text.first().copied());
                let to = stream(text.last().copied());
                Ok(Redirection {
                    stream: from,
                    target: RedirectTarget::Merge(to),
                    append: false,
                    span,
                })
            }
            Rule::file_redirection => {
                let mut children = pair.into_inner();
                let operator = self.next(&mut children, span, "redirection operator")?;
                let target =
                    self.arg_value(self.next(&mut children, span, "redirection target")?)?;
                let op = operator.as_str();
                let first = op.as_bytes().first().copied().filter(|b| *b != b'>');
                Ok(Redirection {
                    stream: first.map_or(RedirectStream::Output, |b| stream(Some(b))),
                    target: RedirectTarget::File(target),
                    append: op.ends_with(">>"),
                    span,
                })
            }
            _ => Err(self.unexpected(&pair)),
        }
    }

    /// Concatenated string parts → a plain string when nothing expands.
    pub(super) fn parts_to_expr(&self, parts: Vec<StringPart>, span: Span) -> Expr {
        let mut merged: Vec<StringPart> = Vec::with_capacity(parts.len());
        for part in parts {
            match (merged.last_mut(), part) {
                (Some(StringPart::Literal(previous)), StringPart::Literal(text)) => {
                    previous.push_str(&text);
                }
                (_, part) => merged.push(part),
            }
        }
        let kind = match merged.as_slice() {
            [] => ExprKind::String(String::new()),
            [StringPart::Literal(_)] => match merged.pop() {
                Some(StringPart::Literal(text)) => ExprKind::String(text),
                _ => ExprKind::Expandable(merged),
            },
            _ => ExprKind::Expandable(merged),
        };
        Expr { kind, span }
    }
}

fn stream(byte: Option<u8>) -> RedirectStream {
    match byte {
        Some(b'*') => RedirectStream::All,
        Some(b'2') => RedirectStream::Error,
        Some(b'3') => RedirectStream::Warning,
        Some(b'4') => RedirectStream::Verbose,
        Some(b'5') => RedirectStream::Debug,
        Some(b'6') => RedirectStream::Information,
        _ => RedirectStream::Output,
    }
}
