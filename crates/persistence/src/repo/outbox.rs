//! The outbox: a domain event written in the same transaction as the change it describes, for
//! delivery (webhooks, e-mail, integrations) at least once, with a stable id to deduplicate on.
use crate::entities::outbox;
use crate::repo::*;
use crate::Tx;
use domain::OrganizationId;

/// One event to deliver: `topic` like `deal.stage_changed`, about the row `subject_type`/`subject_id`.
pub struct Event<'a> {
    pub organization_id: OrganizationId,
    pub topic: String,
    pub subject_type: &'a str,
    pub subject_id: Uuid,
    pub payload: serde_json::Value,
}

/// Writes the event when the transaction commits.
pub fn emit(tx: &Tx, e: Event<'_>, now: chrono::DateTime<chrono::Utc>) {
    let row = outbox::Model {
        id: Uuid::now_v7(), organization_id: e.organization_id.into(), topic: e.topic, subject_type: e.subject_type.to_owned(),
        subject_id: e.subject_id, payload: e.payload.to_string(), created_at: now, available_at: now, attempts: 0, delivered_at: None,
        last_error: None,
    };
    tx.append(row.into_active_model());
}
