//! A real SMTP server inside the test process (mailin-embedded on its own thread): the tests read
//! what Tessera actually sent — never a mock of the sending code. It can refuse the next
//! messages, to show a failed attempt is retried.
use mailin_embedded::{Handler, Response, Server, SslConfig, response};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Clone)]
struct Collect {
    buf: Vec<u8>,
    received: Arc<Mutex<Vec<Vec<u8>>>>,
    refuse: Arc<AtomicUsize>,
}

impl Handler for Collect {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, _to: &[String]) -> Response {
        self.buf.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.buf.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        if self.refuse.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok() {
            // 421 closes the connection (mailin stays mid-DATA after other refusals).
            return response::NO_SERVICE;
        }
        self.received.lock().expect("sink").push(std::mem::take(&mut self.buf));
        response::OK
    }
}

pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Vec<u8>>>>,
    refuse: Arc<AtomicUsize>,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind the SMTP sink");
        let port = listener.local_addr().expect("addr").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let refuse = Arc::new(AtomicUsize::new(0));
        let handler = Collect { buf: Vec::new(), received: received.clone(), refuse: refuse.clone() };
        let mut server = Server::new(handler);
        server.with_name("sink.test").with_tcp_listener(listener);
        if let Err(e) = server.with_ssl(SslConfig::None) {
            panic!("SMTP sink: {e:?}");
        }
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        SmtpSink { port, received, refuse }
    }

    /// `TESSERA_SMTP_URL` for this sink.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The next `n` messages are refused (421, service not available).
    pub fn refuse_next(&self, n: usize) {
        self.refuse.store(n, Ordering::SeqCst);
    }

    /// The raw messages received so far.
    pub fn raw(&self) -> Vec<Vec<u8>> {
        self.received.lock().expect("sink").clone()
    }

    /// Waits until at least `n` messages arrived (at most 20 s) and returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Vec<u8>> {
        for _ in 0..400 {
            let all = self.raw();
            if all.len() >= n {
                return all;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the SMTP sink got {} messages, expected {n}", self.raw().len());
    }
}

/// One received message, parsed: its headers, text and attachments.
pub struct Mail {
    pub message_id: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    /// (file name, content type, bytes)
    pub attachments: Vec<(String, String, Vec<u8>)>,
}

pub fn parse(raw: &[u8]) -> Mail {
    use mail_parser::MimeHeaders;
    let m = mail_parser::MessageParser::default().parse(raw).expect("a MIME message");
    Mail {
        message_id: m.message_id().unwrap_or_default().to_owned(),
        to: m.to().and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or_default().to_owned(),
        subject: m.subject().unwrap_or_default().to_owned(),
        text: m.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
        attachments: m
            .attachments()
            .map(|a| {
                let ct = a.content_type().map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or_default())).unwrap_or_default();
                (a.attachment_name().unwrap_or_default().to_owned(), ct, a.contents().to_vec())
            })
            .collect(),
    }
}
