//! The one integration-test binary (linking is the slow part, so there is only one): golden
//! cases, the conformance corpus, cmdlet examples, the CLI, the REPL under a terminal, and CI
//! consistency.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod apply;
mod certs;
mod ci;
mod cli;
mod conformance;
mod directory;
mod examples;
mod exchange;
mod golden;
mod lint;
mod pki;
mod probe;
mod repl;
mod selfsigned;
mod servers;
mod store;
mod support;
