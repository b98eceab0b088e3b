//! L1 — reading the arguments of .NET-like method calls: as strings, integers, character
//! sets, with PowerShell's argument conversions and its overload error.

use super::{Value, ValueError, convert};

/// "Cannot find an overload for "Name" and the argument count: "N"."
pub fn overload(name: &str, count: usize) -> ValueError {
    ValueError::InvalidOperation {
        message: format!(
            "Cannot find an overload for \"{name}\" and the argument count: \"{count}\"."
        ),
    }
}

/// The arguments of one call.
pub struct Args<'a> {
    pub name: &'a str,
    pub values: &'a [Value],
}

impl<'a> Args<'a> {
    pub fn new(name: &'a str, values: &'a [Value]) -> Args<'a> {
        Args { name, values }
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Argument `i` (or `$null` when absent).
    pub fn get(&self, i: usize) -> Value {
        self.values.get(i).cloned().unwrap_or_default()
    }

    /// Argument `i` as a string ("" when absent or null).
    pub fn string(&self, i: usize) -> String {
        self.values
            .get(i)
            .map(|v| convert::to_string(v, " "))
            .unwrap_or_default()
    }

    /// Argument `i` as an integer (rounded), or the error PowerShell gives for it.
    pub fn int(&self, i: usize) -> Result<i64, ValueError> {
        match self.values.get(i) {
            Some(v) => convert::to_i64(v),
            None => Err(overload(self.name, self.values.len())),
        }
    }

    /// Argument `i` as a double.
    pub fn double(&self, i: usize) -> Result<f64, ValueError> {
        match self.values.get(i) {
            Some(v) => match convert::convert_to(v, &super::PsType::Double, " ")? {
                Value::Double(x) => Ok(x),
                _ => Err(overload(self.name, self.values.len())),
            },
            None => Err(overload(self.name, self.values.len())),
        }
    }

    /// All arguments as one set of characters (`Trim('x')`, `Trim('x', 'y')`, `[char[]]`).
    pub fn char_set(&self) -> Vec<char> {
        (0..self.values.len())
            .flat_map(|i| self.char_set_of(i))
            .collect()
    }

    /// Argument `i` as a set of characters.
    pub fn char_set_of(&self, i: usize) -> Vec<char> {
        fn chars(value: &Value, out: &mut Vec<char>) {
            match value {
                Value::Char(c) => out.push(*c),
                Value::Array(items) => {
                    for item in items.to_vec() {
                        chars(&item, out);
                    }
                }
                Value::Null => {}
                other => out.extend(convert::to_string(other, " ").chars()),
            }
        }
        let mut out = Vec::new();
        if let Some(value) = self.values.get(i) {
            chars(value, &mut out);
        }
        out
    }

    /// Fail unless the call has between `min` and `max` arguments.
    pub fn expect(&self, min: usize, max: usize) -> Result<(), ValueError> {
        if (min..=max).contains(&self.values.len()) {
            Ok(())
        } else {
            Err(overload(self.name, self.values.len()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_arguments() {
        let values = vec![Value::str("12"), Value::Char('x'), Value::str("ab")];
        let a = Args::new("M", &values);
        assert_eq!(a.int(0), Ok(12));
        assert_eq!(a.string(1), "x");
        assert_eq!(a.char_set(), vec!['1', '2', 'x', 'a', 'b']);
        assert!(a.int(5).is_err());
        assert!(a.expect(1, 2).is_err());
        assert_eq!(
            overload("Substring", 3).to_string(),
            "Cannot find an overload for \"Substring\" and the argument count: \"3\"."
        );
    }
}
