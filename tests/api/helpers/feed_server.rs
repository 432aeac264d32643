//! A real HTTP server on loopback serving one feed the way a polite site does: an `ETag` and a
//! `Last-Modified` with each body, 304 when asked with the current ETag. The test changes what it
//! serves (new content, an error status, a body too large) and reads every request it got.

use std::sync::{Arc, Mutex};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};

/// What the server answers with now.
#[derive(Debug, Clone)]
pub enum Serving {
    /// The body, with this ETag.
    Feed { body: String, etag: String },
    /// An error status, no feed.
    Status(u16),
}

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct FeedRequest {
    pub if_none_match: Option<String>,
    pub if_modified_since: Option<String>,
}

#[derive(Default)]
struct Shared {
    serving: Option<Serving>,
    requests: Vec<FeedRequest>,
}

/// The running server; dropping it leaves it running until the test's runtime ends.
#[derive(Clone)]
pub struct FeedServer {
    pub url: String,
    shared: Arc<Mutex<Shared>>,
}

const LAST_MODIFIED: &str = "Tue, 01 Dec 2026 10:00:00 GMT";

async fn answer(req: HttpRequest, shared: web::Data<Arc<Mutex<Shared>>>) -> HttpResponse {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let mut shared = shared.lock().expect("feed state");
    let request = FeedRequest {
        if_none_match: header("if-none-match"),
        if_modified_since: header("if-modified-since"),
    };
    shared.requests.push(request.clone());
    match shared.serving.clone() {
        Some(Serving::Feed { body, etag }) => {
            if request.if_none_match.as_deref() == Some(etag.as_str()) {
                return HttpResponse::NotModified().finish();
            }
            HttpResponse::Ok()
                .content_type("application/rss+xml")
                .insert_header(("ETag", etag))
                .insert_header(("Last-Modified", LAST_MODIFIED))
                .body(body)
        }
        Some(Serving::Status(code)) => {
            HttpResponse::build(actix_web::http::StatusCode::from_u16(code).expect("a status"))
                .body("no feed here")
        }
        None => HttpResponse::NotFound().finish(),
    }
}

impl FeedServer {
    /// Starts the server on a free loopback port; the feed is at `url`.
    pub async fn start() -> FeedServer {
        let shared = Arc::new(Mutex::new(Shared::default()));
        let data = web::Data::new(shared.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .route("/feed.xml", web::get().to(answer))
        })
        .workers(1)
        .bind(("127.0.0.1", 0))
        .expect("a loopback port");
        let port = server.addrs()[0].port();
        tokio::spawn(server.run());
        FeedServer {
            url: format!("http://127.0.0.1:{port}/feed.xml"),
            shared,
        }
    }

    pub fn serve(&self, serving: Serving) {
        self.shared.lock().expect("feed state").serving = Some(serving);
    }

    pub fn requests(&self) -> Vec<FeedRequest> {
        self.shared.lock().expect("feed state").requests.clone()
    }
}

/// An RSS 2.0 document with `items` as (guid, title, description).
pub fn rss(items: &[(&str, &str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(guid, title, description)| {
            format!(
                "<item><guid>{guid}</guid><title>{title}</title>\
                 <link>https://forum.example.com/t/{guid}</link>\
                 <description>{description}</description>\
                 <pubDate>Mon, 30 Nov 2026 09:00:00 GMT</pubDate></item>"
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Forum</title><link>https://forum.example.com/</link><description>Support</description>{items}</channel></rss>"#
    )
}
