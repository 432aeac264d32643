//! The real OpenID provider the sign-in tests talk to (`tests/oidc/provider.mjs`, the certified
//! `oidc-provider` package under Node.js), started once per test run on loopback, and a walk
//! through it as a browser takes it: the board's button, the provider's log-in page, consent, and
//! back to the board — with a way to tamper with the journey on the way.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};

use ideaboard::config::{Config, OidcProvider, Secret};

use super::TestApp;

/// The provider's process (it stops when its standard input closes, as the tests end).
static PROVIDER: OnceLock<(String, Mutex<Child>)> = OnceLock::new();

/// The provider's issuer URL, starting it (and installing its npm packages) the first time.
pub fn issuer() -> &'static str {
    &PROVIDER.get_or_init(start).0
}

fn start() -> (String, Mutex<Child>) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oidc");
    if !dir.join("node_modules/oidc-provider").exists() {
        let installed = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .status()
            .expect("npm runs (Node.js and npm are needed for the sign-in tests)");
        assert!(installed.success(), "npm ci in tests/oidc failed");
    }
    let mut child = Command::new("node")
        .arg("provider.mjs")
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node starts the test provider");
    let stdout = child.stdout.take().expect("the provider's output");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the provider says where it listens");
    let issuer = line
        .trim()
        .strip_prefix("issuer ")
        .unwrap_or_else(|| panic!("the provider did not start: {line:?}"))
        .to_string();
    (issuer, Mutex::new(child))
}

/// Configures the board with the test provider: `test` (an ordinary client) and `foreign`
/// (whose ID tokens name another audience), reachable on loopback.
pub fn use_test_provider(config: &mut Config) {
    let provider = |key: &str, name: &str, id: &str, secret: &str| OidcProvider {
        key: key.into(),
        name: name.into(),
        issuer: issuer().to_string(),
        client_id: id.into(),
        client_secret: Some(Secret::new(secret)),
    };
    config.sign_in.providers = vec![
        provider("test", "Test ID", "board", "board-secret"),
        provider(
            "foreign",
            "Foreign ID",
            "board-foreign-audience",
            "foreign-secret",
        ),
    ];
    config.sign_in.allow_private = true;
}

/// What a walk changes on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tamper {
    Nothing,
    /// The state in the URL back to the board is changed.
    State,
    /// The nonce in the URL to the provider is changed (the provider signs what it was sent).
    Nonce,
    /// The board's clock moves on this many minutes before the person comes back.
    Late(i64),
}

impl TestApp {
    /// Walks `browser` through "Sign in with …" for `provider` as `email`, and gives back the
    /// board's answer to the provider's redirect back.
    pub async fn sign_in_with(
        &self,
        browser: &reqwest::Client,
        provider: &str,
        email: &str,
        tamper: Tamper,
    ) -> reqwest::Response {
        let started = browser
            .get(self.url(&format!("/login/oidc/{provider}")))
            .send()
            .await
            .expect("the sign-in starts");
        assert_eq!(
            started.status().as_u16(),
            303,
            "the board sends the person on"
        );
        let mut next = location(&started);
        if tamper == Tamper::Nonce {
            next = replace_parameter(&next, "nonce", "a-nonce-of-another-sign-in");
        }
        for _ in 0..12 {
            if let Some(path) = next.strip_prefix("http://localhost") {
                let mut back = self.url(path);
                if tamper == Tamper::State {
                    back = replace_parameter(&back, "state", "a-state-this-browser-never-began");
                }
                if let Tamper::Late(minutes) = tamper {
                    self.state.clock.advance(chrono::Duration::minutes(minutes));
                }
                return browser.get(back).send().await.expect("back at the board");
            }
            let url = match next.starts_with('/') {
                true => format!("{}{next}", issuer()),
                false => next.clone(),
            };
            let answer = browser
                .get(&url)
                .send()
                .await
                .expect("the provider answers");
            if answer.status().is_redirection() {
                next = location(&answer);
                continue;
            }
            let page = answer.text().await.expect("the provider's page");
            let action = page
                .split("action=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_else(|| panic!("the provider's log-in form at {url}: {page}"))
                .to_string();
            let posted = browser
                .post(format!("{}{action}", issuer()))
                .form(&[("email", email)])
                .send()
                .await
                .expect("the provider's log-in");
            next = location(&posted);
        }
        panic!("the walk through the provider did not come back to the board")
    }
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("a redirect, not {}", response.status()))
        .to_string()
}

/// `url` with the query parameter `name` set to `value`.
fn replace_parameter(url: &str, name: &str, value: &str) -> String {
    let mut parsed = url::Url::parse(url).expect("a URL");
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(k, v)| match k == name {
            true => (k.into_owned(), value.to_string()),
            false => (k.into_owned(), v.into_owned()),
        })
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    parsed.to_string()
}
