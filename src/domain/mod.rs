//! Pure rules of Ideaboard: validated inputs, roles and permissions, secrets, time. No I/O here.

pub mod accounts;
pub mod age;
pub mod audit;
pub mod clock;
pub mod colors;
pub mod comment_pages;
pub mod community;
pub mod funnel;
pub mod ideas;
pub mod ids;
pub mod listening;
pub mod local_names;
pub mod markdown;
pub mod merge;
pub mod ranking;
pub mod read;
pub mod response;
pub mod response_figures;
pub mod roles;
pub mod search_language;
pub mod secrets;
pub mod sentiment;
pub mod storms;
pub mod validation;
pub mod vote_totals;
pub mod watch;
