//! Parser benchmark (L0 syntax): generates a realistic 10,000-line script (functions, param
//! blocks, pipelines, hashtables, strings, loops, switch, try/catch) and times
//! `mailsec::syntax::parse` over several runs, printing the median.
//!
//! Run: `cargo bench --bench parse`

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use mailsec::syntax::{Source, parse};

const LINES: usize = 10_000;
const RUNS: usize = 15;

/// One block of admin-script-like code (~30 lines), varied by `n`.
fn chunk(n: usize, out: &mut String) {
    let _ = write!(
        out,
        r#"function Set-Connector{n} {{
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline)][string]$Name,
        [int]$Port = 25,
        [switch]$RequireTls
    )
    process {{
        $settings = @{{ Name = $Name; Port = $Port; Tls = [bool]$RequireTls; Index = {n} }}
        if ($settings.Port -gt 1024 -and -not $RequireTls) {{
            Write-Warning "Port $($settings.Port) on $Name is unusual"
        }} elseif ($Name -like 'mx*') {{
            $settings['Priority'] = 10
        }} else {{
            $settings.Priority = [math]::Max(1, $Port % 7)
        }}
        foreach ($domain in 'contoso.com', 'fabrikam.com', "partner{n}.example") {{
            $line = '{{0,-20}} {{1}}' -f $domain, ($settings.Keys -join ',')
            $line | Out-String -Stream | Where-Object {{ $_ -match '\S' }} | ForEach-Object {{ $_.Trim() }}
        }}
        switch -Wildcard ($Name) {{
            'mx*' {{ 'mail exchanger'; break }}
            "*.onmicrosoft.com" {{ 'tenant' }}
            default {{ 'other' }}
        }}
        try {{
            $cert = Get-Item -Path "Cert:\LocalMachine\My\$($settings.Index)" -ErrorAction Stop
            [pscustomobject]@{{ Subject = $cert.Subject; NotAfter = $cert.NotAfter.ToString('yyyy-MM-dd') }}
        }} catch [System.Management.Automation.ItemNotFoundException] {{
            Write-Verbose "no certificate for $Name" 4>$null
        }}
        for ($i = 0; $i -lt 3; $i++) {{ $total += $i * {n} }}
    }}
}}
"#
    );
}

fn generate() -> String {
    let mut script = String::new();
    let mut n = 0;
    while script.lines().count() < LINES {
        chunk(n, &mut script);
        n += 1;
    }
    script
}

fn main() {
    let text = generate();
    let lines = text.lines().count();
    let source = Source::new("bench.ps1", text.as_str());
    if let Err(error) = parse(&source) {
        eprintln!("benchmark script does not parse: {error}");
        std::process::exit(1);
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let parsed = parse(&source);
            let elapsed = started.elapsed();
            assert!(parsed.is_ok());
            elapsed
        })
        .collect();
    times.sort();
    let median = times[RUNS / 2];
    println!(
        "parse: {lines} lines, {} KiB: median {:.2} ms over {RUNS} runs (min {:.2} ms, max {:.2} ms)",
        text.len() / 1024,
        median.as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0,
        times[RUNS - 1].as_secs_f64() * 1000.0,
    );
}
