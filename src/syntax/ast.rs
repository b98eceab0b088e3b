//! L0 — the abstract syntax tree the lowering produces and the evaluator walks.
//!
//! Every node that can be the subject of an error carries a [`Span`] (byte offsets into the
//! source). Names the evaluator looks up case-insensitively (variables, commands, parameters,
//! members) keep their original spelling; the evaluator folds case itself.

use std::rc::Rc;

use rust_decimal::Decimal;

pub use super::span::Span;

/// A whole script file, a `-c` command line, or the body of a script block.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptBlock {
    /// `[CmdletBinding()]` and other attributes before `param(...)`.
    pub attributes: Vec<Attribute>,
    /// `param(...)` block, or the parameters written after a function's name.
    pub params: Vec<ParamDecl>,
    pub body: ScriptBody,
    /// The source text between the braces (for `"$sb"` / `.ToString()`); for a whole script,
    /// the script text.
    pub text: Rc<str>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ScriptBody {
    /// Plain statements: runs as the `end` block.
    Statements(Vec<Statement>),
    /// `begin { } process { } end { }` (any subset, any order as written).
    Named {
        begin: Option<Vec<Statement>>,
        process: Option<Vec<Statement>>,
        end: Option<Vec<Statement>>,
    },
}

/// `[Parameter(Mandatory, ValueFromPipeline)] [int] $Name = default`
#[derive(Debug, Clone, PartialEq)]
pub struct ParamDecl {
    pub name: String,
    pub attributes: Vec<Attribute>,
    /// The innermost type constraint, e.g. `int` in `[Parameter()][int]$x`.
    pub type_name: Option<TypeName>,
    pub default: Option<Expr>,
    pub span: Span,
}

/// `[Name(positional, Named = value, Flag)]`
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub name: String,
    pub positional: Vec<Expr>,
    /// `Mandatory` alone is `("Mandatory", None)`; `Position = 0` is `("Position", Some(0))`.
    pub named: Vec<(String, Option<Expr>)>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub kind: StatementKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StatementKind {
    /// A pipeline, possibly of one expression.
    Pipeline(Pipeline),
    /// `a && b || c`: each later pipeline runs when `$?` after the one before it is true
    /// (`&&`) or false (`||`).
    Chain {
        first: Pipeline,
        rest: Vec<(ChainOp, Pipeline)>,
    },
    /// `$a = …`, `$a, $b = …`, `$h['k'] += …`, `[int]$x = …`. The value is itself a statement
    /// (a pipeline, another assignment, or a loop/if/switch whose output is collected).
    Assignment {
        target: Expr,
        op: AssignOp,
        value: Box<Statement>,
    },
    If {
        /// `if (cond) {…} elseif (cond) {…}` in order.
        clauses: Vec<(Pipeline, Vec<Statement>)>,
        else_body: Option<Vec<Statement>>,
    },
    Switch(Box<SwitchStatement>),
    Foreach {
        label: Option<String>,
        variable: VariablePath,
        iterable: Pipeline,
        body: Vec<Statement>,
    },
    For {
        label: Option<String>,
        init: Option<Box<Statement>>,
        condition: Option<Pipeline>,
        iterator: Option<Box<Statement>>,
        body: Vec<Statement>,
    },
    While {
        label: Option<String>,
        condition: Pipeline,
        body: Vec<Statement>,
    },
    /// `do {…} while (…)` (`until == false`) or `do {…} until (…)` (`until == true`).
    Do {
        label: Option<String>,
        body: Vec<Statement>,
        condition: Pipeline,
        until: bool,
    },
    /// `break` / `break label` (label may be an expression that yields a string).
    Break(Option<Expr>),
    Continue(Option<Expr>),
    Return(Option<Pipeline>),
    Exit(Option<Pipeline>),
    Throw(Option<Pipeline>),
    Try {
        body: Vec<Statement>,
        catches: Vec<CatchClause>,
        finally: Option<Vec<Statement>>,
    },
    /// `function Name(params) { … }` or `filter Name { … }`.
    Function {
        name: String,
        is_filter: bool,
        body: Rc<ScriptBlock>,
    },
}

/// `&&` or `||` between pipelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainOp {
    And,
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignOp {
    Assign,
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    /// `??=`
    NullCoalesce,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SwitchStatement {
    pub label: Option<String>,
    pub regex: bool,
    pub wildcard: bool,
    pub exact: bool,
    pub case_sensitive: bool,
    pub subject: Pipeline,
    pub clauses: Vec<SwitchClause>,
    pub default: Option<Vec<Statement>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SwitchClause {
    /// A bareword (`fo*`) is lowered to a string literal; `{ … }` to a script block expression.
    pub pattern: Expr,
    pub body: Vec<Statement>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CatchClause {
    /// Empty for a catch-all.
    pub types: Vec<TypeName>,
    pub body: Vec<Statement>,
    pub span: Span,
}

/// `a | b | c`. A single expression statement is a pipeline of one `Expression` element.
#[derive(Debug, Clone, PartialEq)]
pub struct Pipeline {
    pub elements: Vec<PipelineElement>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PipelineElement {
    /// An expression in a pipeline position (only the first element may be one).
    Expression {
        expr: Expr,
        redirections: Vec<Redirection>,
    },
    Command(Command),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Command {
    pub name: CommandName,
    /// `&` (new scope) or `.` (dot-source, current scope), if written.
    pub invocation: Invocation,
    pub args: Vec<CommandArg>,
    pub redirections: Vec<Redirection>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invocation {
    Plain,
    Call,
    DotSource,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CommandName {
    /// `Write-Output`, `./x.ps1`: a bareword.
    Bare(String),
    /// `& $c`, `& { … }`, `& 'Write-Output'`.
    Expr(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub enum CommandArg {
    /// `-Name` (value `None`) or `-Name:value` (value `Some`). The value of `-Name value` is a
    /// separate following `Value` argument; the binder pairs them.
    Parameter {
        name: String,
        value: Option<Expr>,
        span: Span,
    },
    /// A value: a literal, a bareword (lowered to a string, or a number when it parses as one),
    /// an expandable bareword, `(…)`, `$x`, `1,2,3` …
    Value(Expr),
    /// `@name`: splat a hashtable (named) or array (positional).
    Splat { name: VariablePath, span: Span },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Redirection {
    pub stream: RedirectStream,
    pub target: RedirectTarget,
    /// `>>`
    pub append: bool,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectStream {
    Output,
    Error,
    Warning,
    Verbose,
    Debug,
    Information,
    All,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RedirectTarget {
    /// `> file` or `> $null`
    File(Expr),
    /// `2>&1`
    Merge(RedirectStream),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Int(i32),
    Long(i64),
    Double(f64),
    Decimal(Decimal),
    /// `'…'`, `@'…'@`, a bareword argument: no expansion.
    String(String),
    /// `"…"`, `@"…"@`, `a$b` barewords: parts concatenated at run time.
    Expandable(Vec<StringPart>),
    Variable(VariablePath),
    /// `a, b, c`
    Array(Vec<Expr>),
    /// `@( … )`
    ArraySubexpression(Vec<Statement>),
    /// `$( … )`
    Subexpression(Vec<Statement>),
    /// `( … )`: one pipeline or assignment.
    Paren(Box<Statement>),
    /// `@{ k = v; … }`; `[ordered]@{}` is a `Cast` of this.
    Hashtable(Vec<(Expr, Statement)>),
    ScriptBlock(Rc<ScriptBlock>),
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `[type] expr`
    Cast {
        type_name: TypeName,
        expr: Box<Expr>,
    },
    /// `[type]` on its own.
    TypeLiteral(TypeName),
    /// `x.Name`, `x.$name`, `x::Name`, `x?.Name`
    Member {
        target: Box<Expr>,
        member: Box<MemberName>,
        is_static: bool,
        null_conditional: bool,
    },
    /// `x.Name(args)`, `[t]::Name(args)`, `x.Where{ … }` (a script block argument without parens).
    MethodCall {
        target: Box<Expr>,
        member: Box<MemberName>,
        args: Vec<Expr>,
        is_static: bool,
        null_conditional: bool,
    },
    /// `x[i]`, `x?[i]`
    Index {
        target: Box<Expr>,
        index: Box<Expr>,
        null_conditional: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum MemberName {
    Name(String),
    /// `$x.$name` or `$x.(expr)`
    Dynamic(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub enum StringPart {
    Literal(String),
    Variable(VariablePath),
    Subexpression(Vec<Statement>),
}

/// `$name`, `$script:name`, `${any name}`, `$env:PATH`, `$_`.
#[derive(Debug, Clone, PartialEq)]
pub struct VariablePath {
    pub scope: Option<ScopeModifier>,
    /// As written (without `$` and scope prefix).
    pub name: String,
    /// `name` in lower case: the key the evaluator looks variables up by.
    pub key: Rc<str>,
    pub span: Span,
}

impl VariablePath {
    pub fn new(scope: Option<ScopeModifier>, name: impl Into<String>, span: Span) -> VariablePath {
        let name = name.into();
        let key = name.to_lowercase().into();
        VariablePath {
            scope,
            name,
            key,
            span,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeModifier {
    Global,
    Script,
    Local,
    Private,
    Using,
    Env,
    /// Any other drive-qualified name, e.g. `$function:x` or `$variable:y`.
    Drive(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-not` / `!`
    Not,
    /// `-x`
    Negate,
    /// `+x`
    Plus,
    /// `-bnot`
    BitNot,
    /// `-join x`
    Join,
    /// `-split x`
    Split,
    /// `,x` (one-element array)
    Comma,
    PreIncrement,
    PreDecrement,
    PostIncrement,
    PostDecrement,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    /// `..`
    Range,
    /// `-f`
    Format,
    /// `-eq -ieq -ceq -like -match -replace -split -contains -in …`
    Compare(CompareOp, CaseMode),
    /// `-join`
    Join,
    Is,
    IsNot,
    As,
    And,
    Or,
    Xor,
    BitAnd,
    BitOr,
    BitXor,
    ShiftLeft,
    ShiftRight,
    /// `??`
    NullCoalesce,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Like,
    NotLike,
    Match,
    NotMatch,
    Replace,
    Split,
    Contains,
    NotContains,
    In,
    NotIn,
}

/// `-eq` (default, case-insensitive), `-ieq`, `-ceq`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMode {
    Default,
    Insensitive,
    Sensitive,
}

impl CaseMode {
    pub fn sensitive(self) -> bool {
        self == CaseMode::Sensitive
    }
}

/// `int`, `System.Int32`, `int[]`, `System.Collections.Generic.List[int]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeName {
    Simple(String),
    Array(Box<TypeName>),
    Generic(String, Vec<TypeName>),
}

impl std::fmt::Display for TypeName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TypeName::Simple(name) => f.write_str(name),
            TypeName::Array(inner) => write!(f, "{inner}[]"),
            TypeName::Generic(name, args) => {
                write!(f, "{name}[")?;
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{arg}")?;
                }
                f.write_str("]")
            }
        }
    }
}
