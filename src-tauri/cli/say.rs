//! A line on standard output that cannot take the process down: `println!` panics when stdout
//! is a pipe whose reader has gone (`gasdesk serve | head -1`, a supervisor's log pipe closed),
//! and a running office server must not stop over its log line. Whoever stopped reading has
//! lost only the line.
use std::io::Write;

pub fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}
