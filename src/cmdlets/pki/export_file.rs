//! L4 — what the certificate export cmdlets (Export-Certificate, Export-PfxCertificate) share:
//! the certificates piped in, kept until `end`, and the file they are written to (`-NoClobber`,
//! the written file as output, the error of a failed write).

use std::path::{Path, PathBuf};

use crate::engine::{Context, Eval};
use crate::pki::Certificate;
use crate::value::Value;

use super::inputs::given_certificates;
use super::stores::{file_value, resolve_file};

/// The certificates received so far, written in `end`.
#[derive(Default)]
struct Pending(Vec<Certificate>);

/// Keep the certificates this `process` call is given (piped, or `-Cert`) for `end`.
pub fn keep_certificates(cx: &mut Context<'_, '_>) -> Eval<()> {
    let certificates = given_certificates(cx, "Cert")?;
    cx.state::<Pending>().0.extend(certificates);
    Ok(())
}

/// The certificates [`keep_certificates`] kept (taken: a second call finds none); `None`
/// when there are none (nothing to write).
pub fn kept_certificates(cx: &mut Context<'_, '_>) -> Option<Vec<Certificate>> {
    let kept = std::mem::take(&mut cx.state::<Pending>().0);
    (!kept.is_empty()).then_some(kept)
}

/// The file `-FilePath` (`path`) names, or `None` after a non-terminating error: a drive that
/// is not mapped, or a file that exists already under `-NoClobber`.
pub fn output_file(cx: &mut Context<'_, '_>, path: &str) -> Eval<Option<PathBuf>> {
    let Some(file) = resolve_file(cx, path)? else {
        return Ok(None);
    };
    if file.exists() && cx.args.switch("NoClobber") {
        let message = format!("The file '{}' already exists.", file.display());
        cx.write_error(&message, "System.IO.IOException", Value::str(path))?;
        return Ok(None);
    }
    Ok(Some(file))
}

/// Output the file `written` wrote (`length` bytes), or the non-terminating error of its
/// failure (`path` as given is the error's target).
pub fn emit_written(
    cx: &mut Context<'_, '_>,
    file: &Path,
    path: &str,
    written: std::io::Result<()>,
    length: usize,
) -> Eval<()> {
    if let Err(error) = written {
        let message = format!("Cannot write '{}': {error}", file.display());
        return cx.write_error(&message, "System.IO.IOException", Value::str(path));
    }
    cx.emit(file_value(file, length))
}
