//! The two kinds of kept page: a board template shared by every visitor (`CachedPage`), and one
//! visit's completed page (`VisitPage`), with what each weighs against the memory budget.

use std::sync::OnceLock;

use actix_web::web::Bytes;
use chrono::NaiveDateTime;

use super::encoding::{etag_of, gzip};
use super::lru_shelf::ReusablePage;
use crate::domain::ids::IdeaId;
use crate::views::slots::{Template, Viewer};

/// What an idea id weighs in a kept page's list of vote widgets: a 36-character uuid in a
/// `String` (24 bytes of header) in a `Vec` slot, rounded up.
const BYTES_PER_IDEA_ID: usize = 64;
/// What an entry weighs beyond its bytes: the struct, its `Arc`, the key and the map's slot.
const BYTES_PER_ENTRY: usize = 256;

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
    pub idea_ids: Vec<IdeaId>,
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

impl ReusablePage for CachedPage {
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
            + self.idea_ids.len() * BYTES_PER_IDEA_ID
            + BYTES_PER_ENTRY
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

impl ReusablePage for VisitPage {
    fn version(&self) -> i64 {
        self.version
    }

    fn exact_until(&self) -> NaiveDateTime {
        self.exact_until
    }

    /// The body and room for its gzip copy (made on first use, so not counted as it is: an entry's
    /// size must not change while it is held). A board page compresses to about a fifth of its
    /// size; a quarter leaves room.
    fn size(&self) -> usize {
        self.body.len() + self.body.len() / 4 + BYTES_PER_ENTRY
    }
}
