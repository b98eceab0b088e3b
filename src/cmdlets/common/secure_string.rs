//! L4 — the `System.Security.SecureString` value: an object with no properties whose text is
//! kept outside the value (in a per-thread table keyed by the object's identity), so no display,
//! `ConvertTo-Json`, error or `$Error` entry can show it. Cmdlets that take a password read it
//! back with [`secure_string_text`]; ConvertTo-SecureString, Read-Host -AsSecureString and
//! Get-Credential make them.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use crate::value::object::ObjectKind;
use crate::value::{PropertyBag, PsObject, Value};

/// The .NET type name (and the display) of a secure string.
pub use crate::value::static_new::SECURE_STRING;

/// A secret's bytes, overwritten with zeros when dropped.
struct Secret(Vec<u8>);

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.fill(0);
    }
}

thread_local! {
    /// Each live secure string object and its text.
    static SECRETS: RefCell<Vec<(Weak<PsObject>, Secret)>> = const { RefCell::new(Vec::new()) };
}

/// A new `SecureString` value holding `text` (for cmdlets such as `Read-Host -AsSecureString`
/// or `Get-Credential`).
pub fn secure_string(text: &str) -> Value {
    let mut object = PsObject::new(ObjectKind::Typed, SECURE_STRING, PropertyBag::new());
    object.display = Some(SECURE_STRING.into());
    let object = Rc::new(object);
    SECRETS.with(|secrets| {
        let mut secrets = secrets.borrow_mut();
        secrets.retain(|(owner, _)| owner.strong_count() > 0);
        secrets.push((Rc::downgrade(&object), Secret(text.as_bytes().to_vec())));
    });
    Value::Object(object)
}

/// The text of a `SecureString` value made by [`secure_string`]; `None` for anything else
/// (a plain string included: a password must come as a SecureString).
pub fn secure_string_text(value: &Value) -> Option<String> {
    let Value::Object(object) = value else {
        return None;
    };
    SECRETS.with(|secrets| {
        secrets
            .borrow()
            .iter()
            .find(|(owner, _)| std::ptr::eq(owner.as_ptr(), Rc::as_ptr(object)))
            .map(|(_, secret)| String::from_utf8_lossy(&secret.0).into_owned())
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_text_comes_back_only_from_the_same_object() {
        let value = secure_string("hunter2");
        let copy = value.clone();
        assert_eq!(secure_string_text(&copy).as_deref(), Some("hunter2"));
        assert_eq!(secure_string_text(&Value::str("hunter2")), None);
        let other = secure_string("other");
        assert_eq!(secure_string_text(&other).as_deref(), Some("other"));
        let shown = crate::value::convert::to_string(&value, " ");
        assert_eq!(shown, SECURE_STRING);
        assert!(!format!("{value:?}").contains("hunter2"));
    }

    #[test]
    fn dropped_secrets_are_forgotten() {
        let value = secure_string("gone");
        drop(value);
        let _kept = secure_string("kept");
        SECRETS.with(|secrets| {
            assert!(
                secrets
                    .borrow()
                    .iter()
                    .all(|(_, secret)| secret.0 != b"gone")
            );
        });
    }
}
