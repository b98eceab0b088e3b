//! Expression-shape tests: precedence, unary operators and casts, type literals, member /
//! method / static / index chains, numbers, variables, strings and here-strings, hashtables.

use super::{check, parse_ok, statements};
use crate::syntax::ast::*;

#[test]
fn arithmetic_precedence() {
    check("3+6/3*4", "(+ 3 (* (/ 6 3) 4))");
    check("(3+6)/3*4", "(* (/ ((+ 3 6)) 3) 4)");
    check("- -6", "(Negate (Negate 6))");
    check("-7 % 3", "(% (Negate 7) 3)");
    check("7 % -3", "(% 7 (Negate 3))");
    check("1..5", "(.. 1 5)");
    check("3..-2", "(.. 3 (Negate 2))");
    check("2 + 3 * 4 -gt 10 -and $x", "(And (Gt (+ 2 (* 3 4)) 10) $x)");
    check("$a ?? 1 + 2", "(NullCoalesce $a (+ 1 2))");
    check("1 -eq 1 ?? 2", "(Eq 1 (NullCoalesce 1 2))");
    check("'{0}' -f 1 + 2", "(+ (Format '{0}' 1) 2)");
    check("10 -band 3 -eq 2", "(BitAnd 10 (Eq 3 2))");
    check("102 -shl 2 + 1", "(ShiftLeft 102 (+ 2 1))");
    check("1 -and 0 -or 1", "(Or (And 1 0) 1)");
}

#[test]
fn comma_binds_tighter_than_binary_operators() {
    check("1,2,3 -eq 2", "(Eq (, 1 2 3) 2)");
    check("'a', 'b' -join ','", "(Join (, 'a' 'b') ',')");
    check("$a[0,2+4..6]", "$a[(+ (, 0 2) (.. 4 6))]");
    check("$a[+0..2+4..6+8]", "$a[(+ (+ (.. (Plus 0) 2) (.. 4 6)) 8)]");
    check("-join \"a\", \"b\", \"c\"", "(, (Join 'a') 'b' 'c')");
    check("-join ('a', 'b')", "(Join ((, 'a' 'b')))");
    check("$B = ,7", "(= Assign $B (Comma 7))");
    check("(1,2),3", "(, ((, 1 2)) 3)");
    check(
        "'{0:00} {1:000}' -f 7, 24",
        "(Format '{0:00} {1:000}' (, 7 24))",
    );
    check(
        "'abc', 'def' -contains 'abc', 'def'",
        "(Contains (, 'abc' 'def') (, 'abc' 'def'))",
    );
    check("\"a\" -replace 'x', 'y'", "(Replace 'a' (, 'x' 'y'))");
    check(
        "'PowerPoint' -replace 'Point'",
        "(Replace 'PowerPoint' 'Point')",
    );
}

#[test]
fn comparison_operators_and_case_modes() {
    check("'abc' -ceq 'ABC'", "(Eq/Sensitive 'abc' 'ABC')");
    check("'abc' -ieq 'ABC'", "(Eq/Insensitive 'abc' 'ABC')");
    check("'a' -EQ 'b'", "(Eq 'a' 'b')");
    check("'a' -CReplace 'b'", "(Replace/Sensitive 'a' 'b')");
    check("'a' -csplit 'b'", "(Split/Sensitive 'a' 'b')");
    check("'a' -notin 'b'", "(NotIn 'a' 'b')");
    check("'a' -inotlike 'b'", "(NotLike/Insensitive 'a' 'b')");
    check("5 -is [int]", "(Is 5 [int])");
    check("5 -isnot [int]", "(IsNot 5 [int])");
    check("'42' -as [int]", "(As '42' [int])");
    check("$x -in 1, 2", "(In $x (, 1 2))");
    check("'a b' -split ' '", "(Split 'a b' ' ')");
    check("-split 'a b'", "(Split 'a b')");
    check("-not $a -eq $b", "(Eq (Not $a) $b)");
    check("!1", "(Not 1)");
    check("-bnot 10", "(BitNot 10)");
}

#[test]
fn increments_bind_to_the_primary() {
    check("$i++", "(PostIncrement $i)");
    check("++$i", "(PreIncrement $i)");
    check("(--$i)", "((PreDecrement $i))");
    check("$script:count++", "(PostIncrement $Script:count)");
    check("-$a++", "(Negate (PostIncrement $a))");
    check("$i++, $j--", "(, (PostIncrement $i) (PostDecrement $j))");
}

#[test]
fn casts_apply_to_the_following_unary_expression() {
    check("[int]$_.ToString() + 1", "(+ ([int] $_.ToString()) 1)");
    check("[int][char]'a'", "([int] ([char] 'a'))");
    check("[int][char]'a' + 1", "(+ ([int] ([char] 'a')) 1)");
    check(
        "[int][Math]::Round(5 / 2, [MidpointRounding]::AwayFromZero)",
        "([int] [Math]::Round((/ 5 2), [MidpointRounding]::AwayFromZero))",
    );
    check("[double]'1.5' * 2", "(* ([double] '1.5') 2)");
    check("[string] $x", "([string] $x)");
    check("[int] -1", "([int] (Negate 1))");
    check("[bool]!$x", "([bool] (Not $x))");
    check("$d[[Object]1]", "$d[([Object] 1)]");
    check("[ordered]@{ a = 1 }", "([ordered] @{'a'=1})");
    check("[int]", "[int]");
    check("[int] - 1", "(- [int] 1)");
}

#[test]
fn type_literals_and_static_members() {
    check("[int]::MaxValue", "[int]::MaxValue");
    check("[System.Int32]", "[System.Int32]");
    check("[string[]]", "[string[]]");
    check(
        "[System.Collections.Generic.List[int]]::new()",
        "[System.Collections.Generic.List[int]]::new()",
    );
    check(
        "[System.Collections.Generic.Dictionary[string,int]]",
        "[System.Collections.Generic.Dictionary[string,int]]",
    );
    check("[List[int][]]", "[List[int][]]");
    check("[int].FullName", "[int].FullName");
    check("[string]::Empty.Length", "[string]::Empty.Length");
    check("[math]::Round(2.5)", "[math]::Round(2.5)");
    let script = parse_ok("[System.Collections.Generic.List[int]]");
    let Some(Statement {
        kind: StatementKind::Pipeline(pipeline),
        ..
    }) = statements(&script).first()
    else {
        panic!("pipeline")
    };
    let Some(PipelineElement::Expression { expr, .. }) = pipeline.elements.first() else {
        panic!("expression")
    };
    assert_eq!(
        expr.kind,
        ExprKind::TypeLiteral(TypeName::Generic(
            "System.Collections.Generic.List".into(),
            vec![TypeName::Simple("int".into())]
        ))
    );
}

#[test]
fn member_method_and_index_chains() {
    check("$o.Name", "$o.Name");
    check("$o.Inner.Value", "$o.Inner.Value");
    check("'a,b'.Split(',')[1]", "'a,b'.Split(',')[1]");
    check("$s[-1]", "$s[(Negate 1)]");
    check("$a[1][0]", "$a[1][0]");
    check("${a}?.PropName", "$a?.PropName");
    check("${c}?[0]", "$c?[0]");
    check("$x.$name", "$x.{$name}");
    check("$x.'my prop'", "$x.my prop");
    check("(0..9).Where{ $_ % 2 }", "((.. 0 9)).Where({(% $_ 2)})");
    check(
        "(1..10).Where({$_ -gt 5}, 'First')",
        "((.. 1 10)).Where({(Gt $_ 5)}, 'First')",
    );
    check("@{}.GetType().Name", "@{}.GetType().Name");
    check("{ $count }.GetNewClosure()", "{$count}.GetNewClosure()");
    check("$h.Keys.Count", "$h.Keys.Count");
}

#[test]
fn numbers_in_expression_mode() {
    check("42", "42");
    check("0x10", "16");
    check("0xFFFFFFFF", "-1");
    check("0b1011011", "91");
    check("1kb", "1024");
    check("6.5", "6.5");
    check(".01", "0.01");
    check("5e-2", "0.05");
    check("1.30Dmb", "1363148.80D");
    check("100d", "100D");
    check("10l", "10L");
    check("3000000000", "3000000000L");
    check("-0x12", "(Negate 18)");
}

#[test]
fn variables_and_scopes() {
    check("$_", "$_");
    check("$?", "$?");
    check("$$", "$$");
    check("$^", "$^");
    check("${any name}", "$any name");
    check("$global:x", "$Global:x");
    check("$local:x", "$Local:x");
    check("$private:x", "$Private:x");
    check("$using:x", "$Using:x");
    check("$env:PATH", "$Env:PATH");
    check("$function:f", "$function:f");
    check("$a:b", "$a:b");
}

#[test]
fn strings_and_expansion() {
    check("'it''s'", "'it's'");
    check("\"say \"\"hi\"\"\"", "'say \"hi\"'");
    check("\"a`tb\"", "'a\tb'");
    check("\"Hello $name!\"", "\"'Hello ' $name '!'\"");
    check("\"${i}:$_\"", "\"$i ':' $_\"");
    check("\"$o.Name\"", "\"$o '.Name'\"");
    check("\"$arr[0]\"", "\"$arr '[0]'\"");
    check("\"$(2+3) x\"", "\"$((+ 2 3)) ' x'\"");
    check("\"cost $ 5\"", "'cost $ 5'");
    check("\"`$x\"", "'$x'");
    check("\"$env:PATH\"", "\"$Env:PATH\"");
    check("\"\"", "''");
    check("\"$(\"in\" + 'ner')\"", "\"$((+ 'in' 'ner'))\"");
}

#[test]
fn here_strings() {
    check("@'\nThe $PROFILE\nline two\n'@", "'The $PROFILE\nline two'");
    check(
        "@\"\nHello, $name!\nSum: $(1 + 2)\n\"@",
        "\"'Hello, ' $name '!\nSum: ' $((+ 1 2))\"",
    );
    check(
        "@\"\nUse a quotation mark, like ' or \", here.\n\"@",
        "'Use a quotation mark, like ' or \", here.'",
    );
    check("@'\n'@", "''");
    check("@\"\n\"@", "''");
    check("@'\r\nabc\r\n'@", "'abc'");
    check("@\"\r\nabc\r\n\"@", "'abc'");
    check(
        "$s = @'\nabc\n'@\n\"[$s]\"",
        "(= Assign $s 'abc'); \"'[' $s ']'\"",
    );
    check("@'\n\"@ not the end\n'@", "'\"@ not the end'");
}

#[test]
fn script_block_text_is_between_the_braces() {
    let script = parse_ok("$sb = { 1 + 2 }");
    let Some(Statement {
        kind: StatementKind::Assignment { value, .. },
        ..
    }) = statements(&script).first()
    else {
        panic!("assignment")
    };
    let StatementKind::Pipeline(pipeline) = &value.kind else {
        panic!("pipeline")
    };
    let Some(PipelineElement::Expression { expr, .. }) = pipeline.elements.first() else {
        panic!("expression")
    };
    let ExprKind::ScriptBlock(block) = &expr.kind else {
        panic!("script block")
    };
    assert_eq!(&*block.text, " 1 + 2 ");
    assert_eq!(block.span, Span::new(6, 15));
    assert_eq!(&*script.text, "$sb = { 1 + 2 }");
}

#[test]
fn hashtables() {
    check("@{ a = 1; b = 2 }", "@{'a'=1; 'b'=2}");
    check(
        "@{\n  a = 1\n  'b c' = 2\n  3 = 'three'\n}",
        "@{'a'=1; 'b c'=2; 3='three'}",
    );
    check("@{a=123;b=123}", "@{'a'=123; 'b'=123}");
    check("@{ E = { $_ * 2 } }", "@{'E'={(* $_ 2)}}");
    check("@{ v = 1 | Get-X }", "@{'v'=1 | <Get-X>}");
    check("@{ $k = 1 }", "@{$k=1}");
    check("@{}", "@{}");
}

#[test]
fn subexpressions_and_arrays() {
    check("$(1; 2; 3).Count", "$(1; 2; 3).Count");
    check("@(1, @(2, 3), 4)", "@((, 1 @((, 2 3)) 4))");
    check("@()", "@()");
}

#[test]
fn unicode_names_and_text() {
    check("$größe = 'Ü'", "(= Assign $größe 'Ü')");
    check("Write-Output héllo wörld", "<Write-Output 'héllo' 'wörld'>");
    check("\u{feff}1", "1");
}
