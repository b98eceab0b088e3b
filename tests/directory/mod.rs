//! Integration tests for the directory issue: the directory layer against a real slapd, and the
//! cmdlets (Connect-Directory, Get-User, Set-Mailbox, Publish-SmimeCertificate,
//! Sync-UserCertificate) run as scripts.

mod api;
pub mod common;
mod connect;
mod faults;
mod harness;
mod publish;
mod sync;
