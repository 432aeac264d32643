//! Demo and scale data: `seed --demo` makes a small friendly board; `seed --ideas N --votes M …`
//! makes a large reproducible one (Zipf-distributed votes, titles from word lists, timestamps over
//! the last two years), inserted in batches with every counter and rank key already right.
#![expect(
    clippy::indexing_slicing,
    reason = "the seed indexes its own generated tables by positions it drew from their lengths; it runs in the CLI, never on a request"
)]

use std::collections::HashSet;

use chrono::{Duration, NaiveDateTime};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::ServiceResult;
use super::votes::totals_from;
use crate::db::Db;
use crate::db::bulk_load::{self, insert_chunks};
use crate::db::models::comments::NewComment;
use crate::db::models::ideas::{self, NewIdeaRow, VoteTotals};
use crate::db::models::statuses;
use crate::db::models::users::NewUser;
use crate::db::models::votes::NewVote;
use crate::db::schema;
use crate::domain::ranking::HalfLife;
use crate::domain::{clock, markdown, secrets};
use crate::services::error::ServiceError;

/// What to make.
#[derive(Debug, Clone, Copy)]
pub struct SeedSize {
    pub ideas: usize,
    pub votes: usize,
    pub comments: usize,
    pub users: usize,
    pub seed: u64,
}

/// What was made.
#[derive(Debug, Clone)]
pub struct SeedReport {
    pub users: usize,
    pub ideas: usize,
    pub votes: usize,
    pub comments: usize,
    /// Every seeded account's password.
    pub password: String,
}

const VERBS: &[&str] = &[
    "Add",
    "Support",
    "Improve",
    "Allow",
    "Show",
    "Export",
    "Sync",
    "Schedule",
    "Filter",
    "Share",
    "Customise",
    "Automate",
    "Speed up",
    "Simplify",
    "Preview",
    "Archive",
    "Group",
    "Track",
    "Import",
    "Search",
];
const ADJECTIVES: &[&str] = &[
    "dark",
    "offline",
    "bulk",
    "keyboard",
    "mobile",
    "shared",
    "recurring",
    "custom",
    "encrypted",
    "faster",
    "accessible",
    "weekly",
    "multiple",
    "inline",
    "detailed",
    "private",
    "public",
    "smart",
    "nested",
    "default",
];
const NOUNS: &[&str] = &[
    "mode",
    "reports",
    "invoices",
    "dashboards",
    "notifications",
    "calendars",
    "exports",
    "tags",
    "comments",
    "attachments",
    "shortcuts",
    "themes",
    "backups",
    "permissions",
    "webhooks",
    "charts",
    "templates",
    "labels",
    "filters",
    "projects",
    "teams",
    "tickets",
    "playlists",
    "drivers",
    "laptops",
    "monitors",
    "keyboards",
    "batteries",
    "updates",
    "warranties",
];
const PLACES: &[&str] = &[
    "on mobile",
    "for teams",
    "in the dashboard",
    "via the API",
    "for admins",
    "in email",
    "on Linux",
    "for large accounts",
    "in the web app",
    "for support",
];
const REASONS: &[&str] = &[
    "It would save our team hours every week.",
    "Competitors already offer this and customers ask for it.",
    "Right now we work around it with spreadsheets.",
    "This matters most for people on slow connections.",
    "It would make the product usable for our accessibility needs.",
    "Large accounts hit this limit every month.",
    "We would happily pay more for this.",
];

fn pick<'a>(rng: &mut ChaCha8Rng, words: &'a [&'a str]) -> &'a str {
    words[rng.gen_range(0..words.len())]
}

fn title(rng: &mut ChaCha8Rng) -> String {
    format!(
        "{} {} {} {}",
        pick(rng, VERBS),
        pick(rng, ADJECTIVES),
        pick(rng, NOUNS),
        pick(rng, PLACES)
    )
}

fn body(rng: &mut ChaCha8Rng) -> String {
    format!(
        "We would like to {} {} {}.\n\n{} {}",
        pick(rng, VERBS).to_lowercase(),
        pick(rng, ADJECTIVES),
        pick(rng, NOUNS),
        pick(rng, REASONS),
        pick(rng, REASONS)
    )
}

/// Samples ranks 0..n with probability ∝ 1/(k+1)^s.
struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Self {
        let mut total = 0.0;
        let cdf = (0..n)
            .map(|k| {
                total += 1.0 / ((k + 1) as f64).powf(s);
                total
            })
            .collect::<Vec<_>>();
        let cdf = cdf.into_iter().map(|c| c / total).collect();
        Self { cdf }
    }

    fn sample(&self, rng: &mut ChaCha8Rng) -> usize {
        let u: f64 = rng.r#gen();
        self.cdf.partition_point(|&c| c < u).min(self.cdf.len() - 1)
    }
}

fn random_time(rng: &mut ChaCha8Rng, from: NaiveDateTime, to: NaiveDateTime) -> NaiveDateTime {
    let span = (to - from).num_seconds().max(1);
    clock::truncate(
        from + Duration::seconds(rng.gen_range(0..span))
            + Duration::microseconds(rng.gen_range(0..1_000_000)),
    )
}

/// Fills an empty board with `size`, reproducibly for the same seed.
pub fn seed(db: &mut Db, size: SeedSize, half_life: HalfLife) -> ServiceResult<SeedReport> {
    let conn = db.conn()?;
    if ideas::count(conn)? > 0 {
        return Err(ServiceError::Conflict {
            code: "not_empty",
            field: "ideas",
            message: "The board already has ideas; seed an empty database.".into(),
        });
    }
    if size.users == 0 || (size.ideas == 0 && (size.votes > 0 || size.comments > 0)) {
        return Err(ServiceError::BadRequest(
            "Seeding needs at least one user, and ideas for votes or comments.".into(),
        ));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(size.seed);
    let password = format!("seeded board {} password", size.seed);
    let hash = secrets::hash_password(&password)
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!(e)))?;
    let now = clock::now();
    let start = now - Duration::days(730);
    let open = statuses::find_by_slug(conn, statuses::INITIAL_SLUG)?
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("the initial status is missing")))?;
    let all_statuses = statuses::list(conn)?;

    let run = format!("{:x}", size.seed);
    let users: Vec<(String, String, String, NaiveDateTime)> = (0..size.users)
        .map(|i| {
            let joined = random_time(&mut rng, start - Duration::days(30), start);
            let name = format!(
                "{} {}",
                capitalise(pick(&mut rng, ADJECTIVES)),
                capitalise(pick(&mut rng, NOUNS))
            );
            (
                clock::new_id(),
                format!("seed{i}-{run}@example.com"),
                name,
                joined,
            )
        })
        .collect();

    // Ideas: creation times sorted, so numbers follow time.
    let mut created: Vec<NaiveDateTime> = (0..size.ideas)
        .map(|_| random_time(&mut rng, start, now))
        .collect();
    created.sort();
    let first_number = ideas::next_number(conn)?;
    struct Draft {
        id: String,
        author: usize,
        title: String,
        body: String,
        status: usize,
        created: NaiveDateTime,
        totals: VoteTotals,
        comments: i64,
    }
    let open_index = all_statuses
        .iter()
        .position(|s| s.id == open.id)
        .unwrap_or(0);
    let mut drafts: Vec<Draft> = created
        .into_iter()
        .map(|created| {
            // Most ideas stay open; a few move along the pipeline.
            let status = if rng.gen_bool(0.85) {
                open_index
            } else {
                rng.gen_range(0..all_statuses.len())
            };
            Draft {
                id: clock::new_id(),
                author: rng.gen_range(0..size.users),
                title: title(&mut rng),
                body: body(&mut rng),
                status,
                created,
                totals: totals_from([], half_life),
                comments: 0,
            }
        })
        .collect();

    // Popularity is Zipf over a random permutation of ideas, so old and new ideas both get hits.
    let mut popularity: Vec<usize> = (0..size.ideas).collect();
    for i in (1..popularity.len()).rev() {
        popularity.swap(i, rng.gen_range(0..=i));
    }
    let zipf = Zipf::new(size.ideas.max(1), 1.05);
    let mut taken: HashSet<(usize, usize)> = HashSet::with_capacity(size.votes);
    let mut vote_rows: Vec<(usize, usize, i64, NaiveDateTime)> = Vec::with_capacity(size.votes);
    let mut attempts = 0usize;
    while vote_rows.len() < size.votes && attempts < size.votes.saturating_mul(20) && size.ideas > 0
    {
        attempts += 1;
        let idea = popularity[zipf.sample(&mut rng)];
        let user = rng.gen_range(0..size.users);
        if !taken.insert((idea, user)) {
            continue;
        }
        let value = if rng.gen_bool(0.8) { 1 } else { -1 };
        let at = random_time(&mut rng, drafts[idea].created, now);
        vote_rows.push((idea, user, value, at));
    }
    vote_rows.sort_by_key(|v| v.3);
    for &(idea, _, value, at) in &vote_rows {
        drafts[idea].totals.add(value, at, half_life);
    }
    // Insert in (idea, user) order — the order of their ids — so the primary and unique indexes
    // grow at their ends instead of splitting pages all over.
    vote_rows.sort_by_key(|v| (v.0, v.1));

    let mut comment_rows: Vec<(String, usize, usize, Option<String>, String, NaiveDateTime)> =
        Vec::with_capacity(size.comments);
    let mut top_level: Vec<Vec<(String, NaiveDateTime)>> = vec![Vec::new(); size.ideas];
    for _ in 0..size.comments {
        if size.ideas == 0 {
            break;
        }
        let idea = popularity[zipf.sample(&mut rng)];
        let author = rng.gen_range(0..size.users);
        let mut at = random_time(&mut rng, drafts[idea].created, now);
        let parent = if !top_level[idea].is_empty() && rng.gen_bool(0.25) {
            let (parent_id, parent_at) =
                top_level[idea][rng.gen_range(0..top_level[idea].len())].clone();
            at = at.max(parent_at);
            Some(parent_id)
        } else {
            None
        };
        let id = clock::new_id();
        if parent.is_none() {
            top_level[idea].push((id.clone(), at));
        }
        drafts[idea].comments += 1;
        comment_rows.push((
            id,
            idea,
            author,
            parent,
            pick(&mut rng, REASONS).to_string(),
            at,
        ));
    }
    // Parents before replies.
    comment_rows.sort_by_key(|c| (c.3.is_some(), c.5));

    db.write(|conn| {
        bulk_load::begin(conn)?;
        crate::db::views::content_version::bulk_load(conn, |conn| {
            let new_users: Vec<NewUser<'_>> = users
                .iter()
                .map(|(id, email, name, joined)| NewUser {
                    id,
                    email,
                    email_normalized: email,
                    name,
                    password_hash: &hash,
                    role: "member",
                    created_at: *joined,
                    updated_at: *joined,
                })
                .collect();
            insert_chunks!(conn, schema::users::table, new_users, 2000);

            let rendered: Vec<(String, String)> = drafts
                .iter()
                .map(|d| {
                    (
                        markdown::render(&d.body),
                        markdown::excerpt(&d.body, super::ideas::EXCERPT_CHARS),
                    )
                })
                .collect();
            let new_ideas: Vec<NewIdeaRow<'_>> = drafts
                .iter()
                .zip(&rendered)
                .enumerate()
                .map(|(i, (d, (html, excerpt)))| NewIdeaRow {
                    id: &d.id,
                    number: first_number + i as i64,
                    author_id: &users[d.author].0,
                    title: &d.title,
                    body: &d.body,
                    body_html: html,
                    excerpt,
                    status_id: &all_statuses[d.status].id,
                    upvotes: d.totals.upvotes,
                    downvotes: d.totals.downvotes,
                    score: d.totals.score,
                    comment_count: d.comments,
                    up_log: d.totals.up_log,
                    down_log: d.totals.down_log,
                    popular_key: d.totals.popular_key,
                    created_at: d.created,
                    updated_at: d.created,
                })
                .collect();
            insert_chunks!(conn, schema::ideas::table, new_ideas, 1000);

            let vote_ids: Vec<String> = vote_rows.iter().map(|_| clock::new_id()).collect();
            let new_votes: Vec<NewVote<'_>> = vote_rows
                .iter()
                .zip(&vote_ids)
                .map(|(&(idea, user, value, at), id)| NewVote {
                    id,
                    idea_id: &drafts[idea].id,
                    user_id: &users[user].0,
                    value,
                    created_at: at,
                    updated_at: at,
                })
                .collect();
            insert_chunks!(conn, schema::votes::table, new_votes, 5000);

            let comment_html: Vec<String> = comment_rows
                .iter()
                .map(|c| markdown::render(&c.4))
                .collect();
            let new_comments: Vec<NewComment<'_>> = comment_rows
                .iter()
                .zip(&comment_html)
                .map(|((id, idea, author, parent, body, at), html)| NewComment {
                    id,
                    idea_id: &drafts[*idea].id,
                    author_id: &users[*author].0,
                    parent_id: parent.as_deref(),
                    body,
                    body_html: html,
                    created_at: *at,
                    updated_at: *at,
                })
                .collect();
            insert_chunks!(conn, schema::comments::table, new_comments, 3000);
            Ok::<_, ServiceError>(())
        })?;
        bulk_load::finish(conn)?;
        Ok::<_, ServiceError>(())
    })?;
    crate::db::stats::after_bulk_load(db.conn()?)?;
    Ok(SeedReport {
        users: users.len(),
        ideas: drafts.len(),
        votes: vote_rows.len(),
        comments: comment_rows.len(),
        password,
    })
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
