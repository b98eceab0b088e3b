//! L2 — the desired-state document: what it declares (the S/MIME configuration, connectors,
//! mobile policies, certificates per Cert:\ store), and reading it. Every schema error names
//! the file, the line and the field and says what is accepted; the model's own parsers judge
//! each value, and nothing is read from the store (or any certificate file) to do it.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeSeed;

use super::doc_value::DocValue;
use super::kind::Kind;
use super::schema::DocumentSeed;

/// Whether a declared object should exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ensure {
    #[default]
    Present,
    Absent,
}

/// One declared object of a named collection (connector, mobile policy).
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectDecl {
    /// Its identity.
    pub name: String,
    pub ensure: Ensure,
    /// The declared (owned) properties, with the model's spelling, in document order.
    pub properties: Vec<(&'static str, DocValue)>,
}

/// A section of named objects: the objects, and whether undeclared ones are removed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    pub prune: bool,
    pub items: Vec<ObjectDecl>,
}

/// The declared S/MIME configuration (a singleton: no Ensure, no Prune).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SmimeDecl {
    /// The declared properties other than the CA collection.
    pub properties: Vec<(&'static str, DocValue)>,
    /// The CA collection (`SMIMECertificateIssuingCA`) when declared: certificate files,
    /// `Cert:\` paths or PEM text; empty to remove the collection.
    pub issuing_ca: Option<Vec<String>>,
}

/// Where a declared certificate comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum CertSource {
    /// A file (DER, PEM, P7B or SST; every certificate in it), relative to the document.
    FilePath(String),
    /// The DER in base64 (as `export` writes it).
    RawData(String),
    /// A certificate already in the store, by SHA-1 thumbprint (only with `Ensure: Absent`).
    Thumbprint(String),
}

/// One declared certificate of a Cert:\ store.
#[derive(Debug, Clone, PartialEq)]
pub struct CertDecl {
    pub source: CertSource,
    pub friendly_name: Option<String>,
    pub ensure: Ensure,
}

/// The declared certificates of one store (`LocalMachine\CA`). Declaring a custom store
/// (`LocalMachine\Lab`, even with no certificates) ensures it exists.
#[derive(Debug, Clone, PartialEq)]
pub struct CertSection {
    pub location: &'static str,
    /// A standard store's canonical name, or a custom store's name as the document writes it
    /// (the planner matches it with the state's stores ignoring case).
    pub store: &'static str,
    pub prune: bool,
    pub items: Vec<CertDecl>,
}

impl CertSection {
    /// `LocalMachine\CA`.
    pub fn store_path(&self) -> String {
        format!("{}\\{}", self.location, self.store)
    }
}

/// Where the users of a `Users` section live.
#[derive(Debug, Clone, PartialEq)]
pub enum DirectoryRef {
    /// A connection saved with `Connect-Directory -Name` (found in the state).
    Saved(String),
    /// The connection's settings, declared in the document (never a password: the password
    /// comes from the environment variable `PasswordVariable` names).
    Inline(crate::model::DirectoryConnection),
}

/// One user's published certificates: exactly these certificates (by DER hash) in the chosen
/// attributes; `Ensure: Absent` publishes none.
#[derive(Debug, Clone, PartialEq)]
pub struct UserDecl {
    /// Mail address, account name or DN.
    pub identity: String,
    pub ensure: Ensure,
    /// Certificate files, relative to the document.
    pub certificates: Vec<String>,
    /// `Both` (default), `UserCertificate` or `UserSMIMECertificate`.
    pub attribute: String,
}

/// The `Users` section: a directory and its users' published certificates.
#[derive(Debug, Clone, PartialEq)]
pub struct UsersSection {
    pub directory: DirectoryRef,
    pub items: Vec<UserDecl>,
}

/// A whole desired-state document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The file it was read from (relative certificate paths start from its directory).
    pub path: PathBuf,
    pub smime_config: Option<SmimeDecl>,
    pub inbound_connectors: Option<Section>,
    pub outbound_connectors: Option<Section>,
    pub mobile_policies: Option<Section>,
    pub certificates: Vec<CertSection>,
    pub users: Option<UsersSection>,
}

impl Document {
    /// The section of a named-object kind, when declared.
    pub fn section(&self, kind: Kind) -> Option<&Section> {
        match kind {
            Kind::InboundConnector => self.inbound_connectors.as_ref(),
            Kind::OutboundConnector => self.outbound_connectors.as_ref(),
            Kind::MobileDeviceMailboxPolicy => self.mobile_policies.as_ref(),
            Kind::CertificateStore | Kind::Certificate | Kind::SmimeConfig | Kind::User => None,
        }
    }

    /// The directory relative paths in the document start from.
    pub fn base_dir(&self) -> &Path {
        self.path.parent().unwrap_or_else(|| Path::new("."))
    }
}

/// A document that can't be read or does not follow the schema.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentError {
    pub path: PathBuf,
    /// 1-based; 0 when the file could not be read at all.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path.display(), self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                self.line,
                self.column,
                self.message
            )
        }
    }
}

impl std::error::Error for DocumentError {}

/// Read and check the document at `path`.
pub fn read(path: &Path) -> Result<Document, DocumentError> {
    let text = std::fs::read_to_string(path).map_err(|e| DocumentError {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message: format!("cannot read the desired-state document: {e}"),
    })?;
    parse(path, &text)
}

/// Check the document `text` (read from `path`).
pub fn parse(path: &Path, text: &str) -> Result<Document, DocumentError> {
    // The store's fast reader handles block-style YAML (what export writes) ten times faster;
    // serde_yaml reads everything else, and says where any error is.
    if let Some(mut document) = crate::store::fast_document::read_fast(text, DocumentSeed) {
        document.path = path.to_path_buf();
        return Ok(document);
    }
    let deserializer = serde_yaml::Deserializer::from_str(text);
    match DocumentSeed.deserialize(deserializer) {
        Ok(mut document) => {
            document.path = path.to_path_buf();
            Ok(document)
        }
        Err(error) => {
            let (line, column) = error
                .location()
                .map_or((1, 1), |at| (at.line(), at.column()));
            let message = error.to_string();
            let message = message
                .replacen(&format!(" at line {line} column {column}"), "", 1)
                .replacen(&format!("at line {line} column {column}: "), "", 1);
            Err(DocumentError {
                path: path.to_path_buf(),
                line,
                column,
                message,
            })
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Document, DocumentError> {
        parse(Path::new("desired.yaml"), text)
    }

    #[test]
    fn a_full_document_parses() {
        let text = "\
SmimeConfig:
  OWAAlwaysSign: true
  SMIMECertificateIssuingCA: [ca/root.cer, 'Cert:\\LocalMachine\\CA']
InboundConnectors:
  Prune: true
  Items:
    - Name: From Fabrikam
      SenderDomains: [fabrikam.com]
      RequireTls: true
    - Name: Old
      Ensure: Absent
OutboundConnectors:
  - Name: To Fabrikam
    RecipientDomains: fabrikam.com
Certificates:
  Cert:\\LocalMachine\\CA:
    - FilePath: ca/issuing.cer
      FriendlyName: Issuing
  currentuser\\my:
    Prune: true
    Items: []
";
        let document = parse_text(text).unwrap();
        let smime = document.smime_config.as_ref().unwrap();
        assert_eq!(smime.properties[0].0, "OWAAlwaysSign");
        assert_eq!(smime.issuing_ca.as_ref().unwrap().len(), 2);
        let inbound = document.inbound_connectors.as_ref().unwrap();
        assert!(inbound.prune);
        assert_eq!(inbound.items[1].ensure, Ensure::Absent);
        assert_eq!(inbound.items[0].properties.len(), 2);
        assert_eq!(
            document.outbound_connectors.as_ref().unwrap().items.len(),
            1
        );
        assert_eq!(document.certificates[0].store_path(), "LocalMachine\\CA");
        assert_eq!(document.certificates[1].store_path(), "CurrentUser\\My");
        assert!(document.certificates[1].prune);
        assert!(document.mobile_policies.is_none());
    }

    #[test]
    fn an_empty_document_declares_nothing() {
        assert_eq!(parse_text("").unwrap(), parse_text("# nothing\n").unwrap());
        assert!(parse_text("").unwrap().inbound_connectors.is_none());
    }

    #[test]
    fn unknown_fields_are_refused_with_line_and_suggestion() {
        let text =
            "InboundConnectors:\n  - Name: X\n    SenderDomains: a.com\n    RequireTsl: true\n";
        let error = parse_text(text).unwrap_err();
        assert_eq!(error.line, 4, "{error}");
        assert!(error.message.contains("'RequireTsl'"), "{error}");
        assert!(
            error.message.contains("Did you mean 'RequireTls'?"),
            "{error}"
        );
        assert!(error.message.contains("InboundConnectors[0]"), "{error}");
        let error = parse_text("InboundConnector: []\n").unwrap_err();
        assert!(
            error.message.contains("Did you mean 'InboundConnectors'?"),
            "{error}"
        );
        assert_eq!(error.line, 1);
        assert!(error.to_string().starts_with("desired.yaml:1:"), "{error}");
    }

    #[test]
    fn bad_values_are_judged_by_the_model() {
        let text = "InboundConnectors:\n  - Name: X\n    SenderDomains: ['domain.*.contoso.com']\n";
        let error = parse_text(text).unwrap_err();
        assert_eq!(error.line, 3, "{error}");
        assert!(error.message.contains("SenderDomains"), "{error}");
        assert!(error.message.contains("domain.*.contoso.com"), "{error}");
        let text = "OutboundConnectors:\n  - Name: Y\n    TlsSettings: Sometimes\n";
        let error = parse_text(text).unwrap_err();
        assert!(error.message.contains("DomainValidation"), "{error}");
        let error = parse_text("InboundConnectors:\n  - Ensure: Absent\n").unwrap_err();
        assert!(error.message.contains("Name"), "{error}");
        let error = parse_text("InboundConnectors:\n  - Name: A\n  - Name: a\n").unwrap_err();
        assert!(error.message.contains("twice"), "{error}");
        let error = parse_text("Certificates:\n  CurrentUser\\Nope: []\n").unwrap_err();
        assert!(error.message.contains("Root"), "{error}");
        let error = parse_text("InboundConnectors:\n  - Name: A\n    Ensure: Maybe\n").unwrap_err();
        assert!(error.message.contains("Present or Absent"), "{error}");
    }
}
