//! L1 — what is wrong with a parameter value or a configuration object: the parameter, the
//! offending value, and a message that says what is accepted.

use std::fmt;

/// One problem with one parameter: an argument that does not convert to the parameter's type,
/// a value out of range, or a combination of settings the rules forbid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The parameter (Exchange's name, e.g. `SenderDomains`).
    pub parameter: String,
    /// The offending value as text (empty when the problem is about a missing value).
    pub value: String,
    /// The whole message: what was wrong and what is accepted.
    pub message: String,
}

impl Problem {
    /// A problem with a free-form message.
    pub fn new(parameter: &str, value: &str, message: impl Into<String>) -> Problem {
        Problem {
            parameter: parameter.to_string(),
            value: value.to_string(),
            message: message.into(),
        }
    }

    /// An argument that does not convert to the parameter's type, in PowerShell's words:
    /// `Cannot process argument transformation on parameter 'P'. Cannot convert value "v" to
    /// type "T". Error: "reason"`.
    pub fn conversion(parameter: &str, value: &str, type_name: &str, reason: &str) -> Problem {
        Problem::new(
            parameter,
            value,
            format!(
                "Cannot process argument transformation on parameter '{parameter}'. Cannot convert value \"{value}\" to type \"{type_name}\". Error: \"{reason}\""
            ),
        )
    }

    /// A value outside the range the parameter accepts.
    pub fn out_of_range(parameter: &str, value: &str, accepted: &str) -> Problem {
        Problem::new(
            parameter,
            value,
            format!(
                "The value \"{value}\" of parameter '{parameter}' is out of range. Accepted: {accepted}."
            ),
        )
    }

    /// A parameter the object does not have.
    pub fn unknown_parameter(parameter: &str) -> Problem {
        Problem::new(
            parameter,
            "",
            format!("'{parameter}' is not a setting of this object."),
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}

/// Every problem of a list as one message, one per line.
pub fn describe_all(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.message.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversion_problems_read_like_powershell() {
        let problem = Problem::conversion("TlsSettings", "Domain", "TlsAuthLevel", "no such name");
        assert_eq!(
            problem.to_string(),
            "Cannot process argument transformation on parameter 'TlsSettings'. Cannot convert value \"Domain\" to type \"TlsAuthLevel\". Error: \"no such name\""
        );
        assert_eq!(problem.parameter, "TlsSettings");
        assert_eq!(problem.value, "Domain");
    }

    #[test]
    fn all_problems_are_listed_one_per_line() {
        let problems = vec![
            Problem::out_of_range("PasswordHistory", "51", "0 to 50"),
            Problem::unknown_parameter("Bogus"),
        ];
        let text = describe_all(&problems);
        assert_eq!(text.lines().count(), 2);
        assert!(text.contains("0 to 50"));
    }
}
