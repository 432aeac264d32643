//! Reading an export's rows a page at a time, in its ranked order, with memory bounded whatever
//! the board's size.

use std::collections::{HashMap, HashSet, VecDeque};

use super::ServiceResult;
use crate::db::DbConnection;
use crate::db::views::export::{self, ExportFilter};
use crate::domain::ids::IdeaId;
use crate::domain::ranking::Sort;

/// Rows read in the first database round trip (so the first bytes leave at once); each later
/// page is four times larger, up to `MAX_PAGE`, so deep exports take few round trips.
pub const FIRST_PAGE: i64 = 500;
pub const MAX_PAGE: i64 = 8000;

/// Where the rows come from, in export order. Every sort but `trending` is one keyset walk down
/// its index. `trending` is three segments: the ideas whose last-week vote sum is positive
/// (sorted here), then every other idea newest first (the keyset walk of `new`, skipping the
/// ideas of the other two segments), then those whose sum is negative. Memory is bounded by the
/// number of ideas voted on in the last week, never by the board's size.
pub struct RowSource {
    segments: VecDeque<Segment>,
}

enum Segment {
    Sorted(VecDeque<export::ExportRow>),
    Walk {
        after: Option<export::After>,
        skip: HashSet<IdeaId>,
        /// Rows read but not yet handed out.
        ready: VecDeque<export::ExportRow>,
        done: bool,
    },
}

/// Ideas looked up per query when fetching a trending segment.
const LOOKUP_CHUNK: usize = 500;

impl RowSource {
    pub fn new(conn: &mut DbConnection, filter: &ExportFilter) -> ServiceResult<Self> {
        if filter.sort != Sort::Trending {
            return Ok(Self {
                segments: VecDeque::from([Segment::Walk {
                    after: Some(export::After::start()),
                    skip: HashSet::new(),
                    ready: VecDeque::new(),
                    done: false,
                }]),
            });
        }
        let trends: HashMap<IdeaId, i64> = export::recent_trends(conn, filter.trending_since)?
            .into_iter()
            .collect();
        let ids: Vec<IdeaId> = trends.keys().cloned().collect();
        let mut rows = Vec::new();
        for chunk in ids.chunks(LOOKUP_CHUNK) {
            rows.extend(export::among(conn, filter, chunk)?);
        }
        let trend = |row: &export::ExportRow| trends.get(&row.id).copied().unwrap_or(0);
        // The board's trending order: key, then newer, then higher number.
        rows.sort_by(|a, b| {
            (trend(b), b.created_at, b.number).cmp(&(trend(a), a.created_at, a.number))
        });
        let (rising, falling): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| trend(r) > 0);
        Ok(Self {
            segments: VecDeque::from([
                Segment::Sorted(rising.into()),
                Segment::Walk {
                    after: Some(export::After::start()),
                    skip: ids.into_iter().collect(),
                    ready: VecDeque::new(),
                    done: false,
                },
                Segment::Sorted(falling.into()),
            ]),
        })
    }

    /// Up to `want` further rows; empty at the end.
    pub fn next(
        &mut self,
        conn: &mut DbConnection,
        filter: &ExportFilter,
        want: i64,
    ) -> ServiceResult<Vec<export::ExportRow>> {
        let want_rows = usize::try_from(want).unwrap_or(0);
        let mut out = Vec::new();
        while out.len() < want_rows {
            let Some(segment) = self.segments.front_mut() else {
                break;
            };
            match segment {
                Segment::Sorted(rows) => {
                    let take = (want_rows - out.len()).min(rows.len());
                    out.extend(rows.drain(..take));
                    if rows.is_empty() {
                        self.segments.pop_front();
                    }
                }
                Segment::Walk {
                    after,
                    skip,
                    ready,
                    done,
                } => {
                    if ready.is_empty() {
                        if *done {
                            self.segments.pop_front();
                            continue;
                        }
                        // Always a whole page, however few rows are still wanted: skipped rows
                        // must not turn into many one-row queries.
                        let page =
                            export::page(conn, filter, want.max(FIRST_PAGE), after.as_ref())?;
                        if (page.len() as i64) < want.max(FIRST_PAGE) {
                            *done = true;
                        }
                        if let Some(last) = page.last() {
                            *after = Some(export::After::of(last));
                        }
                        ready.extend(page.into_iter().filter(|row| !skip.contains(&row.id)));
                        continue;
                    }
                    let take = (want_rows - out.len()).min(ready.len());
                    out.extend(ready.drain(..take));
                }
            }
        }
        Ok(out)
    }
}
