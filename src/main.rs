//! The `ideaboard` binary: parse the command line, load the configuration, run the command.

use std::process::ExitCode;

use clap::Parser;
use ideaboard::cli::{self, Cli};
use ideaboard::config::Config;

/// glibc gives every thread that meets contention its own malloc arena (up to 8 per core), and
/// memory freed in one is not reused by another. With the HTTP workers and the blocking pool the
/// server's RSS under load at 100k ideas was 118 MB on SQLite; with two arenas it is 75–79 MB at
/// the same throughput (measured on `bench/`'s boards).
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only adjusts allocator tuning; called first thing, before other threads run.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[actix_web::main]
async fn main() -> ExitCode {
    limit_malloc_arenas();
    let cli = Cli::parse();
    let config = match Config::load() {
        Ok(config) => config,
        Err(reason) => {
            eprintln!("ideaboard: {reason}");
            return ExitCode::FAILURE;
        }
    };
    ideaboard::telemetry::init(&config.log);
    match cli::run(cli, config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("ideaboard: {reason}");
            ExitCode::FAILURE
        }
    }
}
