//! L4 — Test-Path: whether paths exist (of a kind: `-PathType Leaf|Container`), or are
//! syntactically valid (`-IsValid`). File-system paths and the Cert: drive (locations and
//! stores are containers, certificates leaves).

use std::path::Path;

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value};

use super::super::common::paths::{expand, is_provider_path, resolve};
use super::super::common::{arg_strings, argument_error, has_wildcard, string_array};
use super::super::pki::cert_path::{self, CertPath};
use super::super::pki::stores::load_certificates;

/// `Test-Path [-Path] <String[]> [-PathType Any|Container|Leaf] [-IsValid]`
pub struct TestPath;

impl Cmdlet for TestPath {
    fn signature(&self) -> Signature {
        Signature::new(
            "Test-Path",
            "Determines whether all elements of a path exist.",
        )
        .default_set("Path")
        .param(
            Param::new("Path", string_array())
                .position(0)
                .mandatory()
                .set("Path")
                .from_pipeline()
                .from_pipeline_by_property_name()
                .help("The paths to test; wildcards are permitted."),
        )
        .param(
            Param::new("LiteralPath", string_array())
                .mandatory()
                .set("LiteralPath")
                .alias("PSPath")
                .alias("LP")
                .from_pipeline_by_property_name()
                .help("The paths to test, taken literally."),
        )
        .param(
            Param::new("PathType", PsType::String)
                .alias("Type")
                .accepts(&["Any", "Container", "Leaf"])
                .help("What the path must be: a file (Leaf), a directory (Container) or either."),
        )
        .param(Param::switch("IsValid").help("Tests only whether the path is well formed."))
        .param(Param::new("Filter", PsType::String))
        .param(Param::new("Include", string_array()))
        .param(Param::new("Exclude", string_array()))
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "A directory exists",
                "Test-Path /tmp -PathType Container",
                "True\n",
            ),
            Example::new(
                "A file that does not exist",
                "Test-Path /tmp/mailsec-no-such-file.txt",
                "False\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let literal = cx.args.contains("LiteralPath");
        let paths = if literal {
            arg_strings(cx, "LiteralPath")
        } else {
            arg_strings(cx, "Path")
        };
        let kind = cx.args.string("PathType").unwrap_or_else(|| "Any".into());
        for path in paths {
            if path.is_empty() {
                return Err(argument_error(
                    cx,
                    "Cannot bind argument to parameter 'Path' because it is an empty string.",
                ));
            }
            let result = if cx.args.switch("IsValid") {
                !path.contains('\0')
            } else if let Some(cert) = cert_path::resolve(&path) {
                cert_exists(cx, &cert, &kind)?
            } else if is_provider_path(&path) {
                false
            } else if literal || !has_wildcard(&path) {
                is_kind(&resolve(&path), &kind)
            } else {
                expand(&path).iter().any(|p| is_kind(p, &kind))
            };
            cx.emit(Value::Bool(result))?;
        }
        Ok(())
    }
}

/// Does the Cert: path name a location, store (containers) or certificate (a leaf) that is
/// there?
fn cert_exists(cx: &Context<'_, '_>, path: &str, kind: &str) -> Eval<bool> {
    let leaf = kind.eq_ignore_ascii_case("Leaf");
    let container = kind.eq_ignore_ascii_case("Container");
    Ok(match cert_path::parse_known(cx, path)? {
        Err(_) => false,
        Ok(CertPath::Certificate(location, store, thumbprint)) => {
            !container
                && load_certificates(cx)?.iter().any(|c| {
                    c.is_in(location, store) && c.thumbprint.eq_ignore_ascii_case(&thumbprint)
                })
        }
        Ok(_) => !leaf,
    })
}

fn is_kind(path: &Path, kind: &str) -> bool {
    match kind.to_ascii_lowercase().as_str() {
        "container" => path.is_dir(),
        "leaf" => path.is_file(),
        _ => path.exists(),
    }
}
