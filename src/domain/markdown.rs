//! Markdown policy: CommonMark rendered by pulldown-cmark, then sanitised by ammonia, so whatever
//! a person writes (raw HTML, `<script>`, `javascript:` links) comes out inert. The result is the
//! only HTML the views output unescaped.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .link_rel(Some("nofollow noopener noreferrer ugc"))
            // Images would load from other sites (and the CSP refuses them anyway).
            .rm_tags(["img"]);
        builder
    })
}

fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES
}

/// Safe HTML for `markdown`.
pub fn render(markdown: &str) -> String {
    let mut unsafe_html = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options()));
    sanitizer().clean(&unsafe_html).to_string()
}

/// The first `max_chars` characters of the text a reader sees, on one line, for cards: a
/// heading set off by a dash, list items by " · ".
pub fn excerpt(markdown: &str, max_chars: usize) -> String {
    let mut text = String::new();
    // Items of the list being read so far: the second and later are set off by " · ".
    let mut items = 0;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::List(_)) => text.push(' '),
            Event::End(TagEnd::Heading(_)) => text.push_str(" — "),
            Event::Start(Tag::List(_)) => items = 0,
            Event::Start(Tag::Item) => {
                text.push_str(if items > 0 { " · " } else { " " });
                items += 1;
            }
            _ => {}
        }
        if text.len() > max_chars * 4 {
            break;
        }
    }
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let collapsed = words.trim_end_matches([' ', '—', '·']).to_string();
    if collapsed.chars().count() <= max_chars {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > max_chars / 2 => cut[..space].to_string(),
        _ => cut,
    };
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_raw_html_and_javascript_links_come_out_inert() {
        let html = render(
            "Hi <script>alert(1)</script> <b onclick=\"x()\">bold</b> [go](javascript:alert(2)) \
             <iframe src=\"https://evil.example\"></iframe> <img src=x onerror=alert(3)>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(html.contains("<b>bold</b>"), "{html}");
    }

    #[test]
    fn markdown_formats_and_links_get_safe_rel() {
        let html = render("# Title\n\n*em* and [site](https://example.com)\n\n- one\n- two");
        assert!(html.contains("<h1>Title</h1>"));
        assert!(html.contains("<em>em</em>"));
        assert!(html.contains("href=\"https://example.com\""));
        assert!(html.contains("rel=\"nofollow noopener noreferrer ugc\""));
        assert!(html.contains("<li>one</li>"));
    }

    #[test]
    fn excerpts_are_plain_text_cut_at_a_word() {
        assert_eq!(
            excerpt("# Dark mode\n\nPlease add **dark** mode.", 100),
            "Dark mode — Please add dark mode."
        );
        assert_eq!(
            excerpt("Wanted:\n\n- one row per idea\n- points\n\nThanks", 100),
            "Wanted: one row per idea · points Thanks",
            "list items stay apart"
        );
        let long = excerpt(&"word ".repeat(100), 30);
        assert!(long.ends_with('…') && long.chars().count() <= 31, "{long}");
        assert_eq!(excerpt("<script>x</script>", 50), "");
    }
}
