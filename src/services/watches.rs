//! Watched words (staff, `Permission::ViewInsights`): each person's phrases to watch for; every
//! new and edited idea and comment matched against them in the write's own transaction; each
//! watcher told once per item — an email at once or a line in the daily digest, through the
//! outbox — and the matches listed for the watch page.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::ServiceResult;
use super::accounts::Account;
use crate::db::models::ideas::Idea;
use crate::db::models::outbox::{self, NewOutboxMessage};
use crate::db::models::watches::{self as rows, NewMatch, Watch};
use crate::db::models::{pipeline, users};
use crate::db::{Db, DbConnection};
use crate::domain::clock;
use crate::domain::ids::{CommentId, IdeaId, UserId};
use crate::domain::roles::{Permission, Role};
use crate::domain::validation::{FieldErrors, Text};
use crate::domain::watch::{self, Delivery, Passage, Phrase, WATCHES_PER_PERSON};
use crate::i18n::Lang;
use crate::mail::watched::{self, WatchMatch};
use crate::services::error::ServiceError;

/// The notification kind of watch emails and digest lines.
const KIND: &str = "watched_words";
/// The most matches the watch page lists.
const LISTED_MATCHES: i64 = 200;

/// One phrase a person watches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchView {
    pub id: String,
    pub phrase: String,
    pub delivery: Delivery,
}

impl From<Watch> for WatchView {
    fn from(watch: Watch) -> Self {
        WatchView {
            id: watch.id,
            phrase: watch.phrase,
            delivery: Delivery::parse(&watch.delivery).unwrap_or(Delivery::Instant),
        }
    }
}

/// The phrases `viewer` watches, alphabetically.
pub fn list(db: &mut Db, viewer: &Account) -> ServiceResult<Vec<WatchView>> {
    viewer.require(Permission::ViewInsights)?;
    let watches = rows::of_person(db.conn()?, &viewer.id)?;
    Ok(watches.into_iter().map(WatchView::from).collect())
}

/// Starts `viewer` watching `phrase`, told as `delivery` says (`instant`, `daily`). A phrase
/// that cannot be watched, an unknown delivery or one phrase too many is refused at its field;
/// a phrase already watched is a conflict (`already_watched`).
pub fn create(
    db: &mut Db,
    viewer: &Account,
    phrase: &str,
    delivery: &str,
) -> ServiceResult<WatchView> {
    viewer.require(Permission::ViewInsights)?;
    let mut errors = FieldErrors::default();
    let phrase = Phrase::parse(phrase).map_err(|text| errors.add("phrase", text));
    let delivery = Delivery::parse(delivery)
        .ok_or_else(|| errors.add("delivery", Text::new("refused-watch-delivery")));
    let (Ok(phrase), Ok(delivery)) = (phrase, delivery) else {
        return Err(ServiceError::Validation(errors));
    };
    let watch = Watch {
        id: clock::new_id(),
        user_id: viewer.id.clone(),
        phrase: phrase.shown,
        phrase_key: phrase.key,
        delivery: delivery.as_str().to_string(),
        created_at: clock::now(),
    };
    db.write(|conn| {
        if rows::count_of(conn, &viewer.id)? >= WATCHES_PER_PERSON {
            let full = Text::new("refused-watch-too-many").with("max", WATCHES_PER_PERSON);
            return Err(ServiceError::Validation(FieldErrors::single(
                "phrase", full,
            )));
        }
        if rows::insert(conn, &watch)? == 0 {
            return Err(ServiceError::conflict_coded(
                "already_watched",
                "phrase",
                Text::new("refused-watch-duplicate"),
            ));
        }
        Ok(())
    })?;
    tracing::info!(watch_id = %watch.id, "watch added");
    Ok(WatchView::from(watch))
}

/// Stops `viewer` watching the phrase `id`; not found unless it is theirs.
pub fn delete(db: &mut Db, viewer: &Account, id: &str) -> ServiceResult<()> {
    viewer.require(Permission::ViewInsights)?;
    let deleted =
        db.write(|conn| Ok::<_, ServiceError>(rows::delete_own(conn, &viewer.id, id)?))?;
    if deleted == 0 {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

/// Where words turned up: an idea (number, title), a comment on one (its id too), or a
/// listening post's entry (id, title, feed's name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchPlace {
    Idea {
        number: i64,
        title: String,
    },
    Comment {
        number: i64,
        title: String,
        id: String,
    },
    Entry {
        id: String,
        title: String,
        feed: String,
    },
}

impl MatchPlace {
    /// Where it is on the board, after `base` (the site's URL, or nothing for a page's link).
    pub fn link(&self, base: &str) -> String {
        let base = base.trim_end_matches('/');
        match self {
            MatchPlace::Idea { number, .. } => format!("{base}/ideas/{number}"),
            MatchPlace::Comment { number, id, .. } => {
                format!("{base}/ideas/{number}?comment={id}#comment-{id}")
            }
            MatchPlace::Entry { id, .. } => format!("{base}/insights/listening#entry-{id}"),
        }
    }
}

/// A match as the watch page lists it.
#[derive(Debug, Clone)]
pub struct MatchView {
    pub phrase: String,
    pub matched_at: NaiveDateTime,
    pub passage: Passage,
    pub place: MatchPlace,
}

/// The latest matches of `viewer`'s phrases, newest first.
pub fn recent_matches(db: &mut Db, viewer: &Account) -> ServiceResult<Vec<MatchView>> {
    viewer.require(Permission::ViewInsights)?;
    let found = rows::recent_of(db.conn()?, &viewer.id, LISTED_MATCHES)?;
    Ok(found
        .into_iter()
        .filter_map(|row| {
            let place = match (row.idea, row.comment_id, row.entry) {
                (Some((number, title)), Some(id), _) => MatchPlace::Comment { number, title, id },
                (Some((number, title)), None, _) => MatchPlace::Idea { number, title },
                (None, _, Some((id, title, feed))) => MatchPlace::Entry { id, title, feed },
                (None, _, None) => return None,
            };
            let start = usize::try_from(row.term_start).unwrap_or(0);
            let end = usize::try_from(row.term_end).unwrap_or(start).max(start);
            Some(MatchView {
                phrase: row.phrase,
                matched_at: row.matched_at,
                passage: Passage {
                    text: row.passage,
                    term: start..end,
                },
                place,
            })
        })
        .collect())
}

/// An idea, comment or entry just written, edited or fetched.
pub struct Written<'a> {
    pub place: MatchPlace,
    /// The rows it is: the idea (for an idea or a comment), the comment, the entry.
    pub idea_id: Option<&'a IdeaId>,
    pub comment_id: Option<&'a CommentId>,
    pub entry_id: Option<&'a str>,
    /// Who wrote it (never told about their own words); for an entry, nobody here.
    pub author_id: Option<&'a UserId>,
    /// Whose words they are, as the email names them: a person's name or the feed's.
    pub author_name: String,
    /// What to look in: an idea's title and body, a comment's body, an entry's title and summary.
    pub text: &'a str,
}

impl<'a> Written<'a> {
    /// An idea just submitted or edited, by its author.
    pub fn idea(idea: &'a Idea, author_name: String, text: &'a str) -> Self {
        Written {
            place: MatchPlace::Idea {
                number: idea.number,
                title: idea.title.clone(),
            },
            idea_id: Some(&idea.id),
            comment_id: None,
            entry_id: None,
            author_id: Some(&idea.author_id),
            author_name,
            text,
        }
    }

    /// A comment on `idea` just written or edited by `author`.
    pub fn comment(
        idea: &'a Idea,
        comment_id: &'a CommentId,
        (author_id, author_name): (&'a UserId, String),
        text: &'a str,
    ) -> Self {
        Written {
            place: MatchPlace::Comment {
                number: idea.number,
                title: idea.title.clone(),
                id: comment_id.to_string(),
            },
            idea_id: Some(&idea.id),
            comment_id: Some(comment_id),
            entry_id: None,
            author_id: Some(author_id),
            author_name,
            text,
        }
    }

    fn item_key(&self) -> String {
        match &self.place {
            MatchPlace::Idea { .. } => format!("idea:{}", self.idea_id.map_or("", |i| i.as_str())),
            MatchPlace::Comment { id, .. } => format!("comment:{id}"),
            MatchPlace::Entry { id, .. } => format!("entry:{id}"),
        }
    }
}

/// Matches `written` against every staff member's phrases, keeps its matches (dropping ones an
/// edit removed) and tells each watcher once per item. Returns how many people were told.
pub fn on_written(
    conn: &mut DbConnection,
    written: &Written<'_>,
    base_url: &str,
) -> ServiceResult<usize> {
    let watches = rows::every_watch(conn)?;
    if watches.is_empty() {
        return Ok(0);
    }
    let item_key = written.item_key();
    let now = clock::now();
    let searched = watch::Searched::new(written.text);
    let mut per_person: BTreeMap<UserId, Vec<(Watch, Passage)>> = BTreeMap::new();
    for (watch, role) in watches {
        if !Role::from_stored(&role).grants(Permission::ViewInsights) {
            continue;
        }
        if let Some(passage) = searched.find(&watch.phrase) {
            per_person
                .entry(watch.user_id.clone())
                .or_default()
                .push((watch, passage));
        }
    }
    let matches: Vec<NewMatch<'_>> = per_person
        .values()
        .flatten()
        .map(|(watch, passage)| NewMatch {
            watch_id: &watch.id,
            item_key: &item_key,
            idea_id: written.idea_id,
            comment_id: written.comment_id,
            entry_id: written.entry_id,
            passage: &passage.text,
            term_start: i32::try_from(passage.term.start).unwrap_or(i32::MAX),
            term_end: i32::try_from(passage.term.end).unwrap_or(i32::MAX),
            matched_at: now,
        })
        .collect();
    rows::replace_matches(conn, &item_key, &matches)?;
    if let Some(author) = written.author_id {
        per_person.remove(author);
    }
    let mut told = 0;
    for (user_id, found) in per_person {
        told += tell(conn, (&user_id, &item_key), written, &found, base_url)?;
    }
    Ok(told)
}

/// Tells `user_id` about `found` in `written`: an email if any of the phrases is to be told at
/// once, else a line in the daily digest; once per item (the event key), whatever is edited.
fn tell(
    conn: &mut DbConnection,
    (user_id, item_key): (&UserId, &str),
    written: &Written<'_>,
    found: &[(Watch, Passage)],
    base_url: &str,
) -> ServiceResult<usize> {
    let Some(person) = users::find_by_id(conn, user_id)? else {
        return Ok(0);
    };
    let passages: Vec<(String, Passage)> = found
        .iter()
        .map(|(watch, passage)| (watch.phrase.clone(), passage.clone()))
        .collect();
    let link = written.place.link(base_url);
    let manage_link = format!("{}/insights/watch", base_url.trim_end_matches('/'));
    let matched = WatchMatch {
        place: &written.place,
        author: &written.author_name,
        passages: &passages,
        link: &link,
        manage_link: &manage_link,
    };
    let lang = Lang::of_person(person.locale.as_deref());
    let event_key = format!("watch:{item_key}");
    let now = clock::now();
    let at_once = found
        .iter()
        .any(|(watch, _)| watch.delivery == Delivery::Instant.as_str());
    if !at_once {
        let line = watched::subject(lang, &matched);
        let id = clock::new_id();
        pipeline::add_digest_item(conn, &id, user_id, &event_key, KIND, &line, &link, now)?;
        return Ok(1);
    }
    let email = watched::watch_match(lang, &person.name, &matched);
    Ok(outbox::enqueue(
        conn,
        &NewOutboxMessage {
            id: &clock::new_id(),
            event_key: &event_key,
            recipient: &person.email,
            kind: KIND,
            subject: &email.subject,
            body_text: &email.text,
            body_html: &email.html,
            next_attempt_at: now,
            created_at: now,
            list_unsubscribe: None,
        },
    )?)
}
