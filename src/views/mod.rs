//! HTML views in maud: the layout, small components, and one module per group of pages. No database.

pub mod components;
pub mod layout;
pub mod pages;
pub mod slots;
pub mod theme;
