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
use super::seed_draws::{Zipf, random_time};
use super::seed_words::{ADJECTIVES, NOUNS, REASONS, body, capitalise, pick, title};
use crate::db::bulk_load::{self, insert_chunks};
use crate::db::models::comments::NewComment;
use crate::db::models::ideas::{self, NewIdeaRow, VoteTotals};
use crate::db::models::statuses;
use crate::db::models::users::NewUser;
use crate::db::models::votes::NewVote;
use crate::db::schema;
use crate::db::{Db, DbConnection};
use crate::domain::funnel::Step;
use crate::domain::ids::{CommentId, IdeaId, UserId};
use crate::domain::ranking::HalfLife;
use crate::domain::sentiment::{self, Sentiment};
use crate::domain::validation::Text;
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

/// One seeded account.
struct SeedUser {
    id: UserId,
    email: String,
    name: String,
    joined: NaiveDateTime,
}

/// One seeded idea before it is inserted, with the totals its seeded votes give it.
struct Draft {
    id: IdeaId,
    /// Index into the users.
    author: usize,
    title: String,
    body: String,
    /// Index into the statuses.
    status: usize,
    created: NaiveDateTime,
    /// When staff first answered it, if they have.
    answered: Option<NaiveDateTime>,
    totals: VoteTotals,
    comments: i64,
}

/// One seeded vote: indexes into the drafts and the users.
struct SeedVote {
    idea: usize,
    user: usize,
    value: i64,
    at: NaiveDateTime,
}

/// One seeded comment; `parent` is a top-level comment of the same idea.
struct SeedComment {
    id: CommentId,
    idea: usize,
    author: usize,
    parent: Option<CommentId>,
    body: String,
    at: NaiveDateTime,
}

/// Everything a seed inserts, drawn before the one write transaction.
struct Plan {
    users: Vec<SeedUser>,
    drafts: Vec<Draft>,
    votes: Vec<SeedVote>,
    comments: Vec<SeedComment>,
}

/// Fills an empty board with `size`, reproducibly for the same seed.
pub fn seed(db: &mut Db, size: SeedSize, half_life: HalfLife) -> ServiceResult<SeedReport> {
    let conn = db.conn()?;
    if ideas::count(conn)? > 0 {
        return Err(ServiceError::conflict_coded(
            "not_empty",
            "ideas",
            Text::new("refused-seed-not-empty"),
        ));
    }
    if size.users == 0 || (size.ideas == 0 && (size.votes > 0 || size.comments > 0)) {
        return Err(ServiceError::BadRequest(
            Text::new("refused-seed-size").into(),
        ));
    }
    let password = format!("seeded board {} password", size.seed);
    let hash = secrets::hash_password(&password)
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!(e)))?;
    let open = statuses::find_by_slug(conn, statuses::INITIAL_SLUG)?
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("the initial status is missing")))?;
    let all_statuses = statuses::list(conn)?;
    let open_index = all_statuses
        .iter()
        .position(|s| s.id == open.id)
        .unwrap_or(0);
    let first_number = ideas::next_number(conn)?;
    let plan = draw(size, half_life, open_index, all_statuses.len());
    db.write(|conn| {
        let set_aside = bulk_load::begin(conn)?;
        crate::db::views::content_version::bulk_load(conn, |conn| {
            insert_users(conn, &plan.users, &hash)?;
            insert_ideas(conn, &plan, first_number, &all_statuses)?;
            insert_votes(conn, &plan)?;
            insert_comments(conn, &plan)
        })?;
        bulk_load::finish(conn, set_aside)?;
        Ok::<_, ServiceError>(())
    })?;
    crate::db::stats::after_bulk_load(db.conn()?)?;
    Ok(SeedReport {
        users: plan.users.len(),
        ideas: plan.drafts.len(),
        votes: plan.votes.len(),
        comments: plan.comments.len(),
        password,
    })
}

/// Draws the whole board from the seed: people, ideas, votes (Zipf over a shuffled popularity,
/// so old and new ideas both get hits) and comments. The draws come in a fixed order, so one seed
/// always makes one board.
fn draw(size: SeedSize, half_life: HalfLife, open_index: usize, statuses: usize) -> Plan {
    let mut rng = ChaCha8Rng::seed_from_u64(size.seed);
    let now = clock::now();
    let start = now - Duration::days(730);
    let users = draw_users(&mut rng, size, start);
    let mut drafts = draw_ideas(&mut rng, size, (start, now), open_index, statuses);
    let mut popularity: Vec<usize> = (0..size.ideas).collect();
    for i in (1..popularity.len()).rev() {
        popularity.swap(i, rng.gen_range(0..=i));
    }
    let zipf = Zipf::new(size.ideas.max(1), 1.05);
    let votes = draw_votes(
        &mut rng,
        size,
        &popularity,
        &zipf,
        &mut drafts,
        now,
        half_life,
    );
    let comments = draw_comments(&mut rng, size, &popularity, &zipf, &mut drafts, now);
    Plan {
        users,
        drafts,
        votes,
        comments,
    }
}

fn draw_users(rng: &mut ChaCha8Rng, size: SeedSize, start: NaiveDateTime) -> Vec<SeedUser> {
    let run = format!("{:x}", size.seed);
    (0..size.users)
        .map(|i| {
            let joined = random_time(rng, start - Duration::days(30), start);
            let name = format!(
                "{} {}",
                capitalise(pick(rng, ADJECTIVES)),
                capitalise(pick(rng, NOUNS))
            );
            SeedUser {
                id: UserId::generate(),
                email: format!("seed{i}-{run}@example.com"),
                name,
                joined,
            }
        })
        .collect()
}

/// Ideas with creation times sorted, so numbers follow time; most stay open, a few move along
/// the pipeline.
fn draw_ideas(
    rng: &mut ChaCha8Rng,
    size: SeedSize,
    (start, now): (NaiveDateTime, NaiveDateTime),
    open_index: usize,
    statuses: usize,
) -> Vec<Draft> {
    let mut created: Vec<NaiveDateTime> = (0..size.ideas)
        .map(|_| random_time(rng, start, now))
        .collect();
    created.sort();
    created
        .into_iter()
        .map(|created| {
            let status = if rng.gen_bool(0.85) {
                open_index
            } else {
                rng.gen_range(0..statuses)
            };
            // Every idea that moved on was answered, and a third of the open ones; most answers
            // come within days, a few take a month.
            let answered = (status != open_index || rng.gen_bool(0.35))
                .then(|| {
                    let hours = rng.gen_range(0.0..1.0_f64).powi(3) * 24.0 * 30.0;
                    created + chrono::Duration::minutes((hours * 60.0) as i64 + 30)
                })
                .filter(|at| *at <= now);
            Draft {
                id: IdeaId::generate(),
                author: rng.gen_range(0..size.users),
                title: title(rng),
                body: body(rng),
                status,
                created,
                answered,
                totals: VoteTotals::NONE,
                comments: 0,
            }
        })
        .collect()
}

/// One vote per (idea, person) at most, counted into the drafts' totals in cast order, and
/// returned in (idea, person) order, the order of their ids, so the primary and unique indexes
/// grow at their ends instead of splitting pages all over.
fn draw_votes(
    rng: &mut ChaCha8Rng,
    size: SeedSize,
    popularity: &[usize],
    zipf: &Zipf,
    drafts: &mut [Draft],
    now: NaiveDateTime,
    half_life: HalfLife,
) -> Vec<SeedVote> {
    let mut taken: HashSet<(usize, usize)> = HashSet::with_capacity(size.votes);
    let mut votes: Vec<SeedVote> = Vec::with_capacity(size.votes);
    let mut attempts = 0usize;
    while votes.len() < size.votes && attempts < size.votes.saturating_mul(20) && size.ideas > 0 {
        attempts += 1;
        let idea = popularity[zipf.sample(rng)];
        let user = rng.gen_range(0..size.users);
        if !taken.insert((idea, user)) {
            continue;
        }
        let value = if rng.gen_bool(0.8) { 1 } else { -1 };
        let at = random_time(rng, drafts[idea].created, now);
        votes.push(SeedVote {
            idea,
            user,
            value,
            at,
        });
    }
    votes.sort_by_key(|v| v.at);
    for vote in &votes {
        drafts[vote.idea].totals.add(vote.value, vote.at, half_life);
    }
    votes.sort_by_key(|v| (v.idea, v.user));
    votes
}

/// Comments, a quarter of them replies to a top-level comment of the same idea; parents come
/// before their replies.
fn draw_comments(
    rng: &mut ChaCha8Rng,
    size: SeedSize,
    popularity: &[usize],
    zipf: &Zipf,
    drafts: &mut [Draft],
    now: NaiveDateTime,
) -> Vec<SeedComment> {
    let mut comments: Vec<SeedComment> = Vec::with_capacity(size.comments);
    let mut top_level: Vec<Vec<(CommentId, NaiveDateTime)>> = vec![Vec::new(); size.ideas];
    for _ in 0..size.comments {
        if size.ideas == 0 {
            break;
        }
        let idea = popularity[zipf.sample(rng)];
        let author = rng.gen_range(0..size.users);
        let mut at = random_time(rng, drafts[idea].created, now);
        let parent = if !top_level[idea].is_empty() && rng.gen_bool(0.25) {
            let (parent_id, parent_at) =
                top_level[idea][rng.gen_range(0..top_level[idea].len())].clone();
            at = at.max(parent_at);
            Some(parent_id)
        } else {
            None
        };
        let id = CommentId::generate();
        if parent.is_none() {
            top_level[idea].push((id.clone(), at));
        }
        drafts[idea].comments += 1;
        comments.push(SeedComment {
            id,
            idea,
            author,
            parent,
            body: pick(rng, REASONS).to_string(),
            at,
        });
    }
    comments.sort_by_key(|c| (c.parent.is_some(), c.at));
    comments
}

fn insert_users(conn: &mut DbConnection, users: &[SeedUser], hash: &str) -> ServiceResult<()> {
    let rows: Vec<NewUser<'_>> = users
        .iter()
        .map(|user| NewUser {
            id: &user.id,
            email: &user.email,
            email_normalized: &user.email,
            name: &user.name,
            password_hash: hash,
            role: "member",
            created_at: user.joined,
            updated_at: user.joined,
        })
        .collect();
    insert_chunks!(conn, schema::users::table, rows, 2000);
    Ok(())
}

fn insert_ideas(
    conn: &mut DbConnection,
    plan: &Plan,
    first_number: i64,
    statuses: &[statuses::Status],
) -> ServiceResult<()> {
    let rendered: Vec<(String, String, Sentiment)> = plan
        .drafts
        .iter()
        .map(|d| {
            (
                markdown::render(&d.body),
                markdown::excerpt(&d.body, super::ideas::EXCERPT_CHARS),
                sentiment::of_idea(&d.title, &d.body),
            )
        })
        .collect();
    let steps = pipeline_steps(plan, statuses);
    let rows: Vec<NewIdeaRow<'_>> = plan
        .drafts
        .iter()
        .zip(&rendered)
        .zip(&steps)
        .enumerate()
        .map(
            |(i, ((d, (html, excerpt, sentiment)), (planned_at, implemented_at)))| NewIdeaRow {
                area_id: None,
                storm_id: None,
                id: &d.id,
                number: first_number + i as i64,
                author_id: &plan.users[d.author].id,
                title: &d.title,
                body: &d.body,
                body_html: html,
                excerpt,
                status_id: &statuses[d.status].id,
                upvotes: d.totals.upvotes,
                downvotes: d.totals.downvotes,
                score: d.totals.score,
                comment_count: d.comments,
                up_log: d.totals.up_log,
                down_log: d.totals.down_log,
                popular_key: d.totals.popular_key,
                trend_up_log: d.totals.trend_up_log,
                trend_down_log: d.totals.trend_down_log,
                trending_key: d.totals.trending_key,
                created_at: d.created,
                updated_at: d.created,
                first_response_at: d.answered,
                sentiment_score: Some(sentiment.score),
                sentiment_label: Some(sentiment.label.as_str()),
                planned_at: *planned_at,
                implemented_at: *implemented_at,
            },
        )
        .collect();
    insert_chunks!(conn, schema::ideas::table, rows, 1000);
    Ok(())
}

/// When each drawn idea reached the planned and implemented steps its status stands for: planned
/// when answered, implemented up to six weeks later (never after now).
fn pipeline_steps(
    plan: &Plan,
    statuses: &[statuses::Status],
) -> Vec<(Option<NaiveDateTime>, Option<NaiveDateTime>)> {
    let review = statuses
        .iter()
        .filter(|s| s.kind == "active")
        .map(|s| s.position)
        .min();
    let now = clock::now();
    plan.drafts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let status = &statuses[d.status];
            let step = Step::of(&status.kind, status.position, review);
            let planned = step.map(|_| d.answered.unwrap_or(d.created));
            let implemented = planned
                .filter(|_| step == Some(Step::Implemented))
                .map(|at| (at + Duration::days(i as i64 % 45)).min(now));
            (planned, implemented)
        })
        .collect()
}

fn insert_votes(conn: &mut DbConnection, plan: &Plan) -> ServiceResult<()> {
    let ids: Vec<String> = plan.votes.iter().map(|_| clock::new_id()).collect();
    let rows: Vec<NewVote<'_>> = plan
        .votes
        .iter()
        .zip(&ids)
        .map(|(vote, id)| NewVote {
            id,
            idea_id: &plan.drafts[vote.idea].id,
            user_id: &plan.users[vote.user].id,
            value: vote.value,
            created_at: vote.at,
            updated_at: vote.at,
        })
        .collect();
    insert_chunks!(conn, schema::votes::table, rows, 5000);
    Ok(())
}

fn insert_comments(conn: &mut DbConnection, plan: &Plan) -> ServiceResult<()> {
    let html: Vec<(String, Sentiment)> = plan
        .comments
        .iter()
        .map(|c| (markdown::render(&c.body), sentiment::score(&c.body)))
        .collect();
    let rows: Vec<NewComment<'_>> = plan
        .comments
        .iter()
        .zip(&html)
        .map(|(comment, (html, sentiment))| NewComment {
            id: &comment.id,
            idea_id: &plan.drafts[comment.idea].id,
            author_id: &plan.users[comment.author].id,
            parent_id: comment.parent.as_ref(),
            body: &comment.body,
            body_html: html,
            created_at: comment.at,
            updated_at: comment.at,
            official: false,
            sentiment_score: Some(sentiment.score),
            sentiment_label: Some(sentiment.label.as_str()),
        })
        .collect();
    insert_chunks!(conn, schema::comments::table, rows, 2000);
    Ok(())
}
