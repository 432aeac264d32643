//! The `tags` and `idea_tags` tables: labels moderators manage and ideas carry.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::validation::has_control_characters;

use crate::db::DbConnection;
use crate::db::schema::{idea_tags, tags};
use crate::domain::ids::{IdeaId, TagId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = tags)]
pub struct Tag {
    pub id: TagId,
    pub slug: String,
    pub name: String,
    pub color: String,
    pub created_at: NaiveDateTime,
    /// Names per language, a JSON object (`domain::local_names::LocalNames`).
    pub names: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = tags)]
pub struct NewTag<'a> {
    pub id: &'a TagId,
    pub slug: &'a str,
    pub name: &'a str,
    pub color: &'a str,
    pub created_at: NaiveDateTime,
    pub names: &'a str,
}

pub fn insert(conn: &mut DbConnection, tag: &NewTag<'_>) -> QueryResult<usize> {
    diesel::insert_into(tags::table).values(tag).execute(conn)
}

/// Every tag, by name.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Tag>> {
    tags::table
        .order(tags::name.asc())
        .select(Tag::as_select())
        .load(conn)
}

pub fn find_by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Tag>> {
    if has_control_characters(slug) {
        // Nothing stored holds one, and PostgreSQL refuses NUL outright.
        return Ok(None);
    }
    tags::table
        .filter(tags::slug.eq(slug))
        .select(Tag::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_slugs(conn: &mut DbConnection, slugs: &[String]) -> QueryResult<Vec<Tag>> {
    tags::table
        .filter(tags::slug.eq_any(slugs))
        .select(Tag::as_select())
        .load(conn)
}

/// Puts `tag_id` on `idea_id`.
pub fn attach(conn: &mut DbConnection, idea_id: &IdeaId, tag_id: &TagId) -> QueryResult<usize> {
    diesel::insert_into(idea_tags::table)
        .values((idea_tags::idea_id.eq(idea_id), idea_tags::tag_id.eq(tag_id)))
        .execute(conn)
}

/// The tags of several ideas: (idea id, tag), by tag name.
pub fn for_ideas(conn: &mut DbConnection, idea_ids: &[IdeaId]) -> QueryResult<Vec<(IdeaId, Tag)>> {
    idea_tags::table
        .inner_join(tags::table)
        .filter(idea_tags::idea_id.eq_any(idea_ids))
        .order(tags::name.asc())
        .select((idea_tags::idea_id, Tag::as_select()))
        .load(conn)
}

/// The tag ids on one idea.
pub fn ids_on(conn: &mut DbConnection, idea_id: &IdeaId) -> QueryResult<Vec<TagId>> {
    idea_tags::table
        .filter(idea_tags::idea_id.eq(idea_id))
        .select(idea_tags::tag_id)
        .load(conn)
}

pub fn detach(conn: &mut DbConnection, idea_id: &IdeaId, tag_id: &TagId) -> QueryResult<usize> {
    diesel::delete(
        idea_tags::table
            .filter(idea_tags::idea_id.eq(idea_id))
            .filter(idea_tags::tag_id.eq(tag_id)),
    )
    .execute(conn)
}

pub fn detach_all(conn: &mut DbConnection, idea_id: &IdeaId) -> QueryResult<usize> {
    diesel::delete(idea_tags::table.filter(idea_tags::idea_id.eq(idea_id))).execute(conn)
}

/// A tag's changeable fields: its name, colour and names per language (JSON).
pub fn update(
    conn: &mut DbConnection,
    id: &TagId,
    (name, color, names): (&str, &str, &str),
) -> QueryResult<usize> {
    diesel::update(tags::table.find(id))
        .set((
            tags::name.eq(name),
            tags::color.eq(color),
            tags::names.eq(names),
        ))
        .execute(conn)
}

pub fn delete(conn: &mut DbConnection, id: &TagId) -> QueryResult<usize> {
    diesel::delete(tags::table.find(id)).execute(conn)
}
