//! L2 — idempotent configuration: the desired-state document, canonical comparison with the
//! store, plans, apply in dependency order, and export of the store as a document.
