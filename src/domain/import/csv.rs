//! The documented CSV format (`ideaboard import --from csv`): one header line, then one row per
//! record, its `kind` saying which:
//!
//! | kind | columns read |
//! | --- | --- |
//! | `idea` | `id`, `title`, `body`, `email`, `name`, `status`, `tags` (`;`-separated), `created_at` |
//! | `vote` | `idea` (the idea's `id`), `email`, `name`, `value` (`1` or `-1`, default `1`), `created_at` |
//! | `comment` | `id`, `idea`, `body`, `email`, `name`, `created_at` |
//!
//! Other columns are ignored; times are RFC 3339, `YYYY-MM-DD HH:MM:SS` or a day.

use super::{
    Export, Origin, Person, SourceComment, SourceIdea, SourceVote, parse_time, status_slug,
};

/// One row's fields by column name.
pub(super) struct Row<'a> {
    pub headers: &'a csv::StringRecord,
    pub record: &'a csv::StringRecord,
}

impl Row<'_> {
    /// The trimmed value of the first of `names` present (case-insensitive), or "".
    pub fn get(&self, names: &[&str]) -> String {
        for name in names {
            if let Some(at) = self
                .headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
            {
                return self.record.get(at).unwrap_or_default().trim().to_string();
            }
        }
        String::new()
    }

    fn person(&self) -> Person {
        Person {
            email: self.get(&["email"]),
            name: self.get(&["name"]),
        }
    }
}

/// Reads `text` (the file `file`).
pub fn read(file: &str, text: &str) -> Export {
    let mut export = Export::default();
    each_row(file, text, &mut export, add_row);
    export
}

/// Calls `add` with each row of the CSV `text` and where it is; a missing header line or an
/// unreadable row is refused with its line.
pub(super) fn each_row(
    file: &str,
    text: &str,
    export: &mut Export,
    mut add: impl FnMut(&mut Export, Origin, &Row<'_>),
) {
    let at = |line: u64| Origin {
        file: file.into(),
        line,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(error) => {
            export
                .refused
                .push((at(1), format!("no header line: {error}")));
            return;
        }
    };
    for record in reader.records() {
        match record {
            Ok(record) => {
                let origin = at(record.position().map_or(0, |p| p.line()));
                add(
                    export,
                    origin,
                    &Row {
                        headers: &headers,
                        record: &record,
                    },
                );
            }
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                export
                    .refused
                    .push((at(line), format!("unreadable: {error}")));
            }
        }
    }
}

fn add_row(export: &mut Export, origin: Origin, row: &Row<'_>) {
    let created_at = parse_time(&row.get(&["created_at"]));
    match row.get(&["kind"]).to_lowercase().as_str() {
        "idea" => export.ideas.push(SourceIdea {
            origin,
            id: row.get(&["id"]),
            title: row.get(&["title"]),
            body: row.get(&["body"]),
            author: row.person(),
            status: status_slug(&row.get(&["status"])),
            tags: split_tags(&row.get(&["tags"]), ';'),
            created_at,
        }),
        "vote" => match row.get(&["value"]).as_str() {
            "" | "1" | "+1" => export.votes.push(vote(origin, row, 1, created_at)),
            "-1" => export.votes.push(vote(origin, row, -1, created_at)),
            other => export
                .refused
                .push((origin, format!("a vote's value is 1 or -1, not {other:?}"))),
        },
        "comment" => export.comments.push(SourceComment {
            origin,
            id: row.get(&["id"]),
            idea_id: row.get(&["idea"]),
            author: row.person(),
            body: row.get(&["body"]),
            created_at,
        }),
        other => export.refused.push((
            origin,
            format!("kind is idea, vote or comment, not {other:?}"),
        )),
    }
}

fn vote(
    origin: Origin,
    row: &Row<'_>,
    value: i64,
    created_at: Option<chrono::NaiveDateTime>,
) -> SourceVote {
    SourceVote {
        origin,
        idea_id: row.get(&["idea"]),
        voter: row.person(),
        value,
        created_at,
    }
}

/// Tag names separated by `separator`, blanks dropped.
pub(super) fn split_tags(text: &str, separator: char) -> Vec<String> {
    text.split(separator)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_row_is_read_with_its_line() {
        let text = "kind,id,idea,title,body,email,name,status,tags,value,created_at\n\
                    idea,7,,Dark mode,\"Easier, at night\",ada@example.com,Ada,Planned,ui; night,,2024-01-02\n\
                    vote,,7,,,bob@example.com,Bob,,,-1,\n\
                    comment,c1,7,,Yes please,bob@example.com,Bob,,,,\n\
                    vote,,7,,,eve@example.com,Eve,,,2,\n\
                    poll,,,,,,,,,,\n";
        let export = read("ideas.csv", text);
        assert_eq!(export.ideas.len(), 1);
        let idea = &export.ideas[0];
        assert_eq!(
            (idea.id.as_str(), idea.body.as_str()),
            ("7", "Easier, at night")
        );
        assert_eq!((idea.status.as_str(), idea.tags.len()), ("planned", 2));
        assert_eq!(idea.origin.line, 2);
        assert_eq!(export.votes[0].value, -1);
        assert_eq!(export.comments[0].idea_id, "7");
        let lines: Vec<u64> = export.refused.iter().map(|(o, _)| o.line).collect();
        assert_eq!(lines, [5, 6]);
    }
}
