//! L3 — the command registry: built-in cmdlets and aliases, looked up case-insensitively.

use std::collections::HashMap;
use std::rc::Rc;

use super::cmdlet::{Cmdlet, Signature};

/// A registered cmdlet with its signature computed once.
pub struct CmdletEntry {
    pub cmdlet: Box<dyn Cmdlet>,
    pub signature: Rc<Signature>,
}

#[derive(Default)]
pub struct Registry {
    cmdlets: HashMap<String, Rc<CmdletEntry>>,
    aliases: HashMap<String, String>,
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    pub fn register(&mut self, cmdlet: Box<dyn Cmdlet>) {
        let signature = Rc::new(cmdlet.signature());
        self.cmdlets.insert(
            signature.name.to_lowercase(),
            Rc::new(CmdletEntry { cmdlet, signature }),
        );
    }

    pub fn alias(&mut self, alias: &str, target: &str) {
        self.aliases
            .insert(alias.to_lowercase(), target.to_string());
    }

    /// A cmdlet by name or alias.
    pub fn get(&self, name: &str) -> Option<Rc<CmdletEntry>> {
        let key = name.to_lowercase();
        self.cmdlets.get(&key).cloned().or_else(|| {
            self.aliases
                .get(&key)
                .and_then(|target| self.cmdlets.get(&target.to_lowercase()).cloned())
        })
    }

    /// Every cmdlet name (declared spelling), sorted.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .cmdlets
            .values()
            .map(|e| e.signature.name.clone())
            .collect();
        names.sort();
        names
    }

    pub fn alias_names(&self) -> Vec<(String, String)> {
        let mut aliases: Vec<(String, String)> = self
            .aliases
            .iter()
            .map(|(a, t)| (a.clone(), t.clone()))
            .collect();
        aliases.sort();
        aliases
    }

    pub fn entries(&self) -> impl Iterator<Item = &Rc<CmdletEntry>> {
        self.cmdlets.values()
    }
}
