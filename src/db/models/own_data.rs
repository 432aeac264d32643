//! What the board holds about one person, read for their export, and the rows their account's
//! deletion removes or rewrites (the counts they fed are recounted by the service).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    answer_ratings, api_tokens, area_owners, audit_log, comments, digest_items, flags, ideas,
    merge_items, notification_preferences, outbox, password_resets, pending_registrations,
    sessions, statuses, subscriptions, users, votes, watch_matches, watches,
};
use crate::domain::ids::{CommentId, IdeaId, UserId};

/// An idea they wrote: number, title, body, status slug, created, hidden.
pub type OwnIdea = (
    i64,
    String,
    String,
    String,
    NaiveDateTime,
    Option<NaiveDateTime>,
);
/// A comment they wrote: id, the idea's number, body, official, created, deleted.
pub type OwnComment = (
    String,
    i64,
    String,
    bool,
    NaiveDateTime,
    Option<NaiveDateTime>,
);
/// A vote: the idea's number, value, cast, last changed.
pub type OwnVote = (i64, i64, NaiveDateTime, NaiveDateTime);

pub fn ideas_of(conn: &mut DbConnection, user: &UserId) -> QueryResult<Vec<OwnIdea>> {
    ideas::table
        .inner_join(statuses::table)
        .filter(ideas::author_id.eq(user))
        .order(ideas::number.asc())
        .select((
            ideas::number,
            ideas::title,
            ideas::body,
            statuses::slug,
            ideas::created_at,
            ideas::hidden_at,
        ))
        .load(conn)
}

pub fn comments_of(conn: &mut DbConnection, user: &UserId) -> QueryResult<Vec<OwnComment>> {
    comments::table
        .inner_join(ideas::table)
        .filter(comments::author_id.eq(user))
        .order(comments::created_at.asc())
        .select((
            comments::id,
            ideas::number,
            comments::body,
            comments::official,
            comments::created_at,
            comments::deleted_at,
        ))
        .load(conn)
}

pub fn votes_of(conn: &mut DbConnection, user: &UserId) -> QueryResult<Vec<OwnVote>> {
    votes::table
        .inner_join(ideas::table)
        .filter(votes::user_id.eq(user))
        .order(ideas::number.asc())
        .select((
            ideas::number,
            votes::value,
            votes::created_at,
            votes::updated_at,
        ))
        .load(conn)
}

/// The numbers of the ideas they follow, with since when.
pub fn follows_of(
    conn: &mut DbConnection,
    user: &UserId,
) -> QueryResult<Vec<(i64, NaiveDateTime)>> {
    subscriptions::table
        .inner_join(ideas::table)
        .filter(subscriptions::user_id.eq(user))
        .order(ideas::number.asc())
        .select((ideas::number, subscriptions::created_at))
        .load(conn)
}

/// Their answer ratings: the comment's id, helpful, when.
pub fn ratings_of(
    conn: &mut DbConnection,
    user: &UserId,
) -> QueryResult<Vec<(String, bool, NaiveDateTime)>> {
    answer_ratings::table
        .filter(answer_ratings::user_id.eq(user))
        .select((
            answer_ratings::comment_id,
            answer_ratings::helpful,
            answer_ratings::created_at,
        ))
        .load(conn)
}

/// A flag they raised: idea id, comment id, reason, when.
pub type OwnFlag = (Option<String>, Option<String>, String, NaiveDateTime);

pub fn flags_of(conn: &mut DbConnection, user: &UserId) -> QueryResult<Vec<OwnFlag>> {
    flags::table
        .filter(flags::user_id.eq(user))
        .order(flags::created_at.asc())
        .select((
            flags::idea_id,
            flags::comment_id,
            flags::reason,
            flags::created_at,
        ))
        .load(conn)
}

/// Their watched phrases: phrase, delivery, since.
pub fn watches_of(
    conn: &mut DbConnection,
    user: &UserId,
) -> QueryResult<Vec<(String, String, NaiveDateTime)>> {
    watches::table
        .filter(watches::user_id.eq(user))
        .order(watches::phrase_key.asc())
        .select((watches::phrase, watches::delivery, watches::created_at))
        .load(conn)
}

/// Their API tokens (never the hash): name, made, last used, revoked.
pub type OwnToken = (
    String,
    NaiveDateTime,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
);

pub fn tokens_of(conn: &mut DbConnection, user: &UserId) -> QueryResult<Vec<OwnToken>> {
    api_tokens::table
        .filter(api_tokens::user_id.eq(user))
        .order(api_tokens::created_at.asc())
        .select((
            api_tokens::name,
            api_tokens::created_at,
            api_tokens::last_used_at,
            api_tokens::revoked_at,
        ))
        .load(conn)
}

/// Their sessions: started, last seen, expiring.
pub fn sessions_of(
    conn: &mut DbConnection,
    user: &UserId,
) -> QueryResult<Vec<(NaiveDateTime, NaiveDateTime, NaiveDateTime)>> {
    sessions::table
        .filter(sessions::user_id.eq(user))
        .order(sessions::created_at.asc())
        .select((
            sessions::created_at,
            sessions::last_seen_at,
            sessions::expires_at,
        ))
        .load(conn)
}

/// The emails to their address: subject, state, queued, sent.
pub type OwnEmail = (String, String, NaiveDateTime, Option<NaiveDateTime>);

pub fn emails_to(conn: &mut DbConnection, address: &str) -> QueryResult<Vec<OwnEmail>> {
    outbox::table
        .filter(outbox::recipient.eq(address))
        .order(outbox::created_at.asc())
        .select((
            outbox::subject,
            outbox::state,
            outbox::created_at,
            outbox::sent_at,
        ))
        .load(conn)
}

/// The ideas they voted on (before their votes go).
pub fn voted_ideas(conn: &mut DbConnection, user: &UserId) -> QueryResult<Vec<IdeaId>> {
    votes::table
        .filter(votes::user_id.eq(user))
        .select(votes::idea_id)
        .load::<String>(conn)
        .map(|ids| ids.into_iter().map(IdeaId::from_stored).collect())
}

/// Their ideas' ids, with whether each is hidden already.
pub fn ideas_of_author(conn: &mut DbConnection, user: &UserId) -> QueryResult<Vec<(IdeaId, bool)>> {
    ideas::table
        .filter(ideas::author_id.eq(user))
        .select((ideas::id, ideas::hidden_at.is_not_null()))
        .load::<(String, bool)>(conn)
        .map(|ids| {
            ids.into_iter()
                .map(|(id, hidden)| (IdeaId::from_stored(id), hidden))
                .collect()
        })
}

/// Their comments not yet deleted: id and idea.
pub fn live_comments_of(
    conn: &mut DbConnection,
    user: &UserId,
) -> QueryResult<Vec<(CommentId, IdeaId)>> {
    comments::table
        .filter(comments::author_id.eq(user))
        .filter(comments::deleted_at.is_null())
        .select((comments::id, comments::idea_id))
        .load::<(String, String)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(|(c, i)| (CommentId::from_stored(c), IdeaId::from_stored(i)))
                .collect()
        })
}

/// Whether the session `session_id` is theirs and began at `since` or later.
pub fn session_began_since(
    conn: &mut DbConnection,
    user: &UserId,
    session_id: &str,
    since: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        sessions::table
            .filter(sessions::id.eq(session_id))
            .filter(sessions::user_id.eq(user.as_str()))
            .filter(sessions::created_at.ge(since)),
    ))
    .get_result::<bool>(conn)
}

/// Takes back their answer ratings, moving each answer's counts.
pub fn remove_ratings(conn: &mut DbConnection, user: &UserId) -> QueryResult<()> {
    for (comment_id, helpful, _) in ratings_of(conn, user)? {
        let (helpful_by, unhelpful_by) = if helpful { (1, 0) } else { (0, 1) };
        diesel::update(comments::table.find(&comment_id))
            .set((
                comments::helpful.eq(comments::helpful - helpful_by),
                comments::unhelpful.eq(comments::unhelpful - unhelpful_by),
            ))
            .execute(conn)?;
    }
    diesel::delete(answer_ratings::table.filter(answer_ratings::user_id.eq(user))).execute(conn)?;
    Ok(())
}

/// Removes every row that only serves them: votes (and the merge records that would restore
/// them), follows, watches, preferences, sessions, tokens, resets, digest lines, area ownership,
/// pending registrations and emails to their address.
pub fn remove_their_rows(conn: &mut DbConnection, user: &UserId, email: &str) -> QueryResult<()> {
    diesel::delete(votes::table.filter(votes::user_id.eq(user))).execute(conn)?;
    diesel::delete(merge_items::table.filter(merge_items::user_id.eq(user.as_str())))
        .execute(conn)?;
    diesel::delete(subscriptions::table.filter(subscriptions::user_id.eq(user))).execute(conn)?;
    diesel::delete(watches::table.filter(watches::user_id.eq(user))).execute(conn)?;
    diesel::delete(
        notification_preferences::table.filter(notification_preferences::user_id.eq(user)),
    )
    .execute(conn)?;
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user.as_str()))).execute(conn)?;
    diesel::delete(api_tokens::table.filter(api_tokens::user_id.eq(user))).execute(conn)?;
    diesel::delete(password_resets::table.filter(password_resets::user_id.eq(user)))
        .execute(conn)?;
    diesel::delete(digest_items::table.filter(digest_items::user_id.eq(user))).execute(conn)?;
    diesel::delete(area_owners::table.filter(area_owners::user_id.eq(user))).execute(conn)?;
    let normalized = email.trim().to_lowercase();
    diesel::delete(
        pending_registrations::table
            .filter(pending_registrations::email_normalized.eq(&normalized)),
    )
    .execute(conn)?;
    diesel::delete(outbox::table.filter(lower(outbox::recipient).eq(email.to_lowercase())))
        .execute(conn)?;
    Ok(())
}

diesel::define_sql_function!(fn lower(text: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// Forgets the passages watchers were told of in their ideas and comments.
pub fn remove_watch_matches(conn: &mut DbConnection, user: &UserId) -> QueryResult<usize> {
    let their_ideas = ideas::table
        .filter(ideas::author_id.eq(user))
        .select(ideas::id);
    let their_comments = comments::table
        .filter(comments::author_id.eq(user))
        .select(comments::id);
    diesel::delete(
        watch_matches::table.filter(
            watch_matches::idea_id
                .eq_any(their_ideas.nullable())
                .and(watch_matches::comment_id.is_null())
                .or(watch_matches::comment_id.eq_any(their_comments.nullable())),
        ),
    )
    .execute(conn)
}

/// Removes an idea's words (it is hidden by the caller): title, body and their forms.
pub fn blank_idea(conn: &mut DbConnection, id: &IdeaId, title: &str) -> QueryResult<usize> {
    diesel::update(ideas::table.find(id))
        .set((
            ideas::title.eq(title),
            ideas::body.eq(""),
            ideas::body_html.eq(""),
            ideas::excerpt.eq(""),
        ))
        .execute(conn)
}

/// The account row kept for what it wrote and did, without the person: no address, no name, no
/// password, no language; `name` is what pages show instead.
pub fn anonymize(
    conn: &mut DbConnection,
    user: &UserId,
    name: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    let placeholder = format!("deleted:{user}");
    diesel::update(users::table.find(user))
        .set((
            users::email.eq(&placeholder),
            users::email_normalized.eq(&placeholder),
            users::name.eq(name),
            users::password_hash.eq(""),
            users::role.eq("member"),
            users::locale.eq(None::<String>),
            users::banned_at.eq(None::<NaiveDateTime>),
            users::updated_at.eq(at),
            users::deleted_at.eq(Some(at)),
        ))
        .execute(conn)
}

/// The audit log's labels naming the account (as "Name <address>") say it was deleted instead.
pub fn relabel_audit(conn: &mut DbConnection, user: &UserId, label: &str) -> QueryResult<usize> {
    diesel::update(
        audit_log::table
            .filter(audit_log::subject_type.eq("user"))
            .filter(audit_log::subject_id.eq(user.as_str())),
    )
    .set(audit_log::subject_label.eq(label))
    .execute(conn)
}
