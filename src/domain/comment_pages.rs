//! How an idea's comments are split into pages: whole threads (a comment and its replies), in
//! order, as many as fit in `COMMENTS_PER_PAGE` comments; a thread longer than that has a page of
//! its own. So a page's size is bounded by its comments, whatever the idea's history.

use std::ops::Range;

use crate::domain::ids::CommentId;

/// Comments (replies included) on one page of an idea's comments.
pub const COMMENTS_PER_PAGE: usize = 40;

/// Which page of comments to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentsAt {
    /// A page by number (1 is the oldest); past the last shows the last.
    Page(usize),
    /// The page holding this comment (or its thread); the first when it is not there.
    Containing(CommentId),
}

impl Default for CommentsAt {
    fn default() -> Self {
        CommentsAt::Page(1)
    }
}

/// The threads on each page, given each thread's size (1 + its replies), in order. Always at
/// least one page, which is empty when there are no threads.
pub fn split(thread_sizes: &[usize]) -> Vec<Range<usize>> {
    let mut pages = Vec::new();
    let (mut start, mut filled) = (0, 0);
    for (i, size) in thread_sizes.iter().enumerate() {
        if filled > 0 && filled + size > COMMENTS_PER_PAGE {
            pages.push(start..i);
            (start, filled) = (i, 0);
        }
        filled += size;
    }
    pages.push(start..thread_sizes.len());
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_fill_pages_without_being_split() {
        assert_eq!(split(&[]), vec![0..0]);
        assert_eq!(split(&[1; 40]), vec![0..40]);
        assert_eq!(split(&[1; 41]), vec![0..40, 40..41]);
        // 30 + 15 > 40: the second thread starts page 2; a 100-comment thread stands alone.
        assert_eq!(split(&[30, 15, 100, 1]), vec![0..1, 1..2, 2..3, 3..4]);
        assert_eq!(split(&[20, 20, 1]), vec![0..2, 2..3]);
        let pages = split(&[3; 500]);
        assert_eq!(
            pages.len(),
            39,
            "13 threads of 3 a page: 500 threads on 39 pages"
        );
        assert!(pages.iter().all(|p| p.len() * 3 <= COMMENTS_PER_PAGE));
    }
}
