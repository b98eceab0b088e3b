//! L3 — variable scopes: global, script, and one per function / script-block invocation,
//! looked up dynamically (innermost first) as PowerShell does.

use std::collections::HashMap;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::value::{PsType, Value};

/// One variable: its value and, for `[int]$x = …` or typed parameters, the type every
/// assignment converts to.
#[derive(Debug, Clone)]
pub struct Variable {
    pub value: Value,
    pub constraint: Option<PsType>,
}

/// The variables of one scope, keyed by lower-case name.
#[derive(Debug, Default)]
pub struct Scope {
    /// FxHash: variable names are short and hashed on every access, and not attacker-chosen
    /// in a way that matters for a local shell.
    pub vars: FxHashMap<Rc<str>, Variable>,
}

/// The stack of scopes: index 0 is global; `script` is the current script's scope.
#[derive(Debug)]
pub struct Scopes {
    stack: Vec<Scope>,
    script: Vec<usize>,
}

impl Default for Scopes {
    fn default() -> Self {
        Scopes::new()
    }
}

impl Scopes {
    pub fn new() -> Scopes {
        Scopes {
            stack: vec![Scope::default()],
            script: vec![0],
        }
    }

    pub fn push(&mut self) {
        self.stack.push(Scope::default());
    }

    pub fn pop(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
        while self.script.last().is_some_and(|&i| i >= self.stack.len()) {
            self.script.pop();
        }
    }

    /// Push an existing scope (a pipeline stage's own scope, resumed for its next phase).
    pub fn push_scope(&mut self, scope: Scope) {
        self.stack.push(scope);
    }

    /// Pop the innermost scope and hand it back (to be resumed later by `push_scope`).
    pub fn pop_scope(&mut self) -> Scope {
        let scope = if self.stack.len() > 1 {
            self.stack.pop().unwrap_or_default()
        } else {
            Scope::default()
        };
        while self.script.last().is_some_and(|&i| i >= self.stack.len()) {
            self.script.pop();
        }
        scope
    }

    /// Mark the innermost scope as the current script's scope.
    pub fn mark_script(&mut self) {
        self.script.push(self.stack.len() - 1);
    }

    /// Push a scope that is the script scope of a script being run.
    pub fn push_script(&mut self) {
        self.push();
        self.script.push(self.stack.len() - 1);
    }

    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    pub fn local_index(&self) -> usize {
        self.stack.len() - 1
    }

    pub fn script_index(&self) -> usize {
        self.script.last().copied().unwrap_or(0)
    }

    /// Dynamic lookup: innermost scope first.
    pub fn lookup(&self, key: &str) -> Option<&Variable> {
        self.stack
            .iter()
            .rev()
            .find_map(|scope| scope.vars.get(key))
    }

    pub fn lookup_in(&self, index: usize, key: &str) -> Option<&Variable> {
        self.stack.get(index).and_then(|scope| scope.vars.get(key))
    }

    pub fn lookup_mut_in(&mut self, index: usize, key: &str) -> Option<&mut Variable> {
        self.stack
            .get_mut(index)
            .and_then(|scope| scope.vars.get_mut(key))
    }

    /// Set a variable in scope `index` keeping its type constraint (the caller converts).
    pub fn set_in(&mut self, index: usize, key: &Rc<str>, value: Value) {
        if let Some(scope) = self.stack.get_mut(index) {
            match scope.vars.get_mut(key) {
                Some(var) => var.value = value,
                None => {
                    scope.vars.insert(
                        key.clone(),
                        Variable {
                            value,
                            constraint: None,
                        },
                    );
                }
            }
        }
    }

    /// Define (or redefine) a variable with a constraint in scope `index`.
    pub fn define_in(&mut self, index: usize, key: Rc<str>, variable: Variable) {
        if let Some(scope) = self.stack.get_mut(index) {
            scope.vars.insert(key, variable);
        }
    }

    pub fn remove_in(&mut self, index: usize, key: &str) -> Option<Variable> {
        self.stack
            .get_mut(index)
            .and_then(|scope| scope.vars.remove(key))
    }

    /// All variables visible from the local scope (inner shadows outer), for closures.
    pub fn visible(&self) -> Vec<(Rc<str>, Variable)> {
        let mut seen: HashMap<Rc<str>, Variable> = HashMap::new();
        for scope in self.stack.iter() {
            for (key, var) in &scope.vars {
                seen.insert(key.clone(), var.clone());
            }
        }
        seen.into_iter().collect()
    }

    /// The local scope's own variables.
    pub fn locals(&self) -> Vec<(Rc<str>, Variable)> {
        self.stack
            .last()
            .map(|scope| {
                scope
                    .vars
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }
}
