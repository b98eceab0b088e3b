//! Shared by the hand-run benchmarks: time a command several times, summarise, print a row.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// One timed run of `program ARGS`: wall time and what it printed.
pub fn time_once(program: &str, args: &[&str]) -> Option<(Duration, Output)> {
    let start = Instant::now();
    let output = Command::new(program).args(args).output().ok()?;
    Some((start.elapsed(), output))
}

/// Run `program ARGS` `runs` times (after `warmup` untimed runs); the sorted wall times and
/// the last output. `None` when the program cannot be started.
pub fn time_runs(
    program: &str,
    args: &[&str],
    warmup: usize,
    runs: usize,
) -> Option<(Vec<Duration>, Output)> {
    for _ in 0..warmup {
        time_once(program, args)?;
    }
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let (elapsed, output) = time_once(program, args)?;
        times.push(elapsed);
        last = Some(output);
    }
    times.sort();
    Some((times, last?))
}

/// The `p`-th percentile (0–100) of sorted times, nearest rank.
pub fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (p * sorted.len()).div_ceil(100).clamp(1, sorted.len());
    sorted[rank - 1]
}

pub fn millis(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Print whether the run printed `expected` and exited 0.
pub fn check_output(label: &str, output: &Output, expected: &str) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    if output.status.success() && stdout.trim_end() == expected {
        println!("  {label}: output ok ({expected})");
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        println!(
            "  {label}: WRONG RESULT (status {:?}, stdout {:?}, stderr starts {:?}) — its time is not comparable",
            output.status.code(),
            stdout.trim_end(),
            stderr.lines().next().unwrap_or_default()
        );
    }
}

/// The real python3 executable (not a version-manager shim, whose own start-up would be
/// timed too); plain `python3` when it cannot say.
pub fn python3() -> String {
    Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .ok()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|path| !path.is_empty())
        .unwrap_or_else(|| "python3".to_string())
}
