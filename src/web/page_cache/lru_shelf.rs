//! Pages of one kind by key, within a memory budget, least recently used out first.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDateTime;
use lru::LruCache;

use super::Acceptable;

/// What a shelf needs to know of the pages it keeps.
pub trait ReusablePage {
    /// The content version the page was read at.
    fn version(&self) -> i64;
    /// Every change committed before this time is in the page.
    fn read_at(&self) -> NaiveDateTime;
    /// The page is not served from this time on.
    fn exact_until(&self) -> NaiveDateTime;
    /// The bytes it takes in memory (roughly); it must not change while the page is held.
    fn size(&self) -> usize;
}

/// Pages of one kind by key, within `budget` bytes. A lookup or an insert marks the page most
/// recently used; past the budget the least recently used go first (`lru`, in O(1)).
pub struct LruShelf<P> {
    budget: usize,
    entries: Mutex<Entries<P>>,
}

struct Entries<P> {
    pages: LruCache<String, Arc<P>>,
    bytes: usize,
}

impl<P: ReusablePage> LruShelf<P> {
    pub fn new(budget: usize) -> Self {
        LruShelf {
            budget,
            entries: Mutex::new(Entries {
                pages: LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }

    pub fn budget(&self) -> usize {
        self.budget
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, Entries<P>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The page under `key` if `acceptable` takes it.
    pub fn get(&self, key: &str, acceptable: &Acceptable) -> Option<Arc<P>> {
        let mut entries = self.entries();
        let page = entries
            .pages
            .peek(key)
            .filter(|page| acceptable.takes(page.as_ref()))?
            .clone();
        // Only a page that is served counts as used.
        entries.pages.promote(key);
        Some(page)
    }

    /// Keeps `page` under `key`, unless a page read at a newer version is held there. A page
    /// larger than a quarter of the budget is not kept: it would push out too many others.
    pub fn insert(&self, key: String, page: Arc<P>) {
        let size = page.size();
        if self.budget == 0 || size > self.budget / 4 {
            return;
        }
        let mut entries = self.entries();
        if let Some(held) = entries.pages.peek(&key)
            && held.version() > page.version()
        {
            return;
        }
        if let Some(old) = entries.pages.put(key, page) {
            entries.bytes = entries.bytes.saturating_sub(old.size());
        }
        entries.bytes += size;
        while entries.bytes > self.budget {
            let Some((_, evicted)) = entries.pages.pop_lru() else {
                break;
            };
            entries.bytes = entries.bytes.saturating_sub(evicted.size());
        }
    }

    pub fn len(&self) -> usize {
        self.entries().pages.len()
    }
}

impl Acceptable {
    /// Whether `page` may be served: it still reads the same at `now`, and it was read at the
    /// current version, or recently enough and with the viewer's own last change in it.
    fn takes(&self, page: &impl ReusablePage) -> bool {
        self.now < page.exact_until()
            && (self.version == Some(page.version())
                || self.recent.is_some_and(|recent| {
                    page.read_at() >= recent.read_since && page.version() >= recent.own_change
                }))
    }
}
