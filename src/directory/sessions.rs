//! L1 — the directory connections a shell session has open, by name, and which one is current
//! (the last connected). Per thread, like the session's drives: a session runs on one thread,
//! and a new session starts with none.

use std::cell::RefCell;
use std::rc::Rc;

use super::connection::Directory;

/// The name of a connection opened without `-Name`.
pub const DEFAULT_NAME: &str = "Default";

thread_local! {
    static OPEN: RefCell<Vec<(String, Rc<Directory>)>> = const { RefCell::new(Vec::new()) };
}

/// Keep `directory` open under `name` (replacing one of that name) and make it current.
pub fn open(name: &str, directory: Directory) -> Rc<Directory> {
    let shared = Rc::new(directory);
    OPEN.with(|open| {
        let mut open = open.borrow_mut();
        open.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        open.push((name.to_string(), shared.clone()));
    });
    shared
}

/// The connection named `name`, or the current one when `name` is `None`.
pub fn get(name: Option<&str>) -> Option<Rc<Directory>> {
    OPEN.with(|open| {
        let open = open.borrow();
        match name {
            Some(name) => open
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, d)| d.clone()),
            None => open.last().map(|(_, d)| d.clone()),
        }
    })
}

/// Close the connection named `name` (the current one when `None`); its name, or `None` when
/// there was no such connection.
pub fn close(name: Option<&str>) -> Option<String> {
    let removed = OPEN.with(|open| {
        let mut open = open.borrow_mut();
        let index = match name {
            Some(name) => open
                .iter()
                .position(|(n, _)| n.eq_ignore_ascii_case(name))?,
            None => open.len().checked_sub(1)?,
        };
        Some(open.remove(index))
    })?;
    let (name, directory) = removed;
    if let Ok(directory) = Rc::try_unwrap(directory) {
        directory.close();
    }
    Some(name)
}

/// The names of the open connections, oldest first.
pub fn names() -> Vec<String> {
    OPEN.with(|open| open.borrow().iter().map(|(n, _)| n.clone()).collect())
}

/// Close every connection (a new session starts with none).
pub fn clear() {
    while close(None).is_some() {}
}
