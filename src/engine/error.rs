//! L3 — runtime errors: what went wrong while running a script, at which span. Backend and
//! value errors carry no span; the evaluator attaches the call site here.

use miette::Diagnostic;
use thiserror::Error;

use crate::syntax::Span;
use crate::value::Value;

#[derive(Debug, Clone, Error, Diagnostic)]
pub enum RuntimeError {
    /// A command name that is no cmdlet, function, alias or script file.
    #[error(
        "The term '{name}' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again."
    )]
    #[diagnostic(code(mailsec::runtime::command_not_found))]
    CommandNotFound {
        name: String,
        #[label("not a command")]
        span: Span,
        /// "did you mean Write-Output?"
        #[help]
        help: Option<String>,
    },
    /// `-Name` is not a parameter of the command (nor a unique prefix of one).
    #[error("A parameter cannot be found that matches parameter name '{parameter}'.")]
    #[diagnostic(code(mailsec::bind::parameter_not_found))]
    ParameterNotFound {
        command: String,
        parameter: String,
        #[label("not a parameter of {command}")]
        span: Span,
        #[help]
        help: Option<String>,
    },
    /// Arguments could not be bound: a conversion failed, a mandatory parameter is missing,
    /// a prefix is ambiguous, too many positional arguments, parameter sets conflict.
    #[error("Cannot bind parameter '{parameter}' of {command}: {message}")]
    #[diagnostic(code(mailsec::bind::invalid_argument))]
    ParameterBinding {
        command: String,
        parameter: String,
        message: String,
        #[label("{label}")]
        span: Span,
        label: String,
        #[help]
        help: Option<String>,
    },
    /// A script `throw`, a `Write-Error` that stops, or a failed .NET-like operation. The error
    /// record is what `catch` sees as `$_`.
    #[error("{message}")]
    #[diagnostic(code(mailsec::runtime::exception))]
    Exception {
        message: String,
        /// Full .NET type name of the exception (`System.DivideByZeroException`).
        exception_type: String,
        /// The `ErrorRecord` (built when first needed when `None`).
        record: Option<Value>,
        /// True for `throw` and errors escalated by `-ErrorAction Stop`: they end the script
        /// unless caught. Other exceptions end only the statement they happen in.
        thrown: bool,
        #[label("{label}")]
        span: Span,
        label: String,
    },
    /// The user pressed Ctrl-C.
    #[error("The pipeline has been stopped.")]
    #[diagnostic(code(mailsec::runtime::stopped))]
    Stopped {
        #[label("stopped here")]
        span: Span,
    },
}

impl RuntimeError {
    /// A runtime exception of a given .NET type at `span`.
    pub fn exception(exception_type: &str, message: impl Into<String>, span: Span) -> RuntimeError {
        RuntimeError::Exception {
            message: message.into(),
            exception_type: exception_type.into(),
            record: None,
            thrown: false,
            span,
            label: "here".into(),
        }
    }

    /// True when the error ends the whole script unless caught (`throw`, `-ErrorAction Stop`).
    pub fn is_script_terminating(&self) -> bool {
        matches!(
            self,
            RuntimeError::Exception { thrown: true, .. } | RuntimeError::Stopped { .. }
        )
    }

    pub fn span(&self) -> Span {
        match self {
            RuntimeError::CommandNotFound { span, .. }
            | RuntimeError::ParameterNotFound { span, .. }
            | RuntimeError::ParameterBinding { span, .. }
            | RuntimeError::Exception { span, .. }
            | RuntimeError::Stopped { span } => *span,
        }
    }

    /// The .NET exception type a `catch [T]` matches this error against.
    pub fn exception_type(&self) -> &str {
        match self {
            RuntimeError::CommandNotFound { .. } => {
                "System.Management.Automation.CommandNotFoundException"
            }
            RuntimeError::ParameterNotFound { .. } | RuntimeError::ParameterBinding { .. } => {
                "System.Management.Automation.ParameterBindingException"
            }
            RuntimeError::Exception { exception_type, .. } => exception_type,
            RuntimeError::Stopped { .. } => "System.Management.Automation.PipelineStoppedException",
        }
    }
}
