//! Likely duplicates: live ideas whose titles share most words with an idea's, found through the
//! similar-ideas search; remembered for each new idea so the triage inbox offers them per row.

use super::ServiceResult;
use super::accounts::Account;
use super::board;
use crate::db::views::triage;
use crate::db::{Db, search_index};
use crate::domain::ideas::{DUPLICATE_LIKENESS, title_likeness};
use crate::domain::ids::IdeaId;
use crate::domain::read::IdeaCard;

/// The live ideas (other than `number`) whose titles are like `title`, best match first.
pub fn likely(
    db: &mut Db,
    viewer: Option<&Account>,
    number: i64,
    title: &str,
) -> ServiceResult<Vec<IdeaCard>> {
    let language = search_index::indexed_language(db.conn()?)?;
    Ok(board::similar(db, viewer, title)?
        .into_iter()
        .filter(|card| card.number != number)
        .filter(|card| title_likeness(language, &card.title, title) >= DUPLICATE_LIKENESS)
        .collect())
}

/// Remembers the older likely duplicates of the idea just submitted (at most three).
pub fn remember(db: &mut Db, id: &IdeaId, number: i64, title: &str) -> ServiceResult<()> {
    let older: Vec<IdeaId> = likely(db, None, number, title)?
        .into_iter()
        .filter(|card| card.number < number)
        .take(3)
        .map(|card| card.id)
        .collect();
    if !older.is_empty() {
        db.write(|conn| {
            Ok::<_, super::error::ServiceError>(triage::add_candidates(conn, id, &older)?)
        })?;
    }
    Ok(())
}
