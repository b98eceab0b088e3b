//! L3 — member access and method calls: properties, static members, .NET-like methods, and
//! the methods that run script blocks (`ForEach`, `Where`, `GetNewClosure`, `Invoke`).

use std::rc::Rc;

use crate::syntax::ast::{Expr, MemberName};
use crate::value::{ScriptBlockValue, Value, ValueError, access, convert, methods, statics};

use super::super::flow::Eval;
use super::Interp;

impl Interp {
    fn member_name(&mut self, member: &MemberName) -> Eval<String> {
        match member {
            MemberName::Name(name) => Ok(name.clone()),
            MemberName::Dynamic(expr) => {
                let value = self.eval(expr)?;
                Ok(convert::to_string(&value, " "))
            }
        }
    }

    pub(super) fn member(
        &mut self,
        target: &Expr,
        member: &MemberName,
        is_static: bool,
        null_conditional: bool,
        whole: &Expr,
    ) -> Eval<Value> {
        let target = self.eval(target)?;
        let name = self.member_name(member)?;
        if is_static {
            let Value::Type(ty) = &target else {
                return Ok(Value::Null);
            };
            return match statics::get_static(ty, &name) {
                Some(result) => result.map_err(|e| self.value_error(e, whole.span)),
                // `[int].FullName`-style members of the type object itself.
                None => Ok(Value::Null),
            };
        }
        if null_conditional && target.is_null() {
            return Ok(Value::Null);
        }
        Ok(access::get_member(&target, &name))
    }

    pub(super) fn method_call(
        &mut self,
        target: &Expr,
        member: &MemberName,
        args: &[Expr],
        is_static: bool,
        null_conditional: bool,
        whole: &Expr,
    ) -> Eval<Value> {
        let target = self.eval(target)?;
        let name = self.member_name(member)?;
        let mut values = Vec::with_capacity(args.len());
        for arg in args {
            values.push(self.eval(arg)?);
        }
        let span = whole.span;
        if is_static && let Value::Type(ty) = &target {
            return match statics::call_static(ty, &name, &values) {
                Some(result) => result.map_err(|e| self.value_error(e, span)),
                None => Err(self.value_error(
                    ValueError::MethodNotFound {
                        type_name: ty.full_name(),
                        method: name,
                    },
                    span,
                )),
            };
        }
        if null_conditional && target.is_null() {
            return Ok(Value::Null);
        }
        if let Some(result) = self.script_method(&target, &name, &values)? {
            return Ok(result);
        }
        match methods::call_method(&target, &name, &values) {
            Some(result) => result.map_err(|e| self.value_error(e, span)),
            None if target.is_null() => Err(self.value_error(
                ValueError::InvalidOperation {
                    message: "You cannot call a method on a null-valued expression.".into(),
                },
                span,
            )),
            None => Err(self.value_error(
                ValueError::MethodNotFound {
                    type_name: crate::value::PsType::of(&target).full_name(),
                    method: name,
                },
                span,
            )),
        }
    }

    /// Methods that need the evaluator. `None` when `name` is not one of them for `target`.
    fn script_method(&mut self, target: &Value, name: &str, args: &[Value]) -> Eval<Option<Value>> {
        let lower = name.to_ascii_lowercase();
        match (lower.as_str(), target) {
            ("getnewclosure", Value::ScriptBlock(block)) => {
                let captured = self
                    .scopes
                    .visible()
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.value))
                    .collect();
                Ok(Some(Value::ScriptBlock(Rc::new(ScriptBlockValue {
                    ast: block.ast.clone(),
                    captured: Some(captured),
                    source: block.source.clone(),
                }))))
            }
            ("invoke" | "invokereturnasis", Value::ScriptBlock(block)) => {
                let value = self.call_block_value(block, None, args.to_vec(), true)?;
                Ok(Some(value))
            }
            ("foreach", _) => self.foreach_method(target, args).map(Some),
            ("where", _) => self.where_method(target, args).map(Some),
            _ => Ok(None),
        }
    }

    fn items_of(target: &Value) -> Vec<Value> {
        match target {
            Value::Null => Vec::new(),
            other => convert::enumerate(other).unwrap_or_else(|| vec![other.clone()]),
        }
    }

    /// `.ForEach({ … })`, `.ForEach('MethodName', args…)`, `.ForEach('Property')`.
    fn foreach_method(&mut self, target: &Value, args: &[Value]) -> Eval<Value> {
        let items = Self::items_of(target);
        let mut results = Vec::new();
        match args.first() {
            Some(Value::ScriptBlock(block)) => {
                for item in items {
                    let mut output =
                        self.call_block_collect(block, Some(item), args[1..].to_vec(), false)?;
                    results.append(&mut output);
                }
            }
            Some(other) => {
                let name = convert::to_string(other, " ");
                for item in items {
                    match methods::call_method(&item, &name, &args[1..]) {
                        Some(Ok(value)) => results.push(value),
                        Some(Err(e)) => return Err(self.value_error(e, Default::default())),
                        None => results.push(access::get_member(&item, &name)),
                    }
                }
            }
            None => {}
        }
        Ok(Value::array(results))
    }

    /// `.Where({ … })`, `.Where({ … }, 'First'|'Last'|'SkipUntil'|'Until'|'Split', n)`.
    fn where_method(&mut self, target: &Value, args: &[Value]) -> Eval<Value> {
        let items = Self::items_of(target);
        let Some(Value::ScriptBlock(block)) = args.first() else {
            return Ok(Value::array(items));
        };
        let mode = args
            .get(1)
            .map(|m| convert::to_string(m, " ").to_ascii_lowercase())
            .unwrap_or_else(|| "default".into());
        let limit = args
            .get(2)
            .and_then(|n| convert::to_i64(n).ok())
            .filter(|n| *n > 0)
            .map(|n| n as usize);
        let mut selected = Vec::new();
        let mut rejected = Vec::new();
        let mut switched = false;
        for item in &items {
            let truth = convert::to_bool(&self.call_block_value(
                block,
                Some(item.clone()),
                Vec::new(),
                false,
            )?);
            match mode.as_str() {
                "until" => {
                    if truth {
                        break;
                    }
                    selected.push(item.clone());
                }
                "skipuntil" => {
                    switched |= truth;
                    if switched {
                        selected.push(item.clone());
                    }
                }
                "split" => {
                    if truth && limit.is_none_or(|n| selected.len() < n) {
                        selected.push(item.clone());
                    } else {
                        rejected.push(item.clone());
                    }
                }
                _ => {
                    if truth {
                        selected.push(item.clone());
                    }
                }
            }
            if mode == "first" && limit.unwrap_or(1) <= selected.len() {
                break;
            }
        }
        let selected = match mode.as_str() {
            "last" => {
                let keep = limit.unwrap_or(1).min(selected.len());
                selected.split_off(selected.len() - keep)
            }
            "default" | "skipuntil" | "until" => match limit {
                Some(n) => selected.into_iter().take(n).collect(),
                None => selected,
            },
            _ => selected,
        };
        if mode == "split" {
            return Ok(Value::array(vec![
                Value::array(selected),
                Value::array(rejected),
            ]));
        }
        Ok(Value::array(selected))
    }
}
