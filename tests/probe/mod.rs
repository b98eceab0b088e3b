//! Integration tests for the probe issue (see the module's files).
