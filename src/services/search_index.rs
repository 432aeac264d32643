//! The search index's language: `SEARCH_LANGUAGE` taken at start on a board with nothing to
//! rebuild, and `reindex`, which builds the index again in the configured language.

use super::ServiceResult;
use super::error::ServiceError;
use crate::db::Db;
use crate::db::search_index;
use crate::domain::search_language::SearchLanguage;

/// What starting with a configured search language found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageAtStart {
    /// The index is in the configured language.
    InStep,
    /// The board had no idea, so the index now stems in the configured language.
    Adopted,
    /// The index holds ideas in another language: searches keep using it until `reindex`.
    ReindexNeeded { indexed: SearchLanguage },
}

/// Brings the index to `configured` where that costs nothing, else says that `reindex` is needed.
pub fn take_configured(db: &mut Db, configured: SearchLanguage) -> ServiceResult<LanguageAtStart> {
    let indexed = search_index::indexed_language(db.conn()?)?;
    if indexed == configured {
        return Ok(LanguageAtStart::InStep);
    }
    db.write(|conn| {
        if search_index::is_empty(conn)? {
            search_index::rebuild(conn, configured)?;
            Ok::<_, ServiceError>(LanguageAtStart::Adopted)
        } else {
            Ok(LanguageAtStart::ReindexNeeded { indexed })
        }
    })
}

/// Indexes every idea again in `language`, in one transaction (searches use the old index until
/// it commits); returns how many ideas were indexed.
pub fn reindex(db: &mut Db, language: SearchLanguage) -> ServiceResult<usize> {
    db.write(|conn| Ok::<_, ServiceError>(search_index::rebuild(conn, language)?))
}
