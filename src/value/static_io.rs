//! L1 — static members for the file system: `[System.IO.File]`, `[System.IO.Path]`,
//! `[System.IO.Directory]`.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::args::Args;
use super::object_methods::{bytes_of, decode, encode};
use super::{Array, PsType, Value, ValueError, builtin, convert};

fn full_path(path: &str) -> PathBuf {
    let p = Path::new(path);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| p.to_path_buf(), |cwd| cwd.join(p))
    }
}

/// Map an I/O error to the .NET exception a script would see.
fn io_error(path: &str, error: &std::io::Error) -> ValueError {
    let full = full_path(path).display().to_string();
    match error.kind() {
        std::io::ErrorKind::NotFound => {
            let parent_missing = full_path(path).parent().is_some_and(|p| !p.exists());
            if parent_missing {
                ValueError::DirectoryNotFound {
                    message: format!("Could not find a part of the path '{full}'."),
                }
            } else {
                ValueError::FileNotFound {
                    message: format!("Could not find file '{full}'."),
                }
            }
        }
        std::io::ErrorKind::PermissionDenied => ValueError::UnauthorizedAccess {
            message: format!("Access to the path '{full}' is denied."),
        },
        _ => ValueError::Io {
            message: format!("{error}: '{full}'"),
        },
    }
}

fn path_arg(a: &Args<'_>, i: usize) -> Result<String, ValueError> {
    match a.values.get(i) {
        None | Some(Value::Null) => Err(ValueError::ArgumentNull {
            parameter: "path".into(),
        }),
        Some(_) => {
            let path = a.string(i);
            if path.is_empty() {
                return Err(ValueError::Argument {
                    message: "The value cannot be an empty string. (Parameter 'path')".into(),
                });
            }
            super::drives::map_or_keep(&path)
                .map_err(|message| ValueError::DirectoryNotFound { message })
        }
    }
}

/// The encoding named by an optional argument (an encoding object), default UTF-8.
fn encoding_name(value: Option<&Value>) -> String {
    match value {
        Some(Value::Object(o)) => match o.get("WebName") {
            Some(Value::String(s)) => s.to_string(),
            _ => "utf-8".into(),
        },
        _ => "utf-8".into(),
    }
}

/// Text read from a file: a BOM decides the encoding, as .NET's readers do.
fn read_text(path: &str, encoding: Option<&Value>) -> Result<String, ValueError> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
    Ok(match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        [0xFF, 0xFE, rest @ ..] => decode("utf-16", rest),
        _ => decode(&encoding_name(encoding), &bytes),
    })
}

fn write(path: &str, bytes: &[u8], append: bool) -> Result<Value, ValueError> {
    let result = if append {
        use std::io::Write;
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes))
    } else {
        std::fs::write(path, bytes)
    };
    result.map_err(|e| io_error(path, &e))?;
    Ok(Value::Null)
}

/// `[System.IO.File]::Name(args)`.
pub fn file(name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let lines_text = |v: &Value| -> String {
        let mut text = convert::items_of(v)
            .iter()
            .map(|l| convert::to_string(l, " "))
            .collect::<Vec<_>>()
            .join("\n");
        text.push('\n');
        text
    };
    Some(match name.to_ascii_lowercase().as_str() {
        "exists" => Ok(Value::Bool(
            a.expect(1, 1).is_ok() && !a.get(0).is_null() && Path::new(&a.string(0)).is_file(),
        )),
        "readallbytes" => path_arg(&a, 0).and_then(|p| {
            std::fs::read(&p)
                .map(builtin::byte_array)
                .map_err(|e| io_error(&p, &e))
        }),
        "readalltext" => {
            path_arg(&a, 0).and_then(|p| read_text(&p, a.values.get(1)).map(Value::str))
        }
        "readalllines" => path_arg(&a, 0).and_then(|p| {
            let text = read_text(&p, a.values.get(1))?;
            Ok(builtin::string_array(
                text.lines().map(str::to_string).collect(),
            ))
        }),
        "writeallbytes" => path_arg(&a, 0).and_then(|p| write(&p, &bytes_of(&a.get(1))?, false)),
        "writealltext" | "appendalltext" => path_arg(&a, 0).and_then(|p| {
            let bytes = encode(&encoding_name(a.values.get(2)), &a.string(1));
            write(&p, &bytes, name.eq_ignore_ascii_case("appendalltext"))
        }),
        "writealllines" | "appendalllines" => path_arg(&a, 0).and_then(|p| {
            let bytes = encode(&encoding_name(a.values.get(2)), &lines_text(&a.get(1)));
            write(&p, &bytes, name.eq_ignore_ascii_case("appendalllines"))
        }),
        "delete" => path_arg(&a, 0).and_then(|p| match std::fs::remove_file(&p) {
            Ok(()) => Ok(Value::Null),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Value::Null),
            Err(e) => Err(io_error(&p, &e)),
        }),
        "copy" => a.expect(2, 3).and_then(|()| {
            let (from, to) = (path_arg(&a, 0)?, path_arg(&a, 1)?);
            let overwrite = a.values.get(2).is_some_and(convert::to_bool);
            if !overwrite && Path::new(&to).exists() {
                return Err(ValueError::Io {
                    message: format!("The file '{}' already exists.", full_path(&to).display()),
                });
            }
            std::fs::copy(&from, &to).map_err(|e| io_error(&from, &e))?;
            Ok(Value::Null)
        }),
        "move" => a.expect(2, 3).and_then(|()| {
            let (from, to) = (path_arg(&a, 0)?, path_arg(&a, 1)?);
            std::fs::rename(&from, &to).map_err(|e| io_error(&from, &e))?;
            Ok(Value::Null)
        }),
        _ => return None,
    })
}

/// `[System.IO.Directory]::Name(args)`.
pub fn directory(name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let list = |dirs: bool| -> Result<Value, ValueError> {
        let p = path_arg(&a, 0)?;
        let pattern = if a.len() > 1 { a.string(1) } else { "*".into() };
        let entries = std::fs::read_dir(&p).map_err(|e| io_error(&p, &e))?;
        let mut out: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir() == dirs)
            .filter(|e| {
                super::wildcard::is_match(&pattern, &e.file_name().to_string_lossy(), false)
            })
            .map(|e| Path::new(&p).join(e.file_name()).display().to_string())
            .collect();
        out.sort();
        Ok(builtin::string_array(out))
    };
    Some(match name.to_ascii_lowercase().as_str() {
        "exists" => Ok(Value::Bool(
            !a.get(0).is_null() && Path::new(&a.string(0)).is_dir(),
        )),
        "createdirectory" => path_arg(&a, 0).and_then(|p| {
            std::fs::create_dir_all(&p).map_err(|e| io_error(&p, &e))?;
            let full = full_path(&p).display().to_string();
            let leaf = Path::new(&full)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(builtin::typed(
                "System.IO.DirectoryInfo",
                vec![
                    ("Name", Value::str(leaf)),
                    ("FullName", Value::str(full.as_str())),
                    ("Exists", Value::Bool(true)),
                ],
                Some(full),
            ))
        }),
        "getfiles" => list(false),
        "getdirectories" => list(true),
        "getcurrentdirectory" => Ok(Value::str(
            std::env::current_dir()
                .map(|d| d.display().to_string())
                .unwrap_or_default(),
        )),
        "delete" => path_arg(&a, 0).and_then(|p| {
            let recursive = a.values.get(1).is_some_and(convert::to_bool);
            let result = if recursive {
                std::fs::remove_dir_all(&p)
            } else {
                std::fs::remove_dir(&p)
            };
            result.map(|()| Value::Null).map_err(|e| io_error(&p, &e))
        }),
        _ => return None,
    })
}

/// `[System.IO.Path]::Name(args)`.
pub fn path(name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let text = a.string(0);
    let file_name = || -> &str { text.rsplit(['/', '\\']).next().unwrap_or(&text) };
    let extension_at = |name: &str| name.rfind('.').filter(|i| *i + 1 < name.len() || *i > 0);
    Some(Ok(match name.to_ascii_lowercase().as_str() {
        "getfilename" => Value::str(file_name()),
        "getfilenamewithoutextension" => {
            let name = file_name();
            Value::str(match name.rfind('.') {
                Some(i) => &name[..i],
                None => name,
            })
        }
        "getextension" => {
            let name = file_name();
            Value::str(match extension_at(name) {
                Some(i) if i + 1 < name.len() => &name[i..],
                _ => "",
            })
        }
        "hasextension" => {
            let name = file_name();
            Value::Bool(extension_at(name).is_some_and(|i| i + 1 < name.len()))
        }
        "getdirectoryname" => match text.rfind(['/', '\\']) {
            Some(0) if text.len() > 1 => Value::str("/"),
            Some(0) => Value::Null,
            Some(i) => Value::str(&text[..i]),
            None => Value::str(""),
        },
        "changeextension" => {
            let name_len = file_name().len();
            let stem_end = match file_name().rfind('.') {
                Some(i) => text.len() - name_len + i,
                None => text.len(),
            };
            let ext = a.string(1);
            let ext = if ext.is_empty() || ext.starts_with('.') {
                ext
            } else {
                format!(".{ext}")
            };
            Value::str(format!("{}{ext}", &text[..stem_end]))
        }
        "combine" | "join" => {
            let parts: Vec<String> = args
                .iter()
                .flat_map(convert::items_of)
                .map(|p| convert::to_string(&p, " "))
                .collect();
            let mut out = String::new();
            for part in parts.iter().filter(|p| !p.is_empty()) {
                let rooted = part.starts_with('/') || part.starts_with('\\');
                if name.eq_ignore_ascii_case("combine") && rooted {
                    out = part.clone();
                } else if out.is_empty() || out.ends_with(['/', '\\']) {
                    out.push_str(part);
                } else {
                    out.push('/');
                    out.push_str(part);
                }
            }
            Value::str(out)
        }
        "gettemppath" => {
            let dir = std::env::var("TMPDIR").unwrap_or_else(|_| "/tmp/".into());
            Value::str(if dir.ends_with('/') {
                dir
            } else {
                format!("{dir}/")
            })
        }
        "getrandomfilename" => {
            let guid = convert::to_string(&builtin::new_guid(), " ").replace('-', "");
            Value::str(format!("{}.{}", &guid[..8], &guid[8..11]))
        }
        "ispathrooted" | "ispathfullyqualified" => Value::Bool(text.starts_with(['/', '\\'])),
        "getfullpath" => Value::str(normalize(&full_path(&text))),
        "getpathroot" => Value::str(if text.starts_with('/') { "/" } else { "" }),
        "getinvalidfilenamechars" => Value::Array(Rc::new(Array::fixed(
            PsType::Char,
            vec![Value::Char('\0'), Value::Char('/')],
        ))),
        _ => return None,
    }))
}

/// Remove `.` and `..` segments.
fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(result: Option<Result<Value, ValueError>>) -> String {
        match result {
            Some(Ok(v)) => convert::to_string(&v, ","),
            Some(Err(e)) => format!("error: {e}"),
            None => "<none>".into(),
        }
    }

    #[test]
    fn paths() {
        let p = |name: &str, args: Vec<Value>| text(path(name, &args));
        assert_eq!(p("GetFileName", vec![Value::str("/a/b/c.txt")]), "c.txt");
        assert_eq!(
            p(
                "GetFileNameWithoutExtension",
                vec![Value::str("/a/b/c.tar.gz")]
            ),
            "c.tar"
        );
        assert_eq!(p("GetExtension", vec![Value::str("/a/b/c.txt")]), ".txt");
        assert_eq!(p("GetExtension", vec![Value::str("/a/b/c")]), "");
        assert_eq!(
            p("GetDirectoryName", vec![Value::str("/a/b/c.txt")]),
            "/a/b"
        );
        assert_eq!(
            p(
                "Combine",
                vec![Value::str("/a"), Value::str("b"), Value::str("c.txt")]
            ),
            "/a/b/c.txt"
        );
        assert_eq!(p("Combine", vec![Value::str("/a"), Value::str("/b")]), "/b");
        assert_eq!(
            p(
                "ChangeExtension",
                vec![Value::str("x/a.txt"), Value::str("md")]
            ),
            "x/a.md"
        );
        assert!(p("GetTempPath", vec![]).ends_with('/'));
        assert_eq!(p("GetFullPath", vec![Value::str("/a/b/../c")]), "/a/c");
    }

    #[test]
    fn files_round_trip() {
        let dir = std::env::temp_dir().join(format!("mailsec-value-io-{}", std::process::id()));
        let dir_text = dir.display().to_string();
        assert_eq!(
            text(directory(
                "CreateDirectory",
                &[Value::str(dir_text.as_str())]
            )),
            dir_text
        );
        let file_path = dir.join("x.bin").display().to_string();
        let bytes = Value::array(vec![Value::Int(0), Value::Int(200), Value::Int(65)]);
        text(file(
            "WriteAllBytes",
            &[Value::str(file_path.as_str()), bytes],
        ));
        assert_eq!(
            text(file("ReadAllBytes", &[Value::str(file_path.as_str())])),
            "0,200,65"
        );
        assert_eq!(
            text(file("Exists", &[Value::str(file_path.as_str())])),
            "True"
        );
        text(file(
            "WriteAllText",
            &[Value::str(file_path.as_str()), Value::str("a\nb")],
        ));
        assert_eq!(
            text(file("ReadAllLines", &[Value::str(file_path.as_str())])),
            "a,b"
        );
        text(file(
            "AppendAllText",
            &[Value::str(file_path.as_str()), Value::str("c")],
        ));
        assert_eq!(
            text(file("ReadAllText", &[Value::str(file_path.as_str())])),
            "a\nbc"
        );
        text(file("Delete", &[Value::str(file_path.as_str())]));
        assert_eq!(
            text(file("Exists", &[Value::str(file_path.as_str())])),
            "False"
        );
        let missing = dir.join("missing.txt").display().to_string();
        let Some(Err(e)) = file("ReadAllText", &[Value::str(missing.as_str())]) else {
            panic!()
        };
        assert_eq!(e.exception_type(), "System.IO.FileNotFoundException");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
