//! `ideaboard import --from fider|canny|csv FILE`: reads the export, writes it into the board
//! once (`services::import`), and prints what was created, skipped and refused, with lines.

use std::path::PathBuf;

use crate::config::Config;
use crate::domain::import::{self, Export};
use crate::services::import::{Counts, Summary};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// What made the file: `fider` (its backup zip), `canny` (its posts CSV export) or `csv`
    /// (the columns the README documents).
    #[arg(long)]
    from: String,
    /// The name the imported records are remembered under (default: the `--from` value); give
    /// two boards of one tool different names.
    #[arg(long = "as")]
    source_name: Option<String>,
    /// The file.
    file: PathBuf,
}

/// Reads, imports and reports; an unreadable file or an unknown `--from` is an error.
pub fn run(config: &Config, args: &ImportArgs) -> Result<(), String> {
    let bytes = std::fs::read(&args.file)
        .map_err(|e| format!("cannot read {}: {e}", args.file.display()))?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = || String::from_utf8_lossy(&bytes).into_owned();
    let export: Export = match args.from.as_str() {
        "fider" => import::fider::read(&name, &bytes),
        "canny" => import::canny::read(&name, &text()),
        "csv" => import::csv::read(&name, &text()),
        other => return Err(format!("--from is fider, canny or csv, not {other:?}")),
    };
    let source = args
        .source_name
        .clone()
        .unwrap_or_else(|| args.from.clone());
    let mut db = super::open_migrated(config)?;
    let summary = crate::services::import::run(&mut db, &source, export, config.rank_half_life)
        .map_err(super::describe)?;
    print!("{}", report(&source, &summary));
    Ok(())
}

fn counts(counts: &Counts) -> String {
    format!(
        "{} people, {} ideas, {} votes, {} comments, {} tags",
        counts.people, counts.ideas, counts.votes, counts.comments, counts.tags
    )
}

/// The summary as printed.
fn report(source: &str, summary: &Summary) -> String {
    let mut lines = vec![
        format!("imported from {source}"),
        format!("created: {}", counts(&summary.created)),
        format!(
            "skipped (imported before, or already here): {}",
            counts(&summary.skipped)
        ),
        format!("refused: {}", summary.refused.len()),
    ];
    for (origin, why) in &summary.refused {
        lines.push(format!("  {origin}: {why}"));
    }
    lines.join("\n") + "\n"
}
