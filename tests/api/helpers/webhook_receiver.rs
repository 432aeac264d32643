//! A real HTTP receiver of webhooks on loopback: it records every POST (headers and raw body) and
//! answers with the status the test chose. A test can also take a free port and start the
//! receiver on it only later, to be a receiver that was down.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// One POST as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    pub event: String,
    pub delivery: String,
    pub timestamp: String,
    pub signature: String,
    pub content_type: String,
    pub body: String,
    /// The status the receiver answered it with.
    pub answered: u16,
}

impl Received {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }

    /// Whether the signature is the HMAC-SHA256 of "<timestamp>.<body>" under `secret`, as the
    /// README tells receivers to check it.
    pub fn verifies_with(&self, secret: &str) -> bool {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("a key");
        mac.update(format!("{}.{}", self.timestamp, self.body).as_bytes());
        let expected = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
        expected == self.signature
    }
}

#[derive(Default)]
struct Shared {
    status: Option<u16>,
    received: Vec<Received>,
}

#[derive(Clone)]
pub struct WebhookReceiver {
    pub url: String,
    shared: Arc<Mutex<Shared>>,
}

async fn receive(
    req: HttpRequest,
    body: web::Bytes,
    shared: web::Data<Arc<Mutex<Shared>>>,
) -> HttpResponse {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let mut shared = shared.lock().expect("receiver state");
    let status = shared.status.unwrap_or(200);
    shared.received.push(Received {
        event: header("x-ideaboard-event"),
        delivery: header("x-ideaboard-delivery"),
        timestamp: header("x-ideaboard-timestamp"),
        signature: header("x-ideaboard-signature"),
        content_type: header("content-type"),
        body: String::from_utf8_lossy(&body).into_owned(),
        answered: status,
    });
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).expect("a status"))
        .body("thanks")
}

/// A loopback port nothing listens on (yet).
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    listener.local_addr().expect("its address").port()
}

/// The receiver's URL on `port`, whether or not it runs yet.
pub fn url_on(port: u16) -> String {
    format!("http://127.0.0.1:{port}/hooks/ideaboard")
}

impl WebhookReceiver {
    /// Starts a receiver on a free loopback port.
    pub async fn start() -> WebhookReceiver {
        Self::start_on(0, 200).await
    }

    /// Starts a receiver on `port` (0: any free one) answering `status` until told otherwise.
    pub async fn start_on(port: u16, status: u16) -> WebhookReceiver {
        let shared = Arc::new(Mutex::new(Shared {
            status: Some(status),
            received: Vec::new(),
        }));
        let data = web::Data::new(shared.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .route("/hooks/ideaboard", web::post().to(receive))
        })
        .workers(1)
        .bind(("127.0.0.1", port))
        .expect("the loopback port");
        let port = server.addrs()[0].port();
        tokio::spawn(server.run());
        WebhookReceiver {
            url: url_on(port),
            shared,
        }
    }

    /// Answers every later POST with `status`.
    pub fn answer_with(&self, status: u16) {
        self.shared.lock().expect("receiver state").status = Some(status);
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.lock().expect("receiver state").received.clone()
    }

    /// Waits (at most ten seconds) until `count` POSTs arrived; returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..200 {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "expected {count} deliveries, received {:?}",
            self.received()
        );
    }
}
