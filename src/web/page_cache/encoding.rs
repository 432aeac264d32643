//! What a kept page is sent as: its entity tag, and its bytes in each coding browsers ask for,
//! each compressed once, on first use.

use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};

use crate::web::compression::{BROTLI_KEPT, Coding, brotli, gzip};

/// A page's entity tag: its version and a hash of its bytes.
pub fn etag_of(version: i64, body: &[u8]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    format!("\"v{version}-{:016x}\"", hasher.finish())
}

/// The entity tag of a page's variant in `coding` (`-gz` or `-br` at the end).
pub fn etag_in(etag: &str, coding: Coding) -> String {
    match coding {
        Coding::Brotli => format!("{}-br\"", etag.trim_end_matches('"')),
        Coding::Gzip => format!("{}-gz\"", etag.trim_end_matches('"')),
        Coding::Identity => etag.to_string(),
    }
}

/// A page's bytes, and its compressed copies made on first use: compressing on every response
/// would cost more than everything else a kept page needs.
#[derive(Debug)]
pub struct Encodings {
    plain: Bytes,
    gzip: OnceLock<Bytes>,
    brotli: OnceLock<Bytes>,
}

impl Encodings {
    pub fn new(plain: Bytes) -> Self {
        Encodings {
            plain,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }

    pub fn plain(&self) -> &Bytes {
        &self.plain
    }

    /// The page in `coding`, compressed now if this is its first use.
    pub fn in_coding(&self, coding: Coding) -> Bytes {
        match coding {
            Coding::Identity => self.plain.clone(),
            Coding::Gzip => self
                .gzip
                .get_or_init(|| gzip(&self.plain, flate2::Compression::default()))
                .clone(),
            Coding::Brotli => self
                .brotli
                .get_or_init(|| brotli(&self.plain, BROTLI_KEPT))
                .clone(),
        }
    }

    /// What the page and both copies weigh at most: the copies are made later, and an entry's
    /// size must not change while it is held. A board page gzips to about a fifth of its size and
    /// Brotli does better; a quarter each leaves room.
    pub fn size(&self) -> usize {
        self.plain.len() + self.plain.len() / 2
    }
}

/// An HTML page in the coding the browser prefers, with that variant's entity tag, or 304 when
/// the browser already holds it.
pub fn respond(
    req: &HttpRequest,
    etag: &str,
    cache_control: &'static str,
    page: &Encodings,
) -> HttpResponse {
    respond_as(req, etag, cache_control, "text/html; charset=utf-8", page)
}

/// `respond`, for a page of any `content_type`.
pub fn respond_as(
    req: &HttpRequest,
    etag: &str,
    cache_control: &'static str,
    content_type: &'static str,
    page: &Encodings,
) -> HttpResponse {
    let coding = Coding::of(req.headers());
    let etag = etag_in(etag, coding);
    let revalidated = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|sent| {
            sent.split(',')
                .any(|tag| tag.trim().trim_start_matches("W/") == etag)
        });
    let mut response = if revalidated {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, cache_control))
        .insert_header((header::VARY, "Cookie, Accept-Language, Accept-Encoding"));
    if revalidated {
        return response.finish();
    }
    response.content_type(content_type);
    if let Some(encoding) = coding.header_value() {
        response.insert_header((header::CONTENT_ENCODING, encoding));
    }
    response.body(page.in_coding(coding))
}
