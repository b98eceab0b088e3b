//! L4 — Invoke-Expression: parses and runs a string as PowerShell code in the caller's scope.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::PsType;

/// `Invoke-Expression [-Command] <String>`
pub struct InvokeExpression;

impl Cmdlet for InvokeExpression {
    fn signature(&self) -> Signature {
        Signature::new(
            "Invoke-Expression",
            "Runs commands or expressions on the local computer.",
        )
        .param(
            Param::new("Command", PsType::String)
                .position(0)
                .mandatory()
                .from_pipeline()
                .help("The code to run."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new("Evaluate an expression", "Invoke-Expression '1+1'", "2\n"),
            Example::new(
                "Run code from a variable",
                "$cmd = \"'abc'.ToUpper()\"; Invoke-Expression $cmd",
                "ABC\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let Some(text) = cx.args.string("Command") else {
            return Ok(());
        };
        let span = cx.span;
        cx.interp.run_text(&text, &mut *cx.out, span)
    }
}
