//! Integration tests for the apply issue (see the module's files).
