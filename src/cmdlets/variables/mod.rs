//! L4 — the *-Variable cmdlets: get, set, create, remove and clear session variables.

pub mod clear_variable;
pub mod get_variable;
pub mod new_variable;
pub mod remove_variable;
pub mod set_variable;
