//! L0 — the pest parser derived from `grammar/mailsec.pest`.

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/mailsec.pest"]
pub(crate) struct MailsecParser;

#[cfg(test)]
mod tests {
    use super::*;
    use pest::Parser;

    #[test]
    fn corpus_parses_with_pest() {
        let dir = std::path::Path::new("/work/shared/conformance/lang");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut failures = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "ps1") {
                let text = std::fs::read_to_string(&path).unwrap();
                if let Err(e) = MailsecParser::parse(Rule::script, &text) {
                    failures.push(format!("{}: {e}", path.display()));
                }
            }
        }
        for f in &failures {
            println!("{f}");
        }
        assert!(failures.is_empty(), "{} failures", failures.len());
    }
}

#[cfg(test)]
mod debug_dump {
    use super::*;
    use pest::Parser;
    fn dump(p: pest::iterators::Pair<Rule>, indent: usize, out: &mut String) {
        let inner: Vec<_> = p.clone().into_inner().collect();
        if inner.is_empty() {
            out.push_str(&format!(
                "{}{:?} {:?}\n",
                " ".repeat(indent),
                p.as_rule(),
                p.as_str()
            ));
        } else {
            out.push_str(&format!("{}{:?}\n", " ".repeat(indent), p.as_rule()));
            for c in inner {
                dump(c, indent + 2, out);
            }
        }
    }
    #[test]
    fn dump_input() {
        let Ok(text) = std::env::var("DUMP") else {
            return;
        };
        match MailsecParser::parse(Rule::script, &text) {
            Ok(pairs) => {
                let mut s = String::new();
                for p in pairs {
                    dump(p, 0, &mut s);
                }
                println!("{s}");
            }
            Err(e) => println!("ERR {e:?}"),
        }
    }
}

#[cfg(test)]
mod timing_probe {
    #[test]
    fn timing() {
        let Ok(which) = std::env::var("TIME_CASE") else { return };
        let size = 5 * 1024 * 1024;
        let text = match which.as_str() {
            "file" => std::fs::read_to_string(std::env::var("TIME_FILE").unwrap()).unwrap(),
            "sq" => format!("$s = '{}'", "x".repeat(size)),
            "comment" => format!("1 # {}", "y".repeat(size)),
            "word" => format!("Write-Output {}", "z".repeat(size)),
            "dq" => format!("\"{}\"", "x".repeat(size)),
            "tokens" => vec!["$a + 1"; 50_000].join("; "),
            "lines20" => vec!["$a + 1"; 20_000].join("\n"),
            "cmds" => vec!["Write-Output $a -Name 1"; 20_000].join("\n"),
            _ => format!("$s = '{}", "x".repeat(size)),
        };
        let t = std::time::Instant::now();
        let _ = crate::syntax::nesting::scan(&text, 200);
        println!("scan {:?}", t.elapsed());
        for _ in 0..5 {
            let t = std::time::Instant::now();
            let r = <super::MailsecParser as pest::Parser<super::Rule>>::parse(super::Rule::script, &text);
            println!("pest {:?} ok={}", t.elapsed(), r.is_ok());
        }
        let src = crate::syntax::Source::new("t", text.clone());
        for _ in 0..5 {
            let t = std::time::Instant::now();
            let r = crate::syntax::parse(&src);
            println!("full {:?} ok={}", t.elapsed(), r.is_ok());
        }
    }
}

#[cfg(test)]
mod error_probe {
    #[test]
    fn show_errors() {
        let Ok(inputs) = std::env::var("SHOW_ERRORS") else { return };
        for input in inputs.split("|||") {
            let input = input.replace("\\n", "\n");
            match crate::syntax::parse(&crate::syntax::Source::new("t.ps1", input.as_str())) {
                Ok(_) => println!("{input:?} => OK"),
                Err(crate::syntax::ParseError::Syntax { message, label, line, col, help, span, .. }) => {
                    println!("{input:?} => {line}:{col} {message} [{label}] span={}..{} help={help:?}", span.start, span.end)
                }
                Err(e) => println!("{input:?} => {e}"),
            }
        }
    }
}
