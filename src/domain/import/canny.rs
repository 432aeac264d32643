//! Canny's posts export (CSV), read by column name, case-insensitive: the post's id (`ID`,
//! `Post ID`, else its `URL`), `Title`, `Details`, `Status`, `Author Name`, `Author Email`,
//! `Created At`, `Tags` (comma-separated) and, when the export has it, `Voters` (voters'
//! emails, comma- or semicolon-separated), each a promote.

use super::csv::{Row, each_row, split_tags};
use super::{Export, Origin, Person, SourceIdea, SourceVote, parse_time, status_slug};

/// Reads `text` (the file `file`).
pub fn read(file: &str, text: &str) -> Export {
    let mut export = Export::default();
    each_row(file, text, &mut export, add_post);
    export
}

fn add_post(export: &mut Export, origin: Origin, row: &Row<'_>) {
    let id = row.get(&["id", "post id", "url", "post url"]);
    let created_at = parse_time(&row.get(&["created at", "created", "date"]));
    for voter in row
        .get(&["voters", "voter emails"])
        .split([',', ';'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        export.votes.push(SourceVote {
            origin: origin.clone(),
            idea_id: id.clone(),
            voter: Person {
                email: voter.to_string(),
                name: String::new(),
            },
            value: 1,
            created_at,
        });
    }
    export.ideas.push(SourceIdea {
        origin,
        id,
        title: row.get(&["title"]),
        body: row.get(&["details", "description"]),
        author: Person {
            email: row.get(&["author email", "email"]),
            name: row.get(&["author name", "author"]),
        },
        status: status_slug(&row.get(&["status"])),
        tags: split_tags(&row.get(&["tags"]), ','),
        created_at,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_and_their_voters_are_read_by_column_name() {
        let text = "Title,Details,Status,Author Name,Author Email,Created At,Tags,Voters,ID\n\
                    Dark mode,At night,in progress,Ada,ada@example.com,2024-02-03T10:00:00Z,\"UI, Night\",\"bob@example.com; eve@example.com\",p1\n";
        let export = read("canny.csv", text);
        assert_eq!(export.ideas.len(), 1);
        assert_eq!(export.ideas[0].status, "in-progress");
        assert_eq!(export.ideas[0].tags, ["UI", "Night"]);
        assert_eq!(export.votes.len(), 2);
        assert!(export.votes.iter().all(|v| v.idea_id == "p1"));
    }
}
