//! L4 — the cmdlets, one per file, grouped by area.
