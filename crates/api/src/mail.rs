//! Sending e-mail: over SMTP when `TESSERA_SMTP_URL` is set, else written as `.eml` files to a
//! folder (`./data/mail` under `make run`) that a newcomer can open. Every send is bounded by a
//! timeout (lettre's own covers only connecting). A message carries a stable Message-ID, so a
//! retried send is recognisable as the same message.
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

/// The longest a send may take before it counts as failed (and is tried again later).
pub const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// Where messages go.
#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files in a folder: "delivered" once written.
    Folder(PathBuf),
}

/// The sender as configured (`TESSERA_MAIL_FROM`, `TESSERA_MAIL_FROM_NAME`).
#[derive(Clone, Debug)]
pub struct Sender {
    pub address: String,
    pub name: String,
}

/// One message to send.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// `<uuid@tessera>`: the same on every attempt.
    pub message_id: String,
    pub to_address: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub body: String,
    pub attachments: Vec<MailAttachment>,
}

#[derive(Debug, Clone)]
pub struct MailAttachment {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("адрес не подходит для отправки: {0}")]
    Address(String),
    #[error("письмо не собрано: {0}")]
    Build(String),
    #[error("почтовый сервер не ответил за {} с", SEND_TIMEOUT.as_secs())]
    Timeout,
    #[error("почтовый сервер отказал: {0}")]
    Smtp(String),
    #[error("письмо не записано в папку: {0}")]
    Io(String),
}

impl Mailer {
    /// From `TESSERA_SMTP_URL` (`smtp://host:port`, `smtps://user:pass@host`, as lettre reads it)
    /// or, without it, the folder.
    pub fn from_config(smtp_url: Option<&str>, folder: &str) -> anyhow::Result<Mailer> {
        match smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
                    .timeout(Some(Duration::from_secs(10)))
                    // A pooled connection the server closed while idle breaks the next send (lettre#743).
                    .pool_config(lettre::transport::smtp::PoolConfig::new().idle_timeout(Duration::from_secs(20)))
                    .build();
                Ok(Mailer::Smtp(transport))
            }
            None => Ok(Mailer::Folder(PathBuf::from(folder))),
        }
    }

    /// Where messages end up, as the start-up banner says it.
    pub fn describe(&self) -> String {
        match self {
            Mailer::Smtp(_) => "SMTP".to_owned(),
            Mailer::Folder(p) => format!("files in {}", p.display()),
        }
    }

    /// Sends (or writes) the message within [`SEND_TIMEOUT`].
    pub async fn send(&self, from: &Sender, m: &Outgoing) -> Result<(), MailError> {
        let message = build(from, m)?;
        match self {
            Mailer::Smtp(t) => match tokio::time::timeout(SEND_TIMEOUT, t.send(message)).await {
                Err(_) => Err(MailError::Timeout),
                Ok(Err(e)) => Err(MailError::Smtp(e.to_string())),
                Ok(Ok(_)) => Ok(()),
            },
            Mailer::Folder(dir) => {
                let io = |e: std::io::Error| MailError::Io(e.to_string());
                tokio::fs::create_dir_all(dir).await.map_err(io)?;
                let name = m.message_id.trim_matches(['<', '>']).replace(['@', '/'], "_");
                let path = dir.join(format!("{name}.eml"));
                let tmp = path.with_extension("part");
                tokio::fs::write(&tmp, message.formatted()).await.map_err(io)?;
                tokio::fs::rename(&tmp, &path).await.map_err(io)
            }
        }
    }
}

fn mailbox(name: Option<&str>, address: &str) -> Result<Mailbox, MailError> {
    let addr = address.parse().map_err(|_| MailError::Address(address.to_owned()))?;
    Ok(Mailbox::new(name.filter(|n| !n.is_empty()).map(str::to_owned), addr))
}

/// The MIME message: plain text and the attachments.
fn build(from: &Sender, m: &Outgoing) -> Result<Message, MailError> {
    let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(m.body.clone()));
    for a in &m.attachments {
        let ct = ContentType::parse(&a.content_type).map_err(|e| MailError::Build(e.to_string()))?;
        parts = parts.singlepart(Attachment::new(a.filename.clone()).body(a.bytes.clone(), ct));
    }
    Message::builder()
        .message_id(Some(m.message_id.clone()))
        .from(mailbox(Some(&from.name), &from.address)?)
        .to(mailbox(m.to_name.as_deref(), &m.to_address)?)
        .subject(m.subject.clone())
        .multipart(parts)
        .map_err(|e| MailError::Build(e.to_string()))
}
