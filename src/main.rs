//! The `baodao` binary: parse arguments, run the TUI or a headless command, map errors to exit
//! codes (0 ok, 1 a user's error, 2 an internal error).
fn main() {
    std::process::exit(baodao::cli::main());
}
