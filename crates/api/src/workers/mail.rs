//! The mail worker: delivers queued e-mails (the documents sent to clients). A message is claimed
//! with a lease in its own short transaction — on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so any
//! number of server processes share the queue, on SQLite by this one in-process worker — and sent
//! outside any transaction, so a slow mail server never holds the database. A process that dies
//! between the claim and the send leaves the lease to run out; the message is then taken again,
//! with the same Message-ID. Each attempt and the result are written on the deal's timeline.
//! A failed attempt is tried again after a growing pause with jitter; after the last it is failed.
use crate::AppState;
use crate::error::AppError;
use crate::mail::{MailAttachment, Outgoing};
use actix_web::web;
use persistence::AccessScope;
use persistence::entities::email;
use persistence::repo::documents::{documents as docs, emails};
use persistence::repo::sales::cards;
use persistence::repo::sales::timeline::{self, Note};
use persistence::repo::Author;
use rand::Rng;
use std::time::Duration;
use uuid::Uuid;

/// How long a claim holds a message: longer than a send may take.
pub const LEASE: chrono::Duration = chrono::Duration::seconds(120);
/// Attempts before a message is given up (the pauses add up to about a day).
pub const MAX_ATTEMPTS: i32 = 10;
const POLL: Duration = Duration::from_secs(1);

pub async fn run(ctx: web::Data<AppState>) {
    loop {
        let _ = tokio::time::timeout(POLL, ctx.mail_wake.notified()).await;
        if let Err(e) = drain(&ctx).await {
            tracing::warn!(error = %e, "mail: delivering");
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}

/// Delivers until nothing is due. Returns how many messages were tried.
pub async fn drain(ctx: &AppState) -> Result<usize, AppError> {
    let mut tried = 0;
    loop {
        let now = ctx.now();
        if !emails::any_due(&ctx.db, now).await? {
            return Ok(tried);
        }
        let tx = persistence::begin_write(&ctx.db, &ctx.writes).await?;
        let claimed = emails::claim(&tx, now, now + LEASE, 1).await?;
        persistence::commit(tx).await?;
        if claimed.is_empty() {
            return Ok(tried);
        }
        for m in claimed {
            hold_for_tests(ctx).await;
            deliver(ctx, m).await?;
            tried += 1;
        }
    }
}

/// Tests only (`TESSERA_TEST_MAIL_HOLD_FILE`): while the file exists, a claimed message waits
/// before it is sent, so a test can stop the process between the claim and the send.
async fn hold_for_tests(ctx: &AppState) {
    let Some(path) = ctx.config.test_mail_hold_file.as_deref() else { return };
    while std::path::Path::new(path).exists() {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The pause after the `attempts`-th failure: 30 s doubling, at most 4 h, ±20 % jitter.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let base = 30f64 * 2f64.powi(attempts.clamp(1, 20) - 1);
    let capped = base.min(4.0 * 3600.0);
    let jitter = rand::thread_rng().gen_range(0.8..1.2);
    chrono::Duration::milliseconds((capped * jitter * 1000.0) as i64)
}

async fn attachments(ctx: &AppState, m: &email::Model) -> Result<Vec<MailAttachment>, AppError> {
    let ids: Vec<Uuid> = serde_json::from_str(&m.document_ids).map_err(|e| AppError::Internal(e.into()))?;
    let mut out = Vec::new();
    for id in ids {
        let d = docs::get(&ctx.db, AccessScope::All, id).await?;
        let bytes = match &d.pdf_key {
            // Frozen at sending with the stamp as chosen then; another choice renders from the snapshot.
            Some(key) if key.contains(if m.with_stamp { "/stamp-" } else { "/plain-" }) => ctx.files.get(key).await.map_err(|e| AppError::Internal(e.into()))?,
            _ => {
                let (data, reqs) = crate::app::documents::sending::data_of(&ctx.db, &d).await?;
                crate::app::documents::print::pdf(ctx, &data, reqs.as_ref(), m.with_stamp).await?
            }
        };
        out.push(MailAttachment { filename: crate::app::documents::sending::file_name(&d), content_type: "application/pdf".to_owned(), bytes });
    }
    Ok(out)
}

async fn deliver(ctx: &AppState, m: email::Model) -> Result<(), AppError> {
    let outcome = match attachments(ctx, &m).await {
        Ok(files) => {
            let out = Outgoing { message_id: m.message_id.clone(), to_address: m.to_address.clone(), to_name: m.to_name.clone(), subject: m.subject.clone(), body: m.body.clone(), attachments: files };
            ctx.mailer.send(&ctx.sender, &out).await.map_err(|e| e.to_string())
        }
        Err(e) => Err(e.to_string()),
    };
    let now = ctx.now();
    let tx = persistence::begin_write(&ctx.db, &ctx.writes).await?;
    let (kind, data) = match &outcome {
        Ok(()) => {
            emails::sent(&tx, m.id, now).await?;
            ("email_sent", serde_json::json!({"email_id": m.id, "to": m.to_address, "subject": m.subject, "attempt": m.attempts}))
        }
        Err(why) if m.attempts < MAX_ATTEMPTS => {
            let retry_at = now + backoff(m.attempts);
            emails::attempt_failed(&tx, m.id, why, Some(retry_at)).await?;
            ("email_attempt_failed", serde_json::json!({"email_id": m.id, "to": m.to_address, "attempt": m.attempts, "error": why, "retry_at": retry_at}))
        }
        Err(why) => {
            emails::attempt_failed(&tx, m.id, why, None).await?;
            ("email_failed", serde_json::json!({"email_id": m.id, "to": m.to_address, "attempt": m.attempts, "error": why}))
        }
    };
    let card_id = match (m.deal_id, m.lead_id) {
        (Some(deal), _) => Some(domain::sales::CardId::Deal(deal.into())),
        (None, Some(lead)) => Some(domain::sales::CardId::Lead(lead.into())),
        _ => None,
    };
    if let Some(card_id) = card_id {
        let card = cards::find(&tx, AccessScope::All, card_id).await?;
        let subject = card.kind().as_str();
        let author = Author { user_id: None, api_key_id: None, name: "Почта".to_owned() };
        timeline::note(&tx, &card, Note { kind, text: None, data: data.clone() }, &author, now);
        let e = persistence::repo::outbox::Event {
            organization_id: card.organization_id(), topic: format!("{subject}.{kind}"), subject_type: subject, subject_id: card.id().uuid(),
            payload: serde_json::json!({"subject": subject, "id": card.id().uuid(), "number": card.number(), "organization_id": card.organization_id(), "stage": card.stage(), "data": data, "actor": {"user_id": null, "name": "Почта"}}),
        };
        persistence::repo::outbox::emit(&tx, e, now);
    }
    persistence::commit(tx).await?;
    ctx.live.dispatch.notify_one();
    match outcome {
        Ok(()) => tracing::info!(email = %m.id, to = %m.to_address, "mail: sent"),
        Err(why) => tracing::warn!(email = %m.id, attempt = m.attempts, error = %why, "mail: not sent"),
    }
    Ok(())
}
