//! L3 — statements: blocks, if, loops with labels, switch, try/catch/finally, function
//! definitions, return/exit/throw.

use std::rc::Rc;

use crate::syntax::ast::{
    ChainOp, Expr, ExprKind, Pipeline, Statement, StatementKind, SwitchStatement, UnaryOp,
};
use crate::value::{Value, compare, convert, text};

use super::super::flow::{Eval, Flow};
use super::super::pipeline::{Collector, Output};
use super::Interp;
use super::commands::FunctionDef;

/// What a loop does after its body ran.
enum LoopStep {
    Next,
    Stop,
}

impl Interp {
    /// Run statements in order. An error that does not end the script (a failed command, a
    /// .NET exception outside `try`) is reported and the next statement runs, as in PowerShell.
    pub(crate) fn exec_block(
        &mut self,
        statements: &[Statement],
        out: &mut dyn Output,
    ) -> Eval<()> {
        for statement in statements {
            match self.exec_statement(statement, out) {
                Ok(()) => {}
                Err(Flow::Error(mut info)) => {
                    if info.source.is_none() {
                        info.source = self.current_source.clone();
                    }
                    if self.try_depth > 0 || info.error.is_script_terminating() {
                        return Err(Flow::Error(info));
                    }
                    self.report_error(&info);
                }
                Err(flow) => return Err(flow),
            }
        }
        Ok(())
    }

    /// Run one statement and set `$?`: false when it failed or wrote an error.
    pub(crate) fn exec_statement(
        &mut self,
        statement: &Statement,
        out: &mut dyn Output,
    ) -> Eval<()> {
        let outer = std::mem::replace(&mut self.statement_failed, false);
        let result = self.exec_statement_inner(statement, out);
        let failed = self.statement_failed || matches!(result, Err(Flow::Error(_)));
        self.statement_failed = outer || failed;
        if result.is_ok() || failed {
            self.set_status(!failed);
        }
        result
    }

    fn exec_statement_inner(&mut self, statement: &Statement, out: &mut dyn Output) -> Eval<()> {
        match &statement.kind {
            StatementKind::Pipeline(pipeline) => self.run_pipeline(pipeline, out),
            StatementKind::Chain { first, rest } => self.exec_chain(first, rest, out),
            StatementKind::Assignment { target, op, value } => {
                self.assign(target, *op, value)?;
                Ok(())
            }
            StatementKind::If { clauses, else_body } => {
                for (condition, body) in clauses {
                    if self.condition(condition)? {
                        return self.exec_block(body, out);
                    }
                }
                match else_body {
                    Some(body) => self.exec_block(body, out),
                    None => Ok(()),
                }
            }
            StatementKind::Foreach {
                label,
                variable,
                iterable,
                body,
            } => self.exec_foreach(label.as_deref(), variable, iterable, body, out),
            StatementKind::For {
                label,
                init,
                condition,
                iterator,
                body,
            } => {
                if let Some(init) = init {
                    self.exec_statement(init, &mut super::super::pipeline::Discard)?;
                }
                loop {
                    self.check_interrupt()?;
                    if let Some(condition) = condition
                        && !self.condition(condition)?
                    {
                        break;
                    }
                    if let LoopStep::Stop = self.loop_body(label.as_deref(), body, out)? {
                        break;
                    }
                    if let Some(iterator) = iterator {
                        self.exec_statement(iterator, &mut super::super::pipeline::Discard)?;
                    }
                }
                Ok(())
            }
            StatementKind::While {
                label,
                condition,
                body,
            } => {
                while self.condition(condition)? {
                    self.check_interrupt()?;
                    if let LoopStep::Stop = self.loop_body(label.as_deref(), body, out)? {
                        break;
                    }
                }
                Ok(())
            }
            StatementKind::Do {
                label,
                body,
                condition,
                until,
            } => {
                loop {
                    self.check_interrupt()?;
                    if let LoopStep::Stop = self.loop_body(label.as_deref(), body, out)? {
                        break;
                    }
                    if self.condition(condition)? == *until {
                        break;
                    }
                }
                Ok(())
            }
            StatementKind::Switch(switch) => self.exec_switch(switch, out),
            StatementKind::Break(label) => {
                let label = self.label(label.as_ref())?;
                Err(Flow::Break(label))
            }
            StatementKind::Continue(label) => {
                let label = self.label(label.as_ref())?;
                Err(Flow::Continue(label))
            }
            StatementKind::Return(value) => {
                if let Some(pipeline) = value {
                    self.run_pipeline(pipeline, out)?;
                }
                Err(Flow::Return)
            }
            StatementKind::Exit(value) => {
                let code = match value {
                    Some(pipeline) => {
                        let value = self.pipeline_value(pipeline)?;
                        convert::to_i64(&value).unwrap_or(0)
                    }
                    None => 0,
                };
                Err(Flow::Exit(i32::try_from(code).unwrap_or(i32::MAX)))
            }
            StatementKind::Throw(value) => {
                let value = match value {
                    Some(pipeline) => Some(self.pipeline_value(pipeline)?),
                    None => None,
                };
                Err(self.throw(value, statement.span))
            }
            StatementKind::Try {
                body,
                catches,
                finally,
            } => self.exec_try(body, catches, finally.as_deref(), out),
            StatementKind::Function {
                name,
                is_filter,
                body,
            } => {
                let def =
                    FunctionDef::new(name, body.clone(), *is_filter, self.current_source.clone());
                self.functions.insert(name.to_lowercase(), Rc::new(def));
                Ok(())
            }
        }
    }

    /// `a && b || c`: run each pipeline after the first only when the previous one succeeded
    /// (`&&`) or failed (`||`); a terminating error stops the chain.
    fn exec_chain(
        &mut self,
        first: &Pipeline,
        rest: &[(ChainOp, Pipeline)],
        out: &mut dyn Output,
    ) -> Eval<()> {
        let mut succeeded = self.pipeline_succeeded(first, out)?;
        for (op, pipeline) in rest {
            let wanted = match op {
                ChainOp::And => succeeded,
                ChainOp::Or => !succeeded,
            };
            if wanted {
                succeeded = self.pipeline_succeeded(pipeline, out)?;
            }
        }
        if !succeeded {
            self.set_status(false);
        }
        Ok(())
    }

    /// Run a pipeline; true when it wrote no error.
    fn pipeline_succeeded(&mut self, pipeline: &Pipeline, out: &mut dyn Output) -> Eval<bool> {
        let outer = std::mem::replace(&mut self.statement_failed, false);
        let result = self.run_pipeline(pipeline, out);
        let failed = self.statement_failed;
        self.statement_failed = outer;
        result?;
        Ok(!failed)
    }

    /// A condition's truth (`if (…)`, `while (…)`).
    pub(crate) fn condition(&mut self, pipeline: &Pipeline) -> Eval<bool> {
        let value = self.pipeline_value(pipeline)?;
        Ok(convert::to_bool(&value))
    }

    fn label(&mut self, label: Option<&Expr>) -> Eval<Option<String>> {
        match label {
            None => Ok(None),
            Some(expr) => {
                let value = self.eval(expr)?;
                Ok(Some(convert::to_string(&value, " ")))
            }
        }
    }

    /// Run a loop body once and interpret `break`/`continue` aimed at this loop.
    fn loop_body(
        &mut self,
        label: Option<&str>,
        body: &[Statement],
        out: &mut dyn Output,
    ) -> Eval<LoopStep> {
        match self.exec_block(body, out) {
            Ok(()) => Ok(LoopStep::Next),
            Err(Flow::Break(target)) if targets_this(target.as_deref(), label) => {
                Ok(LoopStep::Stop)
            }
            Err(Flow::Continue(target)) if targets_this(target.as_deref(), label) => {
                Ok(LoopStep::Next)
            }
            Err(flow) => Err(flow),
        }
    }

    fn exec_foreach(
        &mut self,
        label: Option<&str>,
        variable: &crate::syntax::ast::VariablePath,
        iterable: &Pipeline,
        body: &[Statement],
        out: &mut dyn Output,
    ) -> Eval<()> {
        // `foreach ($i in a..b)` counts without building the array.
        if let Some((start, end)) = self.integer_range(iterable)? {
            let step: i64 = if end >= start { 1 } else { -1 };
            let mut i = start;
            loop {
                self.check_interrupt()?;
                let value = match i32::try_from(i) {
                    Ok(small) => Value::Int(small),
                    Err(_) => Value::Long(i),
                };
                self.write_variable(variable, value, variable.span)?;
                if let LoopStep::Stop = self.loop_body(label, body, out)? {
                    break;
                }
                if i == end {
                    break;
                }
                i += step;
            }
            return Ok(());
        }
        let value = self.pipeline_value(iterable)?;
        let items = match value {
            Value::Null => Vec::new(),
            other => convert::enumerate(&other).unwrap_or_else(|| vec![other]),
        };
        for item in items {
            self.check_interrupt()?;
            self.write_variable(variable, item, variable.span)?;
            if let LoopStep::Stop = self.loop_body(label, body, out)? {
                break;
            }
        }
        Ok(())
    }

    /// `a..b` with integer ends, as the only thing in a pipeline.
    fn integer_range(&mut self, pipeline: &Pipeline) -> Eval<Option<(i64, i64)>> {
        let Some(expr) = single_expression(pipeline) else {
            return Ok(None);
        };
        let ExprKind::Binary {
            op: crate::syntax::ast::BinaryOp::Range,
            lhs,
            rhs,
        } = &expr.kind
        else {
            return Ok(None);
        };
        let start = self.eval(lhs)?;
        let end = self.eval(rhs)?;
        let as_int = |v: &Value| match v {
            Value::Int(n) => Some(i64::from(*n)),
            Value::Long(n) => Some(*n),
            Value::Byte(n) => Some(i64::from(*n)),
            _ => None,
        };
        match (as_int(&start), as_int(&end)) {
            (Some(a), Some(b)) => Ok(Some((a, b))),
            _ => {
                // Not integers: evaluate the general way (chars, strings, doubles).
                let _ = (start, end);
                Ok(None)
            }
        }
    }

    fn exec_switch(&mut self, switch: &SwitchStatement, out: &mut dyn Output) -> Eval<()> {
        let subject = self.pipeline_value(&switch.subject)?;
        let items = convert::enumerate(&subject).unwrap_or_else(|| vec![subject]);
        let saved = self.get_var("_");
        let result = self.switch_items(switch, items, out);
        self.set_var("_", saved);
        result
    }

    fn switch_items(
        &mut self,
        switch: &SwitchStatement,
        items: Vec<Value>,
        out: &mut dyn Output,
    ) -> Eval<()> {
        let label = switch.label.as_deref();
        'items: for item in items {
            self.set_var("_", item.clone());
            let mut matched = false;
            for clause in &switch.clauses {
                if !self.switch_matches(switch, &clause.pattern, &item)? {
                    continue;
                }
                matched = true;
                match self.exec_block(&clause.body, out) {
                    Ok(()) => {}
                    Err(Flow::Break(target)) if targets_this(target.as_deref(), label) => {
                        return Ok(());
                    }
                    Err(Flow::Continue(target)) if targets_this(target.as_deref(), label) => {
                        continue 'items;
                    }
                    Err(flow) => return Err(flow),
                }
            }
            if !matched && let Some(default) = &switch.default {
                match self.exec_block(default, out) {
                    Ok(()) => {}
                    Err(Flow::Break(target)) if targets_this(target.as_deref(), label) => {
                        return Ok(());
                    }
                    Err(Flow::Continue(target)) if targets_this(target.as_deref(), label) => {}
                    Err(flow) => return Err(flow),
                }
            }
        }
        Ok(())
    }

    fn switch_matches(
        &mut self,
        switch: &SwitchStatement,
        pattern: &Expr,
        item: &Value,
    ) -> Eval<bool> {
        if let ExprKind::ScriptBlock(block) = &pattern.kind {
            let block = self.block_value(block);
            let value = self.call_block_value(&block, Some(item.clone()), Vec::new(), false)?;
            return Ok(convert::to_bool(&value));
        }
        let pattern_value = self.eval(pattern)?;
        let case = switch.case_sensitive;
        let ofs = self.ofs();
        if switch.regex {
            let text_item = convert::to_string(item, &ofs);
            let pattern_text = convert::to_string(&pattern_value, &ofs);
            let mut matches = None;
            let found = compare::apply(
                crate::syntax::ast::CompareOp::Match,
                if case {
                    crate::syntax::ast::CaseMode::Sensitive
                } else {
                    crate::syntax::ast::CaseMode::Insensitive
                },
                &Value::str(text_item),
                &Value::str(pattern_text),
                &mut matches,
            )
            .map_err(|e| self.value_error(e, pattern.span))?;
            if let Some(matches) = matches {
                self.set_var("Matches", matches);
            }
            return Ok(convert::to_bool(&found));
        }
        if switch.wildcard {
            let text_item = convert::to_string(item, &ofs);
            let pattern_text = convert::to_string(&pattern_value, &ofs);
            return Ok(text::wildcard_match(&pattern_text, &text_item, case));
        }
        // Plain values: compared as PowerShell's switch does, through the item's string form
        // when the pattern is a string, else by -eq.
        if let Value::String(p) = &pattern_value {
            let text_item = convert::to_string(item, &ofs);
            return Ok(if case {
                text_item == **p
            } else {
                text_item.to_lowercase() == p.to_lowercase()
            });
        }
        Ok(compare::equals(item, &pattern_value, case))
    }
}

/// Does a `break`/`continue` with `target` label stop at a loop labelled `label`?
fn targets_this(target: Option<&str>, label: Option<&str>) -> bool {
    match target {
        None => true,
        Some(target) => label.is_some_and(|l| l.eq_ignore_ascii_case(target)),
    }
}

/// The expression of a pipeline that is just one expression with no redirection.
pub(crate) fn single_expression(pipeline: &Pipeline) -> Option<&Expr> {
    match pipeline.elements.as_slice() {
        [crate::syntax::ast::PipelineElement::Expression { expr, redirections }]
            if redirections.is_empty() =>
        {
            Some(expr)
        }
        _ => None,
    }
}

/// Expressions whose value is not written to the output when they stand alone as a statement:
/// `$i++`, `[void]…`.
pub(crate) fn is_silent_statement(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Unary { op, .. } => matches!(
            op,
            UnaryOp::PreIncrement
                | UnaryOp::PreDecrement
                | UnaryOp::PostIncrement
                | UnaryOp::PostDecrement
        ),
        ExprKind::Cast { type_name, .. } => {
            matches!(type_name, crate::syntax::ast::TypeName::Simple(n) if n.eq_ignore_ascii_case("void"))
        }
        _ => false,
    }
}

/// Collects output and turns it into a value.
pub(crate) fn collect(interp: &mut Interp, statements: &[Statement]) -> Eval<Vec<Value>> {
    let mut collector = Collector::default();
    interp.exec_block(statements, &mut collector)?;
    Ok(collector.0)
}
