//! L0 — lowering of scripts and script blocks: the body (param block, named blocks or plain
//! statements), parameter declarations, attributes, and `function` / `filter` definitions.

use std::rc::Rc;

use pest::iterators::Pair;

use super::{Lowerer, Result};
use crate::syntax::ast::{Attribute, ParamDecl, ScriptBlock, ScriptBody, Span, StatementKind};
use crate::syntax::grammar::Rule;

impl Lowerer<'_> {
    /// `script`: the whole source as one script block.
    pub(super) fn script(&self, pair: Pair<'_, Rule>) -> Result<ScriptBlock> {
        let span = Span::new(0, self.source.text.len());
        let body = pair
            .into_inner()
            .find(|p| p.as_rule() == Rule::script_body)
            .ok_or_else(|| self.error(span, "internal parser error: no script body", "here"))?;
        self.script_body(body, Rc::from(&*self.source.text), span)
    }

    /// `{ … }` as a script block; its text is what is between the braces.
    pub(super) fn script_block(&self, pair: Pair<'_, Rule>) -> Result<ScriptBlock> {
        let span = self.span(&pair);
        let raw = pair.as_str();
        let inner = raw
            .strip_prefix('{')
            .and_then(|s| s.strip_suffix('}'))
            .unwrap_or(raw);
        let body = self.next(&mut pair.into_inner(), span, "script block body")?;
        self.script_body(body, Rc::from(inner), span)
    }

    fn script_body(&self, pair: Pair<'_, Rule>, text: Rc<str>, span: Span) -> Result<ScriptBlock> {
        let mut attributes = Vec::new();
        let mut params = Vec::new();
        let mut body = ScriptBody::Statements(Vec::new());
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::param_block => (attributes, params) = self.param_block(child)?,
                Rule::named_blocks => body = self.named_blocks(child)?,
                Rule::statements => body = ScriptBody::Statements(self.statements(child)?),
                _ => return Err(self.unexpected(&child)),
            }
        }
        Ok(ScriptBlock {
            attributes,
            params,
            body,
            text,
            span,
        })
    }

    fn param_block(&self, pair: Pair<'_, Rule>) -> Result<(Vec<Attribute>, Vec<ParamDecl>)> {
        let mut attributes = Vec::new();
        let mut params = Vec::new();
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::attribute => attributes.push(self.attribute(child)?),
                Rule::param_list => params = self.param_list(child)?,
                Rule::kw_param => {}
                _ => return Err(self.unexpected(&child)),
            }
        }
        Ok((attributes, params))
    }

    pub(super) fn param_list(&self, pair: Pair<'_, Rule>) -> Result<Vec<ParamDecl>> {
        pair.into_inner()
            .map(|decl| self.param_decl(decl))
            .collect()
    }

    fn param_decl(&self, pair: Pair<'_, Rule>) -> Result<ParamDecl> {
        let span = self.span(&pair);
        let mut attributes = Vec::new();
        let mut type_name = None;
        let mut name = None;
        let mut default = None;
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::attribute => attributes.push(self.attribute(child)?),
                Rule::type_literal => type_name = Some(self.type_literal(child)?),
                Rule::variable => name = Some(self.variable(&child).name),
                Rule::expression_nc => default = Some(self.expression(child)?),
                _ => return Err(self.unexpected(&child)),
            }
        }
        let name = name.ok_or_else(|| self.error(span, "missing parameter name", "here"))?;
        Ok(ParamDecl {
            name,
            attributes,
            type_name,
            default,
            span,
        })
    }

    /// `[Parameter(Mandatory, Position = 0)]`, `[ValidateSet('a', 'b')]`.
    fn attribute(&self, pair: Pair<'_, Rule>) -> Result<Attribute> {
        let span = self.span(&pair);
        let mut children = pair.into_inner();
        let name = self.type_name(self.next(&mut children, span, "attribute name")?)?;
        let mut positional = Vec::new();
        let mut named = Vec::new();
        for child in children {
            match child.as_rule() {
                Rule::attribute_named => {
                    let mut parts = child.into_inner();
                    let key = self.next(&mut parts, span, "attribute argument name")?;
                    let value = parts.next().map(|v| self.expression(v)).transpose()?;
                    named.push((key.as_str().to_string(), value));
                }
                Rule::expression_nc => positional.push(self.expression(child)?),
                _ => return Err(self.unexpected(&child)),
            }
        }
        Ok(Attribute {
            name: name.to_string(),
            positional,
            named,
            span,
        })
    }

    fn named_blocks(&self, pair: Pair<'_, Rule>) -> Result<ScriptBody> {
        let (mut begin, mut process, mut end) = (None, None, None);
        for block in pair.into_inner() {
            let span = self.span(&block);
            let mut children = block.into_inner();
            let name = self.next(&mut children, span, "block name")?;
            let body = self.block(self.next(&mut children, span, "block")?)?;
            let slot = match name.as_str().to_ascii_lowercase().as_str() {
                "begin" => &mut begin,
                "process" => &mut process,
                _ => &mut end,
            };
            if slot.is_some() {
                return Err(self.error(
                    self.span(&name),
                    format!("duplicate '{}' block", name.as_str()),
                    "this block is already defined above",
                ));
            }
            *slot = Some(body);
        }
        Ok(ScriptBody::Named {
            begin,
            process,
            end,
        })
    }

    pub(super) fn function_statement(&self, pair: Pair<'_, Rule>) -> Result<StatementKind> {
        let span = self.span(&pair);
        let mut children = pair.into_inner();
        let keyword = self.next(&mut children, span, "function keyword")?;
        let name = self.next(&mut children, span, "function name")?;
        let mut outer_params = None;
        let mut body = None;
        for child in children {
            match child.as_rule() {
                Rule::function_params => {
                    let span = self.span(&child);
                    let list = self.next(&mut child.into_inner(), span, "parameters")?;
                    outer_params = Some((self.param_list(list)?, span));
                }
                Rule::script_block => body = Some(self.script_block(child)?),
                _ => return Err(self.unexpected(&child)),
            }
        }
        let mut body = body.ok_or_else(|| self.error(span, "missing function body", "here"))?;
        if let Some((params, params_span)) = outer_params {
            if !body.params.is_empty() {
                return Err(self.error(
                    params_span,
                    "a function cannot declare parameters both after its name and in a param block",
                    "parameters declared here",
                ));
            }
            body.params = params;
        }
        Ok(StatementKind::Function {
            name: name.as_str().to_string(),
            is_filter: keyword.as_rule() == Rule::kw_filter,
            body: Rc::new(body),
        })
    }
}
