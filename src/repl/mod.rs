//! L5 — the interactive shell (rustyline): prompt, history, multi-line input, completion,
//! Ctrl-C (cancel the line, or stop the running pipeline) and Ctrl-D (leave).

pub mod complete;
pub mod helper;
pub mod paths;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rustyline::Editor;
use rustyline::config::Config;
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;

use crate::engine::StdHost;
use crate::report;
use crate::session::{Session, SessionOptions};
use crate::syntax::Source;
use helper::ShellHelper;

/// The prompt for a new entry.
pub const PROMPT: &str = "PS mailsec> ";
/// The name errors show for what was typed at the prompt.
pub const INTERACTIVE_NAME: &str = "<interactive>";
/// How many entries the history file keeps.
const HISTORY_SIZE: usize = 10_000;

/// Run the interactive shell until Ctrl-D or `exit`; returns the process exit status.
pub fn run(options: SessionOptions, color: bool) -> i32 {
    let interrupt = Arc::new(AtomicBool::new(false));
    install_interrupt_handler(Arc::clone(&interrupt));
    let host = StdHost::new().with_interrupt(Arc::clone(&interrupt));
    let session = Rc::new(RefCell::new(Session::new(Box::new(host), options)));
    let mut editor = match new_editor(Rc::clone(&session)) {
        Ok(editor) => editor,
        Err(error) => {
            eprintln!("mailsec: cannot start the interactive shell: {error}");
            return 1;
        }
    };
    let history = history_file();
    if let Some(path) = &history {
        // A missing history file is the normal first run.
        let _ = editor.load_history(path);
    }
    loop {
        match editor.readline(PROMPT) {
            Ok(entry) => {
                if entry.trim().is_empty() {
                    continue;
                }
                remember(&mut editor, history.as_deref(), &entry);
                interrupt.store(false, Ordering::SeqCst);
                let exit = run_entry(&mut session.borrow_mut(), &entry, color);
                interrupt.store(false, Ordering::SeqCst);
                if let Some(code) = exit {
                    return code;
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => return 0,
            Err(error) => {
                eprintln!("mailsec: cannot read input: {error}");
                return 1;
            }
        }
    }
}

/// Run one entry; errors are printed and the session goes on. `Some(code)` when it called `exit`.
fn run_entry(session: &mut Session, entry: &str, color: bool) -> Option<i32> {
    let source = Source::new(INTERACTIVE_NAME, entry);
    let result = session.run(&source, Vec::new());
    match result {
        Ok(exit) => {
            session.host_mut().flush();
            exit
        }
        Err(error) => {
            let text = report::render_run_error(&error, &source, color);
            session.host_mut().write_error(&text);
            session.host_mut().flush();
            None
        }
    }
}

fn new_editor(
    session: Rc<RefCell<Session>>,
) -> rustyline::Result<Editor<ShellHelper, DefaultHistory>> {
    let config = Config::builder()
        .max_history_size(HISTORY_SIZE)?
        .history_ignore_dups(true)?
        // A line typed with a leading space stays out of the history (for secrets).
        .history_ignore_space(true)
        .auto_add_history(false)
        .build();
    let mut editor = Editor::with_config(config)?;
    editor.set_helper(Some(ShellHelper::new(session)));
    Ok(editor)
}

/// The history file, its directory created; `None` (no saved history) when there is no home.
fn history_file() -> Option<PathBuf> {
    let path = paths::history_path()?;
    let dir = path.parent()?;
    std::fs::create_dir_all(dir).ok()?;
    Some(path)
}

/// Add an entry to the history and save it at once (the file is created mode 0600).
fn remember(editor: &mut Editor<ShellHelper, DefaultHistory>, file: Option<&Path>, entry: &str) {
    if matches!(editor.add_history_entry(entry), Ok(true))
        && let Some(path) = file
    {
        let _ = editor.save_history(path);
    }
}

/// Ctrl-C while a pipeline runs sets `flag` (the engine polls it through the host and stops);
/// a second Ctrl-C before the engine noticed the first ends the process, so a busy loop that
/// never polls can still be left.
fn install_interrupt_handler(flag: Arc<AtomicBool>) {
    let installed = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    if let Err(error) = installed {
        eprintln!("mailsec: Ctrl-C will not stop running commands: {error}");
    }
}
