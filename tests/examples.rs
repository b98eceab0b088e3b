//! Every built-in cmdlet's `examples()` run as tests: each example's command runs in a fresh
//! session and what it prints must be exactly the example's output. All failures are
//! reported together.

use std::cell::RefCell;
use std::panic::AssertUnwindSafe;
use std::rc::Rc;

use mailsec::engine::Host;
use mailsec::syntax::Source;
use mailsec::{Session, SessionOptions};

/// A host appending stdout and stderr text to buffers the test keeps a handle on.
#[derive(Clone, Default)]
struct ExampleHost {
    output: Rc<RefCell<String>>,
    errors: Rc<RefCell<String>>,
}

impl Host for ExampleHost {
    fn write_output(&mut self, text: &str) {
        self.output.borrow_mut().push_str(text);
    }

    fn write_error(&mut self, text: &str) {
        self.errors.borrow_mut().push_str(text);
    }
}

/// Run `command` in a fresh session: (stdout, stderr and how it ended).
fn run_example(command: &str) -> (String, String) {
    let host = ExampleHost::default();
    let state = crate::support::ScratchDir::new("example");
    let options = SessionOptions {
        state_path: Some(state.path().join("state.yaml")),
    };
    let mut session = Session::new(Box::new(host.clone()), options);
    let source = Source::new("<example>", command);
    let ending = std::panic::catch_unwind(AssertUnwindSafe(|| session.run(&source, Vec::new())));
    let mut errors = host.errors.borrow().clone();
    match ending {
        Ok(Ok(_)) => {}
        Ok(Err(error)) => errors.push_str(&format!("terminating error: {error}\n")),
        Err(_) => errors.push_str("PANICKED\n"),
    }
    let output = host.output.borrow().clone();
    (output, errors)
}

#[test]
fn every_cmdlet_example_prints_its_expected_output() {
    let mut failures = Vec::new();
    let mut count = 0;
    for cmdlet in mailsec::cmdlets::all() {
        let name = cmdlet.signature().name;
        for example in cmdlet.examples() {
            count += 1;
            let (output, errors) = run_example(example.command);
            if output != example.output {
                failures.push(format!(
                    "{name} — {}\n  command:  {:?}\n  expected: {:?}\n  actual:   {:?}\n  stderr:   {:?}",
                    example.description, example.command, example.output, output, errors
                ));
            }
        }
    }
    assert!(count > 0, "no examples ran");
    assert!(
        failures.is_empty(),
        "{} of {count} cmdlet examples failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
