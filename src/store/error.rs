//! L2 — errors of the configuration store: each names the file and says what to do about it.

use std::path::PathBuf;

use miette::Diagnostic;
use thiserror::Error;

/// Why the configuration store could not be read or changed. None of these leaves a state
/// file half-written: a failed `update` never touches the file.
#[derive(Debug, Clone, Error, Diagnostic, PartialEq)]
pub enum StoreError {
    /// The caller's change was rejected by its own checks (the caller reports why).
    #[error("the change was rejected")]
    #[diagnostic(code(mailsec::store::rejected))]
    Rejected,

    /// Reading, creating or replacing a file failed (permissions, a missing disk, a path that is
    /// a directory …). `message` says which step failed and the system's reason.
    #[error("configuration state '{}': {message}", .path.display())]
    #[diagnostic(
        code(mailsec::store::io),
        help(
            "check the path and its permissions, or choose another state file with --state PATH \
             or MAILSEC_STATE"
        )
    )]
    Io { path: PathBuf, message: String },

    /// The state file is not valid YAML, or not a mailsec state document (a wrong type, a value
    /// out of range, a missing `version:` key). The file is left as it is.
    #[error(
        "configuration state '{}' cannot be read: line {line}, column {column}: {message}",
        .path.display()
    )]
    #[diagnostic(
        code(mailsec::store::parse),
        help(
            "fix the file at that line, or move it aside to start from an empty configuration; \
             mailsec never overwrites a state file it cannot read"
        )
    )]
    Parse {
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        message: String,
    },

    /// The file was written by a newer mailsec (its `version:` is higher than this build knows).
    #[error(
        "configuration state '{}' has schema version {found}, but this mailsec reads only version \
         {supported} or older",
        .path.display()
    )]
    #[diagnostic(
        code(mailsec::store::newer_version),
        help("use the newer mailsec that wrote this file; it was left untouched")
    )]
    NewerVersion {
        path: PathBuf,
        found: u64,
        supported: u64,
    },

    /// The state could not be turned into YAML (a bug in the state's types, never bad input).
    #[error("configuration state '{}' cannot be written: {message}", .path.display())]
    #[diagnostic(code(mailsec::store::encode))]
    Encode { path: PathBuf, message: String },

    /// Another process held the state's lock for longer than the store waits.
    #[error(
        "timed out after {waited_secs} s waiting for the lock '{}': another mailsec process is \
         using this configuration state",
        .path.display()
    )]
    #[diagnostic(
        code(mailsec::store::lock_timeout),
        help(
            "wait for the other mailsec to finish and run the command again; the lock is released \
             when that process exits"
        )
    )]
    LockTimeout {
        /// The lock file (`<state>.lock`).
        path: PathBuf,
        /// How long the store waited.
        waited_secs: u64,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file_and_the_place() {
        let error = StoreError::Parse {
            path: PathBuf::from("/s/state.yaml"),
            line: 3,
            column: 7,
            message: "did not find expected key".into(),
        };
        assert_eq!(
            error.to_string(),
            "configuration state '/s/state.yaml' cannot be read: line 3, column 7: did not find \
             expected key"
        );
        let error = StoreError::NewerVersion {
            path: PathBuf::from("/s/state.yaml"),
            found: 2,
            supported: 1,
        };
        assert!(error.to_string().contains("schema version 2"));
        assert!(
            error
                .help()
                .is_some_and(|h| h.to_string().contains("untouched"))
        );
        let error = StoreError::LockTimeout {
            path: PathBuf::from("/s/state.yaml.lock"),
            waited_secs: 30,
        };
        assert!(error.to_string().contains("'/s/state.yaml.lock'"));
    }
}
