//! Command- and statement-shape tests: argument mode, parameters, splats, redirections,
//! pipelines, assignments, control flow, labels, functions and params, comments, line endings,
//! spans.

use super::{check, parse_ok, render, statements, sx};
use crate::syntax::ast::*;
use crate::syntax::{Source, parse};

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

#[test]
fn values_glued_to_bareword_text() {
    check("W $(1)x", "<W \"$(1) 'x'\">");
    check("W 'a'b", "<W 'ab'>");
    check("W \"a\"b$c", "<W \"'ab' $c\">");
    check("W $x.Name+1", "<W \"$($x.Name) '+1'\">");
    check("W (1)(2)", "<W (1) (2)>");
    check("W {a}{b}", "<W {<a>} {<b>}>");
    check("Get-X -Name:", "<Get-X -Name>");
    check("Get-X -Name: | Get-Y", "<Get-X -Name> | <Get-Y>");
    check("W \"cost $ 5\" $", "<W 'cost $ 5' '$'>");
}

#[test]
fn pipelines_continue_on_a_line_starting_with_a_pipe() {
    check("Get-X\n| Get-Y\n  | Get-Z", "<Get-X> | <Get-Y> | <Get-Z>");
    check(
        "1..3\n| ForEach-Object { $_ }",
        "(.. 1 3) | <ForEach-Object {$_}>",
    );
}

#[test]
fn windows_line_endings() {
    check(
        "$a = 1\r\nif ($a) {\r\n  'x'\r\n}\r\nelse { 'y' }\r\n# c\r\nGet-X -A 1 `\r\n  -B 2\r\n",
        "(= Assign $a 1); (if $a {'x'} else {'y'}); <Get-X -A 1 -B 2>",
    );
    let dir = std::path::Path::new("/work/shared/conformance/lang");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "ps1") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let unix = sx(&text);
            let windows = sx(&text.replace('\n', "\r\n"));
            // Here-strings keep their inner line endings; everything else is identical.
            if !text.contains("@'") && !text.contains("@\"") {
                assert_eq!(unix, windows, "{}", path.display());
            }
        }
    }
}

#[test]
fn realistic_admin_script_parses() {
    let script = r#"#Requires -Version 7
<#
.SYNOPSIS
  Forces TLS on inbound connectors.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true,
               HelpMessage = 'Connector name')]
    [ValidateNotNullOrEmpty()]
    [string]$Name,

    [ValidateSet('Low', 'High')] [string]$Level = 'High',
    [ValidateRange(1, 65535)][int]$Port = 25,
    [switch]$Force
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$list = [System.Collections.Generic.List[string]]::new()
[void]$list.Add("${env:ProgramFiles(x86)}\mail")
$null = New-Item -ItemType Directory -Path (Join-Path $env:TEMP 'tls') -Force:$Force
$reader = [System.IO.StringReader]::new("a`nb")
while (($line = $reader.ReadLine()) -ne $null) {
    if (-not [string]::IsNullOrWhiteSpace($line)) { $list.Add($line.Trim()) }
}
$connectors = Get-InboundConnector |
    Where-Object { $_.Name -like "$Name*" -and $_.Enabled } |
    Sort-Object -Property @{ Expression = 'Name'; Descending = $false }
foreach ($c in $connectors) {
    if ($PSCmdlet.ShouldProcess($c.Name, 'Require TLS')) {
        Set-InboundConnector -Identity $c.Identity -RequireTls:$true -ErrorAction Stop
        Write-Verbose ("{0}: TLS on port {1}" -f $c.Name, $Port)
    }
}
$report = [pscustomobject]@{
    Count   = @($connectors).Count
    When    = (Get-Date).ToString('u')
    Servers = $list -join ', '
}
$report | ConvertTo-Json -Depth 3 | Out-File -FilePath .\report.json -Encoding utf8
Write-Output a` b
cd ..
exit ($report.Count -eq 0 ? 1 : 0)
"#;
    // The last line uses the (unsupported) ternary operator: everything before it parses.
    let cut = script.rfind("exit").unwrap_or(script.len());
    assert!(parse(&Source::new("t", script)).is_err());
    let parsed = parse_ok(&script[..cut]);
    assert_eq!(parsed.params.len(), 4);
    assert_eq!(parsed.attributes[0].name, "CmdletBinding");
    assert_eq!(statements(&parsed).len(), 13);
    check("Write-Output a` b", "<Write-Output 'a b'>");
    check("cd ..", "<cd '..'>");
}

#[test]
fn pipeline_chains() {
    check("a && b", "(chain <a> && <b>)");
    check("a || b && c", "(chain <a> || <b> && <c>)");
    check("Get-X | Set-Y && 'ok'", "(chain <Get-X> | <Set-Y> && 'ok')");
    check("$r = a || b", "(= Assign $r (chain <a> || <b>))");
    check("a &&\n  b", "(chain <a> && <b>)");
}
