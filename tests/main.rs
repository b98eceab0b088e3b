//! The one integration-test binary: golden cases, the conformance corpus, CLI behaviour.
