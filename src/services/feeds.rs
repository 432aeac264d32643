//! Atom feeds (RFC 4287): newest ideas, status changes with their notes, newest ideas per tag and
//! per storm session, release notes.

use chrono::NaiveDateTime;

use super::ServiceResult;
use crate::db::models::{pipeline, tags};
use crate::db::views::idea_list::{self, ListFilter};
use crate::db::{Db, DbConnection};
use crate::domain::clock;
use crate::domain::ids::{StormId, TagId};
use crate::domain::local_names::LocalNames;
use crate::domain::ranking::Sort;
use crate::domain::validation::has_control_characters;
use crate::i18n::Lang;
use crate::services::error::ServiceError;

/// Entries per feed.
const ENTRIES: i64 = 50;

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

struct Entry {
    id: String,
    title: String,
    link: String,
    author: String,
    summary: String,
    published: NaiveDateTime,
    updated: NaiveDateTime,
}

/// What a feed says about itself: its address, title and language, and the page it mirrors.
struct FeedHead<'a> {
    self_path: &'a str,
    title: &'a str,
    alternate: &'a str,
    lang: Lang,
}

fn render(base: &str, head: &FeedHead<'_>, entries: &[Entry]) -> String {
    let FeedHead {
        self_path,
        title,
        alternate,
        lang,
    } = head;
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or_else(clock::now);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        lang.tag()
    );
    // A feed in another language than the board's is another feed, at its own address.
    let self_href = if *lang == Lang::board_default() {
        format!("{base}{self_path}")
    } else {
        format!("{base}{self_path}?lang={}", lang.tag())
    };
    xml.push_str(&format!("  <title>{}</title>\n", xml_escape(title)));
    xml.push_str(&format!("  <id>{}</id>\n", xml_escape(&self_href)));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&self_href)
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&format!("{base}{alternate}"))
    ));
    xml.push_str(&format!(
        "  <updated>{}</updated>\n",
        clock::rfc3339(updated)
    ));
    for entry in entries {
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <id>{}</id>\n", xml_escape(&entry.id)));
        xml.push_str(&format!(
            "    <title>{}</title>\n",
            xml_escape(&entry.title)
        ));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&entry.link)
        ));
        xml.push_str(&format!(
            "    <published>{}</published>\n",
            clock::rfc3339(entry.published)
        ));
        xml.push_str(&format!(
            "    <updated>{}</updated>\n",
            clock::rfc3339(entry.updated)
        ));
        xml.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            xml_escape(&entry.author)
        ));
        xml.push_str(&format!(
            "    <summary>{}</summary>\n",
            xml_escape(&entry.summary)
        ));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

fn idea_entries(
    conn: &mut DbConnection,
    base: &str,
    (tag_id, storm_id): (Option<TagId>, Option<StormId>),
) -> ServiceResult<Vec<Entry>> {
    let filter = ListFilter {
        status_id: None,
        tag_id,
        area_id: None,
        storm_id,
        search: None,
        sort: Sort::New,
        limit: ENTRIES,
        offset: 0,
    };
    Ok(idea_list::list(conn, &filter)?
        .into_iter()
        .map(|row| Entry {
            id: format!("{base}/ideas/{}", row.number),
            title: format!("#{} {}", row.number, row.title),
            link: format!("{base}/ideas/{}", row.number),
            author: row.author_name,
            summary: row.excerpt,
            published: row.created_at,
            updated: row.updated_at,
        })
        .collect())
}

/// The newest ideas, the feed's words in `lang`.
pub fn newest_ideas(db: &mut Db, base_url: &str, lang: Lang) -> ServiceResult<String> {
    let conn = db.conn()?;
    let base = base_url.trim_end_matches('/');
    let entries = idea_entries(conn, base, (None, None))?;
    let head = FeedHead {
        self_path: "/feeds/ideas.atom",
        title: &lang.t("feed-ideas-title"),
        alternate: "/?sort=new",
        lang,
    };
    Ok(render(base, &head, &entries))
}

/// The newest ideas with one tag; 404 for an unknown tag.
pub fn tag_ideas(db: &mut Db, base_url: &str, slug: &str, lang: Lang) -> ServiceResult<String> {
    let conn = db.conn()?;
    let base = base_url.trim_end_matches('/');
    if has_control_characters(slug) {
        return Err(ServiceError::NotFound);
    }
    let tag = tags::find_by_slug(conn, slug)?.ok_or(ServiceError::NotFound)?;
    let entries = idea_entries(conn, base, (Some(tag.id), None))?;
    let tag_name = LocalNames::from_stored(&tag.names);
    let head = FeedHead {
        self_path: &format!("/feeds/tags/{}.atom", tag.slug),
        title: &lang.t_with(
            "feed-tag-title",
            &[("tag", tag_name.shown(lang, &tag.name).into())],
        ),
        alternate: &format!("/?tag={}&sort=new", tag.slug),
        lang,
    };
    Ok(render(base, &head, &entries))
}

/// The newest ideas of a published storm session; 404 for a session unknown or a draft.
pub fn storm_ideas(db: &mut Db, base_url: &str, slug: &str, lang: Lang) -> ServiceResult<String> {
    let conn = db.conn()?;
    let base = base_url.trim_end_matches('/');
    let storm = super::storms::visible(conn, None, slug)?;
    let entries = idea_entries(conn, base, (None, Some(storm.id)))?;
    let head = FeedHead {
        self_path: &format!("/storms/{}/feed.atom", storm.slug),
        title: &lang.t_with(
            "feed-storm-title",
            &[("title", storm.title.as_str().into())],
        ),
        alternate: &format!("/storms/{}?sort=new", storm.slug),
        lang,
    };
    Ok(render(base, &head, &entries))
}

/// The newest release notes ("Ideas in action").
pub fn release_notes(db: &mut Db, base_url: &str, lang: Lang) -> ServiceResult<String> {
    let conn = db.conn()?;
    let base = base_url.trim_end_matches('/');
    let entries: Vec<Entry> = crate::db::models::release_notes::newest(conn, ENTRIES, 0)?
        .into_iter()
        .map(|note| Entry {
            id: format!("{base}/changelog/{}", note.id),
            link: format!("{base}/changelog/{}", note.id),
            title: note.title,
            author: "Ideaboard".into(),
            summary: crate::domain::markdown::excerpt(&note.body, NOTE_CHARS),
            published: note.created_at,
            updated: note.created_at,
        })
        .collect();
    let head = FeedHead {
        self_path: "/changelog/feed.atom",
        title: &lang.t("feed-changelog-title"),
        alternate: "/changelog",
        lang,
    };
    Ok(render(base, &head, &entries))
}

/// How much of a status note a feed entry carries, as text.
const NOTE_CHARS: usize = 2000;

/// Status changes with their public notes, newest first.
pub fn status_changes(db: &mut Db, base_url: &str, lang: Lang) -> ServiceResult<String> {
    let conn = db.conn()?;
    let base = base_url.trim_end_matches('/');
    let entries: Vec<Entry> = pipeline::recent_changes(conn, ENTRIES)?
        .into_iter()
        .map(|change| {
            let number = change.number;
            let names = LocalNames::from_stored(&change.status_names);
            let title = lang.t_with(
                "feed-status-entry",
                &[
                    ("number", number.to_string().into()),
                    ("title", change.title.as_str().into()),
                    ("status", names.shown(lang, &change.status_name).into()),
                ],
            );
            Entry {
                id: format!("{base}/ideas/{number}#status-{}", change.id),
                title,
                link: format!("{base}/ideas/{number}"),
                author: change.actor_name.unwrap_or_else(|| "Ideaboard".into()),
                // The note as text: a feed summary is plain text, and Markdown would show raw.
                summary: crate::domain::markdown::excerpt(&change.note, NOTE_CHARS),
                published: change.at,
                updated: change.at,
            }
        })
        .collect();
    let head = FeedHead {
        self_path: "/feeds/status.atom",
        title: &lang.t("feed-status-title"),
        alternate: "/roadmap",
        lang,
    };
    Ok(render(base, &head, &entries))
}
