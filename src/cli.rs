//! Headless commands. Never imports ratatui.

/// Runs the program and returns its exit code.
pub fn main() -> i32 {
    0
}
