//! What a card records of everything that happens to it: an entry in its timeline (what people
//! read) and a domain event in the outbox (what integrations receive), both in the writing
//! transaction.
use crate::app::Write;
use persistence::repo::outbox;
use persistence::repo::sales::cards::Card;
use persistence::repo::sales::timeline::{self, Note};

/// Appends to the card's timeline.
pub fn note(w: &Write, card: &Card, kind: &str, text: Option<String>, data: serde_json::Value) -> persistence::entities::timeline_entry::Model {
    timeline::note(&w.tx, card, Note { kind, text, data }, &w.actor.author(), w.now)
}

/// Writes a domain event for delivery (webhooks, e-mail, integrations): `<lead|deal>.<event>`.
pub fn emit(w: &Write, card: &Card, event: &str, data: serde_json::Value) {
    let payload = serde_json::json!({
        "subject": card.kind().as_str(), "id": card.id().uuid(), "number": card.number(), "organization_id": card.organization_id(),
        "stage": card.stage(), "data": data,
        "actor": {"user_id": w.actor.user_id, "name": w.actor.name},
    });
    let e = outbox::Event { organization_id: card.organization_id(), topic: format!("{}.{event}", card.kind().as_str()), subject_type: card.kind().as_str(), subject_id: card.id().uuid(), payload };
    outbox::emit(&w.tx, e, w.now);
}


/// Writes a task's event (`task.<event>`): `task_assigned` when it was given to someone else or a
/// role's queue, `task_changed` otherwise. It names the card the task is about, if any.
pub fn emit_task(w: &Write, t: &persistence::entities::task::Model, event: &str, card: Option<&Card>) {
    let payload = serde_json::json!({
        "subject": "task", "id": t.id, "organization_id": t.organization_id,
        "card": card.map(|c| serde_json::json!({"kind": c.kind().as_str(), "id": c.id().uuid(), "number": c.number()})),
        "data": {"task_id": t.id, "title": t.title, "status": t.status, "assignee_id": t.assignee_id, "assignee_role": t.assignee_role},
        "actor": {"user_id": w.actor.user_id, "name": w.actor.name},
    });
    let e = outbox::Event { organization_id: t.organization_id.into(), topic: format!("task.{event}"), subject_type: "task", subject_id: t.id, payload };
    outbox::emit(&w.tx, e, w.now);
}

/// Whether a task now lands on somebody else's list than the caller's own.
pub fn assigned_to_another(w: &Write, t: &persistence::entities::task::Model) -> bool {
    match t.assignee_id {
        Some(a) => w.actor.user_id.map(uuid::Uuid::from) != Some(a),
        None => t.assignee_role.is_some(),
    }
}
