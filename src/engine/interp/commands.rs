//! L3 — commands in pipelines: resolving names (functions, cmdlets, aliases, script files),
//! evaluating and binding arguments, and building the pipeline's stages.

use std::rc::Rc;

use crate::syntax::ast::{
    self, Command, CommandArg, CommandName, Invocation, Pipeline, PipelineElement,
};
use crate::syntax::{Source, Span};
use crate::value::{ScriptBlockValue, Value, convert};

use super::super::RuntimeError;
use super::super::bind::{self, Arg};
use super::super::cmdlet::Signature;
use super::super::flow::{Eval, Flow};
use super::super::pipeline::{CmdletStage, Output, PipelineItems, Stage, run_stages};
use super::super::suggest::closest;
use super::Interp;
use super::redirect::wrap_redirections;
use super::script_stage::ScriptStage;
use super::signature::signature_of;
use super::stmt::is_silent_statement;

/// A function defined by `function` / `filter`.
#[derive(Debug)]
pub struct FunctionDef {
    pub name: String,
    pub ast: Rc<ast::ScriptBlock>,
    pub is_filter: bool,
    pub signature: Rc<Signature>,
    pub source: Option<Source>,
}

impl FunctionDef {
    pub fn new(
        name: &str,
        ast: Rc<ast::ScriptBlock>,
        is_filter: bool,
        source: Option<Source>,
    ) -> FunctionDef {
        FunctionDef {
            name: name.to_string(),
            signature: Rc::new(signature_of(name, &ast)),
            ast,
            is_filter,
            source,
        }
    }
}

impl Interp {
    /// Run a pipeline, writing its output to `out`.
    pub(crate) fn run_pipeline(&mut self, pipeline: &Pipeline, out: &mut dyn Output) -> Eval<()> {
        if let [PipelineElement::Expression { expr, redirections }] = pipeline.elements.as_slice() {
            let value = self.eval(expr)?;
            if is_silent_statement(expr) {
                return Ok(());
            }
            if redirections.is_empty() {
                // A void method (`$list.Add(1)`) writes nothing.
                if value.is_null() && matches!(expr.kind, ast::ExprKind::MethodCall { .. }) {
                    return Ok(());
                }
                return emit_enumerated(self, value, out);
            }
            return self.redirect_value(value, redirections, out);
        }
        let mut stages: Vec<Box<dyn Stage>> = Vec::with_capacity(pipeline.elements.len());
        let mut input = None;
        for (index, element) in pipeline.elements.iter().enumerate() {
            match element {
                PipelineElement::Expression { expr, .. } if index == 0 => {
                    input = Some(self.pipeline_input(expr)?);
                }
                PipelineElement::Expression { expr, .. } => {
                    return Err(self.locate(RuntimeError::exception(
                        "System.Management.Automation.ParseException",
                        "Expressions are only allowed as the first element of a pipeline.",
                        expr.span,
                    )));
                }
                PipelineElement::Command(command) => {
                    let stage = self.command_stage(command, index > 0)?;
                    stages.push(wrap_redirections(stage, &command.redirections, self)?);
                }
            }
        }
        run_stages(self, &mut stages, input, out)
    }

    /// The objects a pipeline's first element (an expression) pipes in. An integer range
    /// counts as it goes instead of being built, as PowerShell's does.
    fn pipeline_input(&mut self, expr: &ast::Expr) -> Eval<PipelineItems> {
        if let ast::ExprKind::Binary {
            op: ast::BinaryOp::Range,
            lhs,
            rhs,
        } = &expr.kind
        {
            let start = self.eval(lhs)?;
            let end = self.eval(rhs)?;
            if let (Some(a), Some(b)) = (range_bound(&start), range_bound(&end)) {
                return Ok(if a <= b {
                    Box::new((a..=b).map(Value::Int))
                } else {
                    Box::new((b..=a).rev().map(Value::Int))
                });
            }
            let value = self.apply_binary(ast::BinaryOp::Range, &start, &end, expr)?;
            return Ok(Box::new(convert::items_of(&value).into_iter()));
        }
        let value = self.eval(expr)?;
        Ok(Box::new(
            convert::enumerate(&value)
                .unwrap_or_else(|| vec![value])
                .into_iter(),
        ))
    }

    /// Evaluate a command's arguments (splats expanded).
    fn eval_args(&mut self, args: &[CommandArg]) -> Eval<Vec<Arg>> {
        let mut out = Vec::with_capacity(args.len());
        for arg in args {
            match arg {
                CommandArg::Parameter { name, value, span } => {
                    let value = match value {
                        Some(expr) => Some(self.eval(expr)?),
                        None => None,
                    };
                    out.push(Arg::Named {
                        name: name.clone(),
                        value,
                        span: *span,
                    });
                }
                CommandArg::Value(expr) => {
                    let value = self.eval(expr)?;
                    out.push(Arg::Positional {
                        value,
                        span: expr.span,
                    });
                }
                CommandArg::Splat { name, span } => match self.read_variable(name) {
                    Value::Dict(dict) => {
                        for (key, value) in dict.pairs() {
                            out.push(Arg::Named {
                                name: convert::to_string(&key, " "),
                                value: Some(value),
                                span: *span,
                            });
                        }
                    }
                    other => {
                        let items = convert::enumerate(&other).unwrap_or_else(|| vec![other]);
                        out.extend(
                            items
                                .into_iter()
                                .map(|value| Arg::Positional { value, span: *span }),
                        );
                    }
                },
            }
        }
        Ok(out)
    }

    fn command_stage(&mut self, command: &Command, expecting_input: bool) -> Eval<Box<dyn Stage>> {
        let args = self.eval_args(&command.args)?;
        let dot_source = command.invocation == Invocation::DotSource;
        match &command.name {
            CommandName::Bare(name) => {
                let result =
                    self.named_stage(name, args, expecting_input, dot_source, command.span);
                // An unknown name is labelled at the name itself, not the whole command.
                match result {
                    Err(Flow::Error(mut info))
                        if matches!(info.error, RuntimeError::CommandNotFound { .. }) =>
                    {
                        if let RuntimeError::CommandNotFound { span, .. } = &mut info.error
                            && command.invocation == Invocation::Plain
                        {
                            *span =
                                Span::new(span.start as usize, span.start as usize + name.len());
                        }
                        Err(Flow::Error(info))
                    }
                    other => other,
                }
            }
            CommandName::Expr(expr) => match self.eval(expr)? {
                Value::ScriptBlock(block) => {
                    let signature = Rc::new(signature_of("<ScriptBlock>", &block.ast));
                    let stage = self.script_stage(
                        block,
                        signature,
                        false,
                        args,
                        expecting_input,
                        !dot_source,
                        command.span,
                    )?;
                    Ok(stage)
                }
                other => {
                    let name = convert::to_string(&other, " ");
                    self.named_stage(&name, args, expecting_input, dot_source, command.span)
                }
            },
        }
    }

    fn named_stage(
        &mut self,
        name: &str,
        args: Vec<Arg>,
        expecting_input: bool,
        dot_source: bool,
        span: Span,
    ) -> Eval<Box<dyn Stage>> {
        if let Some(function) = self.functions.get(&name.to_lowercase()).cloned() {
            let block = Rc::new(ScriptBlockValue {
                ast: function.ast.clone(),
                captured: None,
                source: function.source.clone(),
            });
            let stage = self.script_stage(
                block,
                function.signature.clone(),
                function.is_filter,
                args,
                expecting_input,
                !dot_source,
                span,
            )?;
            return Ok(stage);
        }
        if let Some(entry) = self.registry.get(name) {
            let bound = bind::bind(&entry.signature, args, expecting_input, span)
                .map_err(|e| self.locate(*e))?;
            return Ok(Box::new(CmdletStage {
                entry,
                args: bound,
                state: Vec::new(),
                span,
                expecting_input,
            }));
        }
        if name.to_ascii_lowercase().ends_with(".ps1") {
            return self.script_file_stage(name, args, expecting_input, dot_source, span);
        }
        Err(self.command_not_found(name, span))
    }

    fn command_not_found(&self, name: &str, span: Span) -> Flow {
        let mut candidates: Vec<String> = self.registry.names();
        candidates.extend(
            self.registry
                .alias_names()
                .into_iter()
                .map(|(alias, _)| alias),
        );
        candidates.extend(self.functions.values().map(|f| f.name.clone()));
        let help = closest(name, candidates.iter().map(String::as_str))
            .map(|c| format!("did you mean {c}?"));
        self.locate(RuntimeError::CommandNotFound {
            name: name.to_string(),
            span,
            help,
        })
    }

    fn script_file_stage(
        &mut self,
        path: &str,
        args: Vec<Arg>,
        expecting_input: bool,
        dot_source: bool,
        span: Span,
    ) -> Eval<Box<dyn Stage>> {
        let text = std::fs::read_to_string(path).map_err(|_| self.command_not_found(path, span))?;
        let source = Source::new(path, text);
        let ast = crate::syntax::parse(&source).map_err(|e| {
            self.locate(RuntimeError::exception(
                "System.Management.Automation.ParseException",
                e.to_string(),
                span,
            ))
        })?;
        let ast = Rc::new(ast);
        let signature = Rc::new(signature_of(path, &ast));
        let block = Rc::new(ScriptBlockValue {
            ast,
            captured: None,
            source: Some(source),
        });
        let mut stage = self.script_stage(
            block,
            signature,
            false,
            args,
            expecting_input,
            !dot_source,
            span,
        )?;
        stage.script_scope = !dot_source;
        Ok(stage)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn script_stage(
        &mut self,
        block: Rc<ScriptBlockValue>,
        signature: Rc<Signature>,
        is_filter: bool,
        args: Vec<Arg>,
        expecting_input: bool,
        new_scope: bool,
        span: Span,
    ) -> Eval<Box<ScriptStage>> {
        let bound =
            bind::bind(&signature, args, expecting_input, span).map_err(|e| self.locate(*e))?;
        Ok(Box::new(ScriptStage {
            block,
            signature,
            is_filter,
            args: bound,
            new_scope,
            script_scope: false,
            scope: None,
            buffer: Vec::new(),
            expecting_input,
            span,
        }))
    }
}

/// Write a value to an output, unrolling arrays.
pub(crate) fn emit_enumerated(interp: &mut Interp, value: Value, out: &mut dyn Output) -> Eval<()> {
    match convert::enumerate(&value) {
        Some(items) => {
            for item in items {
                out.emit(interp, item)?;
            }
            Ok(())
        }
        None => out.emit(interp, value),
    }
}

/// An integer end of a range (`1..1e9`: numbers, and strings of digits), or `None` for a
/// character range or a value to convert (and report) the general way.
fn range_bound(value: &Value) -> Option<i32> {
    match value {
        Value::Char(_) => None,
        Value::String(s) if !s.chars().next().is_some_and(|c| c.is_ascii_digit()) => None,
        other => convert::to_i64(other)
            .ok()
            .and_then(|n| i32::try_from(n).ok()),
    }
}
