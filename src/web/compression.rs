//! Compressing responses for the browsers that ask, in one buffer: a whole body is compressed
//! where it stands and sent with its length in one write, so a keep-alive connection never waits
//! on a small first packet (the delayed-ACK stall a streamed encoder causes). Streamed bodies (the
//! CSV export) are compressed as they stream. Kept pages come pre-compressed (`Coding::of`).

use std::io::Write;

use actix_http::encoding::Encoder;
use actix_web::body::{BodySize, BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, ContentEncoding, HeaderMap, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web::Bytes;

/// Bodies smaller than this are sent as they are: compressing them saves less than it costs.
const SMALLEST_COMPRESSED: usize = 1024;
/// Brotli's quality for bodies compressed per response (for clients that prefer it to gzip).
const BROTLI_PER_RESPONSE: u32 = 4;
/// Brotli's quality for kept pages, compressed once and sent many times.
pub const BROTLI_KEPT: u32 = 6;
/// Brotli's window (log2 of its size, as browsers expect at most 24).
const BROTLI_WINDOW: u32 = 22;

/// A content coding the board sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Coding {
    /// The coding to send a kept page in, from `Accept-Encoding`: the most preferred of Brotli and
    /// gzip the client accepts (`q=0` refuses), Brotli on a tie (it is smaller, and compressed
    /// once); else none.
    pub fn of(headers: &HeaderMap) -> Coding {
        Self::choose(headers, Coding::Brotli)
    }

    /// The coding for a body compressed anew for one response: as `of`, but gzip (at its fast
    /// level) on a tie, as with every browser's `gzip, deflate, br, zstd`. Brotli wins on bytes,
    /// but even at a low quality it costs several times gzip's CPU per response (a fifth of an
    /// idea page's time).
    pub fn per_response(headers: &HeaderMap) -> Coding {
        Self::choose(headers, Coding::Gzip)
    }

    fn choose(headers: &HeaderMap, on_a_tie: Coding) -> Coding {
        let Some(accepted) = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
        else {
            return Coding::Identity;
        };
        let mut best = (Coding::Identity, 0.0_f32);
        for offer in accepted.split(',') {
            let mut parts = offer.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default();
            let quality = parts
                .find_map(|p| p.strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .unwrap_or(0.0);
            let coding = match name.to_ascii_lowercase().as_str() {
                "br" | "*" => Coding::Brotli,
                "gzip" | "x-gzip" => Coding::Gzip,
                _ => continue,
            };
            let better = quality > best.1 || (quality == best.1 && coding == on_a_tie);
            if quality > 0.0 && better {
                best = (coding, quality);
            }
        }
        best.0
    }

    /// The `Content-Encoding` value, or `None` for identity.
    pub fn header_value(self) -> Option<&'static str> {
        match self {
            Coding::Brotli => Some("br"),
            Coding::Gzip => Some("gzip"),
            Coding::Identity => None,
        }
    }
}

/// `body` compressed with Brotli at `quality`.
pub fn brotli(body: &[u8], quality: u32) -> Bytes {
    let mut out = Vec::with_capacity(body.len() / 4);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 16 * 1024, quality, BROTLI_WINDOW);
        // Writing into a Vec cannot fail.
        let _ = writer.write_all(body);
    }
    Bytes::from(out)
}

/// `body` gzip-compressed at `level`.
pub fn gzip(body: &[u8], level: flate2::Compression) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 3), level);
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(body);
    Bytes::from(encoder.finish().unwrap_or_default())
}

/// The middleware: compresses what the handler answered when the client asks for it and the
/// answer is not already encoded, an image (but SVG), or a 204/206/304.
pub async fn compress_responses(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<BoxBody, Encoder<BoxBody>>>, actix_web::Error> {
    let coding = Coding::per_response(req.headers());
    let mut res = next.call(req).await?.map_into_boxed_body();
    if !worth_compressing(&res) {
        return Ok(res.map_into_left_body());
    }
    add_vary_accept_encoding(res.headers_mut());
    if coding == Coding::Identity {
        return Ok(res.map_into_left_body());
    }
    match res.response().body().size() {
        BodySize::Sized(size) if (size as usize) < SMALLEST_COMPRESSED => {
            Ok(res.map_into_left_body())
        }
        BodySize::Sized(_) => Ok(compress_whole(res, coding).map_into_left_body()),
        BodySize::None => Ok(res.map_into_left_body()),
        BodySize::Stream => Ok(res.map_body(|head, body| {
            // Streams are rare (the export) and long: actix's streaming gzip encoder.
            let streamed = match coding {
                Coding::Identity => ContentEncoding::Identity,
                _ => ContentEncoding::Gzip,
            };
            EitherBody::right(Encoder::response(streamed, head, body))
        })),
    }
}

/// Adds `Accept-Encoding` to `Vary` unless it is there.
fn add_vary_accept_encoding(headers: &mut HeaderMap) {
    let listed = headers.get_all(header::VARY).any(|v| {
        v.to_str().is_ok_and(|v| {
            v.split(',')
                .any(|name| name.trim().eq_ignore_ascii_case("accept-encoding"))
        })
    });
    if !listed {
        headers.append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
}

fn worth_compressing(res: &ServiceResponse<BoxBody>) -> bool {
    let status = res.status().as_u16();
    if matches!(status, 101 | 204 | 206 | 304)
        || res.headers().contains_key(header::CONTENT_ENCODING)
    {
        return false;
    }
    let media = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<actix_web::mime::Mime>().ok());
    match media {
        Some(m) if m.type_() == actix_web::mime::IMAGE => m.subtype() == actix_web::mime::SVG,
        Some(m) => m.type_() != actix_web::mime::VIDEO && m.type_() != actix_web::mime::AUDIO,
        None => true,
    }
}

/// Compresses a whole body where it stands and sends it with its length, in one buffer.
fn compress_whole(res: ServiceResponse<BoxBody>, coding: Coding) -> ServiceResponse<BoxBody> {
    res.map_body(|head, body| {
        let bytes = match body.try_into_bytes() {
            Ok(bytes) => bytes,
            Err(body) => return body,
        };
        let compressed = match coding {
            Coding::Brotli => brotli(&bytes, BROTLI_PER_RESPONSE),
            Coding::Gzip => gzip(&bytes, flate2::Compression::fast()),
            Coding::Identity => return BoxBody::new(bytes),
        };
        if let Some(value) = coding.header_value() {
            head.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static(value));
        }
        weaken_etag(head.headers_mut(), coding);
        BoxBody::new(compressed)
    })
}

/// A compressed body is another representation: its entity tag must differ from the plain one's.
fn weaken_etag(headers: &mut HeaderMap, coding: Coding) {
    let Some(etag) = headers.get(header::ETAG).and_then(|v| v.to_str().ok()) else {
        return;
    };
    let suffix = match coding {
        Coding::Brotli => "-br",
        Coding::Gzip => "-gz",
        Coding::Identity => return,
    };
    let tagged = format!("{}{suffix}\"", etag.trim_end_matches('"'));
    if let Ok(value) = HeaderValue::from_str(&tagged) {
        headers.insert(header::ETAG, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coding(accept: &str) -> Coding {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept).expect("header"),
        );
        Coding::of(&headers)
    }

    #[test]
    fn brotli_wins_a_tie_and_quality_decides_otherwise() {
        assert_eq!(coding("gzip, deflate, br, zstd"), Coding::Brotli);
        assert_eq!(coding("gzip, deflate"), Coding::Gzip);
        assert_eq!(coding("br;q=0.5, gzip"), Coding::Gzip);
        assert_eq!(coding("br;q=0, gzip;q=0.1"), Coding::Gzip);
        assert_eq!(coding("identity"), Coding::Identity);
        assert_eq!(coding("gzip;q=0"), Coding::Identity);
        assert_eq!(coding("*"), Coding::Brotli);
        assert_eq!(Coding::of(&HeaderMap::new()), Coding::Identity);
    }

    #[test]
    fn per_response_gzip_wins_a_tie() {
        let mut headers = HeaderMap::new();
        let mut per_response = |accept: &'static str| {
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(accept));
            Coding::per_response(&headers)
        };
        assert_eq!(per_response("gzip, deflate, br, zstd"), Coding::Gzip);
        assert_eq!(per_response("br, gzip;q=0.5"), Coding::Brotli);
        assert_eq!(per_response("br"), Coding::Brotli);
        assert_eq!(per_response("identity"), Coding::Identity);
    }

    #[test]
    fn compressed_bodies_decompress_to_the_original() {
        let page = "<p>Dark mode for the board</p>".repeat(200);
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &brotli(page.as_bytes(), 6)[..], &mut plain).expect("brotli");
        assert_eq!(plain, page.as_bytes());
        let mut unzipped = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(
                &gzip(page.as_bytes(), flate2::Compression::fast())[..],
            ),
            &mut unzipped,
        )
        .expect("gzip");
        assert_eq!(unzipped, page);
    }
}
