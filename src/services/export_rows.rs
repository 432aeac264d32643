//! Reading an export's rows a page at a time, in its ranked order, with memory bounded whatever
//! the board's size.

use super::ServiceResult;
use crate::db::DbConnection;
use crate::db::views::export::{self, ExportFilter};

/// Rows read in the first database round trip (so the first bytes leave at once); each later
/// page is four times larger, up to `MAX_PAGE`, so deep exports take few round trips.
pub const FIRST_PAGE: i64 = 500;
pub const MAX_PAGE: i64 = 8000;

/// Where the rows come from, in export order: one keyset walk down the order's index (every
/// order, `trending` too, is a stored key).
pub struct RowSource {
    after: Option<export::After>,
    done: bool,
}

impl RowSource {
    /// Before the first row.
    pub fn start() -> Self {
        Self {
            after: Some(export::After::start()),
            done: false,
        }
    }

    /// Up to `want` further rows; empty at the end.
    pub fn next(
        &mut self,
        conn: &mut DbConnection,
        filter: &ExportFilter,
        want: i64,
    ) -> ServiceResult<Vec<export::ExportRow>> {
        if self.done || want <= 0 {
            return Ok(Vec::new());
        }
        let page = export::page(conn, filter, want, self.after.as_ref())?;
        if (page.len() as i64) < want {
            self.done = true;
        }
        if let Some(last) = page.last() {
            self.after = Some(export::After::of(last));
        }
        Ok(page)
    }
}
