//! L3 — expandable strings: `"Hello $name, $(1 + 2)"`.

use crate::syntax::ast::StringPart;
use crate::value::convert;

use super::super::flow::Eval;
use super::Interp;
use super::stmt::collect;

impl Interp {
    /// The text of an expandable string: variables and subexpressions in their string form,
    /// collections joined by `$OFS`.
    pub(crate) fn expand(&mut self, parts: &[StringPart]) -> Eval<String> {
        let mut text = String::new();
        let mut ofs: Option<String> = None;
        for part in parts {
            match part {
                StringPart::Literal(literal) => text.push_str(literal),
                StringPart::Variable(path) => {
                    let value = self.read_variable(path);
                    let ofs = ofs.get_or_insert_with(|| self.ofs());
                    text.push_str(&convert::to_string(&value, ofs));
                }
                StringPart::Subexpression(statements) => {
                    let items = collect(self, statements)?;
                    let ofs = ofs.get_or_insert_with(|| self.ofs());
                    let value = match items.len() {
                        1 => items.into_iter().next().unwrap_or_default(),
                        _ => crate::value::Value::array(items),
                    };
                    text.push_str(&convert::to_string(&value, ofs));
                }
            }
        }
        Ok(text)
    }
}
