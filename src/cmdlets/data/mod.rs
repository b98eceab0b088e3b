//! L4 — data conversion cmdlets: JSON both ways and `name=value` string data.

pub mod convertfrom_json;
pub mod convertfrom_stringdata;
pub mod convertto_json;
