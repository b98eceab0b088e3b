//! L3 — expressions: literals, variables, arrays, hashtables, operators, casts.

use std::rc::Rc;

use crate::syntax::ast::{
    BinaryOp, CaseMode, CompareOp, Expr, ExprKind, Statement, StatementKind, TypeName, UnaryOp,
};
use crate::value::{
    Dict, PropertyBag, PsObject, PsType, ScriptBlockValue, Value, compare, convert, format_op, ops,
    text,
};

use super::super::flow::Eval;
use super::super::pipeline::Collector;
use super::Interp;
use super::stmt::{collect, single_expression};

impl Interp {
    /// Evaluate an expression to one value.
    pub(crate) fn eval(&mut self, expr: &Expr) -> Eval<Value> {
        match &expr.kind {
            ExprKind::Int(n) => Ok(Value::Int(*n)),
            ExprKind::Long(n) => Ok(Value::Long(*n)),
            ExprKind::Double(n) => Ok(Value::Double(*n)),
            ExprKind::Decimal(n) => Ok(Value::Decimal(*n)),
            ExprKind::String(s) => Ok(Value::str(s.as_str())),
            ExprKind::Expandable(parts) => Ok(Value::str(self.expand(parts)?)),
            ExprKind::Variable(path) => Ok(self.read_variable(path)),
            ExprKind::Array(items) => {
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    values.push(self.eval(item)?);
                }
                Ok(Value::array(values))
            }
            ExprKind::ArraySubexpression(statements) => {
                Ok(Value::array(collect(self, statements)?))
            }
            ExprKind::Subexpression(statements) => {
                let items = collect(self, statements)?;
                Ok(Collector(items).into_value())
            }
            ExprKind::Paren(statement) => self.statement_value(statement),
            ExprKind::Hashtable(entries) => self.hashtable(entries, false),
            ExprKind::ScriptBlock(block) => {
                Ok(Value::ScriptBlock(Rc::new(self.block_value(block))))
            }
            ExprKind::Unary { op, operand } => self.unary(*op, operand, expr),
            ExprKind::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs, expr),
            ExprKind::Cast {
                type_name,
                expr: inner,
            } => self.cast(type_name, inner, expr),
            ExprKind::TypeLiteral(type_name) => {
                let ty = self.resolve_type(type_name, expr)?;
                Ok(Value::Type(Rc::new(ty)))
            }
            ExprKind::Member {
                target,
                member,
                is_static,
                null_conditional,
            } => self.member(target, member, *is_static, *null_conditional, expr),
            ExprKind::MethodCall {
                target,
                member,
                args,
                is_static,
                null_conditional,
            } => self.method_call(target, member, args, *is_static, *null_conditional, expr),
            ExprKind::Index {
                target,
                index,
                null_conditional,
            } => {
                let target = self.eval(target)?;
                if *null_conditional && target.is_null() {
                    return Ok(Value::Null);
                }
                // `$ordered[[object]1]` looks up the key 1, where `$ordered[1]` is by position.
                if let ExprKind::Cast {
                    type_name: TypeName::Simple(t),
                    ..
                } = &index.kind
                    && t.eq_ignore_ascii_case("object")
                {
                    let key = self.eval(index)?;
                    return crate::value::access::get_by_key(&target, &key)
                        .map_err(|e| self.value_error(e, expr.span));
                }
                let index = self.eval(index)?;
                crate::value::access::get_index(&target, &index)
                    .map_err(|e| self.value_error(e, expr.span))
            }
        }
    }

    /// A script block literal as a value, remembering the source it was written in.
    pub(crate) fn block_value(
        &self,
        block: &Rc<crate::syntax::ast::ScriptBlock>,
    ) -> ScriptBlockValue {
        ScriptBlockValue {
            ast: block.clone(),
            captured: None,
            source: self.current_source.clone(),
        }
    }

    /// The value of a statement used as an expression: `( … )`, assignment right-hand sides,
    /// hashtable values. A lone expression keeps its value (arrays stay arrays); command
    /// output is collected (one item → the item, many → `Object[]`).
    pub(crate) fn statement_value(&mut self, statement: &Statement) -> Eval<Value> {
        match &statement.kind {
            StatementKind::Pipeline(pipeline) => self.pipeline_value(pipeline),
            StatementKind::Assignment { target, op, value } => self.assign(target, *op, value),
            _ => {
                let mut collector = Collector::default();
                self.exec_statement(statement, &mut collector)?;
                Ok(collector.into_value())
            }
        }
    }

    /// A pipeline's value (see [`Interp::statement_value`]).
    pub(crate) fn pipeline_value(
        &mut self,
        pipeline: &crate::syntax::ast::Pipeline,
    ) -> Eval<Value> {
        if let Some(expr) = single_expression(pipeline) {
            return self.eval(expr);
        }
        let mut collector = Collector::default();
        self.run_pipeline(pipeline, &mut collector)?;
        Ok(collector.into_value())
    }

    fn hashtable(&mut self, entries: &[(Expr, Statement)], ordered: bool) -> Eval<Value> {
        let dict = Dict::new(ordered);
        for (key, value) in entries {
            let key = self.eval(key)?;
            let value = self.statement_value(value)?;
            dict.insert(key, value);
        }
        Ok(Value::Dict(Rc::new(dict)))
    }

    pub(crate) fn resolve_type(&self, name: &TypeName, at: &Expr) -> Eval<PsType> {
        PsType::resolve(name).map_err(|e| self.value_error(e, at.span))
    }

    fn cast(&mut self, type_name: &TypeName, inner: &Expr, whole: &Expr) -> Eval<Value> {
        if let TypeName::Simple(name) = type_name {
            // `[ordered]@{…}` and `[pscustomobject]@{…}` take the literal's key order.
            if let ExprKind::Hashtable(entries) = &inner.kind {
                if name.eq_ignore_ascii_case("ordered") {
                    return self.hashtable(entries, true);
                }
                if is_pscustomobject(name) {
                    let mut props = PropertyBag::new();
                    for (key, value) in entries {
                        let key = self.eval(key)?;
                        let value = self.statement_value(value)?;
                        props.set(&convert::to_string(&key, " "), value);
                    }
                    return Ok(Value::Object(Rc::new(PsObject::custom(props))));
                }
            }
        }
        let ty = self.resolve_type(type_name, whole)?;
        let value = self.eval(inner)?;
        if ty == PsType::Void {
            return Ok(Value::Null);
        }
        convert::convert_to(&value, &ty, &self.ofs()).map_err(|e| self.value_error(e, whole.span))
    }

    fn unary(&mut self, op: UnaryOp, operand: &Expr, whole: &Expr) -> Eval<Value> {
        match op {
            UnaryOp::PreIncrement
            | UnaryOp::PreDecrement
            | UnaryOp::PostIncrement
            | UnaryOp::PostDecrement => {
                return self.increment(op, operand, whole);
            }
            _ => {}
        }
        let value = self.eval(operand)?;
        let span = whole.span;
        let result = match op {
            UnaryOp::Not => Ok(Value::Bool(!convert::to_bool(&value))),
            UnaryOp::Negate => ops::negate(&value),
            UnaryOp::Plus => convert::to_number(&value),
            UnaryOp::BitNot => ops::bit_not(&value),
            UnaryOp::Join => Ok(Value::str(text::join(&value, "", &self.ofs()))),
            UnaryOp::Split => text::split(&value, None, false, &self.ofs()),
            UnaryOp::Comma => Ok(Value::array(vec![value])),
            _ => Ok(Value::Null),
        };
        result.map_err(|e| self.value_error(e, span))
    }

    fn binary(&mut self, op: BinaryOp, lhs: &Expr, rhs: &Expr, whole: &Expr) -> Eval<Value> {
        match op {
            BinaryOp::And => {
                let left = convert::to_bool(&self.eval(lhs)?);
                return Ok(Value::Bool(left && convert::to_bool(&self.eval(rhs)?)));
            }
            BinaryOp::Or => {
                let left = convert::to_bool(&self.eval(lhs)?);
                return Ok(Value::Bool(left || convert::to_bool(&self.eval(rhs)?)));
            }
            BinaryOp::NullCoalesce => {
                let left = self.eval(lhs)?;
                return if left.is_null() {
                    self.eval(rhs)
                } else {
                    Ok(left)
                };
            }
            _ => {}
        }
        let left = self.eval(lhs)?;
        let right = self.eval(rhs)?;
        self.apply_binary(op, &left, &right, whole)
    }

    /// A binary operator on evaluated operands (also used by compound assignment).
    pub(crate) fn apply_binary(
        &mut self,
        op: BinaryOp,
        left: &Value,
        right: &Value,
        whole: &Expr,
    ) -> Eval<Value> {
        let span = whole.span;
        let result = match op {
            BinaryOp::Add => ops::add(left, right),
            BinaryOp::Subtract => ops::subtract(left, right),
            BinaryOp::Multiply => ops::multiply(left, right),
            BinaryOp::Divide => ops::divide(left, right),
            BinaryOp::Remainder => ops::remainder(left, right),
            BinaryOp::Range => ops::range(left, right).map(Value::array),
            BinaryOp::Format => {
                let template = convert::to_string(left, &self.ofs());
                let args = convert::enumerate(right).unwrap_or_else(|| vec![right.clone()]);
                format_op::format(&template, &args).map(Value::str)
            }
            BinaryOp::Compare(CompareOp::Replace, case) => {
                return self.replace(left, right, case, whole);
            }
            BinaryOp::Compare(CompareOp::Split, case) => {
                text::split(left, Some(right), case.sensitive(), &self.ofs())
            }
            BinaryOp::Compare(compare_op, case) => {
                let mut matches = None;
                let result = compare::apply(compare_op, case, left, right, &mut matches);
                if let Some(matches) = matches {
                    self.set_var("Matches", matches);
                }
                result
            }
            BinaryOp::Join => {
                let ofs = self.ofs();
                Ok(Value::str(text::join(
                    left,
                    &convert::to_string(right, &ofs),
                    &ofs,
                )))
            }
            BinaryOp::Is | BinaryOp::IsNot => {
                let is = match right {
                    Value::Type(ty) => !left.is_null() && PsType::of(left).is_assignable_to(ty),
                    other => {
                        let name = convert::to_string(other, " ");
                        let ty = PsType::resolve(&TypeName::Simple(name))
                            .map_err(|e| self.value_error(e, span))?;
                        !left.is_null() && PsType::of(left).is_assignable_to(&ty)
                    }
                };
                Ok(Value::Bool(is == (op == BinaryOp::Is)))
            }
            BinaryOp::As => {
                let ty = match right {
                    Value::Type(ty) => (**ty).clone(),
                    other => PsType::resolve(&TypeName::Simple(convert::to_string(other, " ")))
                        .map_err(|e| self.value_error(e, span))?,
                };
                Ok(convert::convert_to(left, &ty, &self.ofs()).unwrap_or(Value::Null))
            }
            BinaryOp::Xor => Ok(Value::Bool(
                convert::to_bool(left) ^ convert::to_bool(right),
            )),
            BinaryOp::BitAnd => ops::bitwise("band", left, right),
            BinaryOp::BitOr => ops::bitwise("bor", left, right),
            BinaryOp::BitXor => ops::bitwise("bxor", left, right),
            BinaryOp::ShiftLeft => ops::bitwise("shl", left, right),
            BinaryOp::ShiftRight => ops::bitwise("shr", left, right),
            BinaryOp::And => Ok(Value::Bool(
                convert::to_bool(left) && convert::to_bool(right),
            )),
            BinaryOp::Or => Ok(Value::Bool(
                convert::to_bool(left) || convert::to_bool(right),
            )),
            BinaryOp::NullCoalesce => Ok(if left.is_null() {
                right.clone()
            } else {
                left.clone()
            }),
        };
        result.map_err(|e| self.value_error(e, span))
    }

    /// `-replace`, whose replacement may be a script block run per match with `$_` = the match.
    fn replace(
        &mut self,
        left: &Value,
        right: &Value,
        case: CaseMode,
        whole: &Expr,
    ) -> Eval<Value> {
        let ofs = self.ofs();
        let (pattern, replacement) = match convert::enumerate(right) {
            Some(items) => (
                items.first().cloned().unwrap_or_default(),
                items.get(1).cloned().unwrap_or_else(|| Value::str("")),
            ),
            None => (right.clone(), Value::str("")),
        };
        let Value::ScriptBlock(block) = &replacement else {
            return text::replace(left, &pattern, &replacement, case.sensitive(), &ofs)
                .map_err(|e| self.value_error(e, whole.span));
        };
        let span = whole.span;
        let mut run = |found: Value| -> Result<String, ReplaceError> {
            let value = self
                .call_block_value(block, Some(found), Vec::new(), false)
                .map_err(ReplaceError::Flow)?;
            Ok(convert::to_string(&value, &ofs))
        };
        match text::replace_with(left, &pattern, case.sensitive(), &ofs.clone(), &mut run) {
            Ok(value) => Ok(value),
            Err(ReplaceError::Flow(flow)) => Err(flow),
            Err(ReplaceError::Value(error)) => Err(self.value_error(error, span)),
        }
    }
}

/// What a `-replace` script block can fail with: its own flow, or a bad pattern.
enum ReplaceError {
    Flow(super::super::flow::Flow),
    Value(crate::value::ValueError),
}

impl From<crate::value::ValueError> for ReplaceError {
    fn from(error: crate::value::ValueError) -> ReplaceError {
        ReplaceError::Value(error)
    }
}

fn is_pscustomobject(name: &str) -> bool {
    name.eq_ignore_ascii_case("pscustomobject")
        || name.eq_ignore_ascii_case("System.Management.Automation.PSCustomObject")
}
