//! L3 — the cmdlet framework: what a cmdlet declares (signature, examples) and what it gets
//! while running (its bound arguments, the current pipeline object, a way to emit output).

use std::any::Any;

use crate::syntax::Span;
use crate::value::{PsType, Value};

use super::bind::BoundArgs;
use super::flow::Eval;
use super::interp::Interp;
use super::pipeline::Output;

/// A built-in command. One struct per cmdlet, in its own file under `cmdlets/`.
pub trait Cmdlet {
    /// Name, parameters, parameter sets: everything the binder and `Get-Help` need.
    fn signature(&self) -> Signature;

    /// Usage examples with their expected output; they run as tests and `Get-Help` prints them.
    fn examples(&self) -> Vec<Example> {
        Vec::new()
    }

    /// Once, before the first pipeline object.
    fn begin(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let _ = cx;
        Ok(())
    }

    /// Once per pipeline object (`cx.input()`), or once with no input when nothing is piped in.
    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()>;

    /// Once, after the last pipeline object.
    fn end(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let _ = cx;
        Ok(())
    }
}

/// `ConfirmImpact` of a command: `High` prompts unless `-Confirm:$false`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConfirmImpact {
    None,
    Low,
    Medium,
    High,
}

/// One example of a cmdlet's use: a command line and exactly what it prints.
#[derive(Debug, Clone)]
pub struct Example {
    pub description: &'static str,
    pub command: &'static str,
    pub output: &'static str,
}

impl Example {
    pub fn new(description: &'static str, command: &'static str, output: &'static str) -> Example {
        Example {
            description,
            command,
            output,
        }
    }
}

/// How a parameter takes pipeline input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PipelineInput {
    pub by_value: bool,
    pub by_property_name: bool,
}

/// One declared parameter.
#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub ty: PsType,
    pub position: Option<usize>,
    pub mandatory: bool,
    /// Parameter sets this parameter belongs to; empty means all sets.
    pub sets: Vec<String>,
    pub pipeline: PipelineInput,
    pub aliases: Vec<String>,
    /// Takes every positional argument left over (`ValueFromRemainingArguments`).
    pub remaining: bool,
    pub help: String,
    /// Accepted values (`ValidateSet`), matched case-insensitively.
    pub accepted: Vec<String>,
    /// The type help shows when it is not `ty` (a value the command converts itself, e.g.
    /// Exchange's `TlsAuthLevel` bound as an object).
    pub type_label: Option<String>,
}

impl Param {
    pub fn new(name: &str, ty: PsType) -> Param {
        Param {
            name: name.to_string(),
            ty,
            position: None,
            mandatory: false,
            sets: Vec::new(),
            pipeline: PipelineInput::default(),
            aliases: Vec::new(),
            remaining: false,
            help: String::new(),
            accepted: Vec::new(),
            type_label: None,
        }
    }

    /// A `[switch]` parameter.
    pub fn switch(name: &str) -> Param {
        Param::new(name, PsType::Switch)
    }

    pub fn position(mut self, position: usize) -> Param {
        self.position = Some(position);
        self
    }

    pub fn mandatory(mut self) -> Param {
        self.mandatory = true;
        self
    }

    pub fn set(mut self, set: &str) -> Param {
        self.sets.push(set.to_string());
        self
    }

    pub fn from_pipeline(mut self) -> Param {
        self.pipeline.by_value = true;
        self
    }

    pub fn from_pipeline_by_property_name(mut self) -> Param {
        self.pipeline.by_property_name = true;
        self
    }

    pub fn alias(mut self, alias: &str) -> Param {
        self.aliases.push(alias.to_string());
        self
    }

    pub fn remaining(mut self) -> Param {
        self.remaining = true;
        self
    }

    pub fn help(mut self, help: &str) -> Param {
        self.help = help.to_string();
        self
    }

    pub fn accepts(mut self, values: &[&str]) -> Param {
        self.accepted = values.iter().map(|v| v.to_string()).collect();
        self
    }

    /// Show this type name in help (the binder still passes the value unconverted).
    pub fn shown_as(mut self, type_name: &str) -> Param {
        self.type_label = Some(type_name.to_string());
        self
    }

    /// The type name help shows for this parameter.
    pub fn type_name(&self) -> String {
        self.type_label.clone().unwrap_or_else(|| self.ty.name())
    }

    pub fn is_switch(&self) -> bool {
        self.ty == PsType::Switch
    }

    pub fn in_set(&self, set: &str) -> bool {
        self.sets.is_empty() || self.sets.iter().any(|s| s.eq_ignore_ascii_case(set))
    }
}

/// A command's declaration.
#[derive(Debug, Clone)]
pub struct Signature {
    pub name: String,
    pub synopsis: String,
    pub params: Vec<Param>,
    pub default_set: Option<String>,
    /// Declares `-WhatIf` / `-Confirm`.
    pub supports_should_process: bool,
    /// How risky the command is: `High` asks for confirmation by default (Remove-*).
    pub confirm_impact: ConfirmImpact,
    /// Advanced (cmdlet-like) binding: unknown parameters are errors. Simple script functions
    /// instead collect unbound arguments in `$args`.
    pub strict: bool,
}

impl Signature {
    pub fn new(name: &str, synopsis: &str) -> Signature {
        Signature {
            name: name.to_string(),
            synopsis: synopsis.to_string(),
            params: Vec::new(),
            default_set: None,
            supports_should_process: false,
            confirm_impact: ConfirmImpact::Medium,
            strict: true,
        }
    }

    pub fn param(mut self, param: Param) -> Signature {
        self.params.push(param);
        self
    }

    pub fn default_set(mut self, set: &str) -> Signature {
        self.default_set = Some(set.to_string());
        self
    }

    pub fn should_process(mut self) -> Signature {
        self.supports_should_process = true;
        self
    }

    /// Declares `-WhatIf`/`-Confirm` and asks for confirmation by default, as Remove-* does.
    pub fn confirm_high(mut self) -> Signature {
        self.supports_should_process = true;
        self.confirm_impact = ConfirmImpact::High;
        self
    }

    /// Every parameter set named by some parameter (the default set first).
    pub fn sets(&self) -> Vec<String> {
        let mut sets: Vec<String> = self.default_set.iter().cloned().collect();
        for param in &self.params {
            for set in &param.sets {
                if !sets.iter().any(|s| s.eq_ignore_ascii_case(set)) {
                    sets.push(set.clone());
                }
            }
        }
        sets
    }

    pub fn find(&self, name: &str) -> Option<&Param> {
        self.params
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }
}

/// What a running cmdlet sees.
pub struct Context<'a, 'o> {
    pub interp: &'a mut Interp,
    pub args: &'a BoundArgs,
    pub(crate) input: Option<Value>,
    pub(crate) out: &'a mut (dyn Output + 'o),
    /// One value per state type the cmdlet uses (see [`Context::state`]).
    pub(crate) state: &'a mut Vec<Box<dyn Any>>,
    /// The command's span in the script (for errors).
    pub span: Span,
    /// True when something is piped into this command.
    pub expecting_input: bool,
}

impl Context<'_, '_> {
    /// The current pipeline object (`None` in begin/end, or when nothing is piped in).
    pub fn input(&self) -> Option<&Value> {
        self.input.as_ref()
    }

    /// Write one object to the next command.
    pub fn emit(&mut self, value: Value) -> Eval<()> {
        self.out.emit(self.interp, value)
    }

    /// Stop the commands before this one in its pipeline (`Select-Object -First` has all it
    /// wants): return the result with `?`, and the pipeline ends them without an error; this
    /// command and the ones after it still run their `end`. Outside a pipeline, does nothing.
    pub fn stop_upstream(&self) -> Eval<()> {
        match self.interp.current_stage() {
            Some(stage) => Err(super::flow::Flow::StopUpstream(stage)),
            None => Ok(()),
        }
    }

    /// Write a value, unrolling arrays into their elements as PowerShell's output does.
    pub fn emit_enumerated(&mut self, value: Value) -> Eval<()> {
        match crate::value::convert::enumerate(&value) {
            Some(items) => {
                for item in items {
                    self.out.emit(self.interp, item)?;
                }
                Ok(())
            }
            None => self.out.emit(self.interp, value),
        }
    }

    /// The cmdlet's own state across begin/process/end, created on first use.
    pub fn state<T: Default + 'static>(&mut self) -> &mut T {
        let index = match self.state.iter().position(|s| s.is::<T>()) {
            Some(index) => index,
            None => {
                self.state.push(Box::new(T::default()));
                self.state.len() - 1
            }
        };
        match self.state[index].downcast_mut::<T>() {
            Some(state) => state,
            // The entry at `index` was found (or just made) as a `T`.
            None => unreachable!("cmdlet state entry changed type"),
        }
    }

    /// Report a non-terminating error (honours `-ErrorAction` and `$ErrorActionPreference`).
    pub fn write_error(&mut self, message: &str, exception_type: &str, target: Value) -> Eval<()> {
        let command = self.command_name();
        self.interp.write_error(
            &command,
            message,
            exception_type,
            target,
            self.args,
            self.span,
        )
    }

    /// PowerShell's ShouldProcess: with `-WhatIf`, print `What if: <description>` and return
    /// false (change nothing). When confirmation is due (`-Confirm`, or a high-impact command
    /// without `-Confirm:$false`), ask at a terminal; without one, fail and say to pass
    /// `-Confirm:$false` (never a silent yes).
    pub fn should_process(&mut self, description: &str) -> Eval<bool> {
        let what_if = self.args.common.what_if
            || crate::value::convert::to_bool(&self.interp.get_var("WhatIfPreference"));
        if what_if {
            self.interp
                .host
                .write_information(&format!("What if: {description}\n"));
            return Ok(false);
        }
        let confirm = match self.args.common.confirm {
            Some(asked) => asked,
            None => self.confirm_impact() >= ConfirmImpact::High,
        };
        if !confirm {
            return Ok(true);
        }
        if !self.interp.host.is_interactive() {
            return Err(self.interp.locate(super::RuntimeError::exception(
                "System.Management.Automation.PSInvalidOperationException",
                format!(
                    "{description}: confirmation is required, but there is no terminal to ask. Pass -Confirm:$false to go ahead."
                ),
                self.span,
            )));
        }
        let prompt = format!(
            "Confirm\nAre you sure you want to perform this action?\n{description}\n[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [?] Help (default is \"Y\"): "
        );
        let answer = self.interp.host.read_line(&prompt).unwrap_or_default();
        Ok(matches!(
            answer.trim().to_ascii_lowercase().as_str(),
            "" | "y" | "yes" | "a"
        ))
    }

    fn confirm_impact(&self) -> ConfirmImpact {
        self.interp
            .command_signature(&self.args.command)
            .map(|sig| sig.confirm_impact)
            .unwrap_or(ConfirmImpact::Medium)
    }

    pub fn write_warning(&mut self, message: &str) {
        self.interp.write_warning(message, self.args);
    }

    pub fn write_verbose(&mut self, message: &str) {
        self.interp.write_verbose(message, self.args);
    }

    fn command_name(&self) -> String {
        self.args.command.clone()
    }
}
