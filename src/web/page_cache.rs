//! Rendered board pages kept in memory for reuse: templates shared by everyone, and each visit's
//! completed page. An entry is served only while the content version it was rendered at is still
//! the database's (read on every request, so every instance of a scaled-out board stays exact)
//! and before any age it shows would read differently (or, for a visit's page, before its session
//! would look different). It is never the only copy of anything: a miss renders from the
//! database. Least recently used entries go first when a memory budget is reached.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use actix_web::web::Bytes;
use chrono::NaiveDateTime;

use crate::views::slots::{Template, Viewer};

/// One rendered page.
pub struct CachedPage {
    /// The content version read before the page's data.
    pub version: i64,
    /// The page stops being exact at this time (an age it shows changes).
    pub exact_until: NaiveDateTime,
    /// The page with markers, completed per viewer.
    pub template: Template,
    /// The page for visitors who are not signed in, ready to send.
    pub anonymous: Bytes,
    /// The same page gzip-compressed, once, for the browsers that accept it (all of them):
    /// compressing on every response costs more than everything else the page needs.
    pub anonymous_gzip: Bytes,
    /// The anonymous page's entity tag (the gzip variant's has `-gz` at the end).
    pub etag: String,
    /// The ideas whose vote widgets the page shows.
    pub idea_ids: Vec<String>,
}

impl CachedPage {
    pub fn new(version: i64, exact_until: NaiveDateTime, template: Template) -> Self {
        let anonymous = Bytes::from(template.fill(&Viewer::anonymous()));
        let etag = etag_of(version, &anonymous);
        let idea_ids = template.idea_ids();
        CachedPage {
            version,
            exact_until,
            template,
            anonymous_gzip: gzip(&anonymous, flate2::Compression::default()),
            anonymous,
            etag,
            idea_ids,
        }
    }
}

impl Kept for CachedPage {
    fn version(&self) -> i64 {
        self.version
    }

    fn exact_until(&self) -> NaiveDateTime {
        self.exact_until
    }

    fn size(&self) -> usize {
        self.template.size()
            + self.anonymous.len()
            + self.anonymous_gzip.len()
            + self.idea_ids.len() * 64
            + 256
    }
}

/// One visit's page, ready to send again to the same session cookie.
pub struct VisitPage {
    /// The content version read before the page's data and the session.
    pub version: i64,
    /// The page stops being exact at this time: an age it shows changes, or the session would
    /// be looked up afresh.
    pub exact_until: NaiveDateTime,
    /// Whether the page is completed for a signed-in person (else it is the visitors' page).
    pub private: bool,
    pub body: Bytes,
    gzip: OnceLock<Bytes>,
    pub etag: String,
}

impl VisitPage {
    /// A signed-in person's page, `body` completed from a template read at `version`.
    pub fn private(version: i64, exact_until: NaiveDateTime, body: String) -> Self {
        let body = Bytes::from(body);
        VisitPage {
            version,
            exact_until,
            private: true,
            etag: etag_of(version, &body),
            body,
            gzip: OnceLock::new(),
        }
    }

    /// The visitors' page (a session without a signed-in person), sharing the kept bytes.
    pub fn visitors(page: &CachedPage, exact_until: NaiveDateTime) -> Self {
        VisitPage {
            version: page.version,
            exact_until: exact_until.min(page.exact_until),
            private: false,
            body: page.anonymous.clone(),
            gzip: OnceLock::from(page.anonymous_gzip.clone()),
            etag: page.etag.clone(),
        }
    }

    /// The page gzip-compressed on first use (once per version, so at the default level).
    pub fn gzip(&self) -> &Bytes {
        self.gzip
            .get_or_init(|| gzip(&self.body, flate2::Compression::default()))
    }
}

impl Kept for VisitPage {
    fn version(&self) -> i64 {
        self.version
    }

    fn exact_until(&self) -> NaiveDateTime {
        self.exact_until
    }

    /// The body and room for its gzip copy (made on first use, so not counted as it is: an entry's
    /// size must not change while it is held).
    fn size(&self) -> usize {
        self.body.len() + self.body.len() / 4 + 256
    }
}

/// A page's entity tag: its version and a hash of its bytes.
fn etag_of(version: i64, body: &[u8]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    format!("\"v{version}-{:016x}\"", hasher.finish())
}

/// The entity tag of a page's gzip variant.
pub fn gzip_etag(etag: &str) -> String {
    format!("{}-gz\"", etag.trim_end_matches('"'))
}

/// `body` gzip-compressed at `level`.
pub fn gzip(body: &[u8], level: flate2::Compression) -> Bytes {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 3), level);
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(body);
    Bytes::from(encoder.finish().unwrap_or_default())
}

/// Whether the request's `Accept-Encoding` accepts gzip (not refused with `q=0`).
pub fn accepts_gzip(req: &actix_web::HttpRequest) -> bool {
    gzip_accepted_by(
        req.headers()
            .get(actix_web::http::header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok()),
    )
}

fn gzip_accepted_by(accept_encoding: Option<&str>) -> bool {
    accept_encoding.is_some_and(|header| {
        header.split(',').any(|offer| {
            let mut parts = offer.split(';').map(str::trim);
            let coding = parts.next().unwrap_or_default();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (coding.eq_ignore_ascii_case("gzip") || coding == "*") && !refused
        })
    })
}

/// What a shelf needs to know of the pages it keeps.
pub trait Kept {
    /// The content version the page was read at.
    fn version(&self) -> i64;
    /// The page is not served from this time on.
    fn exact_until(&self) -> NaiveDateTime;
    /// The bytes it takes in memory (roughly).
    fn size(&self) -> usize;
}

/// Pages of one kind by key, within a memory budget, least recently used out first.
struct Shelf<P> {
    budget: usize,
    entries: Mutex<Entries<P>>,
}

struct Entries<P> {
    pages: HashMap<String, (Arc<P>, u64)>,
    bytes: usize,
    uses: u64,
}

impl<P: Kept> Shelf<P> {
    fn new(budget: usize) -> Self {
        Shelf {
            budget,
            entries: Mutex::new(Entries {
                pages: HashMap::new(),
                bytes: 0,
                uses: 0,
            }),
        }
    }

    fn get(&self, key: &str, version: i64, now: NaiveDateTime) -> Option<Arc<P>> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.uses += 1;
        let uses = entries.uses;
        let (page, last_used) = entries.pages.get_mut(key)?;
        if page.version() == version && now < page.exact_until() {
            *last_used = uses;
            return Some(page.clone());
        }
        None
    }

    fn insert(&self, key: String, page: Arc<P>) {
        let size = page.size();
        if self.budget == 0 || size > self.budget / 4 {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((held, _)) = entries.pages.get(&key)
            && held.version() > page.version()
        {
            return;
        }
        entries.uses += 1;
        let uses = entries.uses;
        if let Some((old, _)) = entries.pages.insert(key, (page, uses)) {
            entries.bytes = entries.bytes.saturating_sub(old.size());
        }
        entries.bytes += size;
        while entries.bytes > self.budget {
            let Some(oldest) = entries
                .pages
                .iter()
                .min_by_key(|(_, (_, last_used))| *last_used)
                .map(|(key, _)| key.clone())
            else {
                break;
            };
            if let Some((evicted, _)) = entries.pages.remove(&oldest) {
                entries.bytes = entries.bytes.saturating_sub(evicted.size());
            }
        }
    }

    fn len(&self) -> usize {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.pages.len()
    }
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

/// The board's kept pages: templates by query string (searches on a shelf of their own), and
/// visits' pages by session and query string, each kind within its own budget.
pub struct PageCache {
    /// Stands where a template's viewer-dependent parts go; random per process, so no page
    /// content can contain it.
    marker: String,
    templates: Shelf<CachedPage>,
    searches: Shelf<CachedPage>,
    visits: Shelf<VisitPage>,
}

impl PageCache {
    /// A cache holding up to `budget_mb` MiB of the board's templates, a quarter as much of
    /// searches' and `budget_mb` MiB of visits' pages; 0 turns it off.
    pub fn new(budget_mb: u32) -> Self {
        let budget = budget_mb as usize * 1024 * 1024;
        PageCache {
            marker: format!(
                "ib-slot-{}",
                crate::domain::secrets::new_token("")
                    .get(..24)
                    .unwrap_or_default()
            ),
            templates: Shelf::new(budget),
            searches: Shelf::new(budget / 4),
            visits: Shelf::new(budget),
        }
    }

    pub fn enabled(&self) -> bool {
        self.templates.budget > 0
    }

    pub fn marker(&self) -> &str {
        &self.marker
    }

    fn shelf(&self, key: &PageKey) -> &Shelf<CachedPage> {
        if key.search {
            &self.searches
        } else {
            &self.templates
        }
    }

    /// The template for `key` if it was rendered at `version` and is still exact at `now`.
    pub fn get(&self, key: &PageKey, version: i64, now: NaiveDateTime) -> Option<Arc<CachedPage>> {
        self.shelf(key).get(&key.address, version, now)
    }

    /// Keeps `page` for `key`, replacing an older one (a page read at an older version than the
    /// one held is dropped), evicting the least recently used pages while over budget.
    pub fn insert(&self, key: PageKey, page: Arc<CachedPage>) {
        self.shelf(&key).insert(key.address, page)
    }

    /// The page kept for this visit (`key` names the session and the address) if it was read
    /// at `version` and is still exact at `now`.
    pub fn get_visit(&self, key: &str, version: i64, now: NaiveDateTime) -> Option<Arc<VisitPage>> {
        self.visits.get(key, version, now)
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

    use super::{CachedPage, PageCache, PageKey, VisitPage, gzip_accepted_by};
    use crate::views::slots::Template;

    fn board_page(version: i64, until: NaiveDateTime) -> Arc<CachedPage> {
        let template = Template::split(&"x".repeat(20_000), "@", Vec::new(), "/")
            .expect("a template without markers");
        Arc::new(CachedPage::new(version, until, template))
    }

    fn key(address: &str, search: bool) -> PageKey {
        PageKey {
            address: address.to_string(),
            search,
        }
    }

    #[test]
    fn each_shelf_keeps_to_its_budget_least_recently_used_out_first() {
        let now = NaiveDateTime::default() + Duration::days(20_000);
        let until = now + Duration::hours(1);
        // 1 MiB for the board's pages and for visits' pages, 256 KiB for searches.
        let cache = PageCache::new(1);
        cache.insert(key("", false), board_page(7, until));
        for n in 0..10 {
            cache.insert(key(&format!("q=word{n}"), true), board_page(7, until));
        }
        assert!(
            cache.get(&key("", false), 7, now).is_some(),
            "searches cannot push it out"
        );
        assert!(
            cache.get(&key("q=word0", true), 7, now).is_none(),
            "the oldest search went"
        );
        assert!(cache.get(&key("q=word9", true), 7, now).is_some());
        assert_eq!(
            cache.len(),
            1 + 6,
            "six searches of about 40 KB fit in 256 KiB"
        );

        assert!(
            cache.get(&key("", false), 8, now).is_none(),
            "another version"
        );
        assert!(
            cache.get(&key("", false), 7, until).is_none(),
            "no longer exact"
        );

        for n in 0..12 {
            let page = VisitPage::private(7, until, "y".repeat(100_000));
            cache.insert_visit(format!("session{n} "), Arc::new(page));
        }
        assert_eq!(cache.visits_len(), 8, "eight of about 125 KB fit in 1 MiB");
        assert!(cache.get_visit("session3 ", 7, now).is_none());
        assert!(cache.get_visit("session11 ", 7, now).is_some());
    }

    #[test]
    fn gzip_is_sent_only_to_those_who_accept_it() {
        for yes in ["gzip", "gzip, deflate, br", "br;q=1.0, GZIP;q=0.5", "*"] {
            assert!(gzip_accepted_by(Some(yes)), "{yes}");
        }
        for no in ["", "identity", "br", "gzip;q=0", "deflate, gzip;q=0.0"] {
            assert!(!gzip_accepted_by(Some(no)), "{no}");
        }
        assert!(!gzip_accepted_by(None));
    }
}
