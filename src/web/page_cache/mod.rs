//! Rendered pages kept in memory for reuse: templates shared by everyone, and each visit's
//! completed page. An entry is served while the content version it was rendered at is still the
//! database's (read on every request, so every instance of a scaled-out board stays exact), or,
//! for a template, while it is younger than `PAGE_STALE_SECS` and was read at a version that
//! holds the viewer's own last change (`recent_enough`); and only before any age it shows would read differently (or,
//! for a visit's page, before its session would look different). It is never the only copy of
//! anything: a miss renders from the database. Each kind of page sits on its own shelf with its
//! own budget (`LruShelf`).

mod encoding;
mod kept;
mod lru_shelf;
mod pages;

use std::sync::Arc;

use chrono::NaiveDateTime;

pub use encoding::{Encodings, etag_in, respond, respond_as};
pub use kept::{keep_rendered, kept_for_visitors, kept_or_read, may_keep};
use lru_shelf::LruShelf;
pub use pages::{CachedPage, VisitPage};

/// The address of a page kept in `lang`: each language has its own copy (`#` never appears in a
/// path or query a request sends, so no address can name another's key).
pub fn in_language(address: &str, lang: crate::i18n::Lang) -> String {
    format!("{address}#{}", lang.tag())
}

/// Which board address a page is for.
#[derive(Debug, Clone)]
pub struct PageKey {
    /// The query string.
    pub address: String,
    /// Whether the address is a search: searches are kept apart, so that many different searches
    /// cannot push the board's own pages out.
    pub search: bool,
}

/// Which kept pages a request may be served.
#[derive(Debug, Clone, Copy)]
pub struct Acceptable {
    /// The content version now, if it was read: a page read at it is exact.
    pub version: Option<i64>,
    /// Which pages may be served though the version moved since they were read (`None`: exact
    /// pages only).
    pub recent: Option<Recent>,
    pub now: NaiveDateTime,
}

/// A page recent enough to serve: read at or after `read_since`, at a version of at least
/// `own_change` (the version after the viewer's own last change, so it is in the page).
#[derive(Debug, Clone, Copy)]
pub struct Recent {
    pub read_since: NaiveDateTime,
    pub own_change: i64,
}

impl Acceptable {
    /// Only a page read at `version`.
    pub fn exact(version: i64, now: NaiveDateTime) -> Self {
        Acceptable {
            version: Some(version),
            recent: None,
            now,
        }
    }
}

/// Which templates may be served to this request though the content moved since they were read:
/// those read within `PAGE_STALE_SECS`, at a version holding this browser's own last change (its
/// `ideaboard_changed` cookie: the version read after that change committed), so everyone sees
/// their own changes at once, on every instance. `None` when the setting is 0 (every page exact).
pub fn recent_enough(
    req: &actix_web::HttpRequest,
    config: &crate::config::Config,
    now: NaiveDateTime,
) -> Option<Recent> {
    if config.page_stale_secs == 0 {
        return None;
    }
    Some(Recent {
        read_since: now - chrono::Duration::seconds(config.page_stale_secs.into()),
        own_change: crate::web::cookies::last_change(req).unwrap_or(0),
    })
}

/// The board's kept pages: templates by query string (searches on a shelf of their own), and
/// visits' pages by session and query string, each kind within its own budget.
pub struct PageCache {
    /// Stands where a template's viewer-dependent parts go; random per process, so no page
    /// content can contain it.
    marker: String,
    templates: LruShelf<CachedPage>,
    searches: LruShelf<CachedPage>,
    visits: LruShelf<VisitPage>,
}

impl PageCache {
    /// A cache holding up to `budget_mb` MiB (`PAGE_CACHE_MB`) of the board's templates, the same
    /// again of visits' pages, and a quarter as much of searches'; 0 turns it off.
    ///
    /// Why these shares: the board's templates are few (one per sort, filter and page) and asked
    /// for by everyone, so they get the operator's whole budget. Visits' pages are one per
    /// signed-in person and address, completed copies of those templates, so they get as much
    /// again and cannot push the templates out. Searches are many and seldom repeated: a quarter
    /// keeps the popular ones without letting a stream of new searches evict the board.
    pub fn new(budget_mb: u32) -> Self {
        let budget = budget_mb as usize * 1024 * 1024;
        PageCache {
            marker: format!(
                "ib-slot-{}",
                crate::domain::secrets::new_token("")
                    .get(..24)
                    .unwrap_or_default()
            ),
            templates: LruShelf::new(budget),
            searches: LruShelf::new(budget / 4),
            visits: LruShelf::new(budget),
        }
    }

    pub fn enabled(&self) -> bool {
        self.templates.budget() > 0
    }

    pub fn marker(&self) -> &str {
        &self.marker
    }

    fn shelf(&self, key: &PageKey) -> &LruShelf<CachedPage> {
        if key.search {
            &self.searches
        } else {
            &self.templates
        }
    }

    /// The template for `key`, if `acceptable` takes it.
    pub fn get(&self, key: &PageKey, acceptable: &Acceptable) -> Option<Arc<CachedPage>> {
        self.shelf(key).get(&key.address, acceptable)
    }

    /// Keeps `page` for `key`, replacing an older one (a page read at an older version than the
    /// one held is dropped), evicting the least recently used pages while over budget.
    pub fn insert(&self, key: PageKey, page: Arc<CachedPage>) {
        self.shelf(&key).insert(key.address, page)
    }

    /// The page kept for this visit (`key` names the session and the address) if it was read
    /// at `version` and is still exact at `now`. (A visit's page is never served once the
    /// version moved: its session may have changed with it.)
    pub fn get_visit(&self, key: &str, version: i64, now: NaiveDateTime) -> Option<Arc<VisitPage>> {
        self.visits.get(key, &Acceptable::exact(version, now))
    }

    /// Keeps a visit's page, as `insert` does a template.
    pub fn insert_visit(&self, key: String, page: Arc<VisitPage>) {
        self.visits.insert(key, page)
    }

    /// How many templates are held, searches' included (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.templates.len() + self.searches.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many visits' pages are held (for tests and diagnostics).
    pub fn visits_len(&self) -> usize {
        self.visits.len()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{Duration, NaiveDateTime};

    use super::{Acceptable, CachedPage, PageCache, PageKey, VisitPage};
    use crate::views::slots::Template;

    fn board_page(version: i64, until: NaiveDateTime) -> Arc<CachedPage> {
        let template = Template::split(&"x".repeat(20_000), "@", Vec::new(), "/")
            .expect("a template without markers");
        Arc::new(CachedPage::new(version, read_at(), until, template))
    }

    fn read_at() -> NaiveDateTime {
        NaiveDateTime::default() + Duration::days(20_000)
    }

    fn exact(version: i64, now: NaiveDateTime) -> Acceptable {
        Acceptable::exact(version, now)
    }

    fn key(address: &str, search: bool) -> PageKey {
        PageKey {
            address: address.to_string(),
            search,
        }
    }

    #[test]
    fn each_shelf_keeps_to_its_budget_least_recently_used_out_first() {
        let now = read_at() + Duration::seconds(1);
        let until = now + Duration::hours(1);
        // 1 MiB for the board's pages and for visits' pages, 256 KiB for searches.
        let cache = PageCache::new(1);
        cache.insert(key("", false), board_page(7, until));
        for n in 0..10 {
            cache.insert(key(&format!("q=word{n}"), true), board_page(7, until));
        }
        assert!(
            cache.get(&key("", false), &exact(7, now)).is_some(),
            "searches cannot push it out"
        );
        assert!(
            cache.get(&key("q=word0", true), &exact(7, now)).is_none(),
            "the oldest search went"
        );
        assert!(cache.get(&key("q=word9", true), &exact(7, now)).is_some());
        assert_eq!(
            cache.len(),
            1 + 5,
            "five searches of about 50 KB fit in 256 KiB"
        );

        assert!(
            cache.get(&key("", false), &exact(8, now)).is_none(),
            "another version"
        );
        assert!(
            cache.get(&key("", false), &exact(7, until)).is_none(),
            "no longer exact"
        );

        for n in 0..12 {
            let page = VisitPage::private(&board_page(7, until), until, "y".repeat(100_000));
            cache.insert_visit(format!("session{n} "), Arc::new(page));
        }
        assert_eq!(cache.visits_len(), 6, "six of about 150 KB fit in 1 MiB");
        assert!(cache.get_visit("session5 ", 7, now).is_none());
        assert!(cache.get_visit("session11 ", 7, now).is_some());
    }

    #[test]
    fn a_recent_template_is_served_after_the_version_moved_unless_it_misses_ones_own_change() {
        let now = read_at() + Duration::seconds(3);
        let until = now + Duration::hours(1);
        let cache = PageCache::new(1);
        cache.insert(key("", false), board_page(7, until));
        let since = |at: NaiveDateTime, own_change: i64| Acceptable {
            version: Some(8),
            recent: Some(super::Recent {
                read_since: at,
                own_change,
            }),
            now,
        };
        let kept = |acceptable: Acceptable| cache.get(&key("", false), &acceptable).is_some();
        assert!(!kept(exact(8, now)));
        assert!(
            kept(since(read_at() - Duration::seconds(2), 7)),
            "read within the window, with the viewer's own change"
        );
        assert!(
            !kept(since(read_at() + Duration::microseconds(1), 0)),
            "read before the window"
        );
        assert!(
            !kept(since(read_at(), 8)),
            "read before the viewer's own change"
        );
        let later = Acceptable {
            now: until,
            ..since(read_at(), 0)
        };
        assert!(
            cache.get(&key("", false), &later).is_none(),
            "an age on it reads differently"
        );
    }
}
