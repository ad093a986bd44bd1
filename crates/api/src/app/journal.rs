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
    });
    let e = outbox::Event { organization_id: card.organization_id(), topic: format!("{}.{event}", card.kind().as_str()), subject_type: card.kind().as_str(), subject_id: card.id().uuid(), payload };
    outbox::emit(&w.tx, e, w.now);
}

