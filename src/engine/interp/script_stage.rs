//! L3 — a user function or script block as a pipeline stage: parameter binding into its own
//! scope, begin/process/end, `$input`, `$_`, `$PSBoundParameters`, `$MyInvocation`.

use std::rc::Rc;

use crate::syntax::ast::{ScriptBody, Statement};
use crate::syntax::{Source, Span};
use crate::value::{Dict, PropertyBag, PsObject, ScriptBlockValue, Value, convert};

use super::super::bind::{self, BoundArgs};
use super::super::cmdlet::Signature;
use super::super::flow::{Eval, Flow};
use super::super::pipeline::{Output, Stage};
use super::super::scope::{Scope, Variable};
use super::Interp;

/// A user function or script block running as a pipeline stage. It owns its scope between
/// phases so that stages of one pipeline don't see each other's variables.
pub(crate) struct ScriptStage {
    pub(super) block: Rc<ScriptBlockValue>,
    pub(super) signature: Rc<Signature>,
    pub(super) is_filter: bool,
    pub(super) args: BoundArgs,
    pub(super) new_scope: bool,
    pub(super) script_scope: bool,
    pub(super) scope: Option<Scope>,
    pub(super) buffer: Vec<Value>,
    pub(super) expecting_input: bool,
    pub(super) span: Span,
}

impl ScriptStage {
    fn enter(&mut self, interp: &mut Interp) -> Option<Source> {
        if self.new_scope {
            interp
                .scopes
                .push_scope(self.scope.take().unwrap_or_default());
            if self.script_scope {
                interp.scopes.mark_script();
            }
        }
        match &self.block.source {
            Some(source) => interp.current_source.replace(source.clone()),
            None => interp.current_source.clone(),
        }
    }

    fn leave(&mut self, interp: &mut Interp, previous: Option<Source>) {
        if self.new_scope {
            self.scope = Some(interp.scopes.pop_scope());
        }
        interp.current_source = previous;
    }

    fn run_part(
        &mut self,
        interp: &mut Interp,
        part: Option<&[Statement]>,
        out: &mut dyn Output,
    ) -> Eval<()> {
        let Some(statements) = part else {
            return Ok(());
        };
        interp.enter_call(self.span)?;
        let previous = self.enter(interp);
        let result = interp.exec_block(statements, out);
        self.leave(interp, previous);
        interp.leave_call();
        match result {
            Err(Flow::Return) => Ok(()),
            other => other,
        }
    }

    fn has_process(&self) -> bool {
        self.is_filter
            || matches!(
                &self.block.ast.body,
                ScriptBody::Named {
                    process: Some(_),
                    ..
                }
            )
    }

    fn define(
        interp: &mut Interp,
        name: &str,
        value: Value,
        constraint: Option<crate::value::PsType>,
    ) {
        let index = interp.scopes.local_index();
        interp.scopes.define_in(
            index,
            name.to_lowercase().into(),
            Variable { value, constraint },
        );
    }

    /// Bind parameters into the stage's fresh scope (called inside `enter`).
    fn bind_parameters(&mut self, interp: &mut Interp) -> Eval<()> {
        if let Some(captured) = &self.block.captured {
            for (name, value) in captured {
                interp.set_var(name, value.clone());
            }
        }
        let bound_dict = Dict::new(false);
        for decl in &self.block.ast.params {
            let param = self.signature.find(&decl.name);
            let constraint = param
                .map(|p| p.ty.clone())
                .filter(|ty| *ty != crate::value::PsType::Object);
            let value = match self.args.get(&decl.name) {
                Some(value) => {
                    bound_dict.insert(Value::str(decl.name.as_str()), value.clone());
                    value.clone()
                }
                None => match &decl.default {
                    Some(default) => interp.eval(default)?,
                    None => match &constraint {
                        Some(crate::value::PsType::Switch) => Value::Bool(false),
                        Some(ty) => convert::convert_to(&Value::Null, ty, " ").unwrap_or_default(),
                        None => Value::Null,
                    },
                },
            };
            let constraint = constraint.filter(|ty| *ty != crate::value::PsType::Switch);
            Self::define(interp, &decl.name, value, constraint);
        }
        Self::define(
            interp,
            "args",
            Value::array(self.args.unbound.clone()),
            None,
        );
        Self::define(
            interp,
            "PSBoundParameters",
            Value::Dict(Rc::new(bound_dict)),
            None,
        );
        let mut invocation = PropertyBag::new();
        invocation.set("ExpectingInput", Value::Bool(self.expecting_input));
        invocation.set("MyCommand", Value::str(self.signature.name.as_str()));
        invocation.set("InvocationName", Value::str(self.signature.name.as_str()));
        Self::define(
            interp,
            "MyInvocation",
            Value::Object(Rc::new(PsObject::new(
                crate::value::ObjectKind::Typed,
                "System.Management.Automation.InvocationInfo",
                invocation,
            ))),
            None,
        );
        Self::define(interp, "input", Value::array(Vec::new()), None);
        Ok(())
    }
}

impl Stage for ScriptStage {
    fn begin(&mut self, interp: &mut Interp, out: &mut dyn Output) -> Eval<()> {
        let previous = self.enter(interp);
        let bound = self.bind_parameters(interp);
        self.leave(interp, previous);
        bound?;
        let begin = match &self.block.ast.body {
            ScriptBody::Named { begin, .. } => begin.clone(),
            ScriptBody::Statements(_) => None,
        };
        self.run_part(interp, begin.as_deref(), out)
    }

    fn process(
        &mut self,
        interp: &mut Interp,
        input: Option<Value>,
        out: &mut dyn Output,
    ) -> Eval<()> {
        if !self.has_process() {
            if let Some(item) = input {
                self.buffer.push(item);
            }
            return Ok(());
        }
        let previous = self.enter(interp);
        let setup = (|| -> Eval<()> {
            if let Some(item) = &input {
                if self.signature.strict {
                    let bound = bind::bind_pipeline(&self.signature, &self.args, item, self.span)
                        .map_err(|e| interp.locate(*e))?;
                    for (name, value) in bound.iter() {
                        if !self.args.contains(name) {
                            let constraint = self
                                .signature
                                .find(name)
                                .map(|p| p.ty.clone())
                                .filter(|ty| *ty != crate::value::PsType::Object);
                            Self::define(interp, name, value.clone(), constraint);
                        }
                    }
                }
                interp.set_var("_", item.clone());
            }
            Ok(())
        })();
        self.leave(interp, previous);
        setup?;
        let process = match &self.block.ast.body {
            ScriptBody::Named { process, .. } => process.clone(),
            ScriptBody::Statements(statements) => Some(statements.clone()),
        };
        self.run_part(interp, process.as_deref(), out)
    }

    fn end(&mut self, interp: &mut Interp, out: &mut dyn Output) -> Eval<()> {
        let input = std::mem::take(&mut self.buffer);
        let previous = self.enter(interp);
        Self::define(interp, "input", Value::array(input), None);
        self.leave(interp, previous);
        let end = match &self.block.ast.body {
            ScriptBody::Named { end, .. } => end.clone(),
            ScriptBody::Statements(statements) if !self.is_filter => Some(statements.clone()),
            ScriptBody::Statements(_) => None,
        };
        self.run_part(interp, end.as_deref(), out)
    }
}
