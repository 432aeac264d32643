//! Read models: queries that join what a page or an API object needs, in as few round trips as
//! possible.

pub mod activity;
pub mod content_version;
pub mod export;
pub mod funnel;
pub mod idea_list;
pub mod response_stats;
pub mod rising;
pub mod stored_html;
pub mod totals;
pub mod triage;
