//! L3 — commands in pipelines: resolving names (functions, cmdlets, aliases, script files),
//! evaluating and binding arguments, redirections, and running user functions and script
//! blocks as pipeline stages with begin/process/end.

use std::rc::Rc;

use crate::syntax::ast::{
    self, Command, CommandArg, CommandName, Invocation, Pipeline, PipelineElement, RedirectStream,
    RedirectTarget, Redirection, ScriptBody, Statement,
};
use crate::syntax::{Source, Span};
use crate::value::{Dict, PropertyBag, PsObject, ScriptBlockValue, Value, convert};

use super::super::RuntimeError;
use super::super::bind::{self, Arg, BoundArgs};
use super::super::cmdlet::Signature;
use super::super::flow::{Eval, Flow};
use super::super::pipeline::{CmdletStage, Collector, Discard, Output, Stage, run_stages};
use super::super::scope::{Scope, Variable};
use super::super::suggest::closest;
use super::Interp;
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
                    let value = self.eval(expr)?;
                    input = Some(convert::enumerate(&value).unwrap_or_else(|| vec![value]));
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

    fn redirect_value(
        &mut self,
        value: Value,
        redirections: &[Redirection],
        out: &mut dyn Output,
    ) -> Eval<()> {
        let mut target = OutputTarget::Pass;
        for redirection in redirections {
            if let Some(t) = self.output_target(redirection)? {
                target = t;
            }
        }
        match target {
            OutputTarget::Pass => emit_enumerated(self, value, out),
            OutputTarget::Discard => Ok(()),
            OutputTarget::File { path, append } => {
                let items = convert::enumerate(&value).unwrap_or_else(|| vec![value]);
                self.write_file(&path, append, &items)
            }
        }
    }

    /// Where a redirection sends the success stream (`None` for other streams).
    fn output_target(&mut self, redirection: &Redirection) -> Eval<Option<OutputTarget>> {
        if !matches!(
            redirection.stream,
            RedirectStream::Output | RedirectStream::All
        ) {
            return Ok(None);
        }
        match &redirection.target {
            RedirectTarget::Merge(_) => Ok(None),
            RedirectTarget::File(expr) => {
                let value = self.eval(expr)?;
                if value.is_null() {
                    return Ok(Some(OutputTarget::Discard));
                }
                Ok(Some(OutputTarget::File {
                    path: convert::to_string(&value, " "),
                    append: redirection.append,
                }))
            }
        }
    }

    /// `> file`: the objects rendered as the console would show them.
    pub(crate) fn write_file(&mut self, path: &str, append: bool, items: &[Value]) -> Eval<()> {
        let mut writer = (self.writer_factory)();
        let mut text = String::new();
        for item in items {
            writer.push(item, &mut text);
        }
        writer.finish(&mut text);
        let result = if append {
            use std::io::Write;
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .and_then(|mut f| f.write_all(text.as_bytes()))
        } else {
            std::fs::write(path, text)
        };
        result.map_err(|e| {
            self.locate(RuntimeError::exception(
                "System.IO.IOException",
                format!("Could not write '{path}': {e}"),
                Span::default(),
            ))
        })
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
    fn script_stage(
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

enum OutputTarget {
    Pass,
    Discard,
    File { path: String, append: bool },
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

/// A user function or script block running as a pipeline stage. It owns its scope between
/// phases so that stages of one pipeline don't see each other's variables.
pub(crate) struct ScriptStage {
    block: Rc<ScriptBlockValue>,
    signature: Rc<Signature>,
    is_filter: bool,
    args: BoundArgs,
    new_scope: bool,
    script_scope: bool,
    scope: Option<Scope>,
    buffer: Vec<Value>,
    expecting_input: bool,
    span: Span,
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

/// Apply a command's redirections: output to `$null`/a file, errors discarded.
fn wrap_redirections(
    stage: Box<dyn Stage>,
    redirections: &[Redirection],
    interp: &mut Interp,
) -> Eval<Box<dyn Stage>> {
    if redirections.is_empty() {
        return Ok(stage);
    }
    let mut output = OutputTarget::Pass;
    let mut discard_errors = false;
    for redirection in redirections {
        if matches!(
            redirection.stream,
            RedirectStream::Error | RedirectStream::All
        ) && matches!(&redirection.target, RedirectTarget::File(expr) if matches!(&expr.kind, ast::ExprKind::Variable(v) if v.key.as_ref() == "null"))
        {
            discard_errors = true;
        }
        if let Some(target) = interp.output_target(redirection)? {
            output = target;
        }
    }
    Ok(Box::new(Redirected {
        inner: stage,
        output,
        discard_errors,
        collected: Vec::new(),
    }))
}

/// A stage whose output and/or errors are redirected.
struct Redirected {
    inner: Box<dyn Stage>,
    output: OutputTarget,
    discard_errors: bool,
    collected: Vec<Value>,
}

impl Redirected {
    fn run(
        &mut self,
        interp: &mut Interp,
        out: &mut dyn Output,
        f: impl FnOnce(&mut dyn Stage, &mut Interp, &mut dyn Output) -> Eval<()>,
    ) -> Eval<()> {
        let discard = self.discard_errors;
        let inner = self.inner.as_mut();
        let run = |interp: &mut Interp| -> Eval<()> {
            match &self.output {
                OutputTarget::Pass => f(inner, interp, out),
                OutputTarget::Discard => f(inner, interp, &mut Discard),
                OutputTarget::File { .. } => {
                    let mut collector = Collector::default();
                    let result = f(inner, interp, &mut collector);
                    self.collected.append(&mut collector.0);
                    result
                }
            }
        };
        if discard {
            interp.with_errors_discarded(run)
        } else {
            run(interp)
        }
    }
}

impl Stage for Redirected {
    fn begin(&mut self, interp: &mut Interp, out: &mut dyn Output) -> Eval<()> {
        self.run(interp, out, |stage, interp, out| stage.begin(interp, out))
    }

    fn process(
        &mut self,
        interp: &mut Interp,
        input: Option<Value>,
        out: &mut dyn Output,
    ) -> Eval<()> {
        self.run(interp, out, |stage, interp, out| {
            stage.process(interp, input, out)
        })
    }

    fn end(&mut self, interp: &mut Interp, out: &mut dyn Output) -> Eval<()> {
        self.run(interp, out, |stage, interp, out| stage.end(interp, out))?;
        if let OutputTarget::File { path, append } = &self.output {
            let items = std::mem::take(&mut self.collected);
            let (path, append) = (path.clone(), *append);
            interp.write_file(&path, append, &items)?;
        }
        Ok(())
    }
}
