//! L3 — running script blocks: a script's own body, and blocks invoked by cmdlets and methods
//! (`ForEach-Object`, `.Where{}`, `-replace` callbacks) with `$_` set.

use std::rc::Rc;

use crate::syntax::Span;
use crate::syntax::ast::{ScriptBody, Statement};
use crate::value::{ScriptBlockValue, Value};

use super::super::bind::Arg;
use super::super::flow::{Eval, Flow};
use super::super::pipeline::{Collector, Output, Stage, run_stages};
use super::Interp;
use super::signature::signature_of;

impl Interp {
    /// Run a script's own body (a file or command line) with `args` as its arguments.
    pub(crate) fn invoke_script_body(
        &mut self,
        block: &ScriptBlockValue,
        args: Vec<Value>,
        out: &mut dyn Output,
    ) -> Eval<()> {
        let signature = Rc::new(signature_of("<script>", &block.ast));
        let args = args
            .into_iter()
            .map(|value| Arg::Positional {
                value,
                span: Span::default(),
            })
            .collect();
        let block = Rc::new(ScriptBlockValue {
            ast: block.ast.clone(),
            captured: None,
            source: block.source.clone(),
        });
        let stage =
            self.script_stage(block, signature, false, args, false, false, Span::default())?;
        let mut stages: Vec<Box<dyn Stage>> = vec![stage];
        match run_stages(self, &mut stages, None, out) {
            Err(Flow::Return) => Ok(()),
            other => other,
        }
    }

    /// Run a script block with `$_` set, in a new scope or (dot-sourced, as ForEach-Object and
    /// Where-Object do) in the current one, writing its output to `out`.
    pub fn invoke_block(
        &mut self,
        block: &ScriptBlockValue,
        dollar_under: Option<Value>,
        args: Vec<Value>,
        new_scope: bool,
        out: &mut dyn Output,
    ) -> Eval<()> {
        self.enter_call(block.ast.span)?;
        let previous_source = match &block.source {
            Some(source) => self.current_source.replace(source.clone()),
            None => self.current_source.clone(),
        };
        let saved_underscore = (!new_scope).then(|| self.get_var("_"));
        if new_scope {
            self.scopes.push();
            if let Some(captured) = &block.captured {
                for (name, value) in captured {
                    self.set_var(name, value.clone());
                }
            }
        }
        if let Some(item) = &dollar_under {
            self.set_var("_", item.clone());
        }
        let mut extra = args.into_iter();
        for param in &block.ast.params {
            let value = extra.next().unwrap_or_default();
            self.set_var(&param.name, value);
        }
        self.set_var("args", Value::array(extra.collect()));
        let result = match &block.ast.body {
            ScriptBody::Statements(statements) => self.exec_block(statements, out),
            ScriptBody::Named {
                begin,
                process,
                end,
            } => {
                let mut run = |interp: &mut Interp, part: &Option<Vec<Statement>>| match part {
                    Some(statements) => interp.exec_block(statements, out),
                    None => Ok(()),
                };
                run(self, begin)
                    .and_then(|_| run(self, process))
                    .and_then(|_| run(self, end))
            }
        };
        let result = match result {
            Err(Flow::Return) => Ok(()),
            other => other,
        };
        if new_scope {
            self.scopes.pop();
        } else if let Some(saved) = saved_underscore {
            self.set_var("_", saved);
        }
        self.current_source = previous_source;
        self.leave_call();
        result
    }

    /// [`Interp::invoke_block`], collecting the output into a value.
    pub fn call_block_value(
        &mut self,
        block: &ScriptBlockValue,
        dollar_under: Option<Value>,
        args: Vec<Value>,
        new_scope: bool,
    ) -> Eval<Value> {
        let mut collector = Collector::default();
        self.invoke_block(block, dollar_under, args, new_scope, &mut collector)?;
        Ok(collector.into_value())
    }

    /// [`Interp::invoke_block`], collecting the output items.
    pub fn call_block_collect(
        &mut self,
        block: &ScriptBlockValue,
        dollar_under: Option<Value>,
        args: Vec<Value>,
        new_scope: bool,
    ) -> Eval<Vec<Value>> {
        let mut collector = Collector::default();
        self.invoke_block(block, dollar_under, args, new_scope, &mut collector)?;
        Ok(collector.0)
    }
}
