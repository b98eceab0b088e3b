//! L1 — errors raised by value operations (conversions, arithmetic, method calls). They carry
//! no span: the evaluator attaches the call site. Each maps to the .NET exception type a
//! script's `catch [Type]` sees.

use thiserror::Error;

#[derive(Debug, Clone, Error, PartialEq)]
pub enum ValueError {
    /// A value could not be converted to the wanted type.
    #[error("Cannot convert value \"{value}\" to type \"{to}\". Error: \"{reason}\"")]
    InvalidCast {
        value: String,
        to: String,
        reason: String,
    },
    /// Integer or decimal division by zero.
    #[error("Attempted to divide by zero.")]
    DivideByZero,
    /// An operator was applied to operands it does not support.
    #[error("{message}")]
    InvalidOperation { message: String },
    /// A method exists but not with this many arguments, or an argument is unusable.
    #[error("{message}")]
    Argument { message: String },
    /// An argument was null where a value is required.
    #[error("Value cannot be null. (Parameter '{parameter}')")]
    ArgumentNull { parameter: String },
    /// No such method on the value's type.
    #[error(
        "Method invocation failed because [{type_name}] does not contain a method named '{method}'."
    )]
    MethodNotFound { type_name: String, method: String },
    /// An index outside the bounds of an array being assigned to.
    #[error("Index was outside the bounds of the array.")]
    IndexOutOfRange,
    /// A regular expression did not compile.
    #[error("The regular expression pattern {pattern} is not valid: {reason}")]
    BadRegex { pattern: String, reason: String },
    /// A type name that is not known.
    #[error("Unable to find type [{name}].")]
    TypeNotFound { name: String },
    /// A file system or other I/O failure inside a .NET-like static method.
    #[error("{message}")]
    Io { message: String },
    /// No conversion exists between the two types (`[int]@{}`).
    #[error("Cannot convert the \"{value}\" value of type \"{from}\" to type \"{to}\".")]
    NoConversion {
        value: String,
        from: String,
        to: String,
    },
    /// A .NET method threw: PowerShell wraps the inner exception's message.
    #[error("Exception calling \"{method}\" with \"{arg_count}\" argument(s): \"{message}\"")]
    MethodInvocation {
        method: String,
        arg_count: usize,
        message: String,
        /// The full .NET type of the exception the method threw.
        inner_type: String,
    },
    /// A composite format string or a number format is malformed.
    #[error("{message}")]
    Format { message: String },
    /// An index or count outside the valid range of a .NET method argument.
    #[error("{message}")]
    ArgumentOutOfRange { message: String },
    /// The operation is not supported by the object (`Add` on a fixed-size array).
    #[error("{message}")]
    NotSupported { message: String },
    /// An arithmetic result does not fit its type (decimal overflow, `[int]::Parse('9999999999')`).
    #[error("{message}")]
    Overflow { message: String },
    /// A file that does not exist (`[IO.File]::ReadAllText('nope')`).
    #[error("{message}")]
    FileNotFound { message: String },
    /// A directory in a path that does not exist.
    #[error("{message}")]
    DirectoryNotFound { message: String },
    /// The file system refused access.
    #[error("{message}")]
    UnauthorizedAccess { message: String },
    /// Assigning a property an object does not have.
    #[error(
        "The property '{name}' cannot be found on this object. Verify that the property exists and can be set."
    )]
    PropertyNotFound { name: String },
}

impl ValueError {
    /// The full .NET exception type name a `catch [T]` matches against.
    pub fn exception_type(&self) -> &'static str {
        match self {
            ValueError::InvalidCast { .. } => "System.Management.Automation.PSInvalidCastException",
            ValueError::DivideByZero => "System.DivideByZeroException",
            ValueError::InvalidOperation { .. } | ValueError::MethodNotFound { .. } => {
                "System.Management.Automation.RuntimeException"
            }
            ValueError::Argument { .. } | ValueError::BadRegex { .. } => "System.ArgumentException",
            ValueError::ArgumentNull { .. } => "System.ArgumentNullException",
            ValueError::IndexOutOfRange => "System.IndexOutOfRangeException",
            ValueError::TypeNotFound { .. } => "System.Management.Automation.RuntimeException",
            ValueError::Io { .. } => "System.IO.IOException",
            ValueError::NoConversion { .. } => {
                "System.Management.Automation.PSInvalidCastException"
            }
            ValueError::MethodInvocation { .. } => {
                "System.Management.Automation.MethodInvocationException"
            }
            ValueError::Format { .. } => "System.FormatException",
            ValueError::ArgumentOutOfRange { .. } => "System.ArgumentOutOfRangeException",
            ValueError::NotSupported { .. } => "System.NotSupportedException",
            ValueError::Overflow { .. } => "System.OverflowException",
            ValueError::PropertyNotFound { .. } => "System.Management.Automation.RuntimeException",
            ValueError::FileNotFound { .. } => "System.IO.FileNotFoundException",
            ValueError::DirectoryNotFound { .. } => "System.IO.DirectoryNotFoundException",
            ValueError::UnauthorizedAccess { .. } => "System.UnauthorizedAccessException",
        }
    }

    /// For a wrapped method exception, the type of the exception the method threw.
    pub fn inner_exception_type(&self) -> Option<&str> {
        match self {
            ValueError::MethodInvocation { inner_type, .. } => Some(inner_type),
            _ => None,
        }
    }

    /// The message of the exception itself (for a wrapped method exception, the inner one).
    pub fn inner_message(&self) -> String {
        match self {
            ValueError::MethodInvocation { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }
}
