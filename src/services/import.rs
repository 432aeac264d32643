//! `ideaboard import`: another tool's export (`domain::import`) written into this board in one
//! transaction — people by email (accounts made without a password: they set one through "forgot
//! password"), ideas with their tags and statuses, votes, comments — each record once, keyed by
//! the source and its own id (`import_keys`), so running the same import again changes nothing.
//! Every idea touched is recounted, so `check` finds no drift. A summary says what was created,
//! what was skipped as imported before, and what was refused, with its line.

use std::collections::{BTreeSet, HashMap};

use super::ServiceResult;
use super::error::ServiceError;
use crate::db::models::ideas::{self as idea_rows, NewIdeaRow};
use crate::db::models::{comments, import_keys, statuses, tags, users, votes as vote_rows};
use crate::db::{Db, DbConnection};
use crate::domain::accounts::{DisplayName, Email};
use crate::domain::funnel::Step;
use crate::domain::ideas::{CommentBody, IdeaBody, IdeaTitle};
use crate::domain::ids::{CommentId, IdeaId, TagId, UserId};
use crate::domain::import::{Export, Origin, Person, SourceComment, SourceIdea, SourceVote};
use crate::domain::ranking::HalfLife;
use crate::domain::{clock, markdown, sentiment};
use crate::services::votes;
use chrono::NaiveDateTime;

/// How many of each kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub people: usize,
    pub ideas: usize,
    pub votes: usize,
    pub comments: usize,
    pub tags: usize,
}

/// What an import did.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub created: Counts,
    /// Imported before (by an earlier run), or people who had an account: left as they are.
    pub skipped: Counts,
    /// Records not imported, each with where it was and why (in English, for the terminal).
    pub refused: Vec<(Origin, String)>,
}

/// Writes `export` read from `source` (`fider`, `canny`, `csv`, or a name given to tell two
/// boards of one tool apart) into the board.
pub fn run(
    db: &mut Db,
    source: &str,
    export: Export,
    half_life: HalfLife,
) -> ServiceResult<Summary> {
    db.write(|conn| {
        let mut importer = Importer {
            conn,
            source,
            summary: Summary {
                refused: export.refused.clone(),
                ..Summary::default()
            },
            people: HashMap::new(),
            touched: BTreeSet::new(),
        };
        for idea in &export.ideas {
            importer.idea(idea)?;
        }
        for vote in &export.votes {
            importer.vote(vote)?;
        }
        for comment in &export.comments {
            importer.comment(comment)?;
        }
        for idea in std::mem::take(&mut importer.touched) {
            idea_rows::lock(importer.conn, &idea)?;
            votes::recount(importer.conn, &idea, half_life)?;
        }
        Ok(importer.summary)
    })
}

struct Importer<'a> {
    conn: &'a mut DbConnection,
    source: &'a str,
    summary: Summary,
    /// Normalized email → account, found or made in this run.
    people: HashMap<String, UserId>,
    touched: BTreeSet<IdeaId>,
}

impl Importer<'_> {
    fn refuse(&mut self, origin: &Origin, why: impl Into<String>) {
        self.summary.refused.push((origin.clone(), why.into()));
    }

    /// The local id of an earlier import's record.
    fn imported(&mut self, kind: &str, id: &str) -> ServiceResult<Option<String>> {
        Ok(import_keys::find(self.conn, (self.source, kind, id))?)
    }

    fn remember(&mut self, kind: &str, id: &str, local: &str) -> ServiceResult<()> {
        import_keys::remember(self.conn, (self.source, kind, id), local, clock::now())?;
        Ok(())
    }

    fn idea(&mut self, idea: &SourceIdea) -> ServiceResult<()> {
        if idea.id.is_empty() {
            self.refuse(&idea.origin, "an idea without an id");
            return Ok(());
        }
        if self.imported("idea", &idea.id)?.is_some() {
            self.summary.skipped.ideas += 1;
            return Ok(());
        }
        let (title, body) = match (IdeaTitle::parse(&idea.title), IdeaBody::parse(&idea.body)) {
            (Ok(title), Ok(body)) => (title, body),
            (Err(why), _) | (_, Err(why)) => {
                self.refuse(&idea.origin, why.to_string());
                return Ok(());
            }
        };
        let Some(author) = self.person(&idea.author, &idea.origin)? else {
            return Ok(());
        };
        let status = match statuses::find_by_slug(self.conn, &idea.status)? {
            Some(status) if status.retired_at.is_none() => status,
            _ => statuses::find_by_slug(self.conn, statuses::INITIAL_SLUG)?.ok_or_else(|| {
                ServiceError::Internal(anyhow::anyhow!("the initial status is missing"))
            })?,
        };
        let id = IdeaId::generate();
        let at = idea.created_at.unwrap_or_else(clock::now);
        let number = idea_rows::next_number(self.conn)?;
        let totals = votes::totals_from(std::iter::empty(), HalfLife::default());
        let feeling = sentiment::of_idea(title.as_str(), body.as_str());
        idea_rows::insert(
            self.conn,
            &NewIdeaRow {
                id: &id,
                number,
                author_id: &author,
                title: title.as_str(),
                body: body.as_str(),
                body_html: &markdown::render(body.as_str()),
                excerpt: &markdown::excerpt(body.as_str(), super::ideas::EXCERPT_CHARS),
                status_id: &status.id,
                upvotes: 0,
                downvotes: 0,
                score: 0,
                comment_count: 0,
                up_log: totals.up_log,
                down_log: totals.down_log,
                popular_key: totals.popular_key,
                trend_up_log: totals.trend_up_log,
                trend_down_log: totals.trend_down_log,
                trending_key: totals.trending_key,
                created_at: at,
                updated_at: at,
                area_id: None,
                first_response_at: None,
                sentiment_score: Some(feeling.score),
                sentiment_label: Some(feeling.label.as_str()),
                planned_at: None,
                implemented_at: None,
                storm_id: None,
            },
        )?;
        self.answered(&id, &status, at)?;
        self.tag_idea(&id, idea)?;
        self.remember("idea", &idea.id, id.as_str())?;
        self.touched.insert(id);
        self.summary.created.ideas += 1;
        Ok(())
    }

    /// An idea imported in a status past the first stands answered, and planned or implemented as
    /// its status says, as of when it was submitted (the funnel and triage read these).
    fn answered(
        &mut self,
        id: &IdeaId,
        status: &statuses::Status,
        at: NaiveDateTime,
    ) -> ServiceResult<()> {
        if status.slug == statuses::INITIAL_SLUG {
            return Ok(());
        }
        idea_rows::record_first_response(self.conn, id, at)?;
        let review = statuses::review_position(self.conn)?;
        if let Some(step) = Step::of(&status.kind, status.position, review) {
            idea_rows::record_step(self.conn, id, step, at)?;
        }
        Ok(())
    }

    /// Puts the idea's tags on it, each once (names that make the same short name are one tag);
    /// a name without a letter or digit is refused.
    fn tag_idea(&mut self, id: &IdeaId, idea: &SourceIdea) -> ServiceResult<()> {
        let mut attached = BTreeSet::new();
        for name in &idea.tags {
            if super::tags::slugify(name).is_empty() {
                self.refuse(
                    &idea.origin,
                    format!("the tag {name:?} has no letter or digit"),
                );
                continue;
            }
            let tag = self.tag(name)?;
            if attached.insert(tag.clone()) {
                tags::attach(self.conn, id, &tag)?;
            }
        }
        Ok(())
    }

    /// The tag named `name`, made if the board has none by its slug.
    fn tag(&mut self, name: &str) -> ServiceResult<TagId> {
        let slug = super::tags::slugify(name);
        if let Some(tag) = tags::find_by_slug(self.conn, &slug)? {
            return Ok(tag.id);
        }
        let id = TagId::generate();
        tags::insert(
            self.conn,
            &tags::NewTag {
                id: &id,
                slug: &slug,
                name: name.trim(),
                color: "#718096",
                created_at: clock::now(),
                names: "{}",
            },
        )?;
        self.summary.created.tags += 1;
        Ok(id)
    }

    /// The account with this person's email, made (without a password) if there is none; `None`
    /// and a refusal when the email is not one.
    fn person(&mut self, person: &Person, origin: &Origin) -> ServiceResult<Option<UserId>> {
        let email = match Email::parse(&person.email) {
            Ok(email) => email,
            Err(why) => {
                self.refuse(origin, format!("{why}: {:?}", person.email));
                return Ok(None);
            }
        };
        if let Some(id) = self.people.get(email.normalized()) {
            return Ok(Some(id.clone()));
        }
        let id = match users::find_by_email(self.conn, email.normalized())? {
            Some(user) => {
                self.summary.skipped.people += 1;
                user.id
            }
            None => self.make_account(&email, &person.name)?,
        };
        self.people
            .insert(email.normalized().to_string(), id.clone());
        Ok(Some(id))
    }

    fn make_account(&mut self, email: &Email, name: &str) -> ServiceResult<UserId> {
        let local = email.as_str().split('@').next().unwrap_or_default();
        let name = [name, local]
            .into_iter()
            .find_map(|candidate| DisplayName::parse(candidate).ok())
            .map_or_else(|| "Imported member".to_string(), |n| n.as_str().to_string());
        let (id, now) = (UserId::generate(), clock::now());
        users::insert(
            self.conn,
            &users::NewUser {
                id: &id,
                email: email.as_str(),
                email_normalized: email.normalized(),
                name: &name,
                password_hash: "",
                role: "member",
                created_at: now,
                updated_at: now,
            },
        )?;
        self.summary.created.people += 1;
        Ok(id)
    }

    /// The local idea an earlier record of this import became; a refusal when none did.
    fn local_idea(&mut self, idea_id: &str, origin: &Origin) -> ServiceResult<Option<IdeaId>> {
        let found = self.imported("idea", idea_id)?.map(IdeaId::from_stored);
        if found.is_none() {
            self.refuse(origin, format!("no idea {idea_id:?} in this import"));
        }
        Ok(found)
    }

    fn vote(&mut self, vote: &SourceVote) -> ServiceResult<()> {
        let key = format!(
            "{}|{}",
            vote.idea_id,
            vote.voter.email.trim().to_lowercase()
        );
        if self.imported("vote", &key)?.is_some() {
            self.summary.skipped.votes += 1;
            return Ok(());
        }
        let Some(idea) = self.local_idea(&vote.idea_id, &vote.origin)? else {
            return Ok(());
        };
        let Some(voter) = self.person(&vote.voter, &vote.origin)? else {
            return Ok(());
        };
        if vote_rows::find(self.conn, &idea, &voter)?.is_some() {
            self.refuse(&vote.origin, "this person voted on this idea already");
            return Ok(());
        }
        let (id, at) = (clock::new_id(), vote.created_at.unwrap_or_else(clock::now));
        vote_rows::insert(
            self.conn,
            &vote_rows::NewVote {
                id: &id,
                idea_id: &idea,
                user_id: &voter,
                value: vote.value,
                created_at: at,
                updated_at: at,
            },
        )?;
        self.remember("vote", &key, &id)?;
        self.touched.insert(idea);
        self.summary.created.votes += 1;
        Ok(())
    }

    fn comment(&mut self, comment: &SourceComment) -> ServiceResult<()> {
        if comment.id.is_empty() {
            self.refuse(&comment.origin, "a comment without an id");
            return Ok(());
        }
        if self.imported("comment", &comment.id)?.is_some() {
            self.summary.skipped.comments += 1;
            return Ok(());
        }
        let body = match CommentBody::parse(&comment.body) {
            Ok(body) => body,
            Err(why) => {
                self.refuse(&comment.origin, why.to_string());
                return Ok(());
            }
        };
        let Some(idea) = self.local_idea(&comment.idea_id, &comment.origin)? else {
            return Ok(());
        };
        let Some(author) = self.person(&comment.author, &comment.origin)? else {
            return Ok(());
        };
        let (id, at) = (
            CommentId::generate(),
            comment.created_at.unwrap_or_else(clock::now),
        );
        let feeling = sentiment::score(body.as_str());
        comments::insert(
            self.conn,
            &comments::NewComment {
                id: &id,
                idea_id: &idea,
                author_id: &author,
                parent_id: None,
                body: body.as_str(),
                body_html: &markdown::render(body.as_str()),
                created_at: at,
                updated_at: at,
                official: false,
                sentiment_score: Some(feeling.score),
                sentiment_label: Some(feeling.label.as_str()),
            },
        )?;
        self.remember("comment", &comment.id, id.as_str())?;
        self.touched.insert(idea);
        self.summary.created.comments += 1;
        Ok(())
    }
}
