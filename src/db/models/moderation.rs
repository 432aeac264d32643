//! The moderation tables: merges with their items, flags, the audit log; and the column updates
//! moderators make (hide, lock, ban).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{audit_log, comments, flags, ideas, merge_items, merges, users};
use crate::domain::ids::{CommentId, IdeaId, UserId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = merges)]
pub struct Merge {
    pub id: String,
    pub source_id: IdeaId,
    pub target_id: IdeaId,
    pub actor_id: UserId,
    pub created_at: NaiveDateTime,
    pub undone_at: Option<NaiveDateTime>,
    pub undone_by: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = merge_items, treat_none_as_default_value = false)]
pub struct MergeItem {
    pub merge_id: String,
    pub kind: String,
    pub ref_id: String,
    pub user_id: Option<UserId>,
    pub value: Option<i64>,
    pub created_at: Option<NaiveDateTime>,
    pub updated_at: Option<NaiveDateTime>,
}

pub fn insert_merge(
    conn: &mut DbConnection,
    id: &str,
    source: &IdeaId,
    target: &IdeaId,
    actor: &UserId,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(merges::table)
        .values((
            merges::id.eq(id),
            merges::source_id.eq(source),
            merges::target_id.eq(target),
            merges::actor_id.eq(actor),
            merges::created_at.eq(at),
        ))
        .execute(conn)
}

pub fn insert_item(conn: &mut DbConnection, item: &MergeItem) -> QueryResult<usize> {
    diesel::insert_into(merge_items::table)
        .values(item)
        .execute(conn)
}

/// The live (not undone) merge of `source_id`.
pub fn active_merge_of(conn: &mut DbConnection, source_id: &IdeaId) -> QueryResult<Option<Merge>> {
    merges::table
        .filter(merges::source_id.eq(source_id))
        .filter(merges::undone_at.is_null())
        .order(merges::created_at.desc())
        .select(Merge::as_select())
        .first(conn)
        .optional()
}

pub fn items_of(conn: &mut DbConnection, merge_id: &str) -> QueryResult<Vec<MergeItem>> {
    merge_items::table
        .filter(merge_items::merge_id.eq(merge_id))
        .select(MergeItem::as_select())
        .load(conn)
}

pub fn mark_undone(
    conn: &mut DbConnection,
    merge_id: &str,
    by: &UserId,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(merges::table.find(merge_id))
        .set((
            merges::undone_at.eq(Some(at)),
            merges::undone_by.eq(Some(by)),
        ))
        .execute(conn)
}

/// How many ideas are merged into `target_id` now.
pub fn merged_count(conn: &mut DbConnection, target_id: &IdeaId) -> QueryResult<i64> {
    ideas::table
        .filter(ideas::merged_into_id.eq(target_id))
        .count()
        .get_result(conn)
}

pub fn set_merged_into(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    target: Option<&IdeaId>,
) -> QueryResult<usize> {
    diesel::update(ideas::table.find(idea_id))
        .set(ideas::merged_into_id.eq(target))
        .execute(conn)
}

pub fn set_idea_hidden(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    at: Option<NaiveDateTime>,
) -> QueryResult<usize> {
    diesel::update(ideas::table.find(idea_id))
        .set(ideas::hidden_at.eq(at))
        .execute(conn)
}

pub fn set_idea_locked(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    at: Option<NaiveDateTime>,
) -> QueryResult<usize> {
    diesel::update(ideas::table.find(idea_id))
        .set(ideas::locked_at.eq(at))
        .execute(conn)
}

pub fn set_comment_hidden(
    conn: &mut DbConnection,
    comment_id: &CommentId,
    at: Option<NaiveDateTime>,
) -> QueryResult<usize> {
    diesel::update(comments::table.find(comment_id))
        .set(comments::hidden_at.eq(at))
        .execute(conn)
}

pub fn set_banned(
    conn: &mut DbConnection,
    user_id: &UserId,
    at: Option<NaiveDateTime>,
) -> QueryResult<usize> {
    diesel::update(users::table.find(user_id))
        .set(users::banned_at.eq(at))
        .execute(conn)
}

/// Re-points comments at another idea.
pub fn move_comments(
    conn: &mut DbConnection,
    ids: &[CommentId],
    to_idea: &IdeaId,
) -> QueryResult<usize> {
    diesel::update(comments::table.filter(comments::id.eq_any(ids)))
        .set(comments::idea_id.eq(to_idea))
        .execute(conn)
}

/// Marks comments as coming from `from_idea`, unless they already came from an earlier merge.
pub fn mark_merged_from(
    conn: &mut DbConnection,
    ids: &[CommentId],
    from_idea: &IdeaId,
) -> QueryResult<usize> {
    diesel::update(
        comments::table
            .filter(comments::id.eq_any(ids))
            .filter(comments::merged_from_idea_id.is_null()),
    )
    .set(comments::merged_from_idea_id.eq(from_idea))
    .execute(conn)
}

/// Clears the mark of `from_idea` (and only that one) from comments.
pub fn clear_merged_from(
    conn: &mut DbConnection,
    ids: &[CommentId],
    from_idea: &IdeaId,
) -> QueryResult<usize> {
    diesel::update(
        comments::table
            .filter(comments::id.eq_any(ids))
            .filter(comments::merged_from_idea_id.eq(from_idea)),
    )
    .set(comments::merged_from_idea_id.eq(None::<String>))
    .execute(conn)
}

/// Replies on `idea_id` to any of the comments `parents` (they travel with their thread).
pub fn replies_to(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    parents: &[CommentId],
) -> QueryResult<Vec<CommentId>> {
    comments::table
        .filter(comments::idea_id.eq(idea_id))
        .filter(comments::parent_id.eq_any(parents))
        .select(comments::id)
        .load(conn)
}

pub fn comment_ids_of(conn: &mut DbConnection, idea_id: &IdeaId) -> QueryResult<Vec<CommentId>> {
    comments::table
        .filter(comments::idea_id.eq(idea_id))
        .select(comments::id)
        .load(conn)
}

/// A flag as the queue shows it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = flags)]
pub struct Flag {
    pub id: String,
    pub idea_id: Option<IdeaId>,
    pub comment_id: Option<CommentId>,
    pub user_id: UserId,
    pub reason: String,
    pub created_at: NaiveDateTime,
    pub resolved_at: Option<NaiveDateTime>,
    pub resolution: Option<String>,
    pub resolved_by: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = flags, treat_none_as_default_value = false)]
pub struct NewFlag<'a> {
    pub id: &'a str,
    pub idea_id: Option<&'a IdeaId>,
    pub comment_id: Option<&'a CommentId>,
    pub user_id: &'a UserId,
    pub reason: &'a str,
    pub created_at: NaiveDateTime,
}

pub fn insert_flag(conn: &mut DbConnection, flag: &NewFlag<'_>) -> QueryResult<usize> {
    diesel::insert_into(flags::table).values(flag).execute(conn)
}

/// Every unresolved flag, oldest first.
pub fn open_flags(conn: &mut DbConnection) -> QueryResult<Vec<Flag>> {
    flags::table
        .filter(flags::resolved_at.is_null())
        .order(flags::created_at.asc())
        .select(Flag::as_select())
        .load(conn)
}

/// How many ideas and comments have an open flag (each counted once, however often flagged).
pub fn flagged_targets(conn: &mut DbConnection) -> QueryResult<i64> {
    flags::table
        .filter(flags::resolved_at.is_null())
        .select((flags::idea_id, flags::comment_id))
        .distinct()
        .load::<(Option<IdeaId>, Option<CommentId>)>(conn)
        .map(|targets| i64::try_from(targets.len()).unwrap_or(i64::MAX))
}

/// Resolves every open flag on one idea or comment; returns how many.
pub fn resolve_flags(
    conn: &mut DbConnection,
    idea_id: Option<&IdeaId>,
    comment_id: Option<&CommentId>,
    resolution: &str,
    by: &UserId,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    let open = flags::table.filter(flags::resolved_at.is_null());
    let changes = (
        flags::resolved_at.eq(Some(at)),
        flags::resolution.eq(Some(resolution)),
        flags::resolved_by.eq(Some(by)),
    );
    match (idea_id, comment_id) {
        (Some(idea), _) => diesel::update(open.filter(flags::idea_id.eq(idea)))
            .set(changes)
            .execute(conn),
        (None, Some(comment)) => diesel::update(open.filter(flags::comment_id.eq(comment)))
            .set(changes)
            .execute(conn),
        (None, None) => Ok(0),
    }
}

/// One audit entry.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: String,
    pub actor_id: UserId,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub subject_label: String,
    pub reason: String,
    pub created_at: NaiveDateTime,
}

pub fn append_audit(conn: &mut DbConnection, entry: &AuditEntry) -> QueryResult<usize> {
    diesel::insert_into(audit_log::table)
        .values(entry)
        .execute(conn)
}

/// How many audit entries there are; optionally one actor's or one action's.
pub fn audit_count(
    conn: &mut DbConnection,
    actor_id: Option<&UserId>,
    action: Option<&str>,
) -> QueryResult<i64> {
    let mut query = audit_log::table.count().into_boxed();
    if let Some(actor) = actor_id {
        query = query.filter(audit_log::actor_id.eq(actor.to_string()));
    }
    if let Some(action) = action {
        query = query.filter(audit_log::action.eq(action.to_string()));
    }
    query.get_result(conn)
}

/// Audit entries, newest first, with the actor's name; optionally one actor's or one action's.
pub fn audit_page(
    conn: &mut DbConnection,
    actor_id: Option<&UserId>,
    action: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<(AuditEntry, String)>> {
    let mut query = audit_log::table
        .inner_join(users::table)
        .select((AuditEntry::as_select(), users::name))
        .order((audit_log::created_at.desc(), audit_log::id.desc()))
        .into_boxed();
    if let Some(actor) = actor_id {
        query = query.filter(audit_log::actor_id.eq(actor.to_string()));
    }
    if let Some(action) = action {
        query = query.filter(audit_log::action.eq(action.to_string()));
    }
    query.limit(limit).offset(offset).load(conn)
}

/// A hidden idea as moderators list it: (id, number, title, hidden at).
pub type HiddenIdeaRow = (IdeaId, i64, String, NaiveDateTime);
/// A hidden comment: (id, its Markdown, the idea's number and title, hidden at).
pub type HiddenCommentRow = (CommentId, String, i64, String, NaiveDateTime);

/// Hidden ideas (merged ones too), most recently hidden first, at most `limit`.
pub fn hidden_ideas(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<HiddenIdeaRow>> {
    ideas::table
        .filter(ideas::hidden_at.is_not_null())
        .order(ideas::hidden_at.desc())
        .limit(limit)
        .select((
            ideas::id,
            ideas::number,
            ideas::title,
            ideas::hidden_at.assume_not_null(),
        ))
        .load(conn)
}

/// Hidden comments that are not deleted, most recently hidden first, at most `limit`.
pub fn hidden_comments(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<HiddenCommentRow>> {
    comments::table
        .inner_join(ideas::table)
        .filter(comments::hidden_at.is_not_null())
        .filter(comments::deleted_at.is_null())
        .order(comments::hidden_at.desc())
        .limit(limit)
        .select((
            comments::id,
            comments::body,
            ideas::number,
            ideas::title,
            comments::hidden_at.assume_not_null(),
        ))
        .load(conn)
}

/// The reason given with the latest of `actions` on each of `subject_ids`: (subject id, reason).
pub fn latest_reasons(
    conn: &mut DbConnection,
    actions: &[&str],
    subject_ids: &[String],
) -> QueryResult<std::collections::HashMap<String, String>> {
    let rows: Vec<(String, String)> = audit_log::table
        .filter(audit_log::action.eq_any(actions))
        .filter(audit_log::subject_id.eq_any(subject_ids))
        .order((audit_log::created_at.asc(), audit_log::id.asc()))
        .select((audit_log::subject_id, audit_log::reason))
        .load(conn)?;
    // Later entries overwrite earlier ones.
    Ok(rows.into_iter().collect())
}

/// The ideas merged into `target_id` (number, title), oldest number first; hidden ones only
/// `with_hidden`.
pub fn merged_here(
    conn: &mut DbConnection,
    target_id: &IdeaId,
    with_hidden: bool,
) -> QueryResult<Vec<(i64, String)>> {
    let mut query = ideas::table
        .filter(ideas::merged_into_id.eq(target_id))
        .into_boxed();
    if !with_hidden {
        query = query.filter(ideas::hidden_at.is_null());
    }
    query
        .order(ideas::number.asc())
        .select((ideas::number, ideas::title))
        .load(conn)
}
