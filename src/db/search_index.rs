//! The full-text index's language: the SQL function SQLite's index triggers stem with, the
//! language the index was built in (the setting `search_language`), and rebuilding it in another.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel::sqlite::SqliteConnection;

use super::DbConnection;
use crate::domain::search_language::SearchLanguage;

diesel::define_sql_function! {
    /// SQLite's index text for `text` in `language`: its stems, stop words left out.
    fn ideaboard_search_text(language: Text, text: Text) -> Text;
}

/// Teaches a new SQLite connection the function its index triggers call.
pub fn register_sqlite_functions(conn: &mut SqliteConnection) -> QueryResult<()> {
    ideaboard_search_text_utils::register_impl(conn, |language: String, text: String| {
        SearchLanguage::parse(&language)
            .unwrap_or_default()
            .indexed_text(&text)
    })
}

/// The setting naming the index's language, read by the index triggers.
const LANGUAGE_SETTING: &str = "search_language";

/// The language the index was built in (new ideas are indexed in it too).
pub fn indexed_language(conn: &mut DbConnection) -> QueryResult<SearchLanguage> {
    let stored = super::models::pipeline::setting(conn, LANGUAGE_SETTING)?;
    Ok(stored
        .and_then(|name| SearchLanguage::parse(&name))
        .unwrap_or_default())
}

/// Whether the board has no idea yet, so the index can change language with nothing to rebuild.
pub fn is_empty(conn: &mut DbConnection) -> QueryResult<bool> {
    use super::schema::ideas;
    let first: Option<String> = ideas::table.select(ideas::id).first(conn).optional()?;
    Ok(first.is_none())
}

/// Records `language` as the index's and indexes every idea in it again; returns how many ideas
/// were indexed. Run inside one transaction, searches see the old index until it commits.
pub fn rebuild(conn: &mut DbConnection, language: SearchLanguage) -> QueryResult<usize> {
    if let DbConnection::Postgres(pg) = conn {
        // An idea inserted meanwhile would be indexed by the old setting and missed by the
        // rebuild's read: new ideas wait until the rebuild commits (SQLite has one writer anyway).
        pg.batch_execute("LOCK TABLE ideas IN SHARE ROW EXCLUSIVE MODE")?;
    }
    super::models::pipeline::set_setting(conn, LANGUAGE_SETTING, language.name())?;
    match conn {
        DbConnection::Postgres(pg) => diesel::sql_query(
            "INSERT INTO ideas_fts (idea_id, number, document) \
             SELECT id, number, ideas_fts_document(title, body) FROM ideas \
             ON CONFLICT (idea_id) DO UPDATE SET number = EXCLUDED.number, \
             document = EXCLUDED.document",
        )
        .execute(pg),
        DbConnection::Sqlite(sqlite) => {
            sqlite.batch_execute("INSERT INTO ideas_fts (ideas_fts) VALUES ('delete-all')")?;
            diesel::sql_query(
                "INSERT INTO ideas_fts (rowid, title, body) \
                 SELECT rowid, ideaboard_search_text($1, title), \
                 ideaboard_search_text($1, body) FROM ideas",
            )
            .bind::<Text, _>(language.name())
            .execute(sqlite)
        }
    }
}
