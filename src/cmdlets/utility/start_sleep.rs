//! L4 — Start-Sleep: waits for a number of seconds or milliseconds; Ctrl-C stops it.

use std::time::{Duration, Instant};

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value, convert};

use super::super::common::argument_error;

/// `Start-Sleep [-Seconds] <Double>` or `Start-Sleep -Milliseconds <Int32>`
pub struct StartSleep;

impl Cmdlet for StartSleep {
    fn signature(&self) -> Signature {
        Signature::new(
            "Start-Sleep",
            "Suspends the activity in a script or session for the specified period of time.",
        )
        .default_set("Seconds")
        .param(
            Param::new("Seconds", PsType::Double)
                .position(0)
                .mandatory()
                .set("Seconds")
                .from_pipeline()
                .from_pipeline_by_property_name()
                .help("How many seconds to wait."),
        )
        .param(
            Param::new("Milliseconds", PsType::Int)
                .mandatory()
                .set("Milliseconds")
                .alias("ms")
                .from_pipeline_by_property_name()
                .help("How many milliseconds to wait."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "Wait briefly",
            "Start-Sleep -Milliseconds 10; 'done'",
            "done\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let seconds = match (cx.args.get("Milliseconds"), cx.args.get("Seconds")) {
            (Some(ms), _) => number(ms) / 1000.0,
            (None, Some(s)) => number(s),
            (None, None) => 0.0,
        };
        if !(0.0..=2_147_483.0).contains(&seconds) {
            return Err(argument_error(
                cx,
                format!(
                    "Cannot validate argument on parameter 'Seconds'. The {seconds} argument is out of range."
                ),
            ));
        }
        let deadline = Instant::now() + Duration::from_secs_f64(seconds);
        loop {
            cx.interp.check_interrupt()?;
            let now = Instant::now();
            if now >= deadline {
                return Ok(());
            }
            std::thread::sleep((deadline - now).min(Duration::from_millis(50)));
        }
    }
}

fn number(value: &Value) -> f64 {
    match convert::convert_to(value, &PsType::Double, " ") {
        Ok(Value::Double(x)) => x,
        _ => 0.0,
    }
}
