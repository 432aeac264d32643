//! The command line: `serve` (default), `migrate`, `user create|role`, `token create`, `seed`,
//! `rerank`, `rerender`, `rescore`, `reindex`, `check`, `export`, `import` (its own file).

mod import;

use std::io::{IsTerminal, Read};

use clap::{Parser, Subcommand};
use rand::Rng;

use crate::config::Config;
use crate::db::{CheckpointPolicy, Database, Db};
use crate::domain::roles::Role;
use crate::domain::search_language::SearchLanguage;
use crate::i18n::Lang;
use crate::services::accounts::{self, Registration};
use crate::services::api_tokens;
use crate::services::error::ServiceError;
use crate::services::search_index::LanguageAtStart;
use crate::startup::Application;

/// Ideaboard — an idea-community platform. Configured by environment (see README).
#[derive(Debug, Parser)]
#[command(name = "ideaboard", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the board (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Fill an empty board: `--demo` for a small friendly one, or sizes for a large one.
    Seed(SeedArgs),
    /// Rebuild every idea's vote totals and popular key from the votes (after changing
    /// RANK_HALF_LIFE_DAYS).
    Rerank,
    /// Render every stored Markdown text again (idea bodies, comments, status notes) and rewrite
    /// those that come out different (after an upgrade that changes the Markdown policy).
    Rerender,
    /// Read the sentiment of every idea and comment again and store what changed (after an
    /// upgrade that changes the method or its lexicons).
    Rescore,
    /// Index every idea's title and body again for search, in SEARCH_LANGUAGE (after changing
    /// it).
    Reindex,
    /// Recount points, vote counts, comment counts and rank keys from the rows; print any drift
    /// and exit 1 if there is some.
    Check,
    /// Write the top-ranked ideas to standard output as CSV or JSON (the same rows as the API).
    Export(ExportArgs),
    /// Bring in another tool's ideas, votes, comments, tags and people: a Fider backup, a
    /// Canny export, or the documented CSV. Running it again changes nothing.
    Import(import::ImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(long, default_value = "csv")]
    format: String,
    #[arg(long, default_value = "top")]
    sort: String,
    /// Status slugs, comma-separated (default: open and active ones).
    #[arg(long)]
    status: Option<String>,
    /// Tag slugs, comma-separated.
    #[arg(long)]
    tag: Option<String>,
    /// A storm session's slug: the ideas submitted into it (every status unless --status).
    #[arg(long)]
    storm: Option<String>,
    /// Submitted on or after this day (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Submitted on or before this day (YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
    #[arg(long)]
    min_points: Option<i64>,
    /// How many ideas; 0 for all.
    #[arg(long, default_value_t = 100)]
    limit: i64,
}

#[derive(Debug, clap::Args)]
pub struct SeedArgs {
    /// A few dozen ideas, staff and customers with printed passwords.
    #[arg(long, conflicts_with_all = ["ideas", "votes", "comments", "users"])]
    demo: bool,
    /// The demo's language (en or de); DEFAULT_LOCALE when not given.
    #[arg(long, requires = "demo")]
    locale: Option<String>,
    #[arg(long, default_value_t = 1000)]
    ideas: usize,
    #[arg(long, default_value_t = 10_000)]
    votes: usize,
    #[arg(long, default_value_t = 2000)]
    comments: usize,
    #[arg(long, default_value_t = 500)]
    users: usize,
    /// The random seed: the same seed makes the same board.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

impl SeedArgs {
    /// The demo's language: `--locale`, else the board's (`DEFAULT_LOCALE`).
    fn demo_language(&self, config: &Config) -> Result<Lang, String> {
        match &self.locale {
            Some(tag) => Lang::parse(tag).ok_or_else(|| {
                let spoken: Vec<String> = Lang::all().into_iter().map(Lang::tag).collect();
                format!("--locale must be one of {}", spoken.join(", "))
            }),
            None => Ok(config.default_locale),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is read from standard input; when none is given (or
    /// standard input is a terminal) a strong one is generated and printed once.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "member")]
        role: String,
    },
    /// Change an account's role (member, moderator, product, admin).
    Role {
        #[arg(long)]
        email: String,
        #[arg(long)]
        role: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for an account and print it once.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
}

/// Runs the parsed command; `Err` carries the one-line reason for a non-zero exit.
pub async fn run(cli: Cli, config: Config) -> Result<(), String> {
    // Emails queued by a command (the demo's) are written in the board's language, or in the
    // demo's where it names its own.
    crate::i18n::set_board_default(match &cli.command {
        Some(Command::Seed(args)) if args.demo => args.demo_language(&config)?,
        _ => config.default_locale,
    });
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(config).await?;
            tracing::info!(port = app.port(), "Ideaboard is serving");
            app.run_until_stopped()
                .await
                .map_err(|e| format!("server stopped: {e}"))
        }
        Command::Migrate => {
            let mut db = open(&config)?;
            let applied = crate::services::maintenance::migrate(&mut db, config.rank_half_life)?;
            println!("{applied} migration(s) applied");
            Ok(())
        }
        Command::User(UserCommand::Create { email, name, role }) => {
            create_user(&config, email, name, &role)
        }
        Command::User(UserCommand::Role { email, role }) => set_user_role(&config, &email, &role),
        Command::Seed(args) => seed(&config, &args),
        Command::Export(args) => export(&config, args),
        Command::Rerank => {
            let mut db = open_migrated(&config)?;
            let count = crate::services::maintenance::rerank(&mut db, config.rank_half_life)
                .map_err(describe)?;
            println!("re-ranked {count} ideas");
            Ok(())
        }
        Command::Rerender => {
            let mut db = open_migrated(&config)?;
            let done = crate::services::rerender::rerender(&mut db).map_err(describe)?;
            println!(
                "rendered {} texts again: rewrote {} idea(s), {} comment(s), {} status note(s)",
                done.read, done.ideas, done.comments, done.notes
            );
            Ok(())
        }
        Command::Rescore => {
            let mut db = open_migrated(&config)?;
            let done = crate::services::rescore::rescore(&mut db).map_err(describe)?;
            println!(
                "read the sentiment of {} texts again: stored {} idea(s), {} comment(s)",
                done.read, done.ideas, done.comments
            );
            Ok(())
        }
        Command::Reindex => {
            let mut db = open_migrated(&config)?;
            let language = config.search_language;
            let count =
                crate::services::search_index::reindex(&mut db, language).map_err(describe)?;
            println!("indexed {count} ideas for search in {language}");
            Ok(())
        }
        Command::Check => check(&config),
        Command::Import(args) => import::run(&config, &args),
        Command::Token(TokenCommand::Create { email, name }) => {
            create_token(&config, &email, &name)
        }
    }
}

/// `user create`: an account with a role, its password read from standard input or generated.
fn create_user(config: &Config, email: String, name: String, role: &str) -> Result<(), String> {
    let role = Role::parse(role)?;
    let (password, generated) = read_or_generate_password()?;
    let mut db = open_migrated(config)?;
    let input = Registration {
        email,
        name,
        password: password.clone(),
    };
    let account = accounts::register(&mut db, &input, Some(role)).map_err(describe)?;
    println!(
        "created {} <{}> as {}",
        account.name, account.email, account.role
    );
    if generated {
        println!("password: {password}");
    }
    Ok(())
}

/// `user role`: gives an existing account another role.
fn set_user_role(config: &Config, email: &str, role: &str) -> Result<(), String> {
    let role = Role::parse(role)?;
    let mut db = open_migrated(config)?;
    let account = accounts::find_by_email(&mut db, email)
        .map_err(describe)?
        .ok_or_else(|| format!("no account with email {email}"))?;
    let account = accounts::set_role(&mut db, None, &account.id, role).map_err(describe)?;
    println!(
        "{} <{}> is now {}",
        account.name, account.email, account.role
    );
    Ok(())
}

/// `seed`: the demo board, or a large reproducible one of the asked size.
fn seed(config: &Config, args: &SeedArgs) -> Result<(), String> {
    let mut db = open_migrated(config)?;
    let half_life = config.rank_half_life;
    if args.demo {
        let lang = args.demo_language(config)?;
        let accounts =
            crate::services::demo::seed_demo(&mut db, lang, half_life, config.base_url.as_str())
                .map_err(describe)?;
        println!("A demo board is ready. Log in as any of these (passwords are shown only now):");
        for (role, name, email, password) in accounts {
            println!(
                "  {:<9} {:<18} {:<26} {}",
                role.as_str(),
                name,
                email,
                password
            );
        }
        print_demo_language_hint(config, lang);
        return Ok(());
    }
    let started = std::time::Instant::now();
    let size = crate::services::seed::SeedSize {
        ideas: args.ideas,
        votes: args.votes,
        comments: args.comments,
        users: args.users,
        seed: args.seed,
    };
    let report = crate::services::seed::seed(&mut db, size, half_life).map_err(describe)?;
    println!(
        "seeded {} users, {} ideas, {} votes, {} comments in {:.1} s; every seeded account's password: {}",
        report.users,
        report.ideas,
        report.votes,
        report.comments,
        started.elapsed().as_secs_f64(),
        report.password
    );
    Ok(())
}

/// Tells how to serve a demo made in another language than the board's, so that its pages and
/// its search speak the demo's language.
fn print_demo_language_hint(config: &Config, lang: Lang) {
    let search = SearchLanguage::of_locale(lang);
    if lang != config.default_locale || search != config.search_language {
        println!(
            "The demo is in {tag}: serve it with DEFAULT_LOCALE={tag} SEARCH_LANGUAGE={search} \
             (and run `ideaboard reindex` with SEARCH_LANGUAGE={search})",
            tag = lang.tag()
        );
    }
}

/// `export`: the top-ranked ideas to standard output.
fn export(config: &Config, args: ExportArgs) -> Result<(), String> {
    use std::io::Write;
    let mut db = open_migrated(config)?;
    let params = crate::services::export::ExportParams {
        format: Some(args.format),
        sort: Some(args.sort),
        status: args.status,
        tag: args.tag,
        storm: args.storm,
        since: args.since,
        until: args.until,
        min_points: args.min_points.map(|p| p.to_string()),
        limit: Some(args.limit.to_string()),
    };
    let request = crate::services::export::prepare(&mut db, None, &params).map_err(describe)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = None;
    crate::services::export::write(
        &mut db,
        &request,
        config.base_url.as_str(),
        |chunk| match out.write_all(&chunk) {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        },
    )
    .map_err(describe)?;
    if let Some(e) = failed {
        return Err(format!("writing the export: {e}"));
    }
    out.flush().map_err(|e| format!("writing the export: {e}"))
}

/// `check`: recounts every counter and rank key; drift is an error.
fn check(config: &Config) -> Result<(), String> {
    let mut db = open_migrated(config)?;
    let (checked, drift) =
        crate::services::maintenance::check(&mut db, config.rank_half_life).map_err(describe)?;
    for line in &drift {
        println!("{line}");
    }
    if drift.is_empty() {
        println!("checked {checked} ideas: no drift");
        Ok(())
    } else {
        Err(format!(
            "{} value(s) drifted in {checked} ideas",
            drift.len()
        ))
    }
}

/// `token create`: a new API token for an account, printed once.
fn create_token(config: &Config, email: &str, name: &str) -> Result<(), String> {
    let mut db = open_migrated(config)?;
    let account = accounts::find_by_email(&mut db, email)
        .map_err(describe)?
        .ok_or_else(|| format!("no account with email {email}"))?;
    let issued = api_tokens::create(&mut db, &account, name).map_err(describe)?;
    eprintln!(
        "token {:?} for {}; it is shown only now:",
        issued.summary.name, account.email
    );
    println!("{}", issued.secret);
    Ok(())
}

/// The database for one command: two connections (a read and SQLite's writer), and SQLite's own
/// WAL checkpoints, since no job runs here.
fn open(config: &Config) -> Result<Db, String> {
    Ok(Database::open(&config.database_url, 2, CheckpointPolicy::BySqlite)?.access())
}

fn open_migrated(config: &Config) -> Result<Db, String> {
    let mut db = open(config)?;
    crate::services::maintenance::migrate(&mut db, config.rank_half_life)?;
    let language = config.search_language;
    let at_start =
        crate::services::search_index::take_configured(&mut db, language).map_err(describe)?;
    if let LanguageAtStart::ReindexNeeded { indexed } = at_start {
        eprintln!(
            "note: the search index stems in {indexed}, SEARCH_LANGUAGE is {language}; \
             run `ideaboard reindex` to index the board in {language}"
        );
    }
    Ok(db)
}

fn describe(error: ServiceError) -> String {
    match error {
        ServiceError::Validation(fields) => fields.to_string(),
        ServiceError::Internal(cause) => format!("{cause:#}"),
        other => other.public_message(Lang::board_default()),
    }
}

fn read_or_generate_password() -> Result<(String, bool), String> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut input = String::new();
        stdin
            .lock()
            .read_to_string(&mut input)
            .map_err(|e| format!("reading the password from standard input: {e}"))?;
        let password = input.trim_end_matches(['\r', '\n']).to_string();
        if !password.is_empty() {
            return Ok((password, false));
        }
    }
    let generated: String = rand::thread_rng()
        .sample_iter(&rand::distributions::Alphanumeric)
        .take(24)
        .map(char::from)
        .collect();
    Ok((generated, true))
}
