//! What a kept page is sent as: its entity tag, and the gzip copy for the browsers that ask.

use std::hash::{Hash, Hasher};

use actix_web::web::Bytes;

/// A page's entity tag: its version and a hash of its bytes.
pub fn etag_of(version: i64, body: &[u8]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    format!("\"v{version}-{:016x}\"", hasher.finish())
}

/// The entity tag of a page's gzip variant.
pub fn gzip_etag(etag: &str) -> String {
    format!("{}-gz\"", etag.trim_end_matches('"'))
}

/// `body` gzip-compressed at `level`.
pub fn gzip(body: &[u8], level: flate2::Compression) -> Bytes {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 3), level);
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(body);
    Bytes::from(encoder.finish().unwrap_or_default())
}

/// Whether the request's `Accept-Encoding` accepts gzip (not refused with `q=0`).
pub fn accepts_gzip(req: &actix_web::HttpRequest) -> bool {
    gzip_accepted_by(
        req.headers()
            .get(actix_web::http::header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok()),
    )
}

pub fn gzip_accepted_by(accept_encoding: Option<&str>) -> bool {
    accept_encoding.is_some_and(|header| {
        header.split(',').any(|offer| {
            let mut parts = offer.split(';').map(str::trim);
            let coding = parts.next().unwrap_or_default();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (coding.eq_ignore_ascii_case("gzip") || coding == "*") && !refused
        })
    })
}
