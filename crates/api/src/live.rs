//! Live updates: every delivered event, in the published order, to the streams open in this
//! process. One reader per process follows `outbox.seq`; it is woken by this process's dispatcher,
//! by PostgreSQL's `NOTIFY` from any process's dispatcher, and once a second regardless (so a lost
//! announcement delays an event by at most that). Streams filter by their caller's scope.
use persistence::repo::{notifications, outbox};
use serde::Serialize;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use tokio::sync::{Notify, broadcast};
use uuid::Uuid;

/// What a live stream says of one delivered event: enough for the web app to know what to read
/// again (through the scoped API), nothing of the event's content.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LiveEvent {
    /// Its place in the published order; the stream's event id (`Last-Event-ID` resumes after it).
    pub seq: i64,
    /// The event's own id (stable across redeliveries).
    pub id: Uuid,
    /// e.g. `deal.stage_changed`, `deal.request_completed`, `task.task_assigned`.
    pub topic: String,
    /// `lead`, `deal` or `task`.
    pub subject: String,
    pub subject_id: Uuid,
    /// The lead or deal it concerns (a task's card), if any.
    pub card_id: Option<Uuid>,
    /// The department request it concerns, if any.
    pub request_id: Option<Uuid>,
    /// Whether it gave the stream's person a notification.
    pub notified: bool,
    #[serde(skip)]
    pub organization_id: Uuid,
    #[serde(skip)]
    pub recipients: Vec<Uuid>,
}

impl LiveEvent {
    fn of(p: outbox::Published, recipients: Vec<Uuid>) -> LiveEvent {
        let payload: serde_json::Value = serde_json::from_str(&p.payload).unwrap_or_default();
        let id_at = |v: &serde_json::Value| v.as_str().and_then(|s| Uuid::parse_str(s).ok());
        let card_id = match p.subject_type.as_str() {
            "lead" | "deal" => Some(p.subject_id),
            _ => id_at(&payload["card"]["id"]),
        };
        LiveEvent {
            seq: p.seq, id: p.id, topic: p.topic, subject: p.subject_type, subject_id: p.subject_id, card_id,
            request_id: id_at(&payload["data"]["request_id"]), notified: false, organization_id: p.organization_id, recipients,
        }
    }

    /// As one person's stream shows it.
    pub fn for_person(&self, user: Option<Uuid>) -> LiveEvent {
        LiveEvent { notified: user.is_some_and(|u| self.recipients.contains(&u)), recipients: vec![], ..self.clone() }
    }
}

/// Events read after `seq` in published order (at most `limit`), as streams receive them.
pub async fn read_after(db: &persistence::Db, scope: persistence::AccessScope, seq: i64, limit: u64) -> Result<Vec<LiveEvent>, persistence::RepoError> {
    let rows = outbox::published_after(db, scope, seq, limit).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut recipients = notifications::recipients_of(db, &ids).await?;
    recipients.sort();
    Ok(rows
        .into_iter()
        .map(|r| {
            let to = recipients.iter().filter(|(e, _)| *e == r.id).map(|(_, u)| *u).collect();
            LiveEvent::of(r, to)
        })
        .collect())
}

/// This process's side of live updates.
pub struct Hub {
    events: broadcast::Sender<Arc<LiveEvent>>,
    /// A write committed events: the dispatcher should look.
    pub dispatch: Arc<Notify>,
    /// Events were published: the reader should look.
    published: Arc<Notify>,
    /// The last event broadcast here.
    last: AtomicI64,
}

impl Default for Hub {
    fn default() -> Hub {
        Hub { events: broadcast::channel(4096).0, dispatch: Arc::default(), published: Arc::default(), last: AtomicI64::new(0) }
    }
}

impl Hub {
    /// A new stream's receiver, and the last event broadcast before it (replay up to there).
    pub fn subscribe(&self) -> (broadcast::Receiver<Arc<LiveEvent>>, i64) {
        let rx = self.events.subscribe();
        (rx, self.last.load(Ordering::Acquire))
    }

    pub fn published(&self) {
        self.published.notify_one();
    }

    /// Follows the published order from now on and broadcasts it (runs for the process's life).
    pub async fn run_reader(self: Arc<Hub>, db: persistence::Db) {
        let mut last = loop {
            match outbox::last_seq(&db).await {
                Ok(s) => break s,
                Err(e) => {
                    tracing::warn!(error = %e, "live: reading the last published event");
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
            }
        };
        self.last.store(last, Ordering::Release);
        if let Ok(Some(mut a)) = outbox::Announcements::listen(&db).await {
            let hub = self.clone();
            tokio::spawn(async move {
                loop {
                    match a.next().await {
                        Ok(()) => hub.published(),
                        Err(e) => {
                            tracing::warn!(error = %e, "live: listening for announcements");
                            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                        }
                    }
                }
            });
        }
        loop {
            let _ = tokio::time::timeout(std::time::Duration::from_secs(1), self.published.notified()).await;
            loop {
                match read_after(&db, persistence::AccessScope::All, last, 500).await {
                    Ok(batch) => {
                        let full = batch.len() == 500;
                        for e in batch {
                            last = e.seq;
                            // No stream open is not an error.
                            let _ = self.events.send(Arc::new(e));
                        }
                        self.last.store(last, Ordering::Release);
                        if !full {
                            break;
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "live: reading published events");
                        break;
                    }
                }
            }
        }
    }
}

/// Replayed after a reconnect at most; past it the stream says `reset`.
const REPLAY: u64 = 1000;

/// One person's (or key's) stream: what they missed since `after`, then every event in their
/// scope as it is published, a ping every 15 s; it ends when their session does (checked every
/// minute, and at the access token's expiry) or when they go away.
pub fn stream(
    ctx: Arc<crate::AppState>,
    who: crate::auth::Credentials,
    actor: crate::app::Actor,
    after: Option<i64>,
) -> impl futures_util::Stream<Item = Result<actix_web::web::Bytes, std::convert::Infallible>> {
    use actix_web::web::Bytes;
    let (out, mut rx_out) = tokio::sync::mpsc::channel::<Bytes>(64);
    let (mut events, current) = ctx.live.subscribe();
    let user = actor.user_id.map(Uuid::from);
    let expires = match &who {
        crate::auth::Credentials::Token(c) => Some(c.exp),
        crate::auth::Credentials::ApiKey { .. } => None,
    };
    tokio::spawn(async move {
        let change = |e: &LiveEvent| {
            let data = serde_json::to_string(&e.for_person(user)).unwrap_or_default();
            Bytes::from(format!("id: {}\nevent: change\ndata: {data}\n\n", e.seq))
        };
        let mut sent = after.unwrap_or(current);
        let hello = format!("retry: 3000\nid: {sent}\nevent: ready\ndata: {{\"seq\":{sent}}}\n\n");
        if out.send(Bytes::from(hello)).await.is_err() {
            return;
        }
        if after.is_some() {
            match read_after(&ctx.db, actor.scope, sent, REPLAY).await {
                Ok(missed) if missed.len() as u64 == REPLAY => {
                    sent = ctx.live.last.load(Ordering::Acquire).max(sent);
                    if out.send(Bytes::from(format!("id: {sent}\nevent: reset\ndata: {{\"seq\":{sent}}}\n\n"))).await.is_err() {
                        return;
                    }
                }
                Ok(missed) => {
                    for e in missed {
                        sent = e.seq;
                        if out.send(change(&e)).await.is_err() {
                            return;
                        }
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "live: replaying a stream");
                    return;
                }
            }
        }
        let mut ping = tokio::time::interval(std::time::Duration::from_secs(15));
        let mut check = tokio::time::interval(std::time::Duration::from_secs(60));
        ping.tick().await;
        check.tick().await;
        loop {
            tokio::select! {
                e = events.recv() => match e {
                    Ok(e) => {
                        if e.seq <= sent || !actor.scope.allows(e.organization_id.into()) {
                            continue;
                        }
                        sent = e.seq;
                        if out.send(change(&e)).await.is_err() {
                            return;
                        }
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        sent = ctx.live.last.load(Ordering::Acquire).max(sent);
                        if out.send(Bytes::from(format!("id: {sent}\nevent: reset\ndata: {{\"seq\":{sent}}}\n\n"))).await.is_err() {
                            return;
                        }
                    }
                    Err(broadcast::error::RecvError::Closed) => return,
                },
                _ = ping.tick() => {
                    if out.send(Bytes::from_static(b": ping\n\n")).await.is_err() {
                        return;
                    }
                }
                _ = check.tick() => {
                    let expired = expires.is_some_and(|exp| chrono::Utc::now().timestamp() >= exp);
                    if expired || ctx.read(&who).await.is_err() {
                        let _ = out.send(Bytes::from_static(b"event: expired\ndata: {}\n\n")).await;
                        return;
                    }
                }
            }
        }
    });
    futures_util::stream::poll_fn(move |cx| rx_out.poll_recv(cx).map(|b| b.map(Ok)))
}
