//! The stuck-card watch: once a minute it finds the open cards that have just stayed in a stage
//! longer than the stage's `stuck_after_hours`, and writes one `<lead|deal>.stuck` event for each
//! (its id follows from the card and the moment it entered the stage, so several processes — or
//! a watch that looks twice — announce it once). The dispatcher turns it into the responsible
//! person's notification.
use crate::AppState;
use crate::error::AppError;
use actix_web::web;
use chrono::{DateTime, Utc};
use domain::pipelines::{PipelineKind, StageKind};
use domain::sales::CardKind;
use persistence::repo::{outbox, pipelines, sales};
use std::time::Duration;
use uuid::Uuid;

/// How far back the first look after a start goes (cards that got stuck while no server ran).
const CATCH_UP: chrono::Duration = chrono::Duration::days(1);

pub async fn run(ctx: web::Data<AppState>) {
    // Under the tests' clock, time jumps: look every second.
    let every = if ctx.config.test_clock_file.is_some() { Duration::from_secs(1) } else { Duration::from_secs(60) };
    let mut since = ctx.now() - CATCH_UP;
    loop {
        tokio::time::sleep(every).await;
        let now = ctx.now();
        match look(&ctx, since, now).await {
            Ok(found) => {
                since = now;
                if found > 0 {
                    ctx.live.dispatch.notify_one();
                }
            }
            Err(e) => tracing::warn!(error = %e, "stuck-card watch"),
        }
    }
}

/// Writes the events of the cards that became stuck after `since` and no later than `now`.
pub async fn look(ctx: &AppState, since: DateTime<Utc>, now: DateTime<Utc>) -> Result<usize, AppError> {
    if now <= since {
        return Ok(0);
    }
    let mut found = 0;
    for p in pipelines::list(&ctx.db, None, false).await? {
        let kind = match p.kind() {
            PipelineKind::Lead => CardKind::Lead,
            PipelineKind::Deal => CardKind::Deal,
        };
        for stage in p.def.stages.iter().filter(|s| s.kind == StageKind::Open) {
            let Some(hours) = stage.stuck_after_hours else { continue };
            let limit = chrono::Duration::hours(i64::from(hours));
            for card in sales::entered_between(&ctx.db, kind, p.id(), &stage.code, since - limit, now - limit).await? {
                let key = format!("{}:{}:{}", card.id, stage.code, card.stage_entered_at.timestamp_micros());
                let id = Uuid::new_v5(&Uuid::NAMESPACE_OID, key.as_bytes());
                let payload = serde_json::json!({
                    "subject": kind.as_str(), "id": card.id, "number": card.number, "organization_id": card.organization_id,
                    "stage": stage.code, "data": {"stage_name": stage.name_ru, "stuck_after_hours": hours}, "actor": null,
                });
                let e = outbox::Event { organization_id: card.organization_id.into(), topic: format!("{}.stuck", kind.as_str()), subject_type: kind.as_str(), subject_id: card.id, payload };
                outbox::emit_once(&ctx.db, id, e, now).await?;
                found += 1;
            }
        }
    }
    Ok(found)
}
