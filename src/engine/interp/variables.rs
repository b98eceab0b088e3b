//! L3 — variables: lookup by scope modifier, type-constrained assignment, automatic and
//! preference variables, `$env:`.

use std::rc::Rc;

use crate::syntax::ast::{ScopeModifier, VariablePath};
use crate::value::{Dict, PropertyBag, PsObject, PsType, Value, convert};

use super::super::RuntimeError;
use super::super::bind::{ActionPreference, BoundArgs};
use super::super::flow::Eval;
use super::super::scope::Variable;
use super::Interp;

impl Interp {
    pub(super) fn define_automatic_variables(&mut self) {
        let globals: [(&str, Value); 14] = [
            ("ErrorActionPreference", Value::str("Continue")),
            ("WarningPreference", Value::str("Continue")),
            ("VerbosePreference", Value::str("SilentlyContinue")),
            ("DebugPreference", Value::str("SilentlyContinue")),
            ("InformationPreference", Value::str("SilentlyContinue")),
            ("ConfirmPreference", Value::str("High")),
            ("WhatIfPreference", Value::Bool(false)),
            ("IsLinux", Value::Bool(cfg!(target_os = "linux"))),
            ("IsWindows", Value::Bool(cfg!(windows))),
            ("IsMacOS", Value::Bool(cfg!(target_os = "macos"))),
            (
                "PID",
                Value::Int(i32::try_from(std::process::id()).unwrap_or(0)),
            ),
            (
                "HOME",
                Value::str(std::env::var("HOME").unwrap_or_default()),
            ),
            (
                "Error",
                Value::Array(Rc::new(crate::value::Array {
                    items: Default::default(),
                    kind: crate::value::ArrayKind::ArrayList,
                })),
            ),
            ("PSStyle", {
                let mut props = PropertyBag::new();
                props.set("OutputRendering", Value::str("Ansi"));
                Value::Object(Rc::new(PsObject::custom(props)))
            }),
        ];
        for (name, value) in globals {
            self.set_global(name, value);
        }
        let versions = Dict::new(false);
        versions.insert(Value::str("PSVersion"), Value::str("7.4.0"));
        versions.insert(Value::str("PSEdition"), Value::str("Core"));
        versions.insert(Value::str("Platform"), Value::str("Unix"));
        versions.insert(
            Value::str("MailsecVersion"),
            Value::str(env!("CARGO_PKG_VERSION")),
        );
        self.set_global("PSVersionTable", Value::Dict(Rc::new(versions)));
    }

    fn set_global(&mut self, name: &str, value: Value) {
        self.scopes.set_in(0, &name.to_lowercase().into(), value);
    }

    /// A variable's value by plain name (`$_`, `OFS`), dynamically scoped; `Null` when unset.
    pub fn get_var(&self, name: &str) -> Value {
        let key = name.to_lowercase();
        self.lookup_key(&key)
    }

    fn lookup_key(&self, key: &str) -> Value {
        match key {
            "null" => Value::Null,
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "?" => Value::Bool(self.last_status),
            "psitem" => self.lookup_key("_"),
            _ => self
                .scopes
                .lookup(key)
                .map(|v| v.value.clone())
                .unwrap_or_default(),
        }
    }

    /// Set a variable in the local scope (keeping an existing local constraint).
    pub fn set_var(&mut self, name: &str, value: Value) {
        let key: Rc<str> = name.to_lowercase().into();
        let index = self.scopes.local_index();
        self.scopes.set_in(index, &key, value);
    }

    /// `$x` as written, honouring scope modifiers and `$env:`.
    pub(super) fn read_variable(&self, path: &VariablePath) -> Value {
        match &path.scope {
            None => self.lookup_key(&path.key),
            Some(ScopeModifier::Env) => {
                match self.scopes.lookup_in(0, &format!("env:{}", path.key)) {
                    Some(var) => var.value.clone(),
                    None => std::env::var(&path.name)
                        .map(Value::str)
                        .unwrap_or_default(),
                }
            }
            Some(ScopeModifier::Global) => self.read_in(0, &path.key),
            Some(ScopeModifier::Script) => self.read_in(self.scopes.script_index(), &path.key),
            Some(ScopeModifier::Local) | Some(ScopeModifier::Private) => {
                self.read_in(self.scopes.local_index(), &path.key)
            }
            Some(ScopeModifier::Using) => self.lookup_key(&path.key),
            Some(ScopeModifier::Drive(drive)) => self.read_drive(drive, &path.name),
        }
    }

    fn read_in(&self, index: usize, key: &str) -> Value {
        match key {
            "null" | "true" | "false" => self.lookup_key(key),
            _ => self
                .scopes
                .lookup_in(index, key)
                .map(|v| v.value.clone())
                .unwrap_or_default(),
        }
    }

    fn read_drive(&self, drive: &str, name: &str) -> Value {
        match drive.to_lowercase().as_str() {
            "variable" => self.get_var(name),
            "function" => self
                .functions
                .get(&name.to_lowercase())
                .map(|f| {
                    Value::ScriptBlock(Rc::new(crate::value::ScriptBlockValue {
                        ast: f.ast.clone(),
                        captured: None,
                        source: f.source.clone(),
                    }))
                })
                .unwrap_or_default(),
            _ => Value::Null,
        }
    }

    /// The scope index a write to `path` goes to.
    pub(super) fn write_scope(&self, path: &VariablePath) -> usize {
        match &path.scope {
            Some(ScopeModifier::Global) => 0,
            Some(ScopeModifier::Script) => self.scopes.script_index(),
            _ => self.scopes.local_index(),
        }
    }

    /// `$x = value`: converts to the variable's type constraint when it has one.
    pub(super) fn write_variable(
        &mut self,
        path: &VariablePath,
        value: Value,
        span: crate::syntax::Span,
    ) -> Eval<Value> {
        if path.key.as_ref() == "null" && path.scope.is_none() {
            return Ok(value);
        }
        if path.scope == Some(ScopeModifier::Env) {
            // `std::env::set_var` is unsafe in edition 2024: the session keeps its own
            // environment overrides instead, read back by `$env:NAME`.
            let key: Rc<str> = format!("env:{}", path.key).into();
            self.scopes.set_in(0, &key, value.clone());
            return Ok(value);
        }
        let index = self.write_scope(path);
        // Fast path: one hash lookup for an unconstrained variable (loops live here).
        let constraint = match self.scopes.lookup_mut_in(index, &path.key) {
            Some(variable) if variable.constraint.is_none() => {
                variable.value = value.clone();
                return Ok(value);
            }
            Some(variable) => variable.constraint.clone(),
            None => None,
        };
        let value = match constraint {
            Some(ty) => convert::convert_to(&value, &ty, &self.ofs())
                .map_err(|e| self.value_error(e, span))?,
            None => value,
        };
        self.scopes.set_in(index, &path.key, value.clone());
        Ok(value)
    }

    /// `[int]$x = value`: (re)defines the variable with a type constraint.
    pub(super) fn define_typed(
        &mut self,
        path: &VariablePath,
        ty: PsType,
        value: Value,
        span: crate::syntax::Span,
    ) -> Eval<Value> {
        let value =
            convert::convert_to(&value, &ty, &self.ofs()).map_err(|e| self.value_error(e, span))?;
        let index = self.write_scope(path);
        self.scopes.define_in(
            index,
            path.key.clone(),
            Variable {
                value: value.clone(),
                constraint: Some(ty),
            },
        );
        Ok(value)
    }

    /// `$OFS`, or a space.
    pub fn ofs(&self) -> String {
        match self.scopes.lookup("ofs") {
            Some(var) if !var.value.is_null() => convert::to_string(&var.value, " "),
            _ => " ".to_string(),
        }
    }

    /// The action for a non-terminating error: `-ErrorAction`, else `$ErrorActionPreference`.
    pub(crate) fn error_action(&self, args: Option<&BoundArgs>) -> ActionPreference {
        args.and_then(|a| a.common.error_action)
            .or_else(|| {
                ActionPreference::parse(&convert::to_string(
                    &self.get_var("ErrorActionPreference"),
                    " ",
                ))
            })
            .unwrap_or(ActionPreference::Continue)
    }

    pub(crate) fn set_status(&mut self, ok: bool) {
        self.last_status = ok;
        if !ok {
            self.statement_failed = true;
        }
    }

    /// A value error at `span` as a runtime error located in the current source. A .NET
    /// method's own exception is kept as the `InnerException`, which `catch` also matches.
    pub(crate) fn value_error(
        &self,
        error: crate::value::ValueError,
        span: crate::syntax::Span,
    ) -> super::super::flow::Flow {
        let record = error.inner_exception_type().map(|inner| {
            let inner = PsObject::exception(inner, &error.inner_message());
            let outer = PsObject::exception(error.exception_type(), &error.to_string());
            outer.set("InnerException", Value::Object(Rc::new(inner)));
            super::errors::error_record(
                Value::Object(Rc::new(outer)),
                Value::Null,
                &error.to_string(),
                "NotSpecified",
            )
        });
        self.locate(RuntimeError::Exception {
            message: error.to_string(),
            exception_type: error.exception_type().to_string(),
            record,
            thrown: false,
            span,
            label: "here".into(),
        })
    }
}
