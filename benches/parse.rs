//! Parser benchmark (L0 syntax): generates a realistic 10,000-line script (functions, param
//! blocks, pipelines, hashtables, strings, loops, switch, try/catch) and times
//! `mailsec::syntax::parse` over several runs, printing the median.
//!
//! Beside it, python3 parses (`ast.parse`, in-process, same statistics) a Python module of the
//! same shape and size: the same functions, conditions, loops, dictionaries, string
//! formatting, exception handling.
//!
//! Run: `cargo bench --bench parse`

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use mailsec::syntax::{Source, parse};

// Shared by several benches; this one uses only `python3`.
#[allow(dead_code)]
#[path = "timing.rs"]
mod timing;

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

/// The same block in Python (~30 lines), varied by `n`.
fn python_chunk(n: usize, out: &mut String) {
    let _ = write!(
        out,
        r#"def set_connector{n}(name, port=25, require_tls=False):
    settings = {{"Name": name, "Port": port, "Tls": bool(require_tls), "Index": {n}}}
    if settings["Port"] > 1024 and not require_tls:
        warnings.warn(f"Port {{settings['Port']}} on {{name}} is unusual")
    elif fnmatch.fnmatch(name, "mx*"):
        settings["Priority"] = 10
    else:
        settings["Priority"] = max(1, port % 7)
    for domain in ("contoso.com", "fabrikam.com", f"partner{n}.example"):
        line = "{{0:<20}} {{1}}".format(domain, ",".join(settings.keys()))
        for part in [p.strip() for p in line.splitlines() if re.search(r"\S", p)]:
            print(part)
    if fnmatch.fnmatch(name, "mx*"):
        kind = "mail exchanger"
    elif fnmatch.fnmatch(name, "*.onmicrosoft.com"):
        kind = "tenant"
    else:
        kind = "other"
    try:
        cert = get_item(f"Cert:/LocalMachine/My/{{settings['Index']}}")
        result = {{"Subject": cert.subject, "NotAfter": cert.not_after.strftime("%Y-%m-%d")}}
    except LookupError:
        logging.debug("no certificate for %s", name)
    total = 0
    for i in range(3):
        total += i * {n}
    return settings, kind, total


"#
    );
}

/// python3 parsing `text` with `ast.parse` RUNS times: its median, min and max in ms.
fn python_parse(text: &str) -> Option<(f64, f64, f64)> {
    let path = std::env::temp_dir().join(format!("mailsec-bench-parse-{}.py", std::process::id()));
    std::fs::write(&path, text).ok()?;
    let program = format!(
        "import ast, time, statistics\nsrc = open({path:?}).read()\nts = []\nfor _ in range({RUNS}):\n    t = time.perf_counter(); ast.parse(src); ts.append(time.perf_counter() - t)\nprint(statistics.median(ts) * 1000, min(ts) * 1000, max(ts) * 1000)\n",
        path = path.display().to_string()
    );
    let output = std::process::Command::new(timing::python3())
        .args(["-c", &program])
        .output()
        .ok();
    let _ = std::fs::remove_file(&path);
    let stdout = String::from_utf8_lossy(&output?.stdout).to_string();
    let numbers: Vec<f64> = stdout
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers.as_slice() {
        [median, min, max] => Some((*median, *min, *max)),
        _ => None,
    }
}

fn generate_with(block: fn(usize, &mut String)) -> String {
    let mut script = String::new();
    let mut n = 0;
    while script.lines().count() < LINES {
        block(n, &mut script);
        n += 1;
    }
    script
}

fn generate() -> String {
    generate_with(chunk)
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
    let python = generate_with(python_chunk);
    match python_parse(&python) {
        Some((median, min, max)) => println!(
            "python3 ast.parse: {} lines, {} KiB: median {median:.2} ms over {RUNS} runs (min {min:.2} ms, max {max:.2} ms)",
            python.lines().count(),
            python.len() / 1024
        ),
        None => println!("python3 ast.parse: python3 could not be run; no comparison"),
    }
}
