//! Test helper: renders AST nodes as short S-expressions, e.g. `(+ 1 (* 2 3))`, so shape
//! tests read like the PowerShell they check.

use crate::syntax::ast::*;

pub(crate) fn script(script: &ScriptBlock) -> String {
    match &script.body {
        ScriptBody::Statements(statements) => block(statements),
        ScriptBody::Named {
            begin,
            process,
            end,
        } => {
            let mut out = Vec::new();
            for (name, body) in [("begin", begin), ("process", process), ("end", end)] {
                if let Some(body) = body {
                    out.push(format!("({name} {})", braces(body)));
                }
            }
            out.join(" ")
        }
    }
}

pub(crate) fn block(statements: &[Statement]) -> String {
    statements
        .iter()
        .map(statement)
        .collect::<Vec<_>>()
        .join("; ")
}

fn braces(statements: &[Statement]) -> String {
    format!("{{{}}}", block(statements))
}

fn opt_label(label: &Option<String>) -> String {
    label.as_ref().map(|l| format!(":{l} ")).unwrap_or_default()
}

pub(crate) fn statement(statement: &Statement) -> String {
    match &statement.kind {
        StatementKind::Pipeline(p) => pipeline(p),
        StatementKind::Chain { first, rest } => {
            let mut out = format!("(chain {}", pipeline(first));
            for (op, next) in rest {
                let op = match op {
                    crate::syntax::ast::ChainOp::And => "&&",
                    crate::syntax::ast::ChainOp::Or => "||",
                };
                out.push_str(&format!(" {op} {}", pipeline(next)));
            }
            out + ")"
        }
        StatementKind::Assignment { target, op, value } => {
            format!("(= {op:?} {} {})", expr(target), self::statement(value))
        }
        StatementKind::If { clauses, else_body } => {
            let mut out = String::from("(if");
            for (condition, body) in clauses {
                out.push_str(&format!(" {} {}", pipeline(condition), braces(body)));
            }
            if let Some(body) = else_body {
                out.push_str(&format!(" else {}", braces(body)));
            }
            out + ")"
        }
        StatementKind::Switch(switch) => {
            let mut flags = String::new();
            for (set, name) in [
                (switch.regex, "-regex "),
                (switch.wildcard, "-wildcard "),
                (switch.exact, "-exact "),
                (switch.case_sensitive, "-casesensitive "),
            ] {
                if set {
                    flags.push_str(name);
                }
            }
            let mut out = format!(
                "({}switch {flags}{}",
                opt_label(&switch.label),
                pipeline(&switch.subject)
            );
            for clause in &switch.clauses {
                out.push_str(&format!(
                    " [{} {}]",
                    expr(&clause.pattern),
                    braces(&clause.body)
                ));
            }
            if let Some(body) = &switch.default {
                out.push_str(&format!(" [default {}]", braces(body)));
            }
            out + ")"
        }
        StatementKind::Foreach {
            label,
            variable,
            iterable,
            body,
        } => format!(
            "({}foreach ${} {} {})",
            opt_label(label),
            variable.name,
            pipeline(iterable),
            braces(body)
        ),
        StatementKind::For {
            label,
            init,
            condition,
            iterator,
            body,
        } => format!(
            "({}for [{}] [{}] [{}] {})",
            opt_label(label),
            init.as_deref().map(self::statement).unwrap_or_default(),
            condition.as_ref().map(pipeline).unwrap_or_default(),
            iterator.as_deref().map(self::statement).unwrap_or_default(),
            braces(body)
        ),
        StatementKind::While {
            label,
            condition,
            body,
        } => format!(
            "({}while {} {})",
            opt_label(label),
            pipeline(condition),
            braces(body)
        ),
        StatementKind::Do {
            label,
            body,
            condition,
            until,
        } => format!(
            "({}do {} {} {})",
            opt_label(label),
            braces(body),
            if *until { "until" } else { "while" },
            pipeline(condition)
        ),
        StatementKind::Break(label) => flow("break", label.as_ref().map(expr)),
        StatementKind::Continue(label) => flow("continue", label.as_ref().map(expr)),
        StatementKind::Return(p) => flow("return", p.as_ref().map(pipeline)),
        StatementKind::Exit(p) => flow("exit", p.as_ref().map(pipeline)),
        StatementKind::Throw(p) => flow("throw", p.as_ref().map(pipeline)),
        StatementKind::Try {
            body,
            catches,
            finally,
        } => {
            let mut out = format!("(try {}", braces(body));
            for catch in catches {
                let types: Vec<String> = catch.types.iter().map(|t| format!("[{t}]")).collect();
                out.push_str(&format!(
                    " (catch {}{})",
                    types.join(""),
                    braces(&catch.body)
                ));
            }
            if let Some(body) = finally {
                out.push_str(&format!(" (finally {})", braces(body)));
            }
            out + ")"
        }
        StatementKind::Function {
            name,
            is_filter,
            body,
        } => format!(
            "({} {name} {})",
            if *is_filter { "filter" } else { "function" },
            script_block(body)
        ),
    }
}

fn flow(name: &str, value: Option<String>) -> String {
    match value {
        Some(value) => format!("({name} {value})"),
        None => format!("({name})"),
    }
}

pub(crate) fn script_block(block: &ScriptBlock) -> String {
    let mut head = String::new();
    for attribute in &block.attributes {
        head.push_str(&attr(attribute));
    }
    if !block.params.is_empty() {
        let params: Vec<String> = block.params.iter().map(param).collect();
        head.push_str(&format!("param({}) ", params.join(", ")));
    }
    format!("{{{head}{}}}", script(block))
}

fn attr(attribute: &Attribute) -> String {
    let mut args: Vec<String> = attribute.positional.iter().map(expr).collect();
    for (name, value) in &attribute.named {
        match value {
            Some(value) => args.push(format!("{name}={}", expr(value))),
            None => args.push(name.clone()),
        }
    }
    format!("[{}({})]", attribute.name, args.join(", "))
}

fn param(decl: &ParamDecl) -> String {
    let mut out: String = decl.attributes.iter().map(attr).collect();
    if let Some(t) = &decl.type_name {
        out.push_str(&format!("[{t}]"));
    }
    out.push_str(&format!("${}", decl.name));
    if let Some(default) = &decl.default {
        out.push_str(&format!("={}", expr(default)));
    }
    out
}

pub(crate) fn pipeline(pipeline: &Pipeline) -> String {
    let elements: Vec<String> = pipeline
        .elements
        .iter()
        .map(|element| match element {
            PipelineElement::Expression {
                expr: e,
                redirections,
            } => {
                format!("{}{}", expr(e), redirects(redirections))
            }
            PipelineElement::Command(c) => command(c),
        })
        .collect();
    elements.join(" | ")
}

fn redirects(redirections: &[Redirection]) -> String {
    redirections
        .iter()
        .map(|r| {
            let op = if r.append { ">>" } else { ">" };
            match &r.target {
                RedirectTarget::File(target) => format!(" {:?}{op}{}", r.stream, expr(target)),
                RedirectTarget::Merge(to) => format!(" {:?}>&{to:?}", r.stream),
            }
        })
        .collect()
}

fn command(command: &Command) -> String {
    let invocation = match command.invocation {
        Invocation::Plain => "",
        Invocation::Call => "& ",
        Invocation::DotSource => ". ",
    };
    let name = match &command.name {
        CommandName::Bare(name) => name.clone(),
        CommandName::Expr(e) => expr(e),
    };
    let mut out = format!("<{invocation}{name}");
    for arg in &command.args {
        out.push(' ');
        match arg {
            CommandArg::Parameter { name, value, .. } => match value {
                Some(value) => out.push_str(&format!("-{name}:{}", expr(value))),
                None => out.push_str(&format!("-{name}")),
            },
            CommandArg::Value(value) => out.push_str(&expr(value)),
            CommandArg::Splat { name, .. } => out.push_str(&format!("@{}", name.name)),
        }
    }
    out.push_str(&redirects(&command.redirections));
    out + ">"
}

pub(crate) fn variable(path: &VariablePath) -> String {
    match &path.scope {
        None => format!("${}", path.name),
        Some(ScopeModifier::Drive(drive)) => format!("${drive}:{}", path.name),
        Some(scope) => format!("${scope:?}:{}", path.name),
    }
}

pub(crate) fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Int(i) => i.to_string(),
        ExprKind::Long(l) => format!("{l}L"),
        ExprKind::Double(d) => format!("{d:?}"),
        ExprKind::Decimal(d) => format!("{d}D"),
        ExprKind::String(s) => format!("'{s}'"),
        ExprKind::Expandable(parts) => {
            let parts: Vec<String> = parts
                .iter()
                .map(|part| match part {
                    StringPart::Literal(text) => format!("'{text}'"),
                    StringPart::Variable(v) => variable(v),
                    StringPart::Subexpression(s) => format!("$({})", block(s)),
                })
                .collect();
            format!("\"{}\"", parts.join(" "))
        }
        ExprKind::Variable(v) => variable(v),
        ExprKind::Array(items) => {
            let items: Vec<String> = items.iter().map(expr).collect();
            format!("(, {})", items.join(" "))
        }
        ExprKind::ArraySubexpression(s) => format!("@({})", block(s)),
        ExprKind::Subexpression(s) => format!("$({})", block(s)),
        ExprKind::Paren(s) => format!("({})", statement(s)),
        ExprKind::Hashtable(entries) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}={}", expr(k), statement(v)))
                .collect();
            format!("@{{{}}}", entries.join("; "))
        }
        ExprKind::ScriptBlock(block) => script_block(block),
        ExprKind::Unary { op, operand } => format!("({op:?} {})", expr(operand)),
        ExprKind::Binary { op, lhs, rhs } => {
            let name = match op {
                BinaryOp::Add => "+".to_string(),
                BinaryOp::Subtract => "-".to_string(),
                BinaryOp::Multiply => "*".to_string(),
                BinaryOp::Divide => "/".to_string(),
                BinaryOp::Remainder => "%".to_string(),
                BinaryOp::Range => "..".to_string(),
                BinaryOp::Compare(op, CaseMode::Default) => format!("{op:?}"),
                BinaryOp::Compare(op, mode) => format!("{op:?}/{mode:?}"),
                other => format!("{other:?}"),
            };
            format!("({name} {} {})", expr(lhs), expr(rhs))
        }
        ExprKind::Cast { type_name, expr: e } => format!("([{type_name}] {})", expr(e)),
        ExprKind::TypeLiteral(t) => format!("[{t}]"),
        ExprKind::Member {
            target,
            member,
            is_static,
            null_conditional,
        } => format!(
            "{}{}{}",
            expr(target),
            accessor(*is_static, *null_conditional),
            member_name(member)
        ),
        ExprKind::MethodCall {
            target,
            member,
            args,
            is_static,
            null_conditional,
        } => {
            let args: Vec<String> = args.iter().map(expr).collect();
            format!(
                "{}{}{}({})",
                expr(target),
                accessor(*is_static, *null_conditional),
                member_name(member),
                args.join(", ")
            )
        }
        ExprKind::Index {
            target,
            index,
            null_conditional,
        } => format!(
            "{}{}{}]",
            expr(target),
            if *null_conditional { "?[" } else { "[" },
            expr(index)
        ),
    }
}

fn accessor(is_static: bool, null_conditional: bool) -> &'static str {
    match (is_static, null_conditional) {
        (true, _) => "::",
        (false, true) => "?.",
        (false, false) => ".",
    }
}

fn member_name(member: &MemberName) -> String {
    match member {
        MemberName::Name(name) => name.clone(),
        MemberName::Dynamic(e) => format!("{{{}}}", expr(e)),
    }
}
