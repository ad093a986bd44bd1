//! The outbox dispatcher: claims events due for delivery (`FOR UPDATE SKIP LOCKED` on
//! PostgreSQL, so several processes never take the same row), runs what each event causes
//! (today: the notifications it gives; the e-mail and webhook issues add theirs here), gives it its
//! place in the published order and marks it delivered — all in one transaction, so an event is
//! delivered at least once and its effects are deduplicated by the event's id. A failing event is
//! retried later with a growing pause and its error kept; the others go on.
use crate::AppState;
use crate::error::AppError;
use actix_web::web;
use persistence::repo::{outbox, sequences};
use std::time::Duration;
use uuid::Uuid;

/// Events claimed per transaction.
const BATCH: u64 = 100;
/// How often the outbox is looked at when no write in this process said so (another process's
/// writes are taken by that process's dispatcher at once; this catches retries and stopped ones).
const POLL: Duration = Duration::from_millis(500);

pub async fn run(ctx: web::Data<AppState>) {
    loop {
        let _ = tokio::time::timeout(POLL, ctx.live.dispatch.notified()).await;
        if let Err(e) = drain(&ctx).await {
            tracing::warn!(error = %e, "outbox: dispatching");
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}

/// Dispatches until nothing is due. Returns how many events were delivered.
pub async fn drain(ctx: &AppState) -> Result<usize, AppError> {
    let mut total = 0;
    loop {
        if !outbox::any_pending(&ctx.db, ctx.now()).await? {
            return Ok(total);
        }
        match dispatch(ctx, BATCH).await {
            Ok(0) => return Ok(total),
            Ok(n) => total += n,
            // One event failed and the batch with it: go one by one, so that only it waits.
            Err(_) => loop {
                match dispatch(ctx, 1).await {
                    Ok(0) => return Ok(total),
                    Ok(n) => total += n,
                    Err(Failure { id: Some(id), error }) => postpone(ctx, id, &error).await?,
                    Err(Failure { id: None, error }) => return Err(error),
                }
            },
        }
    }
}

struct Failure {
    /// The event it failed on, when one was claimed.
    id: Option<Uuid>,
    error: AppError,
}

impl From<persistence::RepoError> for Failure {
    fn from(e: persistence::RepoError) -> Failure {
        Failure { id: None, error: e.into() }
    }
}

/// One transaction: claim up to `limit` events, run their effects, publish them.
async fn dispatch(ctx: &AppState, limit: u64) -> Result<usize, Failure> {
    let now = ctx.now();
    let tx = persistence::begin_write(&ctx.db, &ctx.writes).await?;
    let events = outbox::claim(&tx, now, limit).await?;
    if events.is_empty() {
        persistence::commit(tx).await?;
        return Ok(0);
    }
    for e in &events {
        crate::app::notifications::derive(&tx, e, now).await.map_err(|error| Failure { id: Some(e.id), error })?;
    }
    let last = sequences::reserve(&tx, "live", events.len() as i64).await?;
    let first = last - events.len() as i64 + 1;
    for (seq, e) in (first..).zip(&events) {
        outbox::delivered(&tx, e.id, seq, now).await?;
    }
    outbox::announce(&tx).await?;
    persistence::commit(tx).await?;
    ctx.live.published();
    Ok(events.len())
}

/// An event whose effects failed waits 2^attempts seconds (at most an hour) and is tried again.
async fn postpone(ctx: &AppState, id: Uuid, error: &AppError) -> Result<(), AppError> {
    tracing::warn!(event = %id, error = %error, "outbox: an event failed; it will be tried again");
    let tx = persistence::begin_write(&ctx.db, &ctx.writes).await?;
    let attempts = outbox::attempts(&tx, id).await?;
    let wait = Duration::from_secs(2u64.saturating_pow(attempts.clamp(0, 12) as u32).min(3600));
    let retry_at = ctx.now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1));
    outbox::failed(&tx, id, &error.to_string(), retry_at).await?;
    persistence::commit(tx).await?;
    Ok(())
}
