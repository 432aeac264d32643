//! The `ideaboard` binary: parse the command line, load the configuration, run the command.

use std::process::ExitCode;

use clap::Parser;
use ideaboard::cli::{self, Cli};
use ideaboard::config::Config;

#[actix_web::main]
async fn main() -> ExitCode {
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
