//! The one integration-test binary (linking is the slow part, so there is only one): golden
//! cases, the conformance corpus, the CLI, the REPL under a terminal, and CI consistency.

mod ci;
mod cli;
mod conformance;
mod golden;
mod repl;
mod support;
