//! L3 — errors inside the evaluator: `throw`, `try/catch/finally`, error records (`$_` in a
//! catch), the error stream (non-terminating errors, warnings, verbose), `$Error`.

use std::rc::Rc;

use crate::syntax::Span;
use crate::syntax::ast::{CatchClause, Statement};
use crate::value::object::ERROR_RECORD;
use crate::value::{ObjectKind, PropertyBag, PsObject, PsType, Value, convert};

use super::super::RuntimeError;
use super::super::bind::{ActionPreference, BoundArgs};
use super::super::flow::{ErrorInfo, Eval, Flow};
use super::super::pipeline::Output;
use super::Interp;

const RUNTIME_EXCEPTION: &str = "System.Management.Automation.RuntimeException";

impl Interp {
    /// `throw`, `throw value`: a script-terminating error.
    pub(super) fn throw(&mut self, value: Option<Value>, span: Span) -> Flow {
        let (message, exception_type, record) = match value {
            None => match self.handling.last() {
                // A bare `throw` in a catch block rethrows the error being handled.
                Some(record) => {
                    let (message, ty) = record_exception(record);
                    (message, ty, Some(record.clone()))
                }
                None => (
                    "ScriptHalted".to_string(),
                    RUNTIME_EXCEPTION.to_string(),
                    None,
                ),
            },
            Some(Value::Object(object)) if object.kind == ObjectKind::ErrorRecord => {
                let record = Value::Object(object);
                let (message, ty) = record_exception(&record);
                (message, ty, Some(record))
            }
            Some(Value::Object(object)) if object.kind == ObjectKind::Exception => {
                let message = object
                    .get("Message")
                    .map(|m| convert::to_string(&m, " "))
                    .unwrap_or_default();
                let ty = object.type_name.to_string();
                let record = error_record(Value::Object(object), Value::Null, "", "NotSpecified");
                (message, ty, Some(record))
            }
            Some(other) => {
                let message = convert::to_string(&other, &self.ofs());
                let exception =
                    Value::Object(Rc::new(PsObject::exception(RUNTIME_EXCEPTION, &message)));
                let record = error_record(exception, other, &message, "OperationStopped");
                (message, RUNTIME_EXCEPTION.to_string(), Some(record))
            }
        };
        self.locate(RuntimeError::Exception {
            message,
            exception_type,
            record,
            thrown: true,
            span,
            label: "thrown here".into(),
        })
    }

    pub(super) fn exec_try(
        &mut self,
        body: &[Statement],
        catches: &[CatchClause],
        finally: Option<&[Statement]>,
        out: &mut dyn Output,
    ) -> Eval<()> {
        self.try_depth += 1;
        let outcome = self.exec_block(body, out);
        self.try_depth -= 1;
        let outcome = match outcome {
            Err(Flow::Error(info)) => match self.find_catch(catches, &info.error) {
                Some(clause) => {
                    let record = self.error_record_of(&info.error);
                    self.set_var("_", record.clone());
                    self.handling.push(record);
                    let result = self.exec_block(&clause.body, out);
                    self.handling.pop();
                    result
                }
                None => Err(Flow::Error(info)),
            },
            other => other,
        };
        match finally {
            Some(finally) => {
                self.exec_block(finally, out)?;
                outcome
            }
            None => outcome,
        }
    }

    fn find_catch<'c>(
        &self,
        catches: &'c [CatchClause],
        error: &RuntimeError,
    ) -> Option<&'c CatchClause> {
        let thrown: Vec<String> = exception_types(error);
        catches.iter().find(|clause| {
            clause.types.is_empty()
                || clause.types.iter().any(|ty| {
                    let Ok(wanted) = PsType::resolve(ty) else {
                        return false;
                    };
                    thrown.iter().any(|name| {
                        match PsType::resolve(&crate::syntax::ast::TypeName::Simple(name.clone())) {
                            Ok(thrown) => thrown.is_assignable_to(&wanted),
                            Err(_) => {
                                wanted.full_name() == "System.Exception"
                                    || wanted.full_name().eq_ignore_ascii_case(name)
                            }
                        }
                    })
                })
        })
    }

    /// The `ErrorRecord` a catch block sees for an error.
    pub(crate) fn error_record_of(&self, error: &RuntimeError) -> Value {
        if let RuntimeError::Exception {
            record: Some(record),
            ..
        } = error
        {
            return record.clone();
        }
        let message = error.to_string();
        let exception = Value::Object(Rc::new(PsObject::exception(
            error.exception_type(),
            &message,
        )));
        error_record(exception, Value::Null, &message, "NotSpecified")
    }

    /// Print an error that ended a statement and record it in `$Error`.
    pub(crate) fn report_error(&mut self, info: &ErrorInfo) {
        let record = self.error_record_of(&info.error);
        self.push_error(record);
        if self.discard_errors == 0 {
            let text = self.render_error(info);
            self.host.write_error(&text);
        }
    }

    fn push_error(&mut self, record: Value) {
        if let Value::Array(list) = self.get_var("Error") {
            list.items.borrow_mut().insert(0, record);
        }
    }

    /// A non-terminating error from a command (`Write-Error`, a cmdlet's per-item failure).
    pub(crate) fn write_error(
        &mut self,
        command: &str,
        message: &str,
        exception_type: &str,
        target: Value,
        args: &BoundArgs,
        span: Span,
    ) -> Eval<()> {
        let exception = Value::Object(Rc::new(PsObject::exception(exception_type, message)));
        let record = error_record(exception, target, message, "NotSpecified");
        if let Some(name) = &args.common.error_variable {
            self.set_var(name, record.clone());
        }
        self.set_status(false);
        match self.error_action(Some(args)) {
            ActionPreference::Stop => Err(self.locate(RuntimeError::Exception {
                message: message.to_string(),
                exception_type: exception_type.to_string(),
                record: Some(record),
                thrown: true,
                span,
                label: format!("{command} failed here"),
            })),
            ActionPreference::Ignore => Ok(()),
            ActionPreference::SilentlyContinue => {
                self.push_error(record);
                Ok(())
            }
            ActionPreference::Continue | ActionPreference::Inquire => {
                self.push_error(record);
                if self.discard_errors == 0 {
                    let info = ErrorInfo {
                        error: RuntimeError::Exception {
                            message: message.to_string(),
                            exception_type: exception_type.to_string(),
                            record: None,
                            thrown: false,
                            span,
                            label: format!("{command} reported this"),
                        },
                        source: self.current_source.clone(),
                    };
                    let text = self.render_error(&info);
                    self.host.write_error(&text);
                }
                Ok(())
            }
        }
    }

    pub(crate) fn write_warning(&mut self, message: &str, args: &BoundArgs) {
        let preference = args.common.warning_action.or_else(|| {
            ActionPreference::parse(&convert::to_string(&self.get_var("WarningPreference"), " "))
        });
        if matches!(
            preference,
            Some(ActionPreference::SilentlyContinue) | Some(ActionPreference::Ignore)
        ) {
            return;
        }
        self.host.write_error(&format!("WARNING: {message}\n"));
    }

    pub(crate) fn write_verbose(&mut self, message: &str, args: &BoundArgs) {
        let on = args.common.verbose.unwrap_or_else(|| {
            ActionPreference::parse(&convert::to_string(&self.get_var("VerbosePreference"), " "))
                == Some(ActionPreference::Continue)
        });
        if on {
            self.host.write_error(&format!("VERBOSE: {message}\n"));
        }
    }

    /// Run `f` with the error stream discarded (`2>$null`).
    pub(crate) fn with_errors_discarded<T>(&mut self, f: impl FnOnce(&mut Interp) -> T) -> T {
        self.discard_errors += 1;
        let result = f(self);
        self.discard_errors -= 1;
        result
    }
}

/// Build an `ErrorRecord` object.
pub(crate) fn error_record(
    exception: Value,
    target: Value,
    message: &str,
    category: &str,
) -> Value {
    let mut props = PropertyBag::new();
    props.set("Exception", exception);
    props.set("TargetObject", target);
    props.set(
        "CategoryInfo",
        Value::str(format!("{category}: ({message}) [], RuntimeException")),
    );
    props.set("FullyQualifiedErrorId", Value::str(message));
    props.set("ErrorDetails", Value::Null);
    props.set("InvocationInfo", Value::Null);
    props.set("ScriptStackTrace", Value::str(""));
    Value::Object(Rc::new(PsObject::new(
        ObjectKind::ErrorRecord,
        ERROR_RECORD,
        props,
    )))
}

/// The exception types a `catch` compares with: the error's own, then any inner exception's
/// (PowerShell matches a .NET method's exception through the MethodInvocationException).
fn exception_types(error: &RuntimeError) -> Vec<String> {
    let mut types = vec![error.exception_type().to_string()];
    if let RuntimeError::Exception {
        record: Some(Value::Object(record)),
        ..
    } = error
        && let Some(Value::Object(exception)) = record.get("Exception")
        && let Some(Value::Object(inner)) = exception.get("InnerException")
    {
        types.push(inner.type_name.to_string());
    }
    types
}

/// The message and exception type inside an error record.
fn record_exception(record: &Value) -> (String, String) {
    if let Value::Object(object) = record
        && let Some(Value::Object(exception)) = object.get("Exception")
    {
        let message = exception
            .get("Message")
            .map(|m| convert::to_string(&m, " "))
            .unwrap_or_default();
        return (message, exception.type_name.to_string());
    }
    (
        convert::to_string(record, " "),
        RUNTIME_EXCEPTION.to_string(),
    )
}
