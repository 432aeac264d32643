//! Atom feeds (RFC 4287): newest ideas, status changes with their notes, newest ideas per tag.

use chrono::NaiveDateTime;

use super::ServiceResult;
use crate::db::models::{pipeline, tags};
use crate::db::views::idea_list::{self, ListFilter};
use crate::db::{Db, DbConnection};
use crate::domain::clock;
use crate::domain::ids::TagId;
use crate::domain::ranking::Sort;
use crate::domain::validation::has_control_characters;
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

fn render(base: &str, self_path: &str, title: &str, alternate: &str, entries: &[Entry]) -> String {
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or_else(clock::now);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    xml.push_str(&format!("  <title>{}</title>\n", xml_escape(title)));
    xml.push_str(&format!(
        "  <id>{}</id>\n",
        xml_escape(&format!("{base}{self_path}"))
    ));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&format!("{base}{self_path}"))
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
    tag_id: Option<TagId>,
) -> ServiceResult<Vec<Entry>> {
    let filter = ListFilter {
        status_id: None,
        tag_id,
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

/// The newest ideas.
pub fn newest_ideas(db: &mut Db, base_url: &str) -> ServiceResult<String> {
    let conn = db.conn()?;
    let base = base_url.trim_end_matches('/');
    let entries = idea_entries(conn, base, None)?;
    Ok(render(
        base,
        "/feeds/ideas.atom",
        "Ideaboard — newest ideas",
        "/?sort=new",
        &entries,
    ))
}

/// The newest ideas with one tag; 404 for an unknown tag.
pub fn tag_ideas(db: &mut Db, base_url: &str, slug: &str) -> ServiceResult<String> {
    let conn = db.conn()?;
    let base = base_url.trim_end_matches('/');
    if has_control_characters(slug) {
        return Err(ServiceError::NotFound);
    }
    let tag = tags::find_by_slug(conn, slug)?.ok_or(ServiceError::NotFound)?;
    let entries = idea_entries(conn, base, Some(tag.id))?;
    let title = format!("Ideaboard — newest ideas tagged {}", tag.name);
    Ok(render(
        base,
        &format!("/feeds/tags/{}.atom", tag.slug),
        &title,
        &format!("/?tag={}&sort=new", tag.slug),
        &entries,
    ))
}

/// How much of a status note a feed entry carries, as text.
const NOTE_CHARS: usize = 2000;

/// Status changes with their public notes, newest first.
pub fn status_changes(db: &mut Db, base_url: &str) -> ServiceResult<String> {
    let conn = db.conn()?;
    let base = base_url.trim_end_matches('/');
    let entries: Vec<Entry> = pipeline::recent_changes(conn, ENTRIES)?
        .into_iter()
        .map(|(id, number, title, status, note, by, at)| Entry {
            id: format!("{base}/ideas/{number}#status-{id}"),
            title: format!("#{number} {title} is now {status}"),
            link: format!("{base}/ideas/{number}"),
            author: by.unwrap_or_else(|| "Ideaboard".into()),
            // The note as text: a feed summary is plain text, and Markdown would show raw.
            summary: crate::domain::markdown::excerpt(&note, NOTE_CHARS),
            published: at,
            updated: at,
        })
        .collect();
    Ok(render(
        base,
        "/feeds/status.atom",
        "Ideaboard — status changes",
        "/roadmap",
        &entries,
    ))
}
