//! Interpreter speed: a million-iteration `foreach` summing integers in mailsec, beside the
//! same loop in python3 (median of 5 runs each). Run by hand: `cargo bench --bench loop`.

mod timing;

use timing::{check_output, millis, percentile, python3, time_runs};

const RUNS: usize = 5;
const MAILSEC_LOOP: &str = "$s = 0; foreach ($i in 1..1000000) { $s += $i }; $s";
const PYTHON_LOOP: &str = "s = 0\nfor i in range(1, 1000001): s += i\nprint(s)";
const EXPECTED: &str = "500000500000";

fn report(label: &str, program: &str, args: &[&str]) {
    match time_runs(program, args, 1, RUNS) {
        None => println!("{label:<10} could not be started ({program})"),
        Some((times, output)) => {
            println!(
                "{label:<10} median {:>12}   min {:>12}   max {:>12}   ({RUNS} runs)",
                millis(percentile(&times, 50)),
                millis(times[0]),
                millis(times[times.len() - 1])
            );
            check_output(label, &output, EXPECTED);
        }
    }
}

fn main() {
    println!("loop: sum of 1..1000000");
    report(
        "mailsec",
        env!("CARGO_BIN_EXE_mailsec"),
        &["-c", MAILSEC_LOOP],
    );
    report("python3", &python3(), &["-c", PYTHON_LOOP]);
}
