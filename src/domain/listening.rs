//! Listening posts: what a polled Atom, RSS or JSON feed holds, read into plain entries (its
//! markup stripped), and when a feed is polled next — its interval, doubled after each failure
//! up to a day.

use std::collections::HashSet;

use chrono::{Duration, NaiveDateTime};
use sha2::{Digest, Sha256};

/// The most a feed may weigh.
pub const FEED_MAX_BYTES: usize = 2 * 1024 * 1024;
/// The most entries kept from one poll (the newest first, as feeds list them).
pub const ENTRIES_PER_POLL: usize = 100;
/// The shortest and longest interval between polls, in minutes; the default.
pub const INTERVAL_MIN: i64 = 5;
pub const INTERVAL_MAX: i64 = 1440;
pub const INTERVAL_DEFAULT: i64 = 30;
/// The longest a feed's title or a summary is kept, in characters.
const TITLE_MAX: usize = 300;
const SUMMARY_MAX: usize = 2000;
/// The longest link kept.
const LINK_MAX: usize = 2000;

/// One entry of a feed, in plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    /// The feed's own id for it (its link when it has none).
    pub guid: String,
    pub title: String,
    pub link: Option<String>,
    pub summary: String,
    pub published: Option<NaiveDateTime>,
}

impl FeedEntry {
    /// What sentiment and watched words read: the title and the summary.
    pub fn text(&self) -> String {
        format!("{}\n{}", self.title, self.summary)
    }
}

/// The entries of a feed's body, at most `ENTRIES_PER_POLL`, each once; why not, when the body
/// is no feed.
pub fn parse(body: &[u8]) -> Result<Vec<FeedEntry>, String> {
    // An entry without an id of its own gets none here (the parser's default would invent a
    // random one, new at every poll); it is told by its link, else by its words.
    let feed = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .build()
        .parse(body)
        .map_err(|e| format!("not a feed: {e}"))?;
    let mut seen = HashSet::new();
    Ok(feed
        .entries
        .into_iter()
        .filter_map(|entry| {
            let link = entry.links.first().and_then(|l| web_link(&l.href));
            let title = shortened(
                &plain_text(&entry.title.map(|t| t.content).unwrap_or_default()),
                TITLE_MAX,
            );
            let body = entry
                .summary
                .map(|s| s.content)
                .or_else(|| entry.content.and_then(|c| c.body))
                .unwrap_or_default();
            let summary = shortened(&plain_text(&body), SUMMARY_MAX);
            if title.is_empty() && summary.is_empty() {
                return None;
            }
            let guid = match (entry.id.trim(), &link) {
                ("", Some(link)) => link.clone(),
                ("", None) => {
                    let digest = Sha256::digest(format!("{title}\n{summary}").as_bytes());
                    format!("sha256:{}", hex::encode(digest))
                }
                (id, _) => id.to_string(),
            };
            seen.insert(guid.clone()).then(|| FeedEntry {
                guid,
                title,
                link,
                summary,
                published: entry.published.or(entry.updated).map(|at| at.naive_utc()),
            })
        })
        .take(ENTRIES_PER_POLL)
        .collect())
}

/// The text of `html`, its tags and what scripts and styles hold left out, entities read, and
/// whitespace made single spaces.
pub fn plain_text(html: &str) -> String {
    // Block ends become spaces, so "<p>a</p><p>b</p>" reads "a b".
    let spaced = html
        .replace("</p>", " </p>")
        .replace("<br", " <br")
        .replace("</li>", " </li>")
        .replace("</div>", " </div>");
    let cleaned = ammonia::Builder::empty()
        .clean_content_tags(HashSet::from(["script", "style"]))
        .clean(&spaced)
        .to_string();
    let text = cleaned
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `href` as a link fit to show and to put in Markdown: an http(s) URL, written out by `url` (so
/// spaces, quotes and angle brackets are percent-encoded), at most `LINK_MAX` characters.
fn web_link(href: &str) -> Option<String> {
    let url = url::Url::parse(href.trim()).ok()?;
    let link = url.to_string();
    (matches!(url.scheme(), "http" | "https") && link.len() <= LINK_MAX).then_some(link)
}

fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// When a feed polled at `now` is polled next: after its interval, or — after `failures` failed
/// polls in a row — after twice the interval for each, up to a day.
pub fn next_poll(now: NaiveDateTime, interval_minutes: i64, failures: i32) -> NaiveDateTime {
    let doubled = (0..failures.clamp(0, 16)).fold(interval_minutes, |m, _| m.saturating_mul(2));
    now + Duration::minutes(doubled.clamp(INTERVAL_MIN, INTERVAL_MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Forum</title>
<item><guid>a-1</guid><title>Battery &amp; charger</title><link>https://forum.example/1</link>
<description>&lt;p&gt;The &lt;b&gt;battery&lt;/b&gt; dies.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Fix it&lt;/p&gt;</description></item>
<item><guid>a-1</guid><title>The same again</title></item>
<item><title>No id</title><link>javascript:alert(1)</link></item>
</channel></rss>"#;

    #[test]
    fn a_feed_is_read_into_plain_entries_each_once() {
        let entries = parse(RSS.as_bytes()).expect("a feed");
        assert_eq!(entries.len(), 2, "the repeated id once: {entries:?}");
        let entry = entries.first().expect("one");
        assert_eq!(entry.guid, "a-1");
        assert_eq!(entry.title, "Battery & charger");
        assert_eq!(entry.summary, "The battery dies. Fix it");
        assert_eq!(entry.link.as_deref(), Some("https://forum.example/1"));
        let unsafe_link = entries.get(1).expect("two");
        assert_eq!(
            (unsafe_link.title.as_str(), unsafe_link.link.as_deref()),
            ("No id", None)
        );
        assert!(
            unsafe_link.guid.starts_with("sha256:"),
            "no id, no link: told by its words"
        );
        let again = parse(RSS.as_bytes()).expect("a feed");
        assert_eq!(
            again.get(1).map(|e| &e.guid),
            Some(&unsafe_link.guid),
            "the same at every poll"
        );
        assert_eq!(
            web_link("https://forum.example/a b<c>?q=\"x\""),
            Some("https://forum.example/a%20b%3Cc%3E?q=%22x%22".to_string())
        );
        assert_eq!(
            web_link(&format!("https://forum.example/{}", "a".repeat(2000))),
            None
        );
        assert!(parse(b"<html>no feed</html>").is_err());
    }

    #[test]
    fn failures_double_the_wait_up_to_a_day() {
        let now = chrono::DateTime::from_timestamp(0, 0)
            .expect("epoch")
            .naive_utc();
        assert_eq!(next_poll(now, 30, 0), now + Duration::minutes(30));
        assert_eq!(next_poll(now, 30, 2), now + Duration::minutes(120));
        assert_eq!(next_poll(now, 30, 12), now + Duration::minutes(1440));
    }
}
