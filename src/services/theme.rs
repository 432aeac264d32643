//! The colours of statuses and tags as (slug, colour) pairs, for `/theme.css`.

use super::ServiceResult;
use crate::db::Db;
use crate::db::models::{statuses, tags};

/// Every status's and every tag's colour (retired statuses too: old ideas still show them).
pub type Colours = (Vec<(String, String)>, Vec<(String, String)>);

pub fn colours(db: &mut Db) -> ServiceResult<Colours> {
    let conn = db.conn()?;
    let statuses = statuses::list(conn)?
        .into_iter()
        .map(|s| (s.slug, s.color))
        .collect();
    let tags = tags::list(conn)?
        .into_iter()
        .map(|t| (t.slug, t.color))
        .collect();
    Ok((statuses, tags))
}
