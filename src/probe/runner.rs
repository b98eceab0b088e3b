//! L1 — many endpoints at once: each target runs on its own thread, at most `limit` at a
//! time, and reports come back through a channel in the order they finish.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::endpoint::{EndpointReport, Prober, Target};
use super::finding::{Code, Finding};

/// Probes targets concurrently.
pub struct Runner {
    prober: Arc<Prober>,
    limit: usize,
    in_flight: usize,
    sender: Sender<EndpointReport>,
    receiver: Receiver<EndpointReport>,
}

impl Runner {
    /// At most `limit` (at least 1) probes at once.
    pub fn new(prober: Arc<Prober>, limit: usize) -> Runner {
        let (sender, receiver) = channel();
        Runner {
            prober,
            limit: limit.max(1),
            in_flight: 0,
            sender,
            receiver,
        }
    }

    /// Probes still running.
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Start probing `target`; when `limit` probes are running, first wait for one to finish.
    /// Returns the reports that finished meanwhile.
    pub fn submit(&mut self, target: Target) -> Vec<EndpointReport> {
        let mut done = Vec::new();
        while self.in_flight >= self.limit {
            match self.next_report() {
                Some(report) => done.push(report),
                None => break,
            }
        }
        let prober = self.prober.clone();
        let sender = self.sender.clone();
        let job = target.clone();
        let spawned = std::thread::Builder::new()
            .name("probe".into())
            .spawn(move || {
                let report = run_guarded(&prober, &job);
                let _ = sender.send(report);
            });
        match spawned {
            Ok(_) => self.in_flight += 1,
            // No thread to be had: probe here instead.
            Err(_) => done.push(run_guarded(&self.prober, &target)),
        }
        done.extend(self.ready());
        done
    }

    /// Reports finished so far, without waiting.
    pub fn ready(&mut self) -> Vec<EndpointReport> {
        let mut done = Vec::new();
        while let Ok(report) = self.receiver.try_recv() {
            self.in_flight = self.in_flight.saturating_sub(1);
            done.push(report);
        }
        done
    }

    /// Wait for the next report; `None` when nothing is running.
    pub fn next_report(&mut self) -> Option<EndpointReport> {
        if self.in_flight == 0 {
            return None;
        }
        let report = self.receiver.recv().ok()?;
        self.in_flight -= 1;
        Some(report)
    }
}

/// Probe, turning a panic (a bug) into a finding rather than a lost endpoint.
fn run_guarded(prober: &Prober, target: &Target) -> EndpointReport {
    match catch_unwind(AssertUnwindSafe(|| prober.probe(target))) {
        Ok(report) => report,
        Err(_) => {
            let mut report = prober.empty_report(target);
            report.findings.push(Finding::new(
                Code::ConnectionFailed,
                "The probe stopped unexpectedly (an internal error); please report it.",
            ));
            report
        }
    }
}
