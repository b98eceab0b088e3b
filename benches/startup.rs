//! Start-up time: `mailsec -c '1+1'` spawned 50 times (median and p90), beside
//! `python3 -c '1+1'`. Run by hand: `cargo bench --bench startup`.

mod timing;

use timing::{check_output, millis, percentile, python3, time_runs};

const RUNS: usize = 50;

fn report(label: &str, program: &str, args: &[&str], expected: Option<&str>) {
    match time_runs(program, args, 3, RUNS) {
        None => println!("{label:<28} could not be started ({program})"),
        Some((times, output)) => {
            println!(
                "{label:<28} median {:>10}   p90 {:>10}   ({RUNS} runs)",
                millis(percentile(&times, 50)),
                millis(percentile(&times, 90))
            );
            if let Some(expected) = expected {
                check_output(label, &output, expected);
            }
        }
    }
}

fn main() {
    let mailsec = env!("CARGO_BIN_EXE_mailsec");
    println!("start-up: {mailsec} and {}", python3());
    report("mailsec -c '1+1'", mailsec, &["-c", "1+1"], Some("2"));
    report("python3 -c '1+1'", &python3(), &["-c", "1+1"], Some(""));
}
