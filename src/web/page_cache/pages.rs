//! The two kinds of kept page: a board template shared by every visitor (`CachedPage`), and one
//! visit's completed page (`VisitPage`), with what each weighs against the memory budget.

use std::sync::Arc;

use actix_web::web::Bytes;
use chrono::NaiveDateTime;

use super::encoding::{Encodings, etag_of};
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
    /// Every change committed before this time is in the page.
    pub read_at: NaiveDateTime,
    /// The page stops being exact at this time (an age it shows changes).
    pub exact_until: NaiveDateTime,
    /// The page with markers, completed per viewer.
    pub template: Template,
    /// The page for visitors who are not signed in, ready to send in each coding.
    pub anonymous: Arc<Encodings>,
    /// The anonymous page's entity tag (a compressed variant's has `-gz` or `-br` at the end).
    pub etag: String,
    /// The ideas whose vote widgets the page shows.
    pub idea_ids: Vec<IdeaId>,
}

impl CachedPage {
    pub fn new(
        version: i64,
        read_at: NaiveDateTime,
        exact_until: NaiveDateTime,
        template: Template,
    ) -> Self {
        let anonymous = Bytes::from(template.fill(&Viewer::anonymous()));
        let etag = etag_of(version, &anonymous);
        let idea_ids = template.idea_ids();
        CachedPage {
            version,
            read_at,
            exact_until,
            template,
            anonymous: Arc::new(Encodings::new(anonymous)),
            etag,
            idea_ids,
        }
    }
}

impl ReusablePage for CachedPage {
    fn version(&self) -> i64 {
        self.version
    }

    fn read_at(&self) -> NaiveDateTime {
        self.read_at
    }

    fn exact_until(&self) -> NaiveDateTime {
        self.exact_until
    }

    fn size(&self) -> usize {
        self.template.size()
            + self.anonymous.size()
            + self.idea_ids.len() * BYTES_PER_IDEA_ID
            + BYTES_PER_ENTRY
    }
}

/// One visit's page, ready to send again to the same session cookie.
pub struct VisitPage {
    /// The content version read before the page's data and the session.
    pub version: i64,
    /// When the template it completes was read.
    pub read_at: NaiveDateTime,
    /// The page stops being exact at this time: an age it shows changes, or the session would
    /// be looked up afresh.
    pub exact_until: NaiveDateTime,
    /// Whether the page is completed for a signed-in person (else it is the visitors' page).
    pub private: bool,
    pub body: Arc<Encodings>,
    pub etag: String,
}

impl VisitPage {
    /// A signed-in person's page, `body` completed from `template`.
    pub fn private(template: &CachedPage, exact_until: NaiveDateTime, body: String) -> Self {
        let body = Bytes::from(body);
        let version = template.version;
        VisitPage {
            version,
            read_at: template.read_at,
            exact_until,
            private: true,
            etag: etag_of(version, &body),
            body: Arc::new(Encodings::new(body)),
        }
    }

    /// The visitors' page (a session without a signed-in person), sharing the kept bytes.
    pub fn visitors(page: &CachedPage, exact_until: NaiveDateTime) -> Self {
        VisitPage {
            version: page.version,
            read_at: page.read_at,
            exact_until: exact_until.min(page.exact_until),
            private: false,
            body: page.anonymous.clone(),
            etag: page.etag.clone(),
        }
    }
}

impl ReusablePage for VisitPage {
    fn version(&self) -> i64 {
        self.version
    }

    fn read_at(&self) -> NaiveDateTime {
        self.read_at
    }

    fn exact_until(&self) -> NaiveDateTime {
        self.exact_until
    }

    /// The body and room for its compressed copies (`Encodings::size`); a visitors' page shares
    /// the template's bytes but is counted as if it did not, which errs on the safe side.
    fn size(&self) -> usize {
        self.body.size() + BYTES_PER_ENTRY
    }
}
