//! Which language a request is answered in: the signed-in person's preference, else the visitor's
//! own choice (the language cookie), else the browser's `Accept-Language`, else the board default.

use super::Lang;

/// What a request says about its language, strongest first.
#[derive(Debug, Default, Clone, Copy)]
pub struct Asked<'a> {
    /// The signed-in person's stored preference.
    pub preference: Option<&'a str>,
    /// The visitor's choice from the footer, remembered in a cookie.
    pub cookie: Option<&'a str>,
    /// The browser's `Accept-Language` header.
    pub accept_language: Option<&'a str>,
}

/// The first language the request asks for that the board speaks, else `default`.
pub fn choose(asked: Asked<'_>, default: Lang) -> Lang {
    asked
        .preference
        .and_then(Lang::parse)
        .or_else(|| asked.cookie.and_then(Lang::parse))
        .or_else(|| {
            asked.accept_language.and_then(|header| {
                accept_language::parse(header)
                    .iter()
                    .find_map(|tag| Lang::parse(tag))
            })
        })
        .unwrap_or(default)
}
