//! Rendered board pages kept in memory for reuse. An entry is served only while the content
//! version it was rendered at is still the database's (read on every request, so every instance
//! of a scaled-out board stays exact) and before any age it shows would read differently. It is
//! never the only copy of anything: a miss renders from the database. Least recently used
//! entries go first when the memory budget is reached.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

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
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        anonymous.hash(&mut hasher);
        let etag = format!("\"v{version}-{:016x}\"", hasher.finish());
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

    fn size(&self) -> usize {
        self.template.size()
            + self.anonymous.len()
            + self.anonymous_gzip.len()
            + self.idea_ids.len() * 64
            + 256
    }

    /// The entity tag of the gzip variant.
    pub fn gzip_etag(&self) -> String {
        format!("{}-gz\"", self.etag.trim_end_matches('"'))
    }
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

#[cfg(test)]
mod tests {
    use super::gzip_accepted_by;

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

/// The pages, keyed by the board's query string.
pub struct PageCache {
    budget: usize,
    /// Stands where a template's viewer-dependent parts go; random per process, so no page
    /// content can contain it.
    marker: String,
    entries: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    pages: HashMap<String, (Arc<CachedPage>, u64)>,
    bytes: usize,
    uses: u64,
}

impl PageCache {
    /// A cache holding up to `budget_mb` MiB of pages; 0 turns it off.
    pub fn new(budget_mb: u32) -> Self {
        PageCache {
            budget: budget_mb as usize * 1024 * 1024,
            marker: format!(
                "ib-slot-{}",
                crate::domain::secrets::new_token("")
                    .get(..24)
                    .unwrap_or_default()
            ),
            entries: Mutex::new(Entries::default()),
        }
    }

    pub fn enabled(&self) -> bool {
        self.budget > 0
    }

    pub fn marker(&self) -> &str {
        &self.marker
    }

    /// The page for `key` if it was rendered at `version` and is still exact at `now`.
    pub fn get(&self, key: &str, version: i64, now: NaiveDateTime) -> Option<Arc<CachedPage>> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.uses += 1;
        let uses = entries.uses;
        let (page, last_used) = entries.pages.get_mut(key)?;
        if page.version == version && now < page.exact_until {
            *last_used = uses;
            return Some(page.clone());
        }
        None
    }

    /// Keeps `page` for `key`, replacing an older one, evicting the least recently used pages
    /// while over budget. A page rendered at an older version than the one held is dropped.
    pub fn insert(&self, key: String, page: Arc<CachedPage>) {
        let size = page.size();
        if !self.enabled() || size > self.budget / 4 {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((held, _)) = entries.pages.get(&key)
            && held.version > page.version
        {
            return;
        }
        entries.uses += 1;
        let uses = entries.uses;
        if let Some((old, _)) = entries.pages.insert(key, (page, uses)) {
            entries.bytes -= old.size();
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
                entries.bytes -= evicted.size();
            }
        }
    }

    /// How many pages are held (for tests and diagnostics).
    pub fn len(&self) -> usize {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
