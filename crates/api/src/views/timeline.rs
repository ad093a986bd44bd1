//! A card's timeline as its page shows it.
use crate::error::AppError;
use chrono::{DateTime, Utc};
use domain::sales::CardKind;
use persistence::entities::timeline_entry;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// created | from_lead | stage | fields | checklist | comment | file | task_created | task_done |
/// request_opened | request_taken | request_completed | request_cancelled | payment | converted | won | lost
#[derive(Serialize, ToSchema)]
pub struct TimelineEntry {
    pub id: Uuid,
    pub subject_type: CardKind,
    pub subject_id: Uuid,
    pub kind: String,
    /// A comment's text, a task's result, a loss's objections.
    pub text: Option<String>,
    /// The entry's details: `{from, to, from_name, to_name, seconds_in_from, by_fact}` for a stage
    /// change, `{field: {old, new}}` for an edit, `{file_id, name, size}` for a file, …
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    pub actor_name: String,
    pub at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct Timeline {
    pub items: Vec<TimelineEntry>,
}

pub fn entry_out(e: timeline_entry::Model) -> Result<TimelineEntry, AppError> {
    Ok(TimelineEntry {
        subject_type: e.subject_kind()?,
        data: serde_json::from_str(&e.data).map_err(|err| AppError::Internal(anyhow::anyhow!("timeline entry {}: {err}", e.id)))?,
        id: e.id,
        subject_id: e.subject_id,
        kind: e.kind,
        text: e.text,
        actor_name: e.actor_name,
        at: e.at,
    })
}
