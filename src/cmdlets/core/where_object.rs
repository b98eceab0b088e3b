//! L4 — Where-Object: passes on the objects a filter script accepts, or (simplified syntax)
//! those whose property compares with a value (`Where-Object Length -gt 4`), or whose
//! property is truthy (`Where-Object IP`, `Where-Object -Not IP`).

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::syntax::ast::{CaseMode, CompareOp};
use crate::value::{PsType, Value, access, compare, convert};

use super::super::common::{block_value, current_input, terminating};

/// `Where-Object [-FilterScript] <ScriptBlock>` or `Where-Object [-Property] <String>
/// [[-Value] <Object>] -GT` (one switch per operator, each its own parameter set).
pub struct WhereObject;

/// How an operator switch compares.
#[derive(Debug, Clone, Copy)]
enum Test {
    Compare(CompareOp, CaseMode),
    Is(bool),
    Not,
}

/// (switch, alias, parameter set, test)
const OPERATORS: &[(&str, Option<&str>, &str, Test)] = {
    use CaseMode::{Insensitive as I, Sensitive as S};
    use CompareOp::*;
    &[
        ("EQ", Some("IEQ"), "EqualSet", Test::Compare(Eq, I)),
        ("CEQ", None, "CaseSensitiveEqualSet", Test::Compare(Eq, S)),
        ("NE", Some("INE"), "NotEqualSet", Test::Compare(Ne, I)),
        (
            "CNE",
            None,
            "CaseSensitiveNotEqualSet",
            Test::Compare(Ne, S),
        ),
        ("GT", Some("IGT"), "GreaterThanSet", Test::Compare(Gt, I)),
        (
            "CGT",
            None,
            "CaseSensitiveGreaterThanSet",
            Test::Compare(Gt, S),
        ),
        ("LT", Some("ILT"), "LessThanSet", Test::Compare(Lt, I)),
        (
            "CLT",
            None,
            "CaseSensitiveLessThanSet",
            Test::Compare(Lt, S),
        ),
        ("GE", Some("IGE"), "GreaterOrEqualSet", Test::Compare(Ge, I)),
        (
            "CGE",
            None,
            "CaseSensitiveGreaterOrEqualSet",
            Test::Compare(Ge, S),
        ),
        ("LE", Some("ILE"), "LessOrEqualSet", Test::Compare(Le, I)),
        (
            "CLE",
            None,
            "CaseSensitiveLessOrEqualSet",
            Test::Compare(Le, S),
        ),
        ("Like", Some("ILike"), "LikeSet", Test::Compare(Like, I)),
        (
            "CLike",
            None,
            "CaseSensitiveLikeSet",
            Test::Compare(Like, S),
        ),
        (
            "NotLike",
            Some("INotLike"),
            "NotLikeSet",
            Test::Compare(NotLike, I),
        ),
        (
            "CNotLike",
            None,
            "CaseSensitiveNotLikeSet",
            Test::Compare(NotLike, S),
        ),
        ("Match", Some("IMatch"), "MatchSet", Test::Compare(Match, I)),
        (
            "CMatch",
            None,
            "CaseSensitiveMatchSet",
            Test::Compare(Match, S),
        ),
        (
            "NotMatch",
            Some("INotMatch"),
            "NotMatchSet",
            Test::Compare(NotMatch, I),
        ),
        (
            "CNotMatch",
            None,
            "CaseSensitiveNotMatchSet",
            Test::Compare(NotMatch, S),
        ),
        (
            "Contains",
            Some("IContains"),
            "ContainsSet",
            Test::Compare(Contains, I),
        ),
        (
            "CContains",
            None,
            "CaseSensitiveContainsSet",
            Test::Compare(Contains, S),
        ),
        (
            "NotContains",
            Some("INotContains"),
            "NotContainsSet",
            Test::Compare(NotContains, I),
        ),
        (
            "CNotContains",
            None,
            "CaseSensitiveNotContainsSet",
            Test::Compare(NotContains, S),
        ),
        ("In", Some("IIn"), "InSet", Test::Compare(In, I)),
        ("CIn", None, "CaseSensitiveInSet", Test::Compare(In, S)),
        ("NotIn", Some("INotIn"), "NotInSet", Test::Compare(NotIn, I)),
        (
            "CNotIn",
            None,
            "CaseSensitiveNotInSet",
            Test::Compare(NotIn, S),
        ),
        ("Is", None, "IsSet", Test::Is(true)),
        ("IsNot", None, "IsNotSet", Test::Is(false)),
        ("Not", None, "Not", Test::Not),
    ]
};

impl Cmdlet for WhereObject {
    fn signature(&self) -> Signature {
        let mut property = Param::new("Property", PsType::Object)
            .shown_as("String")
            .position(0)
            .mandatory()
            .help("The property to test on each object.");
        let mut value = Param::new("Value", PsType::Object)
            .position(1)
            .help("The value to compare with.");
        for (_, _, set, test) in OPERATORS {
            property = property.set(set);
            if !matches!(test, Test::Not) {
                value = value.set(set);
            }
        }
        let mut sig = Signature::new(
            "Where-Object",
            "Selects objects from a collection based on their property values.",
        )
        .default_set("EqualSet")
        .param(
            Param::new("InputObject", PsType::PsObject)
                .from_pipeline()
                .help("The objects to filter."),
        )
        .param(
            Param::new("FilterScript", PsType::ScriptBlock)
                .position(0)
                .mandatory()
                .set("ScriptBlockSet")
                .help("The script block deciding, with $_, whether an object passes."),
        )
        .param(property)
        .param(value);
        for (name, alias, set, _) in OPERATORS {
            let mut switch = Param::switch(name).set(set);
            if *name != "EQ" {
                switch = switch.mandatory();
            }
            if let Some(alias) = alias {
                switch = switch.alias(alias);
            }
            sig = sig.param(switch);
        }
        sig
    }

    fn examples(&self) -> Vec<Example> {
        vec![
            Example::new(
                "Filter with a script block",
                "1..10 | Where-Object { $_ % 2 -eq 0 }",
                "2\n4\n6\n8\n10\n",
            ),
            Example::new(
                "Compare a property",
                "'apple', 'kiwi', 'banana' | Where-Object Length -gt 4",
                "apple\nbanana\n",
            ),
            Example::new(
                "Truthy properties",
                "$c = [pscustomobject]@{ N = 'one'; IP = '10.0.0.1' }, [pscustomobject]@{ N = 'two'; IP = '' }\n($c | Where-Object IP).N\n($c | Where-Object -Not IP).N",
                "one\ntwo\n",
            ),
        ]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        let Some(item) = current_input(cx) else {
            return Ok(());
        };
        let keep = match filter_of(cx) {
            Filter::Script(block) => {
                let result = block_value(cx, &block, item.clone())?;
                convert::to_bool(&result)
            }
            Filter::Property(name) => {
                let property = if item.is_null() {
                    Value::Null
                } else {
                    access::get_member(&item, &name)
                };
                let test = chosen_test(cx);
                passes(cx, test, &property)?
            }
        };
        if keep { cx.emit(item) } else { Ok(()) }
    }
}

enum Filter {
    Script(std::rc::Rc<crate::value::ScriptBlockValue>),
    Property(String),
}

fn filter_of(cx: &Context<'_, '_>) -> Filter {
    // `Where-Object { … }` binds the block to -Property (the default set); with no operator
    // and no value it is the filter script.
    let plain =
        OPERATORS.iter().all(|(name, ..)| !cx.args.switch(name)) && !cx.args.contains("Value");
    match cx
        .args
        .get("FilterScript")
        .or_else(|| cx.args.get("Property"))
    {
        Some(Value::ScriptBlock(block)) if plain || cx.args.contains("FilterScript") => {
            Filter::Script(block.clone())
        }
        Some(other) => Filter::Property(convert::to_string(other, " ")),
        None => Filter::Property(String::new()),
    }
}

/// The operator switch given; none means "truthy", or `-EQ` when a value is given.
fn chosen_test(cx: &Context<'_, '_>) -> Option<Test> {
    OPERATORS
        .iter()
        .find(|(name, ..)| cx.args.switch(name))
        .map(|(.., test)| *test)
        .or_else(|| {
            cx.args
                .contains("Value")
                .then_some(Test::Compare(CompareOp::Eq, CaseMode::Insensitive))
        })
}

fn passes(cx: &Context<'_, '_>, test: Option<Test>, property: &Value) -> Eval<bool> {
    let value = cx.args.get("Value").cloned().unwrap_or_default();
    match test {
        None => Ok(convert::to_bool(property)),
        Some(Test::Not) => Ok(!convert::to_bool(property)),
        Some(Test::Is(expected)) => {
            let ty = match &value {
                Value::Type(ty) => (**ty).clone(),
                other => PsType::resolve_str(&convert::to_string(other, " "))
                    .map_err(|e| terminating(cx, e.exception_type(), e.to_string()))?,
            };
            let is = !property.is_null() && PsType::of(property).is_assignable_to(&ty);
            Ok(is == expected)
        }
        Some(Test::Compare(op, case)) => {
            let mut matches = None;
            let result = compare::apply(op, case, property, &value, &mut matches)
                .map_err(|e| terminating(cx, e.exception_type(), e.to_string()))?;
            Ok(convert::to_bool(&result))
        }
    }
}
