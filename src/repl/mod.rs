//! L5 — the interactive shell (rustyline): prompt, history, multi-line input, completion.
