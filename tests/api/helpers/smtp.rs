//! A real SMTP server in the test process: it speaks enough ESMTP for lettre, keeps every message,
//! and can be told to refuse mail (451) to exercise retries.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One message as it arrived.
#[derive(Debug, Clone)]
pub struct ReceivedEmail {
    pub recipients: Vec<String>,
    pub raw: Vec<u8>,
}

impl ReceivedEmail {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.raw)
            .expect("a parseable email")
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_string()
    }

    pub fn text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|t| t.to_string())
            .unwrap_or_default()
    }

    pub fn html(&self) -> String {
        self.parsed()
            .body_html(0)
            .map(|t| t.to_string())
            .unwrap_or_default()
    }

    /// The first link in the text part that contains `needle`.
    pub fn link_containing(&self, needle: &str) -> Option<String> {
        self.text()
            .split_whitespace()
            .find(|word| word.starts_with("http") && word.contains(needle))
            .map(str::to_string)
    }
}

#[derive(Default)]
struct SinkState {
    received: Mutex<Vec<ReceivedEmail>>,
    refusing: AtomicBool,
    refused: AtomicUsize,
    /// How long the sink takes to accept each message, in milliseconds.
    delay_ms: AtomicU64,
}

/// The sink; dropped with the test.
#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    state: Arc<SinkState>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind sink");
        let port = listener.local_addr().expect("addr").port();
        let state = Arc::new(SinkState::default());
        let accept_state = state.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = accept_state.clone();
                tokio::spawn(async move {
                    let _ = session(stream, state).await;
                });
            }
        });
        SmtpSink { port, state }
    }

    /// Refuse (451) or accept mail from now on.
    pub fn set_refusing(&self, refusing: bool) {
        self.state.refusing.store(refusing, Ordering::SeqCst);
    }

    /// Take this long to accept each message from now on, as a slow mail server does.
    pub fn set_delay(&self, delay: Duration) {
        let millis = u64::try_from(delay.as_millis()).expect("a short delay");
        self.state.delay_ms.store(millis, Ordering::SeqCst);
    }

    /// How many messages were refused so far.
    pub fn refused(&self) -> usize {
        self.state.refused.load(Ordering::SeqCst)
    }

    pub fn received(&self) -> Vec<ReceivedEmail> {
        self.state.received.lock().expect("lock").clone()
    }

    /// Messages to `recipient`, in arrival order.
    pub fn received_by(&self, recipient: &str) -> Vec<ReceivedEmail> {
        self.received()
            .into_iter()
            .filter(|m| {
                m.recipients
                    .iter()
                    .any(|r| r.eq_ignore_ascii_case(recipient))
            })
            .collect()
    }

    /// Waits (up to 10 s) until `recipient` has received `count` messages.
    pub async fn wait_for(&self, recipient: &str, count: usize) -> Vec<ReceivedEmail> {
        for _ in 0..200 {
            let got = self.received_by(recipient);
            if got.len() >= count {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "{recipient} did not receive {count} email(s) in time; got {}",
            self.received_by(recipient).len()
        );
    }

    /// Waits (up to 10 s) until at least `count` messages were refused.
    pub async fn wait_for_refusals(&self, count: usize) {
        for _ in 0..200 {
            if self.refused() >= count {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the sink refused only {} message(s)", self.refused());
    }
}

fn address_in(line: &str) -> String {
    let start = line.find('<').map(|i| i + 1).unwrap_or(0);
    let end = line.rfind('>').unwrap_or(line.len());
    line.get(start..end).unwrap_or_default().to_string()
}

async fn session(stream: TcpStream, state: Arc<SinkState>) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    writer.write_all(b"220 sink.test ESMTP ready\r\n").await?;
    let mut recipients = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "HELO" => b"250 sink.test\r\n",
            "MAIL" => {
                recipients.clear();
                if state.refusing.load(Ordering::SeqCst) {
                    state.refused.fetch_add(1, Ordering::SeqCst);
                    b"451 4.3.0 Mailbox temporarily unavailable\r\n"
                } else {
                    b"250 2.1.0 OK\r\n"
                }
            }
            "RCPT" => {
                recipients.push(address_in(&line));
                b"250 2.1.5 OK\r\n"
            }
            "DATA" => {
                writer
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let mut raw = Vec::new();
                loop {
                    let mut data_line = String::new();
                    if reader.read_line(&mut data_line).await? == 0 {
                        return Ok(());
                    }
                    if data_line == ".\r\n" || data_line == ".\n" {
                        break;
                    }
                    let unstuffed = data_line.strip_prefix('.').unwrap_or(&data_line);
                    raw.extend_from_slice(unstuffed.as_bytes());
                }
                let delay = state.delay_ms.load(Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(delay)).await;
                state.received.lock().expect("lock").push(ReceivedEmail {
                    recipients: std::mem::take(&mut recipients),
                    raw,
                });
                b"250 2.0.0 Queued\r\n"
            }
            "RSET" => {
                recipients.clear();
                b"250 2.0.0 OK\r\n"
            }
            "NOOP" => b"250 2.0.0 OK\r\n",
            "QUIT" => {
                writer.write_all(b"221 2.0.0 Bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 5.5.2 Command not recognised\r\n",
        };
        writer.write_all(reply).await?;
    }
}
