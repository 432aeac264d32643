//! Test helpers: the app under test, per-test databases, the SMTP sink, HTML scraping.

pub mod app_db;
pub mod cookies;
pub mod db;
pub mod feed_server;
pub mod html;
pub mod identity_provider;
pub mod smtp;
pub mod webhook_receiver;

use std::time::Duration;

use ideaboard::config::{Config, DatabaseUrl, Secret};
use ideaboard::startup::Application;
use ideaboard::web::state::AppState;
use reqwest::redirect::Policy;

pub use cookies::{form_cookie_of, session_cookie_of};
pub use db::{Backend, TestDb};
pub use smtp::SmtpSink;

/// Runs an `async fn name(backend: Backend)` test once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::helpers::Backend::Sqlite).await
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                #[ignore = "needs TEST_DATABASE_URL"]
                async fn postgres() {
                    super::$name($crate::helpers::Backend::Postgres).await
                }
            }
        )+
    };
}

/// A running Ideaboard with its own database and SMTP sink.
pub struct TestApp {
    pub address: String,
    pub state: AppState,
    pub smtp: SmtpSink,
    pub db_url: String,
    _db: Option<TestDb>,
    _mail_dir: tempfile::TempDir,
}

/// A password every strength check accepts.
pub const GOOD_PASSWORD: &str = "violet tractor pillow quantum";

impl TestApp {
    /// Starts the real server on port 0 with a fresh database and a fresh SMTP sink.
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Like `spawn`, after letting the test adjust the configuration.
    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let db = TestDb::create(backend);
        let smtp = SmtpSink::start().await;
        let url = db.url.clone();
        Self::start(url, Some(db), smtp, adjust).await
    }

    /// Another instance on this one's database and SMTP sink, as when scaling out.
    pub async fn spawn_second(&self, adjust: impl FnOnce(&mut Config)) -> TestApp {
        Self::start(self.db_url.clone(), None, self.smtp.clone(), adjust).await
    }

    /// An instance on an existing database and SMTP sink (the database outlives it).
    pub async fn spawn_on(
        db_url: String,
        smtp: SmtpSink,
        adjust: impl FnOnce(&mut Config),
    ) -> TestApp {
        Self::start(db_url, None, smtp, adjust).await
    }

    /// The configuration tests run with.
    pub fn test_config(db_url: &str, smtp_port: u16, mail_dir: &std::path::Path) -> Config {
        let mut config = Config::from_values(&Default::default()).expect("default config");
        config.database_url = DatabaseUrl::parse(db_url).expect("test database url");
        config.bind = "127.0.0.1:0".parse().expect("addr");
        config.base_url = "http://localhost".parse().expect("url");
        config.smtp_url = Some(Secret::new(format!("smtp://127.0.0.1:{smtp_port}")));
        config.mail_dir = mail_dir.to_path_buf();
        config.pool_size = 4;
        config.auth_rate_limit = 1000;
        config.outbox_poll_interval = Duration::from_millis(100);
        config.outbox_retry_base = Duration::from_millis(200);
        config.outbox_max_attempts = 6;
        config.log = "warn".into();
        // Every page exact, so a test sees each change at once; `recent_pages` tests the window.
        config.page_stale_secs = 0;
        // The tests' feeds are served on loopback; `listening` tests the guard with it off.
        config.feeds_allow_private = true;
        // The tests' webhook receivers listen on loopback; `webhooks` tests the guard with it off.
        config.webhooks_allow_private = true;
        config
    }

    async fn start(
        db_url: String,
        db: Option<TestDb>,
        smtp: SmtpSink,
        adjust: impl FnOnce(&mut Config),
    ) -> TestApp {
        let mail_dir = tempfile::tempdir().expect("mail dir");
        let mut config = Self::test_config(&db_url, smtp.port, mail_dir.path());
        adjust(&mut config);
        ideaboard::telemetry::init(&std::env::var("TEST_LOG").unwrap_or_else(|_| "error".into()));
        let app = Application::build(config)
            .await
            .expect("the application starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        let state = app.state.clone();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            state,
            smtp,
            db_url,
            _db: db,
            _mail_dir: mail_dir,
        }
    }

    /// A browser-like client: keeps cookies, does not follow redirects (tests assert them) and
    /// does not decompress, so tests see the bytes and headers as they went over the wire.
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .no_gzip()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .expect("client")
    }

    /// A client with no cookie store, for the API.
    pub fn api_client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .no_gzip()
            .redirect(Policy::none())
            .build()
            .expect("client")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// GETs a page and returns (status, body).
    pub async fn get_page(&self, client: &reqwest::Client, path: &str) -> (u16, String) {
        let response = client.get(self.url(path)).send().await.expect("GET");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// GETs `form_path`, takes its CSRF token, and POSTs `fields` (plus the token) to `action`.
    pub async fn submit_form(
        &self,
        client: &reqwest::Client,
        form_path: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let (status, page) = self.get_page(client, form_path).await;
        assert_eq!(status, 200, "GET {form_path}: {page}");
        let token = html::csrf_token(&page);
        let mut body: Vec<(&str, &str)> = fields.to_vec();
        body.push(("csrf_token", &token));
        client
            .post(self.url(action))
            .form(&body)
            .send()
            .await
            .expect("POST")
    }

    /// Makes an account (the first on the site is the administrator) the way the command line
    /// does, without the emailed link a registration through the page or the API needs, so the
    /// tests of other features see no registration mail. Registration itself is tested through
    /// the page, the API and the SMTP sink (`sign_up_through_the_page`).
    pub async fn create_account(&self, email: &str, name: &str) {
        let input = ideaboard::services::accounts::Registration {
            email: email.to_string(),
            name: name.to_string(),
            password: GOOD_PASSWORD.to_string(),
        };
        self.with_db(move |db| ideaboard::services::accounts::register(db, &input, None))
            .await
            .expect("the account is made");
    }

    /// Makes an account (`create_account`) and logs a fresh browser in through the page.
    pub async fn register(&self, email: &str, name: &str) -> reqwest::Client {
        self.create_account(email, name).await;
        let (browser, status) = self.log_in(email, GOOD_PASSWORD).await;
        assert_eq!(status, 303, "logging {email} in");
        browser
    }

    /// Registers through the page as a person does: the site's first account is signed in at
    /// once; a later one follows the link that arrives by email. Returns the signed-in browser.
    pub async fn sign_up_through_the_page(&self, email: &str, name: &str) -> reqwest::Client {
        let browser = self.browser();
        let mails_before = self.smtp.received_by(email).len();
        let response = self
            .submit_form(
                &browser,
                "/register",
                "/register",
                &[
                    ("email", email),
                    ("name", name),
                    ("password", GOOD_PASSWORD),
                ],
            )
            .await;
        match response.status().as_u16() {
            303 => return browser,
            200 => {}
            other => panic!("registering {email}: {other} {:?}", response.text().await),
        }
        let mail = self.smtp.wait_for(email, mails_before + 1).await;
        let link = mail
            .last()
            .and_then(|m| m.link_containing("/register/"))
            .expect("a registration link");
        let path = link.trim_start_matches("http://localhost");
        let finished = self
            .submit_form(&browser, path, path, &[("password", GOOD_PASSWORD)])
            .await;
        assert_eq!(
            finished.status().as_u16(),
            303,
            "finishing {email}'s registration"
        );
        browser
    }

    /// Logs a fresh browser in through the page.
    pub async fn log_in(&self, email: &str, password: &str) -> (reqwest::Client, u16) {
        let browser = self.browser();
        let response = self
            .submit_form(
                &browser,
                "/login",
                "/login",
                &[("email", email), ("password", password)],
            )
            .await;
        let status = response.status().as_u16();
        (browser, status)
    }

    /// GETs `path` as the holder of session cookie `cookie` (its value), with no cookie store.
    pub async fn get_as(&self, cookie: &str, path: &str) -> reqwest::Response {
        self.api_client()
            .get(self.url(path))
            .header("Cookie", format!("ideaboard_session={cookie}"))
            .send()
            .await
            .expect("GET")
    }

    /// Logs in through the page with a client that keeps no cookies and returns the session
    /// cookie's value, held as a thief would hold it.
    pub async fn session_cookie(&self, email: &str, password: &str) -> String {
        let raw = self.api_client();
        let login_page = raw.get(self.url("/login")).send().await.expect("GET login");
        let form_cookie = form_cookie_of(&login_page).expect("a form cookie for the log-in form");
        let csrf = html::csrf_token(&login_page.text().await.expect("body"));
        let signed_in = raw
            .post(self.url("/login"))
            .header("Cookie", format!("ideaboard_form={form_cookie}"))
            .form(&[
                ("email", email),
                ("password", password),
                ("csrf_token", &csrf),
            ])
            .send()
            .await
            .expect("POST login");
        assert_eq!(signed_in.status().as_u16(), 303, "logging {email} in");
        session_cookie_of(&signed_in).expect("a session cookie at log-in")
    }

    /// Makes an account (`create_account`) and returns a fresh API token of it.
    pub async fn api_user(&self, email: &str, name: &str) -> String {
        self.create_account(email, name).await;
        self.api_token(email, GOOD_PASSWORD).await
    }

    /// Gives the account with `email` the `role` (as the admin holding the token `admin`).
    pub async fn make_role(&self, admin: &str, email: &str, role: &str) {
        let (_, users) = self.get_json("/api/v1/users", admin).await;
        let id = users["items"]
            .as_array()
            .and_then(|items| items.iter().find(|u| u["email"] == email))
            .and_then(|u| u["id"].as_str())
            .expect("the account is listed")
            .to_string();
        let (status, body) = self
            .send_json(
                reqwest::Method::PUT,
                &format!("/api/v1/users/{id}/role"),
                admin,
                serde_json::json!({ "role": role }),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }

    /// An account with `role`, made by the admin holding `admin`; returns its API token.
    pub async fn staff_user(&self, admin: &str, email: &str, name: &str, role: &str) -> String {
        self.create_account(email, name).await;
        self.make_role(admin, email, role).await;
        self.api_token(email, GOOD_PASSWORD).await
    }

    /// The admin, Pia the product manager (pia@example.com) and Max the member (max@example.com):
    /// their API tokens.
    pub async fn admin_product_member(&self) -> (String, String, String) {
        let admin = self.api_user("admin@example.com", "Admin").await;
        let pia = self
            .staff_user(&admin, "pia@example.com", "Pia", "product")
            .await;
        let max = self.api_user("max@example.com", "Max").await;
        (admin, pia, max)
    }

    /// Logs in through the API and returns a new token.
    pub async fn api_token(&self, email: &str, password: &str) -> String {
        let response = self
            .api_client()
            .post(self.url("/api/v1/tokens"))
            .json(&serde_json::json!({"email": email, "password": password, "name": "tests"}))
            .send()
            .await
            .expect("POST tokens");
        assert_eq!(response.status().as_u16(), 201);
        let body: serde_json::Value = response.json().await.expect("json");
        body["token"].as_str().expect("token").to_string()
    }

    /// GETs an API path with a bearer token and returns (status, JSON body).
    pub async fn get_json(&self, path: &str, token: &str) -> (u16, serde_json::Value) {
        let mut request = self.api_client().get(self.url(path));
        if !token.is_empty() {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("GET");
        let status = response.status().as_u16();
        (
            status,
            response.json().await.unwrap_or(serde_json::Value::Null),
        )
    }

    /// Sends JSON with a bearer token and returns (status, JSON body).
    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: serde_json::Value,
    ) -> (u16, serde_json::Value) {
        let response = self
            .api_client()
            .request(method, self.url(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        (
            status,
            response.json().await.unwrap_or(serde_json::Value::Null),
        )
    }

    /// Submits an idea through the API and returns it.
    pub async fn create_idea(&self, token: &str, title: &str, body: &str) -> serde_json::Value {
        let (status, idea) = self
            .send_json(
                reqwest::Method::POST,
                "/api/v1/ideas",
                token,
                serde_json::json!({"title": title, "body": body}),
            )
            .await;
        assert_eq!(status, 201, "{idea}");
        idea
    }

    /// Votes through the API and returns the new totals.
    pub async fn vote(&self, token: &str, number: i64, value: i64) -> (u16, serde_json::Value) {
        self.send_json(
            reqwest::Method::PUT,
            &format!("/api/v1/ideas/{number}/vote"),
            token,
            serde_json::json!({ "value": value }),
        )
        .await
    }

    /// The numbers of the listed ideas for a board query, in order.
    pub async fn listed(&self, query: &str) -> Vec<i64> {
        let (status, body) = self.get_json(&format!("/api/v1/ideas?{query}"), "").await;
        assert_eq!(status, 200, "{query}: {body}");
        body["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["number"].as_i64())
            .collect()
    }
}
