//! AST-shape tests: precedence, argument mode, strings, casts, redirections, splats, switch,
//! loops, labels, member/method/static/index chains.

use super::{parse_ok, render, statements};
use crate::syntax::ast::*;

/// The whole script rendered as S-expressions.
fn sx(text: &str) -> String {
    render::script(&parse_ok(text))
}

#[track_caller]
fn check(text: &str, expected: &str) {
    assert_eq!(sx(text), expected, "for {text:?}");
}

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
fn argument_mode() {
    check("Write-Output 2+2", "<Write-Output '2+2'>");
    check("Write-Output $a+2", "<Write-Output \"$a '+2'\">");
    check("Write-Output a$a", "<Write-Output \"'a' $a\">");
    check("Write-Output a'$a'", "<Write-Output 'a$a'>");
    check("Write-Output a\"$a\"", "<Write-Output \"'a' $a\">");
    check("Write-Output a$(2)", "<Write-Output \"'a' $(2)\">");
    check("Write-Output (2+2)", "<Write-Output ((+ 2 2))>");
    check("Write-Output !1", "<Write-Output '!1'>");
    check("Write-Output -7", "<Write-Output -7>");
    check("Write-Output -.5", "<Write-Output -0.5>");
    check("Add-Numbers 2 3", "<Add-Numbers 2 3>");
    check("Get-Extension myTextFile", "<Get-Extension 'myTextFile'>");
    check("Write-Output [int]", "<Write-Output '[int]'>");
    check("Write-Output 0x10", "<Write-Output 16>");
    check("Get-Thing *.txt C:\\x\\y", "<Get-Thing '*.txt' 'C:\\x\\y'>");
    check("Write-Output a#b", "<Write-Output 'a#b'>");
    check("Write-Output a #b", "<Write-Output 'a'>");
    check("Write-Output a`tb", "<Write-Output 'a\tb'>");
}

#[test]
fn argument_values_and_parameters() {
    check("Get-Double -Number 21", "<Get-Double -Number 21>");
    check("Test-Sw -Force:$false", "<Test-Sw -Force:$false>");
    check("Test-Sw -Force: $false", "<Test-Sw -Force:$false>");
    check(
        "Write-Output -- -InputObject",
        "<Write-Output '-InputObject'>",
    );
    check("Show-Info @params", "<Show-Info @params>");
    check("Write-Output $x.Name $x[0]", "<Write-Output $x.Name $x[0]>");
    check("Write-Output $x .Name", "<Write-Output $x '.Name'>");
    check(
        "Write-Output @(1) @{a=1} { 2 }",
        "<Write-Output @(1) @{'a'=1} {2}>",
    );
    check("Write-Output 'x' \"y$z\"", "<Write-Output 'x' \"'y' $z\">");
    check("Where-Object Length -gt 4", "<Where-Object 'Length' -gt 4>");
    check("Where-Object -Not IP", "<Where-Object -Not 'IP'>");
}

#[test]
fn commas_join_arguments() {
    check("Get-Sum 1,2,3,4", "<Get-Sum (, 1 2 3 4)>");
    check("Test-String -String 1, 2", "<Test-String -String (, 1 2)>");
    check(
        "Write-Host -Separator ', ' 'x', 'y'",
        "<Write-Host -Separator ', ' (, 'x' 'y')>",
    );
    check(
        "Select-Object -Index 1,\n  3",
        "<Select-Object -Index (, 1 3)>",
    );
    check("Write-Output a,b", "<Write-Output (, 'a' 'b')>");
}

#[test]
fn invocation_operators() {
    check("& $c 'called'", "<& $c 'called'>");
    check("&$a -p2 \"First\"", "<& $a -p2 'First'>");
    check("& { $args } x y", "<& {$args} 'x' 'y'>");
    check("& 'Write-Output' x", "<& 'Write-Output' 'x'>");
    check(". ./script.ps1", "<. ./script.ps1>");
    check(".\\script.ps1 -x", "<.\\script.ps1 -x>");
    check(
        "1, 2 | & { process { $_ } }",
        "(, 1 2) | <& {(process {$_})}>",
    );
}

#[test]
fn redirections() {
    check("'discarded' > $null", "'discarded' Output>$null");
    check(
        "Write-Output 'gone' > $null",
        "<Write-Output 'gone' Output>$null>",
    );
    check("Write-Error 'x' 2>$null", "<Write-Error 'x' Error>$null>");
    check("Get-X 2>&1", "<Get-X Error>&Output>");
    check("Get-X *>$null", "<Get-X All>$null>");
    check("Get-X >> file.txt", "<Get-X Output>>'file.txt'>");
    check("Get-X > file.txt", "<Get-X Output>'file.txt'>");
    check("Get-X >$null 'a'", "<Get-X 'a' Output>$null>");
}

#[test]
fn pipelines() {
    check(
        "1..4 |\n  Where-Object { $_ -gt 2 } |\n  ForEach-Object { $_ * 10 }",
        "(.. 1 4) | <Where-Object {(Gt $_ 2)}> | <ForEach-Object {(* $_ 10)}>",
    );
    check("$h.Keys | Sort-Object", "$h.Keys | <Sort-Object>");
    check("'a' | % { $_ } | ? { $_ }", "'a' | <% {$_}> | <? {$_}>");
    check("1 | foreach { $_ }", "1 | <foreach {$_}>");
}

#[test]
fn assignments() {
    check("$a = 1", "(= Assign $a 1)");
    check(
        "$a = $b = $c = 'x'",
        "(= Assign $a (= Assign $b (= Assign $c 'x')))",
    );
    check("$a, $b = 1, 2", "(= Assign (, $a $b) (, 1 2))");
    check("[int]$x = 5", "(= Assign ([int] $x) 5)");
    check("$h['k'] += 1", "(= Add $h['k'] 1)");
    check("$o.Name = 'x'", "(= Assign $o.Name 'x')");
    check("$null = $x", "(= Assign $null $x)");
    check(
        "$a -= 1; $a *= 2; $a /= 2; $a %= 2; $a ??= 3",
        "(= Subtract $a 1); (= Multiply $a 2); (= Divide $a 2); (= Remainder $a 2); (= NullCoalesce $a 3)",
    );
    check("$s = 'a' +\n  'b'", "(= Assign $s (+ 'a' 'b'))");
    check("$arr = 1,\n 2,\n 3", "(= Assign $arr (, 1 2 3))");
    check(
        "$x = foreach ($n in 1..2) { $n }",
        "(= Assign $x (foreach $n (.. 1 2) {$n}))",
    );
    check(
        "$x = if ($a) { 1 } else { 2 }",
        "(= Assign $x (if $a {1} else {2}))",
    );
    check("$r = 1 | Get-X", "(= Assign $r 1 | <Get-X>)");
    check("$a ={ 1 }", "(= Assign $a {1})");
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
fn if_and_loops() {
    check(
        "if ($a) { 1 }\nelseif ($b) { 2 }\nelse { 3 }",
        "(if $a {1} $b {2} else {3})",
    );
    check("if ($x = 5) { }", "(if ((= Assign $x 5)) {})");
    check("foreach ($x in $list) { $x }", "(foreach $x $list {$x})");
    check("foreach($d in $c)\n{\n $d\n}", "(foreach $d $c {$d})");
    check("while ($true) { break }", "(while $true {(break)})");
    check(
        "do { $i++ } while ($i -lt 3)",
        "(do {(PostIncrement $i)} while (Lt $i 3))",
    );
    check(
        "do { $i++ } until ($i -eq 3)",
        "(do {(PostIncrement $i)} until (Eq $i 3))",
    );
    check(
        "for ($i = 0; $i -lt 3; $i++) { $i }",
        "(for [(= Assign $i 0)] [(Lt $i 3)] [(PostIncrement $i)] {$i})",
    );
    check("for (;;) { }", "(for [] [] [] {})");
    check(
        "for ($i = 0\n  $i -lt 3\n  $i++){\n  $i\n}",
        "(for [(= Assign $i 0)] [(Lt $i 3)] [(PostIncrement $i)] {$i})",
    );
    check(
        "for (($i = 0), ($j = 10); $i -lt 3; $i++, $j--) { }",
        "(for [(, ((= Assign $i 0)) ((= Assign $j 10)))] [(Lt $i 3)] [(, (PostIncrement $i) (PostDecrement $j))] {})",
    );
}

#[test]
fn labels_break_continue() {
    check(
        ":foo foreach ($a in 1..2) { continue foo }",
        "(:foo foreach $a (.. 1 2) {(continue 'foo')})",
    );
    check(
        ":outer while (1) { break outer }",
        "(:outer while 1 {(break 'outer')})",
    );
    check(
        ":s switch (1) { 1 { break s } }",
        "(:s switch 1 [1 {(break 's')}])",
    );
    check("2; break; 3", "2; (break); 3");
    check("continue $label", "(continue $label)");
}

#[test]
fn switch_statements() {
    check(
        "switch -Wildcard (\"x\") {\n  1 { 'one'; break }\n  \"fo*\" { 'f' }\n  fo* { 'g' }\n  default { 'd' }\n}",
        "(switch -wildcard 'x' [1 {'one'; (break)}] ['fo*' {'f'}] ['fo*' {'g'}] [default {'d'}])",
    );
    check(
        "switch (1,4) {\n  {$_ -lt 0}  { continue }\n  {$_ % 2} { \"$_ odd\" }\n}",
        "(switch (, 1 4) [{(Lt $_ 0)} {(continue)}] [{(% $_ 2)} {\"$_ ' odd'\"}])",
    );
    check(
        "switch -Regex -CaseSensitive ($v) { 'a' {1} }",
        "(switch -regex -casesensitive $v ['a' {1}])",
    );
    check("switch -Exact ($v) {}", "(switch -exact $v)");
}

#[test]
fn try_catch_finally_throw() {
    check(
        "try { throw 'x' }\ncatch [DivideByZeroException], [ArgumentNullException] { 1 }\ncatch { 2 }\nfinally { 3 }",
        "(try {(throw 'x')} (catch [DivideByZeroException][ArgumentNullException]{1}) (catch {2}) (finally {3}))",
    );
    check("try { } finally { }", "(try {} (finally {}))");
    check("throw", "(throw)");
    check("return ,@(1)", "(return (Comma @(1)))");
    check(
        "return Write-Output -NoEnumerate $a",
        "(return <Write-Output -NoEnumerate $a>)",
    );
    check("exit 1", "(exit 1)");
}

#[test]
fn functions_and_params() {
    check(
        "function Add-Numbers([int]$One, [int]$Two) { $One + $Two }",
        "(function Add-Numbers {param([int]$One, [int]$Two) (+ $One $Two)})",
    );
    check(
        "function F { param($a, $b = 5) $a }",
        "(function F {param($a, $b=5) $a})",
    );
    check("filter Double { $_ * 2 }", "(filter Double {(* $_ 2)})");
    check(
        "function Get-Double {\n  [CmdletBinding()]\n  param([Parameter(Mandatory, ValueFromPipeline)][int]$Number = 5)\n  process { $Number * 2 }\n}",
        "(function Get-Double {[CmdletBinding()]param([Parameter(Mandatory, ValueFromPipeline)][int]$Number=5) (process {(* $Number 2)})})",
    );
    check(
        "function P { param([Parameter(Position = 0)][ValidateSet('a', 'b')][string[]]$X) }",
        "(function P {param([Parameter(Position=0)][ValidateSet('a', 'b')][string[]]$X) })",
    );
    check(
        "function Get-Pipeline\n{\n  begin { 1 }\n  process {\"v: $_\"}\n  end { 3 }\n}",
        "(function Get-Pipeline {(begin {1}) (process {\"'v: ' $_\"}) (end {3})})",
    );
    check(
        "$a ={ param($p1, $p2)\n\"p1: $p1\"\n}",
        "(= Assign $a {param($p1, $p2) \"'p1: ' $p1\"})",
    );
    check("function global:G { }", "(function global:G {})");
}

#[test]
fn script_level_param_block() {
    let script =
        parse_ok("[CmdletBinding()]\nparam(\n  [string]$Name = 'x',\n  [switch]$Force\n)\n$Name");
    assert_eq!(script.attributes.len(), 1);
    assert_eq!(script.attributes[0].name, "CmdletBinding");
    assert_eq!(script.params.len(), 2);
    assert_eq!(script.params[0].name, "Name");
    assert_eq!(
        script.params[0].type_name,
        Some(TypeName::Simple("string".into()))
    );
    assert_eq!(script.params[1].name, "Force");
    assert_eq!(render::script(&script), "$Name");
}

#[test]
fn comments_and_separators() {
    check(
        "# full line\n'a' # trailing\n<# block\ncomment #>\n'b'",
        "'a'; 'b'",
    );
    check("'c' <# inline #> + 'd'", "(+ 'c' 'd')");
    check("'a'; 'b'; 1 + 1", "'a'; 'b'; (+ 1 1)");
    check("Get-X -A 1 `\n  -B 2", "<Get-X -A 1 -B 2>");
    check("1 + `\n 2", "(+ 1 2)");
    check("(\n  1 + 2\n)", "((+ 1 2))");
    check(
        "@(\n  @{ a = 1 }\n  @{ a = 2 }\n) | Get-X",
        "@(@{'a'=1}; @{'a'=2}) | <Get-X>",
    );
    check("if ($true) { 'a' } 'b'", "(if $true {'a'}); 'b'");
    check("", "");
    check("\n\n;;\n", "");
}

#[test]
fn subexpressions_and_arrays() {
    check("$(1; 2; 3).Count", "$(1; 2; 3).Count");
    check("@(1, @(2, 3), 4)", "@((, 1 @((, 2 3)) 4))");
    check("@()", "@()");
}

#[test]
fn spans_point_into_the_source() {
    let text = "$x = 1 + 22";
    let script = parse_ok(text);
    let statement = &statements(&script)[0];
    assert_eq!(statement.span, Span::new(0, 11));
    let StatementKind::Assignment { target, value, .. } = &statement.kind else {
        panic!("assignment")
    };
    assert_eq!(target.span, Span::new(0, 2));
    assert_eq!(value.span, Span::new(5, 11));
    let script = parse_ok("Get-X -Name:1 -Flag");
    let StatementKind::Pipeline(pipeline) = &statements(&script)[0].kind else {
        panic!("pipeline")
    };
    let PipelineElement::Command(command) = &pipeline.elements[0] else {
        panic!("command")
    };
    assert_eq!(command.span, Span::new(0, 19));
    let spans: Vec<Span> = command
        .args
        .iter()
        .map(|arg| match arg {
            CommandArg::Parameter { span, .. } => *span,
            _ => Span::default(),
        })
        .collect();
    assert_eq!(spans, vec![Span::new(6, 13), Span::new(14, 19)]);
}
