//! L3 — assignment: `=`, compound operators, multiple targets, typed variables, index and
//! member targets, and `++`/`--`.

use crate::syntax::ast::{AssignOp, BinaryOp, Expr, ExprKind, Statement, StatementKind, UnaryOp};
use crate::value::{Value, access, convert};

use super::super::RuntimeError;
use super::super::flow::Eval;
use super::super::pipeline::Discard;
use super::Interp;
use super::stmt::single_expression;

impl Interp {
    /// Run an assignment; returns the value assigned (for `$a = $b = 1` and `($x = 1)`).
    pub(crate) fn assign(&mut self, target: &Expr, op: AssignOp, value: &Statement) -> Eval<Value> {
        if op == AssignOp::Assign && is_null_variable(target) {
            return self.discard(value);
        }
        let value = self.statement_value(value)?;
        if op == AssignOp::Assign {
            return self.store(target, value);
        }
        let current = self.load_for_update(target)?;
        let new_value = match op {
            AssignOp::NullCoalesce => {
                if !current.is_null() {
                    return Ok(current);
                }
                value
            }
            _ => {
                let binary = match op {
                    AssignOp::Add => BinaryOp::Add,
                    AssignOp::Subtract => BinaryOp::Subtract,
                    AssignOp::Multiply => BinaryOp::Multiply,
                    AssignOp::Divide => BinaryOp::Divide,
                    _ => BinaryOp::Remainder,
                };
                self.apply_binary(binary, &current, &value, target)?
            }
        };
        self.store(target, new_value)
    }

    /// `$null = <statement>`: run it for its effects, streaming its output into nothing rather
    /// than collecting it first (`$null = Import-Certificate …` of 10,000 certificates).
    fn discard(&mut self, statement: &Statement) -> Eval<Value> {
        match &statement.kind {
            StatementKind::Pipeline(pipeline) if single_expression(pipeline).is_none() => {
                self.run_pipeline(pipeline, &mut Discard)?;
            }
            _ => {
                self.statement_value(statement)?;
            }
        }
        Ok(Value::Null)
    }

    /// The current value of an assignment target, for compound assignment. A plain variable is
    /// read from the local scope only (`$x += 1` in a child scope starts from `$null`).
    fn load_for_update(&mut self, target: &Expr) -> Eval<Value> {
        match &target.kind {
            ExprKind::Variable(path) if path.scope.is_none() => Ok(self
                .scopes
                .lookup_in(self.scopes.local_index(), &path.key)
                .map(|v| v.value.clone())
                .unwrap_or_default()),
            ExprKind::Cast { expr, .. } => self.load_for_update(expr),
            _ => self.eval(target),
        }
    }

    /// Write `value` to an assignment target.
    pub(crate) fn store(&mut self, target: &Expr, value: Value) -> Eval<Value> {
        match &target.kind {
            ExprKind::Variable(path) => self.write_variable(path, value, target.span),
            ExprKind::Cast { type_name, expr } => match &expr.kind {
                ExprKind::Variable(path) => {
                    let ty = self.resolve_type(type_name, target)?;
                    self.define_typed(path, ty, value, target.span)
                }
                _ => Err(self.not_assignable(target)),
            },
            ExprKind::Array(targets) => self.store_many(targets, value),
            ExprKind::Paren(statement) => match &statement.kind {
                crate::syntax::ast::StatementKind::Pipeline(pipeline) => {
                    match super::stmt::single_expression(pipeline) {
                        Some(inner) => self.store(inner, value),
                        None => Err(self.not_assignable(target)),
                    }
                }
                _ => Err(self.not_assignable(target)),
            },
            ExprKind::Index {
                target: object,
                index,
                ..
            } => {
                let object = self.eval(object)?;
                let index = self.eval(index)?;
                access::set_index(&object, &index, value.clone())
                    .map_err(|e| self.value_error(e, target.span))?;
                Ok(value)
            }
            ExprKind::Member {
                target: object,
                member,
                is_static: false,
                ..
            } => {
                let object = self.eval(object)?;
                let name = match member.as_ref() {
                    crate::syntax::ast::MemberName::Name(name) => name.clone(),
                    crate::syntax::ast::MemberName::Dynamic(expr) => {
                        let name = self.eval(expr)?;
                        convert::to_string(&name, " ")
                    }
                };
                access::set_member(&object, &name, value.clone())
                    .map_err(|e| self.value_error(e, target.span))?;
                Ok(value)
            }
            _ => Err(self.not_assignable(target)),
        }
    }

    /// `$a, $b, $c = …`: one value each, the rest to the last target.
    fn store_many(&mut self, targets: &[Expr], value: Value) -> Eval<Value> {
        let mut items = match &value {
            Value::Null => Vec::new(),
            other => convert::enumerate(other).unwrap_or_else(|| vec![other.clone()]),
        }
        .into_iter();
        for (i, target) in targets.iter().enumerate() {
            let part = if i + 1 == targets.len() {
                let rest: Vec<Value> = items.by_ref().collect();
                match rest.len() {
                    0 => Value::Null,
                    1 => rest.into_iter().next().unwrap_or_default(),
                    _ => Value::array(rest),
                }
            } else {
                items.next().unwrap_or_default()
            };
            self.store(target, part)?;
        }
        Ok(value)
    }

    /// `++x`, `x++`, `--x`, `x--`: returns the new value (prefix) or the old one (postfix).
    pub(super) fn increment(&mut self, op: UnaryOp, operand: &Expr, whole: &Expr) -> Eval<Value> {
        let old = match &operand.kind {
            ExprKind::Variable(path) => self.read_variable(path),
            _ => self.eval(operand)?,
        };
        let old = if old.is_null() { Value::Int(0) } else { old };
        let delta = match op {
            UnaryOp::PreIncrement | UnaryOp::PostIncrement => BinaryOp::Add,
            _ => BinaryOp::Subtract,
        };
        let new = self.apply_binary(delta, &old, &Value::Int(1), whole)?;
        self.store(operand, new.clone())?;
        Ok(match op {
            UnaryOp::PreIncrement | UnaryOp::PreDecrement => new,
            _ => old,
        })
    }

    fn not_assignable(&self, target: &Expr) -> super::super::flow::Flow {
        self.locate(RuntimeError::exception(
            "System.Management.Automation.RuntimeException",
            "The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.",
            target.span,
        ))
    }
}

/// Is `target` the automatic `$null` (not `$global:null` or a typed target)?
fn is_null_variable(target: &Expr) -> bool {
    matches!(&target.kind, ExprKind::Variable(path) if path.scope.is_none() && path.key.as_ref() == "null")
}
