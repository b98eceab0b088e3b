//! L0 — lowering of expressions: PowerShell's operator precedence over the grammar's flat
//! `operand (operator operand)*` lists, prefix/postfix unary operators and casts, member,
//! method, static and index chains, primaries, strings and hashtables.

use std::rc::Rc;

use pest::iterators::Pair;

use super::literals::{here_string_body, number_value, single_quoted, unescape, variable_path};
use super::{Lowerer, Result};
use crate::syntax::ast::{
    BinaryOp, CaseMode, CompareOp, Expr, ExprKind, MemberName, Span, Statement, StringPart,
    TypeName, UnaryOp, VariablePath,
};
use crate::syntax::grammar::Rule;

/// An operator between two operands, before precedence is applied.
#[derive(Clone, Copy)]
enum Infix {
    /// `,` builds one flat array.
    Comma,
    Binary(BinaryOp),
}

impl Infix {
    /// PowerShell's binding strength (higher binds tighter), from its tokenizer's table:
    /// comma > range > format > multiply > add > `??` > comparison (incl. -join, -split, -is,
    /// -as, -shl, -shr) > bitwise > logical.
    fn precedence(self) -> u8 {
        match self {
            Infix::Comma => 20,
            Infix::Binary(op) => match op {
                BinaryOp::Range => 13,
                BinaryOp::Format => 12,
                BinaryOp::Multiply | BinaryOp::Divide | BinaryOp::Remainder => 10,
                BinaryOp::Add | BinaryOp::Subtract => 9,
                BinaryOp::NullCoalesce => 7,
                BinaryOp::BitAnd | BinaryOp::BitOr | BinaryOp::BitXor => 2,
                BinaryOp::And | BinaryOp::Or | BinaryOp::Xor => 1,
                _ => 5,
            },
        }
    }
}

impl Lowerer<'_> {
    /// `expression` / `expression_nc`: operands and infix operators, combined by precedence
    /// (all left-associative; a run of commas becomes one array).
    pub(super) fn expression(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let span = self.span(&pair);
        let children: Vec<Pair<'_, Rule>> = pair.into_inner().collect();
        let chain = children
            .iter()
            .filter(|p| p.as_rule() == Rule::binary_operator)
            .count();
        self.descend(chain + 1, span)?;
        let mut values: Vec<Expr> = Vec::new();
        let mut pending: Vec<Infix> = Vec::new();
        let mut start = 0;
        for (index, child) in children.iter().enumerate() {
            let infix = match child.as_rule() {
                Rule::comma_operator => Infix::Comma,
                Rule::binary_operator => Infix::Binary(self.binary_op(child)?),
                _ => continue,
            };
            values.push(self.operand(&children[start..index], span)?);
            start = index + 1;
            while pending
                .last()
                .is_some_and(|top| top.precedence() >= infix.precedence())
            {
                self.reduce(&mut values, &mut pending, span)?;
            }
            pending.push(infix);
        }
        values.push(self.operand(&children[start..], span)?);
        while !pending.is_empty() {
            self.reduce(&mut values, &mut pending, span)?;
        }
        self.ascend(chain + 1);
        match (values.pop(), values.is_empty()) {
            (Some(expr), true) => Ok(expr),
            _ => Err(self.error(span, "internal parser error: operator stack", "here")),
        }
    }

    fn reduce(&self, values: &mut Vec<Expr>, pending: &mut Vec<Infix>, span: Span) -> Result<()> {
        let (Some(infix), Some(rhs), Some(lhs)) = (pending.pop(), values.pop(), values.pop())
        else {
            return Err(self.error(span, "internal parser error: operands", "here"));
        };
        let span = lhs.span.to(rhs.span);
        let kind = match infix {
            Infix::Comma => match lhs.kind {
                ExprKind::Array(mut items) => {
                    items.push(rhs);
                    ExprKind::Array(items)
                }
                kind => ExprKind::Array(vec![
                    Expr {
                        kind,
                        span: lhs.span,
                    },
                    rhs,
                ]),
            },
            Infix::Binary(op) => ExprKind::Binary {
                op,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
        };
        values.push(Expr { kind, span });
        Ok(())
    }

    /// One operand: prefix operators and casts, a primary with its member/index chain, and an
    /// optional `++`/`--` (which binds to the primary, inside the prefix operators).
    fn operand(&self, parts: &[Pair<'_, Rule>], span: Span) -> Result<Expr> {
        let Some(core) = parts
            .iter()
            .position(|p| p.as_rule() == Rule::postfix_expression)
        else {
            return Err(self.error(span, "internal parser error: missing operand", "here"));
        };
        self.descend(parts.len(), span)?;
        let core_pair = &parts[core];
        let mut expr = self.postfix_chain(core_pair.clone().into_inner(), self.span(core_pair))?;
        for post in &parts[core + 1..] {
            let op = match post.as_str() {
                "++" => UnaryOp::PostIncrement,
                _ => UnaryOp::PostDecrement,
            };
            let span = expr.span.to(self.span(post));
            expr = unary(op, expr, span);
        }
        for prefix in parts[..core].iter().rev() {
            let span = self.span(prefix).to(expr.span);
            expr = match prefix.as_rule() {
                Rule::cast_prefix => {
                    let literal = self.next(&mut prefix.clone().into_inner(), span, "type")?;
                    Expr {
                        kind: ExprKind::Cast {
                            type_name: self.type_literal(literal)?,
                            expr: Box::new(expr),
                        },
                        span,
                    }
                }
                _ => unary(unary_op(prefix.as_str()), expr, span),
            };
        }
        self.ascend(parts.len());
        Ok(expr)
    }

    /// A primary followed by `.Name`, `.M(args)`, `::Name`, `[i]`, `?.`, `?[ ]`.
    pub(super) fn postfix_chain<'i>(
        &self,
        mut children: impl Iterator<Item = Pair<'i, Rule>>,
        span: Span,
    ) -> Result<Expr> {
        let primary = self.next(&mut children, span, "primary expression")?;
        let postfix: Vec<Pair<'i, Rule>> = children.collect();
        let levels = postfix.len() + 1;
        self.descend(levels, span)?;
        let mut expr = self.primary(primary)?;
        for op in postfix {
            expr = match op.as_rule() {
                Rule::member_access => self.member_access(expr, op)?,
                Rule::index_access => self.index_access(expr, op)?,
                _ => return Err(self.unexpected(&op)),
            };
        }
        self.ascend(levels);
        Ok(expr)
    }

    fn member_access(&self, target: Expr, pair: Pair<'_, Rule>) -> Result<Expr> {
        let span = target.span.to(self.span(&pair));
        let pair_span = self.span(&pair);
        let mut children = pair.into_inner();
        let operator = self.next(&mut children, pair_span, "member operator")?;
        let is_static = operator.as_str() == "::";
        let null_conditional = operator.as_str() == "?.";
        let member =
            Box::new(self.member_name(self.next(&mut children, pair_span, "member")?)?);
        let target = Box::new(target);
        let kind = match children.next() {
            None => ExprKind::Member {
                target,
                member,
                is_static,
                null_conditional,
            },
            Some(call) => {
                let args = match call.as_rule() {
                    Rule::method_arguments => {
                        let mut args = Vec::new();
                        for arg in call.into_inner() {
                            args.push(self.expression(arg)?);
                        }
                        args
                    }
                    _ => vec![self.primary(call)?],
                };
                ExprKind::MethodCall {
                    target,
                    member,
                    args,
                    is_static,
                    null_conditional,
                }
            }
        };
        Ok(Expr { kind, span })
    }

    fn member_name(&self, pair: Pair<'_, Rule>) -> Result<MemberName> {
        if pair.as_rule() == Rule::member_ident {
            return Ok(MemberName::Name(pair.as_str().to_string()));
        }
        let expr = self.primary(pair)?;
        Ok(match expr.kind {
            ExprKind::String(name) => MemberName::Name(name),
            kind => MemberName::Dynamic(Expr {
                kind,
                span: expr.span,
            }),
        })
    }

    fn index_access(&self, target: Expr, pair: Pair<'_, Rule>) -> Result<Expr> {
        let span = target.span.to(self.span(&pair));
        let pair_span = self.span(&pair);
        let mut children = pair.into_inner();
        let operator = self.next(&mut children, pair_span, "index operator")?;
        let body = self.next(&mut children, pair_span, "index")?;
        let index = self.expression(self.next(&mut body.into_inner(), pair_span, "index")?)?;
        Ok(Expr {
            kind: ExprKind::Index {
                target: Box::new(target),
                index: Box::new(index),
                null_conditional: operator.as_str() == "?[",
            },
            span,
        })
    }

    /// Literals, variables, strings, `( )`, `$( )`, `@( )`, `@{ }`, `{ }`, `[type]`.
    pub(super) fn primary(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::number => self.number(&pair)?,
            Rule::variable => ExprKind::Variable(self.variable(&pair)),
            Rule::sq_string => ExprKind::String(single_quoted(pair.as_str())),
            Rule::here_sq_string => ExprKind::String(here_string_body(pair.as_str()).to_string()),
            Rule::dq_string | Rule::here_dq_string => return self.expandable(pair),
            Rule::sub_expression => ExprKind::Subexpression(self.inner_statements(pair)?),
            Rule::array_expression => ExprKind::ArraySubexpression(self.inner_statements(pair)?),
            Rule::paren_expression => self.paren(pair)?,
            Rule::hashtable => self.hashtable(pair)?,
            Rule::script_block => ExprKind::ScriptBlock(Rc::new(self.script_block(pair)?)),
            Rule::type_literal => ExprKind::TypeLiteral(self.type_literal(pair)?),
            _ => return Err(self.unexpected(&pair)),
        };
        Ok(Expr { kind, span })
    }

    fn number(&self, pair: &Pair<'_, Rule>) -> Result<ExprKind> {
        number_value(pair.as_str()).ok_or_else(|| {
            self.error(
                self.span(pair),
                format!("invalid number '{}'", pair.as_str()),
                "not a number",
            )
        })
    }

    fn paren(&self, pair: Pair<'_, Rule>) -> Result<ExprKind> {
        let span = self.span(&pair);
        let inner = self.next(&mut pair.into_inner(), span, "parenthesized statement")?;
        Ok(ExprKind::Paren(Box::new(self.pipeline_statement(inner)?)))
    }

    /// `"…"` / `@"…"@`: a plain string when nothing expands.
    fn expandable(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let span = self.span(&pair);
        let here = pair.as_rule() == Rule::here_dq_string;
        let mut parts = Vec::new();
        for part in pair.into_inner() {
            self.string_part(part, &mut parts)?;
        }
        if here
            && let Some(StringPart::Literal(last)) = parts.last_mut()
            && last.ends_with('\r')
        {
            last.pop();
        }
        Ok(self.parts_to_expr(parts, span))
    }

    fn inner_statements(&self, pair: Pair<'_, Rule>) -> Result<Vec<Statement>> {
        let span = self.span(&pair);
        let statements = self.next(&mut pair.into_inner(), span, "statements")?;
        self.statements(statements)
    }

    /// One piece of a double-quoted string, here-string or bareword.
    pub(super) fn string_part(
        &self,
        pair: Pair<'_, Rule>,
        parts: &mut Vec<StringPart>,
    ) -> Result<()> {
        match pair.as_rule() {
            Rule::dq_text => parts.push(StringPart::Literal(unescape(pair.as_str(), true))),
            Rule::here_dq_text | Rule::word_text => {
                parts.push(StringPart::Literal(unescape(pair.as_str(), false)));
            }
            Rule::dollar_text => parts.push(StringPart::Literal("$".to_string())),
            Rule::sq_string => parts.push(StringPart::Literal(single_quoted(pair.as_str()))),
            Rule::dq_string => {
                for inner in pair.into_inner() {
                    self.string_part(inner, parts)?;
                }
            }
            Rule::variable => parts.push(StringPart::Variable(self.variable(&pair))),
            Rule::sub_expression => {
                parts.push(StringPart::Subexpression(self.inner_statements(pair)?));
            }
            _ => return Err(self.unexpected(&pair)),
        }
        Ok(())
    }

    /// `@{ key = value; … }`: bareword keys are strings; values are statements.
    fn hashtable(&self, pair: Pair<'_, Rule>) -> Result<ExprKind> {
        let mut entries = Vec::new();
        for entry in pair.into_inner() {
            let span = self.span(&entry);
            let mut children = entry.into_inner();
            let key = self.next(&mut children, span, "key")?;
            let key = match key.as_rule() {
                Rule::hash_key_word => Expr {
                    kind: ExprKind::String(key.as_str().to_string()),
                    span: self.span(&key),
                },
                _ => self.expression(key)?,
            };
            let value = self.next(&mut children, span, "value")?;
            let value = match value.as_rule() {
                Rule::pipeline_statement => self.pipeline_statement(value)?,
                _ => self.statement(value, None)?,
            };
            entries.push((key, value));
        }
        Ok(ExprKind::Hashtable(entries))
    }

    /// `[name]` → its type name.
    pub(super) fn type_literal(&self, pair: Pair<'_, Rule>) -> Result<TypeName> {
        let span = self.span(&pair);
        self.type_name(self.next(&mut pair.into_inner(), span, "type name")?)
    }

    /// `int`, `int[]`, `List[int]`, `Dictionary[string,int][]`.
    pub(super) fn type_name(&self, pair: Pair<'_, Rule>) -> Result<TypeName> {
        let span = self.span(&pair);
        let mut children = pair.into_inner();
        let base = self.next(&mut children, span, "type name")?;
        let mut name = TypeName::Simple(base.as_str().to_string());
        for suffix in children {
            name = match suffix.as_rule() {
                Rule::array_rank => TypeName::Array(Box::new(name)),
                Rule::generic_arguments => {
                    let args = suffix
                        .into_inner()
                        .map(|arg| self.type_name(arg))
                        .collect::<Result<Vec<_>>>()?;
                    TypeName::Generic(name.to_string(), args)
                }
                _ => return Err(self.unexpected(&suffix)),
            };
        }
        Ok(name)
    }

    pub(super) fn variable(&self, pair: &Pair<'_, Rule>) -> VariablePath {
        variable_path(pair.as_str(), self.span(pair))
    }

    fn binary_op(&self, pair: &Pair<'_, Rule>) -> Result<BinaryOp> {
        binary_op(pair.as_str()).ok_or_else(|| {
            self.error(
                self.span(pair),
                format!("unknown operator '{}'", pair.as_str()),
                "not an operator",
            )
        })
    }
}

fn unary(op: UnaryOp, operand: Expr, span: Span) -> Expr {
    Expr {
        kind: ExprKind::Unary {
            op,
            operand: Box::new(operand),
        },
        span,
    }
}

fn unary_op(text: &str) -> UnaryOp {
    match text.to_ascii_lowercase().as_str() {
        "!" | "-not" => UnaryOp::Not,
        "-bnot" => UnaryOp::BitNot,
        "+" => UnaryOp::Plus,
        "++" => UnaryOp::PreIncrement,
        "--" => UnaryOp::PreDecrement,
        "," => UnaryOp::Comma,
        "-join" => UnaryOp::Join,
        "-split" | "-isplit" | "-csplit" => UnaryOp::Split,
        _ => UnaryOp::Negate,
    }
}

/// `+`, `..`, `-f`, `-ceq`, `-inotlike`, `-join`, `-band` … (case-insensitive).
fn binary_op(text: &str) -> Option<BinaryOp> {
    let lower = text.to_ascii_lowercase();
    Some(match lower.as_str() {
        "+" => BinaryOp::Add,
        "-" => BinaryOp::Subtract,
        "*" => BinaryOp::Multiply,
        "/" => BinaryOp::Divide,
        "%" => BinaryOp::Remainder,
        ".." => BinaryOp::Range,
        "??" => BinaryOp::NullCoalesce,
        "-f" => BinaryOp::Format,
        "-join" => BinaryOp::Join,
        "-is" => BinaryOp::Is,
        "-isnot" => BinaryOp::IsNot,
        "-as" => BinaryOp::As,
        "-and" => BinaryOp::And,
        "-or" => BinaryOp::Or,
        "-xor" => BinaryOp::Xor,
        "-band" => BinaryOp::BitAnd,
        "-bor" => BinaryOp::BitOr,
        "-bxor" => BinaryOp::BitXor,
        "-shl" => BinaryOp::ShiftLeft,
        "-shr" => BinaryOp::ShiftRight,
        other => {
            let name = other.strip_prefix('-')?;
            if let Some(op) = compare_op(name) {
                return Some(BinaryOp::Compare(op, CaseMode::Default));
            }
            let (mode, base) = match name.split_at_checked(1)? {
                ("i", base) => (CaseMode::Insensitive, base),
                ("c", base) => (CaseMode::Sensitive, base),
                _ => return None,
            };
            BinaryOp::Compare(compare_op(base)?, mode)
        }
    })
}

fn compare_op(name: &str) -> Option<CompareOp> {
    Some(match name {
        "eq" => CompareOp::Eq,
        "ne" => CompareOp::Ne,
        "gt" => CompareOp::Gt,
        "ge" => CompareOp::Ge,
        "lt" => CompareOp::Lt,
        "le" => CompareOp::Le,
        "like" => CompareOp::Like,
        "notlike" => CompareOp::NotLike,
        "match" => CompareOp::Match,
        "notmatch" => CompareOp::NotMatch,
        "replace" => CompareOp::Replace,
        "split" => CompareOp::Split,
        "contains" => CompareOp::Contains,
        "notcontains" => CompareOp::NotContains,
        "in" => CompareOp::In,
        "notin" => CompareOp::NotIn,
        _ => return None,
    })
}
