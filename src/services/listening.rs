//! Listening posts (staff, `Permission::ViewInsights`): the feeds staff listen to, polled by the
//! jobs (`jobs::listening`) — claimed one instance at a time, their new entries kept, scored for
//! sentiment and matched against the watched words — and what staff do with an entry: turn it
//! into an idea credited "via <feed>" and linked to its source, or dismiss it.

use chrono::NaiveDateTime;

use super::ServiceResult;
use super::accounts::Account;
use super::watches::{self, MatchPlace, Written};
use crate::db::Db;
use crate::db::models::listening::{self as rows, DISMISSED, Entry, Feed, IDEA, NEW, Polled};
use crate::domain::listening::{
    FeedEntry, INTERVAL_DEFAULT, INTERVAL_MAX, INTERVAL_MIN, next_poll,
};
use crate::domain::ranking::HalfLife;
use crate::domain::roles::Permission;
use crate::domain::validation::{FieldErrors, Text};
use crate::domain::{clock, ideas as idea_rules, sentiment};
use crate::services::error::ServiceError;

/// The most entries the page lists.
const LISTED_ENTRIES: i64 = 100;
/// The most feeds one round of polling claims.
const FEEDS_PER_ROUND: i64 = 10;
/// How long a claimed feed is left to the instance polling it: well beyond the round's feeds
/// fetched one after the other, each within the outbound client's 15 s.
const CLAIM: chrono::Duration = chrono::Duration::minutes(10);
/// The longest feed name.
const NAME_MAX: usize = 80;

/// What the listening page shows: the feeds, and the entries waiting for a look.
pub struct Listening {
    pub feeds: Vec<Feed>,
    pub entries: Vec<(Entry, String)>,
}

/// Refused unless `viewer` may listen (staff).
pub fn may_listen(viewer: &Account) -> ServiceResult<()> {
    viewer.require(Permission::ViewInsights)
}

pub fn page(db: &mut Db, viewer: &Account) -> ServiceResult<Listening> {
    may_listen(viewer)?;
    let conn = db.conn()?;
    Ok(Listening {
        feeds: rows::feeds(conn)?,
        entries: rows::entries_in(conn, NEW, LISTED_ENTRIES)?,
    })
}

/// A feed to add, as typed; `url_refused` is why the URL cannot be fetched, found by the caller
/// (it resolves the name, which is outbound work).
pub struct NewFeed<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub interval_minutes: &'a str,
    pub url_refused: Option<Text>,
}

/// Starts listening to a feed, polled first at once; each field refused is named, and a URL
/// listened to already is a conflict (`already_listening`).
pub fn add_feed(db: &mut Db, viewer: &Account, new: NewFeed<'_>) -> ServiceResult<Feed> {
    may_listen(viewer)?;
    let mut errors = FieldErrors::default();
    let name = new.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > NAME_MAX {
        errors.add(
            "name",
            Text::new("refused-feed-name").with("max", NAME_MAX as i64),
        );
    }
    if let Some(refused) = new.url_refused {
        errors.add("url", refused);
    }
    let interval = match new.interval_minutes.trim() {
        "" => Some(INTERVAL_DEFAULT),
        typed => typed
            .parse::<i64>()
            .ok()
            .filter(|m| (INTERVAL_MIN..=INTERVAL_MAX).contains(m)),
    };
    let Some(interval) = interval.and_then(|m| i32::try_from(m).ok()) else {
        errors.add(
            "interval_minutes",
            Text::new("refused-feed-interval")
                .with("min", INTERVAL_MIN)
                .with("max", INTERVAL_MAX),
        );
        return Err(ServiceError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    let now = clock::now();
    let feed = Feed {
        id: clock::new_id(),
        name,
        url: new.url.trim().to_string(),
        interval_minutes: interval,
        etag: None,
        last_modified: None,
        next_poll_at: now,
        last_polled_at: None,
        last_error: None,
        failures: 0,
        created_by: Some(viewer.id.to_string()),
        created_at: now,
    };
    db.write(|conn| {
        if rows::insert_feed(conn, &feed)? == 0 {
            return Err(ServiceError::conflict_coded(
                "already_listening",
                "url",
                Text::new("refused-feed-duplicate"),
            ));
        }
        Ok(())
    })?;
    tracing::info!(feed_id = %feed.id, "listening to a new feed");
    Ok(feed)
}

pub fn delete_feed(db: &mut Db, viewer: &Account, id: &str) -> ServiceResult<()> {
    may_listen(viewer)?;
    let deleted = db.write(|conn| Ok::<_, ServiceError>(rows::delete_feed(conn, id)?))?;
    if deleted == 0 {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

/// Dismisses a new entry; not found unless it waits for a look.
pub fn dismiss(db: &mut Db, viewer: &Account, id: &str) -> ServiceResult<()> {
    may_listen(viewer)?;
    let moved = db
        .write(|conn| Ok::<_, ServiceError>(rows::move_entry(conn, id, (NEW, DISMISSED), None)?))?;
    if moved == 0 {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

/// Turns a new entry into an idea by `viewer`, its body the entry's summary and a last line
/// "via [feed](link)"; returns the idea's number. The entry is claimed first, so a second click
/// makes no second idea; should the idea be refused, the entry waits again.
pub fn turn_into_idea(
    db: &mut Db,
    viewer: &Account,
    id: &str,
    (half_life, base_url): (HalfLife, &str),
) -> ServiceResult<i64> {
    may_listen(viewer)?;
    let (entry, feed) = rows::entry(db.conn()?, id)?.ok_or(ServiceError::NotFound)?;
    let claimed =
        db.write(|conn| Ok::<_, ServiceError>(rows::move_entry(conn, id, (NEW, IDEA), None)?))?;
    if claimed == 0 {
        return Err(ServiceError::NotFound);
    }
    let submission = super::ideas::Submission {
        title: idea_title(&entry, &feed),
        body: idea_body(&entry, &feed),
        tags: Vec::new(),
        area: None,
        ..Default::default()
    };
    match super::ideas::submit(db, viewer, &submission, half_life, base_url) {
        Ok(idea) => {
            let idea_id = idea.card.id.to_string();
            db.write(|conn| {
                Ok::<_, ServiceError>(rows::move_entry(conn, id, (IDEA, IDEA), Some(&idea_id))?)
            })?;
            Ok(idea.card.number)
        }
        Err(refused) => {
            db.write(|conn| Ok::<_, ServiceError>(rows::move_entry(conn, id, (IDEA, NEW), None)?))?;
            Err(refused)
        }
    }
}

/// The entry's title as an idea's: its own when long enough, else its summary's start, else
/// the two with the feed's name; never longer than an idea's title may be.
fn idea_title(entry: &Entry, feed: &str) -> String {
    let long_enough = |text: &str| text.chars().count() >= idea_rules::TITLE_MIN;
    let title = if long_enough(&entry.title) {
        entry.title.clone()
    } else if long_enough(&entry.summary) {
        entry.summary.clone()
    } else {
        format!("{} {} ({feed})", entry.title, entry.summary)
    };
    if title.chars().count() <= idea_rules::TITLE_MAX {
        return title;
    }
    let cut: String = title.chars().take(idea_rules::TITLE_MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The entry's summary and where it came from, as Markdown: the words escaped, so a feed adds
/// no heading, list or link of its own, and the link written out by `url` (no space or angle
/// bracket in it).
fn idea_body(entry: &Entry, feed: &str) -> String {
    let via = match &entry.link {
        Some(link) => format!("via [{}](<{link}>)", markdown_escaped(feed)),
        None => format!("via {}", markdown_escaped(feed)),
    };
    format!("{}\n\n{via}", markdown_escaped(&entry.summary))
}

/// `text` (one line, as feeds are read) as Markdown that shows it as it is.
fn markdown_escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for (at, c) in text.chars().enumerate() {
        if "\\`*_[]<>!|~".contains(c) || (at == 0 && "#-+>=".contains(c)) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// The demo's listening post as staff would add it, with the entries of a first poll (its real
/// polls begin a day later).
pub fn seed_demo_feed(
    db: &mut Db,
    viewer: &Account,
    demo: &super::demo_content::DemoFeed,
    base_url: &str,
) -> ServiceResult<()> {
    let new = NewFeed {
        name: &demo.name,
        url: &demo.url,
        interval_minutes: &INTERVAL_MAX.to_string(),
        url_refused: None,
    };
    let feed = add_feed(db, viewer, new)?;
    let now = clock::now();
    let entries = demo
        .entries
        .iter()
        .enumerate()
        .map(|(hours_ago, entry)| FeedEntry {
            guid: entry.link.clone(),
            title: entry.title.clone(),
            link: Some(entry.link.clone()),
            summary: entry.summary.clone(),
            published: Some(now - chrono::Duration::hours(3 * hours_ago as i64 + 2)),
        })
        .collect();
    let fetched = PollOutcome::Fetched {
        etag: None,
        last_modified: None,
        entries,
    };
    record(db, &feed, &fetched, (now, base_url))?;
    Ok(())
}

/// Claims the feeds due at `now` for this instance to poll.
pub fn claim_due(db: &mut Db, now: NaiveDateTime) -> ServiceResult<Vec<Feed>> {
    db.write(|conn| {
        Ok::<_, ServiceError>(rows::claim_due(conn, now, now + CLAIM, FEEDS_PER_ROUND)?)
    })
}

/// What polling a feed brought.
pub enum PollOutcome {
    /// Nothing new since the last poll (304).
    NotModified,
    /// The feed, read, with the validators to send next time.
    Fetched {
        etag: Option<String>,
        last_modified: Option<String>,
        entries: Vec<FeedEntry>,
    },
    /// Why the poll failed.
    Failed(String),
}

/// Notes the poll of `feed` at `now`, keeps its new entries (each scored and matched against
/// the watched words) and sets its next poll; returns how many entries were new.
pub fn record(
    db: &mut Db,
    feed: &Feed,
    outcome: &PollOutcome,
    (now, base_url): (NaiveDateTime, &str),
) -> ServiceResult<usize> {
    db.write(|conn| {
        let interval = i64::from(feed.interval_minutes);
        let (etag, last_modified) = (feed.etag.as_deref(), feed.last_modified.as_deref());
        let (polled, entries): (Polled<'_>, &[FeedEntry]) = match outcome {
            PollOutcome::Failed(error) => {
                let failures = feed.failures.saturating_add(1);
                let polled = Polled {
                    etag,
                    last_modified,
                    next_poll_at: next_poll(now, interval, failures),
                    polled_at: now,
                    error: Some(error),
                    failures,
                };
                (polled, &[])
            }
            PollOutcome::NotModified => (ok_poll(now, interval, etag, last_modified), &[]),
            PollOutcome::Fetched {
                etag,
                last_modified,
                entries,
            } => (
                ok_poll(now, interval, etag.as_deref(), last_modified.as_deref()),
                entries.as_slice(),
            ),
        };
        if rows::record_poll(conn, &feed.id, &polled)? == 0 {
            // The feed was deleted while it was being fetched.
            return Ok(0);
        }
        let mut kept = 0;
        for found in entries {
            let text = found.text();
            let sentiment = sentiment::score(&text);
            let entry = Entry {
                id: clock::new_id(),
                feed_id: feed.id.clone(),
                guid: found.guid.clone(),
                title: found.title.clone(),
                link: found.link.clone(),
                summary: found.summary.clone(),
                published_at: found.published,
                fetched_at: now,
                sentiment_score: sentiment.score,
                sentiment_label: sentiment.label.as_str().to_string(),
                state: NEW.to_string(),
                idea_id: None,
            };
            if rows::insert_entry(conn, &entry)? == 0 {
                continue;
            }
            kept += 1;
            let written = Written {
                place: MatchPlace::Entry {
                    id: entry.id.clone(),
                    title: entry.title.clone(),
                    feed: feed.name.clone(),
                },
                idea_id: None,
                comment_id: None,
                entry_id: Some(&entry.id),
                author_id: None,
                author_name: feed.name.clone(),
                text: &text,
            };
            watches::on_written(conn, &written, base_url)?;
        }
        Ok::<_, ServiceError>(kept)
    })
}

fn ok_poll<'a>(
    now: NaiveDateTime,
    interval: i64,
    etag: Option<&'a str>,
    last_modified: Option<&'a str>,
) -> Polled<'a> {
    Polled {
        etag,
        last_modified,
        next_poll_at: next_poll(now, interval, 0),
        polled_at: now,
        error: None,
        failures: 0,
    }
}
