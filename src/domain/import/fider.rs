//! A Fider backup (`backup.zip` from its admin pages): one JSON file per table, each an array of
//! rows by column name. Read: `users.json` (id, name, email), `posts.json` (id, number, title,
//! description, user_id, status — 0 open, 1 started, 2 completed, 3 declined, 4 planned,
//! 5 duplicate, 6 deleted — created_at), `post_votes.json` (user_id, post_id, created_at),
//! `comments.json` (id, post_id, user_id, content, created_at, deleted_at), `tags.json` (id,
//! name) and `post_tags.json` (post_id, tag_id). Deleted and duplicate posts and deleted
//! comments are refused with why; a post's source id is its Fider number.

use std::collections::HashMap;
use std::io::Read;

use serde_json::Value;

use super::{Export, Origin, Person, SourceComment, SourceIdea, SourceVote, parse_time};

/// Reads the zip's bytes (the file `file`); an unreadable zip is one refusal.
pub fn read(file: &str, bytes: &[u8]) -> Export {
    let mut export = Export::default();
    let tables = match tables(bytes) {
        Ok(tables) => tables,
        Err(why) => {
            export.refused.push((
                Origin {
                    file: file.into(),
                    line: 0,
                },
                why,
            ));
            return export;
        }
    };
    let rows = |name: &str| tables.get(name).cloned().unwrap_or_default();
    let board = Board::of(&rows);
    let numbers = posts(&mut export, &board, &rows("posts"));
    for (i, vote) in rows("post_votes").iter().enumerate() {
        let Some(number) = numbers.get(&text(vote, "post_id")) else {
            continue;
        };
        export.votes.push(SourceVote {
            origin: Origin {
                file: "post_votes.json".into(),
                line: i as u64 + 1,
            },
            idea_id: number.clone(),
            voter: board.person(&text(vote, "user_id")),
            value: 1,
            created_at: parse_time(&text(vote, "created_at")),
        });
    }
    for (i, comment) in rows("comments").iter().enumerate() {
        let origin = Origin {
            file: "comments.json".into(),
            line: i as u64 + 1,
        };
        if !comment.get("deleted_at").is_none_or(Value::is_null) {
            export.refused.push((origin, "deleted in Fider".into()));
            continue;
        }
        let Some(number) = numbers.get(&text(comment, "post_id")) else {
            continue;
        };
        export.comments.push(SourceComment {
            origin,
            id: text(comment, "id"),
            idea_id: number.clone(),
            author: board.person(&text(comment, "user_id")),
            body: text(comment, "content"),
            created_at: parse_time(&text(comment, "created_at")),
        });
    }
    export
}

/// The backup's people by Fider id, and each post's tag names.
struct Board {
    people: HashMap<String, Person>,
    tags_of: HashMap<String, Vec<String>>,
}

impl Board {
    fn of(rows: &dyn Fn(&str) -> Vec<Value>) -> Self {
        let people = rows("users")
            .iter()
            .map(|u| {
                let person = Person {
                    email: text(u, "email"),
                    name: text(u, "name"),
                };
                (text(u, "id"), person)
            })
            .collect();
        let tag_names: HashMap<String, String> = rows("tags")
            .iter()
            .map(|t| (text(t, "id"), text(t, "name")))
            .collect();
        let mut tags_of: HashMap<String, Vec<String>> = HashMap::new();
        for link in rows("post_tags") {
            if let Some(name) = tag_names.get(&text(&link, "tag_id")) {
                tags_of
                    .entry(text(&link, "post_id"))
                    .or_default()
                    .push(name.clone());
            }
        }
        Board { people, tags_of }
    }

    fn person(&self, id: &str) -> Person {
        self.people.get(id).cloned().unwrap_or(Person {
            email: String::new(),
            name: String::new(),
        })
    }
}

/// The posts as ideas (deleted and duplicate ones refused); Fider post id → number.
fn posts(export: &mut Export, board: &Board, posts: &[Value]) -> HashMap<String, String> {
    let mut numbers = HashMap::new();
    for (i, post) in posts.iter().enumerate() {
        let origin = Origin {
            file: "posts.json".into(),
            line: i as u64 + 1,
        };
        let status = match post.get("status").and_then(Value::as_i64).unwrap_or(0) {
            1 => "in-progress",
            2 => "implemented",
            3 => "not-planned",
            4 => "planned",
            5 => {
                export
                    .refused
                    .push((origin, "a duplicate in Fider, merged there".into()));
                continue;
            }
            6 => {
                export.refused.push((origin, "deleted in Fider".into()));
                continue;
            }
            _ => "open",
        };
        let number = text(post, "number");
        numbers.insert(text(post, "id"), number.clone());
        export.ideas.push(SourceIdea {
            origin,
            title: text(post, "title"),
            body: text(post, "description"),
            author: board.person(&text(post, "user_id")),
            status: status.into(),
            tags: board
                .tags_of
                .get(&text(post, "id"))
                .cloned()
                .unwrap_or_default(),
            created_at: parse_time(&text(post, "created_at")),
            id: number,
        });
    }
    numbers
}

/// A column's value as text (numbers written out), "" when absent or null.
fn text(row: &Value, column: &str) -> String {
    match row.get(column) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// The largest table file read, unpacked (a zip's sizes can lie: reading stops there too).
const TABLE_LIMIT: u64 = 512 * 1024 * 1024;

/// The backup's tables: file stem → rows.
fn tables(bytes: &[u8]) -> Result<HashMap<String, Vec<Value>>, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a zip file: {e}"))?;
    let mut tables = HashMap::new();
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| format!("unreadable zip entry: {e}"))?;
        let name = entry.name().to_string();
        let Some(stem) = name.strip_suffix(".json").filter(|s| !s.contains('/')) else {
            continue;
        };
        if entry.size() > TABLE_LIMIT {
            return Err(format!("{name} is larger than {TABLE_LIMIT} bytes"));
        }
        let mut json = String::new();
        entry
            .by_ref()
            .take(TABLE_LIMIT)
            .read_to_string(&mut json)
            .map_err(|e| format!("{name}: {e}"))?;
        let rows: Vec<Value> =
            serde_json::from_str(&json).map_err(|e| format!("{name} is not a JSON array: {e}"))?;
        tables.insert(stem.to_string(), rows);
    }
    Ok(tables)
}
