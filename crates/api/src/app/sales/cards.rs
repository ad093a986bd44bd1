//! The pipeline engine on a card. [`load`] reads a card with everything its page shows; [`run`]
//! asks the engine (`domain::pipelines`) to move it or record a fact and writes everything the
//! outcome says in the caller's transaction — the card, one stage event per move (with the time
//! spent in the stage it left), the timeline, the tasks and requests the entered stage opens, and
//! an outbox row per domain event — updating the view in place, so the response needs no re-read.
use crate::app::Write;
use crate::app::journal::{emit, note};
use crate::error::AppError;
use domain::Role;
use domain::pipelines::{CardState, Command, Event, Fact, MoveOption};
use domain::sales::{CardId, CardStatus};
use domain::work::TaskStatus;
use persistence::repo::pipelines::{self, Pipeline};
use persistence::repo::sales::cards::{self, Card, StageEntry};
use persistence::repo::sales::{CardNames, deals, leads};
use persistence::repo::work::requests::{self, RequestRow};
use persistence::repo::work::tasks;
use persistence::{AccessScope, ConnectionTrait};
use std::sync::Arc;

/// A card with everything its page shows: its names, its pipeline and (a deal's) requests.
#[derive(Debug, Clone)]
pub struct CardView {
    pub card: Card,
    pub names: CardNames,
    pub pipeline: Arc<Pipeline>,
    /// A deal's requests to other departments, oldest first; none for a lead.
    pub requests: Vec<RequestRow>,
    /// Where the viewer can move the card next, and what stops them now (see [`CardView::for_role`]).
    pub moves: Vec<MoveOption>,
}

impl CardView {
    /// The view for a person of `role`: the moves they can make from here (none on a closed card).
    pub fn for_role(mut self, role: Role) -> Result<CardView, AppError> {
        self.moves = if self.card.status()? == CardStatus::Open { domain::pipelines::moves(&self.pipeline.def, &self.state()?, role) } else { vec![] };
        Ok(self)
    }

    /// The card as the engine sees it.
    pub fn state(&self) -> Result<CardState, AppError> {
        Ok(self.card.state(requests::latest_statuses(&self.requests)?)?)
    }
}

/// Reads a card the caller can see, with its names, pipeline (from `cache` while unchanged) and requests.
pub async fn load(db: &impl ConnectionTrait, cache: &pipelines::Cache, scope: AccessScope, id: CardId) -> Result<CardView, AppError> {
    let (card, names, version, requests) = match id {
        CardId::Lead(id) => {
            let row = leads::get_row(db, scope, id).await?;
            (Card::Lead(row.row), row.names, row.pipeline_version, vec![])
        }
        CardId::Deal(id) => {
            let (row, requests) = deals::get_with_requests(db, scope, id).await?;
            (Card::Deal(row.row), row.names, row.pipeline_version, requests)
        }
    };
    let pipeline = cache.at(db, card.pipeline_id(), version).await?;
    Ok(CardView { card, names, pipeline, requests, moves: vec![] })
}

/// Reads the names again after an edit that may have changed who or what they name.
async fn refresh_names(db: &impl ConnectionTrait, v: &mut CardView) -> Result<(), AppError> {
    v.names = match v.card.id() {
        CardId::Lead(id) => leads::get_row(db, AccessScope::All, id).await?.names,
        CardId::Deal(id) => deals::get_row(db, AccessScope::All, id).await?.names,
    };
    Ok(())
}

/// A stale version (the person saw an older card) is a 409, and nothing changes.
pub fn check_version(v: &CardView, seen: i32) -> Result<(), AppError> {
    if v.card.version() == seen { Ok(()) } else { Err(AppError::VersionConflict) }
}

/// Runs a person's move or a recorded fact on the card and writes the outcome.
pub async fn run(w: &Write, v: &mut CardView, cmd: &Command) -> Result<(), AppError> {
    let state = v.state()?;
    let outcome = domain::pipelines::transition(&v.pipeline.def, &state, cmd, w.actor.role, w.now).map_err(|e| AppError::refused(&v.pipeline.def, e))?;
    let status = v.pipeline.status_of(&outcome.state.stage);
    let mut card = v.card.clone();
    card.set_state(&outcome.state, status, w.now);
    for e in &outcome.events {
        if let Event::Lost { loss, .. } = e {
            card.set_loss(loss);
        }
    }
    v.card = cards::save(&w.tx, &v.card, card, w.now).await?;
    for e in &outcome.events {
        match e {
            Event::StageChanged { from, to, seconds_in_from, by_fact } => {
                let entry = StageEntry { card: &v.card, from: Some(from), to, seconds_in_from: Some(*seconds_in_from), by_fact: by_fact.as_ref() };
                cards::record_stage(&w.tx, entry, &w.actor.author(), w.now);
                let data = serde_json::json!({
                    "from": from, "to": to, "from_name": v.pipeline.stage_name(from), "to_name": v.pipeline.stage_name(to),
                    "seconds_in_from": seconds_in_from, "by_fact": by_fact,
                });
                note(w, &v.card, "stage", None, data.clone());
                emit(w, &v.card, "stage_changed", data);
            }
            Event::FactRecorded { fact } => emit(w, &v.card, "fact_recorded", serde_json::json!({"fact": fact})),
            Event::Won { stage } => {
                close_open_work(w, &v.card).await?;
                note(w, &v.card, "won", None, serde_json::json!({"stage": stage}));
                emit(w, &v.card, "won", serde_json::json!({"stage": stage}));
            }
            Event::Lost { stage, loss } => {
                close_open_work(w, &v.card).await?;
                let data = serde_json::json!({
                    "stage": stage, "reason": loss.reason(), "reason_name": loss.reason_info().map(|r| r.name_ru),
                    "objections": loss.objections(), "add_to_mailing": loss.add_to_mailing(),
                });
                note(w, &v.card, "lost", loss.objections().map(str::to_owned), data.clone());
                emit(w, &v.card, "lost", data);
            }
            Event::OpenRequest { .. } | Event::CreateTask { .. } => {}
        }
    }
    follow_effects(w, v, &outcome.events).await
}

/// Writes a new card's first stage (a stage event with no `from`) and what that stage opens.
pub async fn start(w: &Write, v: &mut CardView) -> Result<(), AppError> {
    let outcome = domain::pipelines::new_card(&v.pipeline.def, w.now);
    let stage = outcome.state.stage.clone();
    let entry = StageEntry { card: &v.card, from: None, to: &stage, seconds_in_from: None, by_fact: None };
    cards::record_stage(&w.tx, entry, &w.actor.author(), w.now);
    note(w, &v.card, "created", None, serde_json::json!({"stage": stage, "stage_name": v.pipeline.stage_name(&stage)}));
    emit(w, &v.card, "created", serde_json::json!({"stage": stage}));
    follow_effects(w, v, &outcome.events).await
}

/// Starts what the entered stages ask for in other areas; reads a deal's requests again when they changed.
async fn follow_effects(w: &Write, v: &mut CardView, events: &[Event]) -> Result<(), AppError> {
    if crate::app::effects::follow(w, &v.card, &v.pipeline, events).await?
        && let CardId::Deal(id) = v.card.id()
    {
        v.requests = requests::of_deal(&w.tx, id).await?;
    }
    Ok(())
}

/// A closed card — won or lost — needs no more work: its open tasks and requests are cancelled
/// (else a converted lead's first call or a won deal's reminders stay in "my day" for ever).
async fn close_open_work(w: &Write, card: &Card) -> Result<(), AppError> {
    tasks::close_open_of(&w.tx, card.id(), TaskStatus::Cancelled, w.now).await?;
    if let CardId::Deal(id) = card.id() {
        requests::cancel_active_of(&w.tx, id, "Сделка закрыта", w.now).await?;
    }
    Ok(())
}

fn money(m: Option<i64>) -> serde_json::Value {
    m.and_then(|m| domain::Money::from_minor(m, domain::Currency::Rub).ok()).map_or(serde_json::Value::Null, |m| m.amount().to_string().into())
}

/// The fields of a card its timeline compares on an edit.
fn snapshot(card: &Card) -> serde_json::Value {
    match card {
        Card::Lead(l) => serde_json::json!({
            "title": l.title, "responsible_id": l.responsible_id, "client_id": l.client_id, "contact_name": l.contact_name,
            "company_name": l.company_name, "phone": l.phone, "email": l.email, "message": l.message, "keywords": l.keywords,
            "price_range": l.price_range, "offer_details": l.offer_details, "agreed_individual_offer": l.agreed_individual_offer,
            "agreed_design": l.agreed_design, "expected_revenue": money(l.expected_revenue_minor),
        }),
        Card::Deal(d) => serde_json::json!({
            "title": d.title, "counterparty_id": d.counterparty_id, "responsible_id": d.responsible_id,
            "expected_revenue": money(d.expected_revenue_minor), "delivery_address": d.delivery_address, "offer_details": d.offer_details,
            "promised_payment_date": d.promised_payment_date, "review_score": d.review_score,
        }),
    }
}

/// Ticks or clears checklist items; every code must be an item of the card's pipeline.
pub fn tick(card: &mut Card, pipeline: &Pipeline, changes: &domain::sales::commands::ChecklistPatch) -> Result<(), AppError> {
    let mut errors = domain::FieldErrors::new();
    let mut ticked = card.checklist()?;
    for (code, on) in changes {
        if pipeline.def.checklist_item(code).is_none() {
            errors.add(format!("checklist.{code}"), domain::FieldError::new("unknown_checklist_item", "В этой воронке нет такого пункта чек-листа"));
        } else if *on {
            ticked.insert(code.clone());
        } else {
            ticked.remove(code);
        }
    }
    errors.into_result()?;
    card.set_checklist(&ticked);
    Ok(())
}

/// Edits a card's fields (`change` may refuse once it sees the stored card, e.g. an unknown
/// checklist item). What changed goes to the timeline and the outbox; nothing changed, nothing is written.
pub async fn edit(w: &Write, v: &mut CardView, change: impl FnOnce(&mut Card, &Pipeline) -> Result<(), AppError>) -> Result<(), AppError> {
    let (before, ticked_before) = (snapshot(&v.card), v.card.checklist()?);
    let mut card = v.card.clone();
    change(&mut card, &v.pipeline)?;
    let changes = persistence::repo::diff(&before, &snapshot(&card));
    let ticked_after = card.checklist()?;
    if changes.is_empty() && ticked_before == ticked_after {
        return Ok(());
    }
    let checklist = (ticked_before != ticked_after).then_some("checklist");
    domain::sales::closed::check_edit(v.card.kind(), v.card.status()?, changes.keys().map(String::as_str).chain(checklist))?;
    v.card = cards::save(&w.tx, &v.card, card, w.now).await?;
    if !changes.is_empty() {
        let data = serde_json::Value::Object(changes);
        note(w, &v.card, "fields", None, data.clone());
        emit(w, &v.card, "updated", data);
        refresh_names(&w.tx, v).await?;
    }
    if ticked_before != ticked_after {
        // With the items' names: a reader of the timeline may not read the pipeline.
        let items = |codes: Vec<&String>| -> Vec<serde_json::Value> {
            codes
                .into_iter()
                .map(|c| {
                    let item = v.pipeline.def.checklist_item(c);
                    serde_json::json!({"code": c, "name_ru": item.map(|i| &i.name_ru), "name_en": item.map(|i| &i.name_en)})
                })
                .collect()
        };
        let data = serde_json::json!({
            "ticked": items(ticked_after.difference(&ticked_before).collect()),
            "unticked": items(ticked_before.difference(&ticked_after).collect()),
        });
        note(w, &v.card, "checklist", None, data.clone());
        emit(w, &v.card, "checklist_changed", data);
    }
    Ok(())
}

/// Moves a card by hand (a drag on the board, or "next stage" on the card).
pub async fn move_by_hand(w: &Write, v: &mut CardView, cmd: domain::sales::commands::MoveCard) -> Result<(), AppError> {
    check_version(v, cmd.version)?;
    run(w, v, &Command::Move { to: cmd.to, loss: cmd.loss }).await
}

/// The status a card shows (open, won, lost).
pub fn status(card: &Card) -> Result<CardStatus, AppError> {
    Ok(card.status()?)
}

/// Drops a fact the card recorded (a new request of a kind makes its earlier answer count no more).
pub async fn forget_fact(w: &Write, v: &mut CardView, fact: &Fact) -> Result<(), AppError> {
    let mut card = v.card.clone();
    if card.forget_fact(fact)? {
        v.card = cards::save(&w.tx, &v.card, card, w.now).await?;
    }
    Ok(())
}

/// An admin opens a won or lost card again, with a reason: back to the stage it was closed from,
/// recorded as a stage entry and on the timeline. What the stage opens (tasks, requests) is not
/// opened again: the people on the card decide what is still to do.
pub async fn reopen(ctx: &crate::AppState, who: &crate::auth::Credentials, id: CardId, cmd: domain::sales::commands::ReopenCard) -> Result<CardView, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(domain::Permission::write_cards(id.kind().pipeline_kind()))?;
    let mut v = load(&w.tx, &w.pipelines, w.actor.scope, id).await?;
    w.actor.require(domain::Permission::CardsReopen)?;
    domain::sales::closed::check_reopen(v.card.status()?, v.card.converted(), &cmd.reason)?;
    check_version(&v, cmd.version)?;
    let from = v.card.stage().to_owned();
    let to = match cards::stage_before(&w.tx, id).await? {
        Some(s) if v.pipeline.def.stage(&s).is_some() => s,
        _ => v.pipeline.first_stage()?,
    };
    let mut card = v.card.clone();
    card.reopen(&to, w.now);
    v.card = cards::save(&w.tx, &v.card, card, w.now).await?;
    let entry = StageEntry { card: &v.card, from: Some(&from), to: &to, seconds_in_from: None, by_fact: None };
    cards::record_stage(&w.tx, entry, &w.actor.author(), w.now);
    let data = serde_json::json!({"from": from, "to": to, "from_name": v.pipeline.stage_name(&from), "to_name": v.pipeline.stage_name(&to), "reason": cmd.reason});
    note(&w, &v.card, "reopened", Some(cmd.reason.clone()), data.clone());
    emit(&w, &v.card, "reopened", data);
    let role = w.actor.role;
    w.commit().await?;
    v.for_role(role)
}
