//! Pages, grouped by what they are about.

pub mod accounts;
pub mod admin;
pub mod errors;
pub mod home;
