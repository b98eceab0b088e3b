//! Integration tests for the directory issue (see the module's files).
