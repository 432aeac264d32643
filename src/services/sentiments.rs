//! Who sees the stored sentiment of ideas and comments: staff only (`Permission::ViewInsights`);
//! members and visitors never get it, in no page and no API answer.

use super::accounts::Account;
use crate::domain::roles::Permission;
use crate::domain::sentiment::Sentiment;

/// The sentiment as `viewer` may see it: itself for staff, nothing for anyone else.
pub fn shown_to(viewer: Option<&Account>, sentiment: Option<Sentiment>) -> Option<Sentiment> {
    viewer
        .filter(|viewer| viewer.actor().can(Permission::ViewInsights))
        .and(sentiment)
}
