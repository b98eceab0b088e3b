//! Error and robustness tests: messages, positions, incomplete-input detection, junk input,
//! huge input, deep nesting.

use std::time::{Duration, Instant};

use super::{parse_err, parse_ok};
use crate::syntax::{ParseError, Source, parse};

fn message(error: &ParseError) -> (String, usize, usize, String) {
    match error {
        ParseError::Syntax {
            message,
            line,
            col,
            label,
            ..
        } => (message.clone(), *line, *col, label.clone()),
        ParseError::TooDeep { .. } => panic!("unexpected TooDeep: {error}"),
    }
}

#[test]
fn unexpected_token_with_position() {
    let error = parse_err("$x = 1\n$y = (2 + 3))");
    let (text, line, col, _) = message(&error);
    assert_eq!((text.as_str(), line, col), ("unexpected token ')'", 2, 13));
    assert!(!error.is_incomplete());
    assert_eq!(error.to_string(), "t.ps1:2:13: unexpected token ')'");

    let (text, line, col, label) = message(&parse_err("1 2"));
    assert_eq!((text.as_str(), line, col), ("unexpected token '2'", 1, 3));
    assert!(label.starts_with("expected"), "{label}");
}

#[test]
fn missing_expression_after_operator() {
    let error = parse_err("1 + )");
    let (text, line, col, label) = message(&error);
    assert_eq!(
        (text.as_str(), line, col),
        ("missing expression after '+'", 1, 5)
    );
    assert!(label.contains("an expression"), "{label}");
    assert!(!error.is_incomplete());

    let (text, ..) = message(&parse_err("$a -eq ;"));
    assert_eq!(text.as_str(), "missing expression after '-eq'");
}

#[test]
fn unterminated_constructs_are_incomplete() {
    for (text, expected) in [
        ("function f {", "missing closing '}'"),
        ("function f {\n  if ($x) {\n", "missing closing '}'"),
        ("(1 +", "missing closing ')'"),
        ("$a[0", "missing closing ']'"),
        ("@{ a = 1", "missing closing '}'"),
        ("@(1", "missing closing ')'"),
        ("'abc", "missing closing '''"),
        ("\"abc $x", "missing closing '\"'"),
        ("\"a $(1 +", "missing closing ')'"),
        ("@\"\nline", "missing closing '\"@'"),
        ("@'\nline\n", "missing closing ''@'"),
        ("1 <# comment", "missing closing '#>'"),
    ] {
        let error = parse_err(text);
        let (found, ..) = message(&error);
        assert_eq!(found.as_str(), expected, "for {text:?}");
        assert!(error.is_incomplete(), "{text:?}");
    }
}

#[test]
fn input_ending_early_is_incomplete() {
    let error = parse_err("Get-X |");
    assert_eq!(message(&error).0, "missing command after '|'");
    assert!(error.is_incomplete());
    let error = parse_err("Get-X |\n  ");
    assert!(error.is_incomplete());
    let error = parse_err("1 +");
    assert_eq!(message(&error).0, "missing expression after '+'");
    assert!(error.is_incomplete());
    let error = parse_err("$x =");
    assert!(error.is_incomplete());
    for complete in ["1 + 1", "", "function f {\n  1\n}", "# just a comment"] {
        assert!(parse(&Source::new("t", complete)).is_ok(), "{complete:?}");
    }
}

#[test]
fn missing_closing_points_at_the_opener() {
    let error = parse_err("$x = 1\nif ($x) {\n  'yes'\n");
    let (text, line, col, label) = message(&error);
    assert_eq!((text.as_str(), line, col), ("missing closing '}'", 2, 9));
    assert_eq!(label.as_str(), "this bracket is never closed");
}

#[test]
fn other_errors_are_explained() {
    let (text, ..) = message(&parse_err("1 = 2"));
    assert!(text.contains("left side of an assignment"), "{text}");
    let (text, ..) = message(&parse_err("switch -File (x) { }"));
    assert!(text.contains("-File"), "{text}");
    let (text, ..) = message(&parse_err("try { 1 }"));
    assert!(text.contains("catch"), "{text}");
    let (text, ..) = message(&parse_err("function f($a) { param($b) }"));
    assert!(text.contains("both"), "{text}");
    let (text, ..) = message(&parse_err("&& $b"));
    assert_eq!(text.as_str(), "unexpected token '&&'");
    let (text, ..) = message(&parse_err("$a &&"));
    assert_eq!(text.as_str(), "missing pipeline after '&&'");
    let (text, ..) = message(&parse_err("if ($x) 'a'"));
    assert!(text.starts_with("unexpected token"), "{text}");
    let (text, ..) = message(&parse_err("switch (1) { default {1} default {2} }"));
    assert!(text.contains("default"), "{text}");
}

#[test]
fn junk_input_never_panics() {
    let samples = [
        "\0\0\0",
        "\u{1}\u{2}\u{3}$",
        "$",
        "@",
        "`",
        "-",
        "[",
        "]]]]",
        "}}}",
        ")))",
        "\u{feff}1",
        "$(",
        "@'",
        "@\"",
        "${",
        "'",
        "\"",
        "<#",
        "#",
        "::",
        "..",
        "?.",
        "[int",
        "[int]::",
        "$a.",
        "$a[",
        "function",
        "param(",
        "switch",
        "for (",
        "&",
        ". ",
        "1 | | 2",
        "\u{fffd}\u{fffd}",
        "é $é = 'ü'",
    ];
    for sample in samples {
        let _ = parse(&Source::new("junk", sample));
    }
    // Every prefix of a realistic script: no panic, and each either parses or errors.
    let script = "function F([int]$a) {\n  $h = @{ k = \"v$($a + 1)\" }\n  foreach ($x in 1..3) { $h[$x] = $x * 2 }\n  switch ($a) { 1 { 'one' } default { 'other' } }\n}\nF 2 | Out-Null\n";
    for end in 0..=script.len() {
        if script.is_char_boundary(end) {
            let _ = parse(&Source::new("prefix", &script[..end]));
        }
    }
}

#[test]
fn binary_junk_never_panics() {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for round in 0..300 {
        let mut bytes = Vec::new();
        for _ in 0..(round % 64 + 1) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let alphabet = b"$@(){}[]'\"`#<>|&;,.=-+*/!?:0a \n\0\xff";
            bytes.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let _ = parse(&Source::new("fuzz", text));
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = "(".repeat(100_000);
    let error = parse_err(&deep);
    assert!(
        matches!(error, ParseError::TooDeep { limit: 200, .. }),
        "{error}"
    );
    assert!(!error.is_incomplete());

    let deep_blocks = format!("{}{}", "{".repeat(5_000), "}".repeat(5_000));
    assert!(matches!(
        parse_err(&deep_blocks),
        ParseError::TooDeep { .. }
    ));

    let deep_strings = "\"$(".repeat(1_000);
    assert!(matches!(
        parse_err(&deep_strings),
        ParseError::TooDeep { .. }
    ));
}

/// Parse `text` on a thread with `stack` bytes of stack.
fn parse_on_thread(text: String, stack: usize) -> Result<(), ParseError> {
    let handle = std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || parse(&Source::new("t", text)).map(|_| ()));
    match handle.map(|h| h.join()) {
        Ok(Ok(result)) => result,
        other => panic!("thread failed: {other:?}"),
    }
}

#[test]
fn nesting_at_the_limit_never_overflows_the_stack() {
    let depth = crate::syntax::nesting::MAX_NESTING;
    let parens = format!("{}1{}", "(".repeat(depth), ")".repeat(depth));
    let blocks = format!("{}{}", "if (1) {".repeat(depth / 2), "}".repeat(depth / 2));
    let mixed = format!("{}1{}", "@{a=$(".repeat(depth / 2), ")}".repeat(depth / 2));
    for text in [&parens, &blocks, &mixed] {
        // Enough stack (as on a main thread): the deepest allowed nesting parses.
        assert_eq!(parse_on_thread(text.clone(), 64 << 20), Ok(()));
        // A small thread in a debug build may run short: then a clean TooDeep, never a crash.
        match parse_on_thread(text.clone(), 1 << 20) {
            Ok(()) | Err(ParseError::TooDeep { .. }) => {}
            Err(other) => panic!("{other}"),
        }
    }
}

#[test]
fn long_operator_chains_are_bounded() {
    let ok = vec!["1"; 500].join(" + ");
    parse_ok(&ok);
    let too_long = vec!["1"; 5_000].join(" + ");
    assert!(matches!(parse_err(&too_long), ParseError::TooDeep { .. }));
    let members = format!("$a{}", ".b".repeat(5_000));
    assert!(matches!(parse_err(&members), ParseError::TooDeep { .. }));
    let nots = format!("{}1", "!".repeat(5_000));
    assert!(matches!(parse_err(&nots), ParseError::TooDeep { .. }));
    let assignments = format!("{}1", "$a = ".repeat(5_000));
    assert!(matches!(
        parse_err(&assignments),
        ParseError::TooDeep { .. }
    ));
    // A long flat array is not deep.
    let array = vec!["1"; 20_000].join(",");
    parse_ok(&array);
}

#[test]
fn fifty_megabyte_line_parses_quickly() {
    let size = 50 * 1024 * 1024;
    let started = Instant::now();
    let literal = format!("$s = '{}'", "x".repeat(size));
    let script = parse_ok(&literal);
    assert_eq!(script.text.len(), size + 7);
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
}

#[test]
fn long_lines_of_every_kind_parse() {
    let size = 5 * 1024 * 1024;
    let started = Instant::now();
    parse_ok(&format!("1 # {}", "y".repeat(size)));
    parse_ok(&format!("\"{}\"", "d".repeat(size)));
    parse_ok(&format!("Write-Output {}", "z".repeat(size / 5)));
    let unterminated = parse_err(&format!("$s = '{}", "x".repeat(size)));
    assert!(unterminated.is_incomplete());
    let unterminated = parse_err(&format!("1 <# {}", "x".repeat(size)));
    assert!(unterminated.is_incomplete());
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(20), "{elapsed:?}");
}

#[test]
fn many_small_tokens_on_one_line() {
    let line = vec!["$a + 1"; 50_000].join("; ");
    let started = Instant::now();
    parse_ok(&line);
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// A failure deep inside nested constructs must cost linear time: no rule may re-parse a
/// nested structure that another alternative already entered (that would cost 2^depth).
#[test]
fn nested_failures_cost_linear_time() {
    const TEMPLATES: &[(&str, &str)] = &[
        ("W $(", ")"),
        ("W a$(", ")"),
        ("W \"$(", ")\""),
        ("W a\"$(", ")\""),
        ("W a'b'$(", ")"),
        ("W $a$(", ")"),
        ("W $($(", "))"),
        ("W $(W $(", "))"),
        ("W \"a$(", ")b\""),
        ("$x.F(", ")"),
        ("W $x.F(", ")"),
        ("W $x.F($(", "))"),
        ("W $x?.F(", ")"),
        ("W [int]::F(", ")"),
        ("W 'a'.F(", ")"),
        ("W $(1).F(", ")"),
        ("W $x.($(", "))"),
        ("$x.F{", "}"),
        ("W $x.Where{", "}"),
        ("W $x[", "]"),
        ("$a[$(", ")]"),
        ("W -p: $(", ")"),
        ("W -p:$(", ")"),
        ("W -p:(", ")"),
        ("W -p:@{a=", "}"),
        ("W -p $(", ")"),
        ("W -- $(", ")"),
        ("W a,$(", ")"),
        ("W @{a=", "}"),
        ("W @($(", "))"),
        ("W @(W (", "))"),
        ("W {$(", ")}"),
        ("W {", "}"),
        ("W (", ")"),
        ("W [a]$(", ")"),
        ("W > $(", ")"),
        ("W 2>$(", ")"),
        (". $(", ")"),
        ("& $(", ")"),
        ("&{", "}"),
        (". {", "}"),
        ("$(", ")"),
        ("@(", ")"),
        ("\"$(", ")\""),
        ("@\"\n$(", ")\n\"@"),
        ("{", "}"),
        ("[int]$(", ")"),
        ("[int][string]$(", ")"),
        ("[int]@{a=", "}"),
        ("$a = $(", ")"),
        ("$x = @{ k = $(", ") }"),
        ("@{ $(", ") = 1 }"),
        ("@{ (", ") = 1 }"),
        ("$x[", "]"),
        ("function f {", "}"),
        ("function f($a = $(", ")) {}"),
        ("param($a = $(", ")) 1"),
        ("switch ($(", ")) {}"),
        ("switch (1) { {", "} {} }"),
        ("foreach ($x in $(", ")) {}"),
        ("for (;$(", ");) {}"),
        ("if ($(", ")) {}"),
        ("if (1) {} elseif ($(", ")) {}"),
        ("while ($(", ")) {}"),
        (":a while ($(", ")) {}"),
        ("do {", "} while (1)"),
        ("try {", "} finally {}"),
        ("$x = if ($(", ")) {}"),
        ("return $(", ")"),
        ("throw $(", ")"),
        ("break $(", ")"),
    ];
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for (open, close) in TEMPLATES {
            let text = format!("{}1 +{}", open.repeat(30), close.repeat(30));
            let started = Instant::now();
            let result = parse(&Source::new("t", text.as_str()));
            let _ = sender.send((*open, result.is_err(), started.elapsed()));
        }
    });
    for (open, _) in TEMPLATES {
        match receiver.recv_timeout(Duration::from_secs(20)) {
            Ok((_, failed, elapsed)) => {
                assert!(failed, "{open:?} should not parse");
                assert!(
                    elapsed < Duration::from_secs(2),
                    "{open:?} took {elapsed:?}"
                );
            }
            Err(_) => panic!("{open:?} nested 30 deep is taking exponential time"),
        }
    }
}
