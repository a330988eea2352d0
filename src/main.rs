//! The `baodao` binary: parse arguments, run the TUI or a headless command, map errors to exit
//! codes (0 ok, 1 a user's error, 2 an internal error).

// The program allocates through mimalloc: an import or a bulk load makes and frees millions of
// small strings and buffers, and glibc's malloc (with its consolidations of a large heap) was
// a fifth of a roster import's time. `benches/import.rs` declares the same allocator. It is
// built without transparent huge pages (Cargo.toml): with them every fresh 2 MiB of its arenas
// was zeroed on first touch and again after each purge, a third of a roster import's system
// time, and a reviewer's private memory wandered between 34 and 64 MB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(baodao::cli::main());
}
