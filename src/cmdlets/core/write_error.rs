//! L4 — Write-Error: writes a non-terminating error (which `-ErrorAction Stop` or
//! `$ErrorActionPreference = 'Stop'` turns into a terminating one).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{ObjectKind, PsType, Value, convert};

use super::super::common::named_type;

/// The exception type of errors written by Write-Error without `-Exception`.
const WRITE_ERROR_EXCEPTION: &str = "Microsoft.PowerShell.Commands.WriteErrorException";

/// The error categories `-Category` accepts.
const CATEGORIES: &[&str] = &[
    "NotSpecified",
    "OpenError",
    "CloseError",
    "DeviceError",
    "DeadlockDetected",
    "InvalidArgument",
    "InvalidData",
    "InvalidOperation",
    "InvalidResult",
    "InvalidType",
    "MetadataError",
    "NotImplemented",
    "NotInstalled",
    "ObjectNotFound",
    "OperationStopped",
    "OperationTimeout",
    "SyntaxError",
    "ParserError",
    "PermissionDenied",
    "ResourceBusy",
    "ResourceExists",
    "ResourceUnavailable",
    "ReadError",
    "WriteError",
    "FromStdErr",
    "SecurityError",
    "ProtocolError",
    "ConnectionError",
    "AuthenticationError",
    "LimitsExceeded",
    "QuotaExceeded",
    "NotEnabled",
];

/// `Write-Error [-Message] <String> [-Category …] [-ErrorId …] [-TargetObject …]`, or with
/// `-Exception` / `-ErrorRecord`.
pub struct WriteError;

impl Cmdlet for WriteError {
    fn signature(&self) -> Signature {
        Signature::new("Write-Error", "Writes an object to the error stream.")
            .default_set("NoException")
            .param(
                Param::new("Exception", named_type("System.Exception"))
                    .mandatory()
                    .set("WithException")
                    .help("The exception that represents the error."),
            )
            .param(
                Param::new(
                    "ErrorRecord",
                    named_type("System.Management.Automation.ErrorRecord"),
                )
                .mandatory()
                .set("ErrorRecord")
                .help("An error record that represents the error."),
            )
            .param(
                Param::new("Message", PsType::String)
                    .position(0)
                    .from_pipeline()
                    .alias("Msg")
                    .set("NoException")
                    .set("WithException")
                    .help("The message text of the error."),
            )
            .param(in_sets(
                Param::new("Category", PsType::String).accepts(CATEGORIES),
            ))
            .param(in_sets(Param::new("ErrorId", PsType::String)))
            .param(in_sets(Param::new("TargetObject", PsType::Object)))
            .param(Param::new("RecommendedAction", PsType::String))
            .param(Param::new("CategoryActivity", PsType::String).alias("Activity"))
            .param(Param::new("CategoryReason", PsType::String).alias("Reason"))
            .param(Param::new("CategoryTargetName", PsType::String).alias("TargetName"))
            .param(Param::new("CategoryTargetType", PsType::String).alias("TargetType"))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Stop on the error and catch it",
                "try { Write-Error 'bad thing' -ErrorAction Stop } catch { \"caught: $($_.Exception.Message)\" }",
                "caught: bad thing\n",
            ),
            Example::new(
                "Silence an error",
                "Write-Error 'ignored' -ErrorAction SilentlyContinue; 'still running'",
                "still running\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let target = cx.args.get("TargetObject").cloned().unwrap_or_default();
        let (mut message, exception_type) =
            match (cx.args.get("Exception"), cx.args.get("ErrorRecord")) {
                (Some(exception), _) => exception_parts(exception),
                (None, Some(record)) => match record {
                    Value::Object(object) => match object.get("Exception") {
                        Some(exception) => exception_parts(&exception),
                        None => (
                            convert::to_string(record, " "),
                            WRITE_ERROR_EXCEPTION.to_string(),
                        ),
                    },
                    other => (
                        convert::to_string(other, " "),
                        WRITE_ERROR_EXCEPTION.to_string(),
                    ),
                },
                (None, None) => (String::new(), WRITE_ERROR_EXCEPTION.to_string()),
            };
        if let Some(text) = cx.args.string("Message") {
            message = text;
        }
        cx.write_error(&message, &exception_type, target)
    }
}

/// A parameter of the message sets (not of `-ErrorRecord`).
fn in_sets(param: Param) -> Param {
    param.set("NoException").set("WithException")
}

/// The message and type of an exception object (or of any value used as one).
fn exception_parts(exception: &Value) -> (String, String) {
    match exception {
        Value::Object(object) if object.kind == ObjectKind::Exception => (
            object
                .get("Message")
                .map(|m| convert::to_string(&m, " "))
                .unwrap_or_default(),
            object.type_name.to_string(),
        ),
        other => (
            convert::to_string(other, " "),
            "System.Exception".to_string(),
        ),
    }
}
