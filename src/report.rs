//! L5 — rendering diagnostics (parse, binding and runtime errors) with the script source.
