//! The one integration-test binary (linking is the slow part, so there is only one): golden
//! cases, the conformance corpus, cmdlet examples, the CLI, the REPL under a terminal, and CI
//! consistency.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod certs;
mod ci;
mod cli;
mod conformance;
mod examples;
mod exchange;
mod golden;
mod lint;
mod pki;
mod repl;
mod selfsigned;
mod store;
mod support;
