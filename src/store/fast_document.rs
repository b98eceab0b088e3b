//! L2 — the state file's fast YAML path offered to other documents (the desired-state document
//! of `apply`): read block-style YAML with any serde seed, or write any serializable value,
//! about ten times faster than serde_yaml on large documents. `None` means "not handled here":
//! the caller uses serde_yaml, which also reports errors with their line and column.

use serde::Serialize;
use serde::de::DeserializeSeed;

use super::fastyaml;

/// Deserialize `text` with `seed` on the fast path; `None` when it does not handle the text
/// (or the seed refused it: serde_yaml then says where and why).
pub fn read_fast<'de, S: DeserializeSeed<'de>>(text: &'de str, seed: S) -> Option<S::Value> {
    fastyaml::from_str(text, seed).ok()
}

/// `value` as block-style YAML in serde_yaml's layout, written on the fast path when it can,
/// else by serde_yaml.
pub fn write_yaml<T: Serialize>(value: &T) -> Result<String, serde_yaml::Error> {
    match fastyaml::to_string(value) {
        Ok(text) => Ok(text),
        Err(_) => serde_yaml::to_string(value),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn block_yaml_round_trips_on_the_fast_path() {
        let value: serde_json::Value =
            serde_json::json!({"Name": "A: b", "List": ["x", "*.y"], "Flag": true, "None": null});
        let text = write_yaml(&value).unwrap();
        let back: serde_json::Value = read_fast(&text, std::marker::PhantomData).unwrap();
        assert_eq!(back, value);
        assert!(
            read_fast::<std::marker::PhantomData<serde_json::Value>>(
                "[1, 2]",
                std::marker::PhantomData
            )
            .is_none()
        );
    }
}
