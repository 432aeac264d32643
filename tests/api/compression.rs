//! Responses compressed as browsers ask: the same bytes once decompressed, gzip on a tie and
//! Brotli where preferred (kept pages: Brotli on a tie), sent whole with their
//! length (no streamed first packet to stall a keep-alive connection), and streams (the export)
//! compressed as they stream.

use std::io::Read;

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    every_coding_a_browser_asks_for_decompresses_to_the_plain_page,
    a_streamed_export_is_compressed_as_it_streams,
);

fn decode(encoding: &str, bytes: &[u8]) -> String {
    let mut plain = Vec::new();
    match encoding {
        "br" => brotli::BrotliDecompress(&mut &bytes[..], &mut plain).expect("brotli"),
        "gzip" => {
            flate2::read::GzDecoder::new(bytes)
                .read_to_end(&mut plain)
                .expect("gzip");
        }
        other => panic!("unexpected coding {other}"),
    }
    String::from_utf8(plain).expect("utf-8")
}

async fn every_coding_a_browser_asks_for_decompresses_to_the_plain_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    for title in [
        "Dark mode everywhere",
        "Export to CSV",
        "Keyboard shortcuts",
    ] {
        app.create_idea(&ada, title, &"Please, at night. ".repeat(200))
            .await;
    }
    // Kept pages (the roadmap and the feeds here; board and idea pages in page_cache.rs) are
    // compressed once and take Brotli on a tie; the rest are compressed per response and take
    // gzip on a tie (cheaper).
    for (path, on_a_tie) in [
        ("/roadmap", "br"),
        ("/api/v1/ideas", "gzip"),
        ("/api/v1/ideas/1", "gzip"),
        ("/feeds/ideas.atom", "br"),
    ] {
        let plain = app
            .api_client()
            .get(app.url(path))
            .send()
            .await
            .expect("GET");
        assert_eq!(plain.status().as_u16(), 200, "{path}");
        assert!(plain.headers().get("content-encoding").is_none(), "{path}");
        let plain = plain.text().await.expect("body");
        for (accept, expected) in [
            ("gzip, deflate, br, zstd", on_a_tie),
            ("br, gzip;q=0.8", "br"),
            ("br;q=0.5, gzip", "gzip"),
        ] {
            let response = app
                .api_client()
                .get(app.url(path))
                .header("Accept-Encoding", accept)
                .send()
                .await
                .expect("GET");
            let headers = response.headers().clone();
            assert_eq!(headers["content-encoding"], expected, "{path} {accept}");
            assert!(
                headers.get("content-length").is_some(),
                "{path} {accept}: sent whole, with its length, not streamed"
            );
            let vary = headers["vary"].to_str().expect("vary").to_ascii_lowercase();
            assert!(vary.contains("accept-encoding"), "{path}: {vary}");
            let body = response.bytes().await.expect("body");
            assert!(body.len() < plain.len(), "{path} {accept}: compressed");
            assert_eq!(decode(expected, &body), plain, "{path} {accept}");
        }
    }
}

async fn a_streamed_export_is_compressed_as_it_streams(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ada = app.api_user("ada@example.com", "Ada").await;
    for n in 1..=30 {
        app.create_idea(&ada, &format!("Idea number {n:02}"), "Body")
            .await;
    }
    let path = "/api/v1/export/ideas?format=csv&limit=100";
    let ask = |accept: Option<&str>| {
        let mut request = app.api_client().get(app.url(path)).bearer_auth(&ada);
        if let Some(accept) = accept {
            request = request.header("Accept-Encoding", accept);
        }
        request.send()
    };
    let plain = ask(None).await.expect("GET").text().await.expect("csv");
    assert_eq!(plain.lines().count(), 31, "a header and 30 rows");
    let zipped = ask(Some("gzip, br")).await.expect("GET");
    assert_eq!(zipped.headers()["content-encoding"], "gzip");
    let body = zipped.bytes().await.expect("body");
    assert_eq!(decode("gzip", &body), plain);
}
