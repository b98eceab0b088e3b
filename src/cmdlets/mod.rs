//! L4 — the cmdlets, one per file, grouped by area.

use crate::engine::Registry;

/// Register every built-in cmdlet and alias.
pub fn register_all(registry: &mut Registry) {
    let _ = registry;
}
