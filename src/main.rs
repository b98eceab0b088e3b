//! L5 — the `mailsec` command line: REPL, script files, `-c` commands.

fn main() {
    println!("mailsec: not yet");
}
