//! The one place sanitised Markdown HTML enters a page unescaped.

use maud::{Markup, PreEscaped, Render};

/// HTML produced by `domain::markdown::render` (pulldown-cmark, then ammonia). Never wrap
/// anything else in it.
pub struct SanitizedMarkdown<'a>(pub &'a str);

impl Render for SanitizedMarkdown<'_> {
    fn render(&self) -> Markup {
        PreEscaped(self.0.to_string())
    }
}
