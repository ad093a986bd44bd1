//! Cards — leads and deals — on their pipelines. The engine (`domain::pipeline`) decides; this
//! module loads a card as the engine's [`CardState`], runs a [`Command`], and writes everything
//! the outcome says in the caller's transaction: the card, one stage event per move (with the
//! time spent in the stage it left), the timeline, tasks and requests the entered stage opens,
//! and an outbox row per domain event.
use super::*;
use crate::entities::{deal, department_request, lead, outbox, pipeline, stage_event, task, timeline_entry};
use domain::Role;
use domain::pipeline::{
    CardState, Command, Due, Event, Fact, Loss, PipelineDefinition, PipelineKind, RequestKind, RequestStatus, StageKind, TaskAssignee,
    TransitionError,
};
use std::collections::{BTreeMap, BTreeSet};

/// Which kind of card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    Lead,
    Deal,
}

impl Subject {
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Lead => "lead",
            Subject::Deal => "deal",
        }
    }

    pub fn parse(s: &str) -> Option<Subject> {
        match s {
            "lead" => Some(Subject::Lead),
            "deal" => Some(Subject::Deal),
            _ => None,
        }
    }

    pub fn pipeline_kind(self) -> PipelineKind {
        match self {
            Subject::Lead => PipelineKind::Lead,
            Subject::Deal => PipelineKind::Deal,
        }
    }
}

/// Who runs a command: the role the guards check and the name the history shows.
#[derive(Debug, Clone)]
pub struct CardActor {
    pub role: Role,
    pub audit: AuditActor,
}

/// A pipeline row with its parsed definition.
#[derive(Debug, Clone)]
pub struct Pipeline {
    pub row: pipeline::Model,
    pub def: PipelineDefinition,
}

impl Pipeline {
    pub fn from_row(row: pipeline::Model) -> Result<Pipeline, RepoError> {
        let def = serde_json::from_str(&row.definition)
            .map_err(|e| RepoError::Db(sea_orm::DbErr::Custom(format!("pipeline {} definition: {e}", row.code))))?;
        Ok(Pipeline { row, def })
    }

    pub fn stage_name(&self, code: &str) -> String {
        self.def.stage(code).map_or_else(|| code.to_owned(), |s| s.name_ru.clone())
    }

    /// The open/won/lost status a card in `stage` has.
    pub fn status_of(&self, stage: &str) -> &'static str {
        match self.def.stage(stage).map(|s| s.kind) {
            Some(StageKind::Won) => "won",
            Some(StageKind::Lost) => "lost",
            _ => "open",
        }
    }

    /// Whether a card that entered `stage` at `entered_at` has stayed longer than the stage allows.
    pub fn is_stuck(&self, stage: &str, entered_at: chrono::DateTime<chrono::Utc>, now: chrono::DateTime<chrono::Utc>) -> bool {
        self.def
            .stage(stage)
            .filter(|s| s.kind == StageKind::Open)
            .and_then(|s| s.stuck_after_hours)
            .is_some_and(|h| now - entered_at > chrono::Duration::hours(i64::from(h)))
    }
}

pub async fn load_pipeline(db: &impl ConnectionTrait, id: Uuid) -> Result<Pipeline, RepoError> {
    Pipeline::from_row(pipeline::Entity::find_by_id(id).one(db).await?.ok_or(RepoError::NotFound)?)
}

/// A lead or a deal.
#[derive(Debug, Clone)]
pub enum Card {
    Lead(lead::Model),
    Deal(deal::Model),
}

fn json_set<T: serde::de::DeserializeOwned + Ord>(s: &str) -> BTreeSet<T> {
    serde_json::from_str::<Vec<T>>(s).map(|v| v.into_iter().collect()).unwrap_or_default()
}

fn json_list<T: serde::Serialize>(set: &BTreeSet<T>) -> String {
    serde_json::to_string(&set.iter().collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into())
}

macro_rules! both {
    ($card:expr, $c:ident => $e:expr) => {
        match $card {
            Card::Lead($c) => $e,
            Card::Deal($c) => $e,
        }
    };
}

impl Card {
    pub fn subject(&self) -> Subject {
        match self {
            Card::Lead(_) => Subject::Lead,
            Card::Deal(_) => Subject::Deal,
        }
    }
    pub fn id(&self) -> Uuid {
        both!(self, c => c.id)
    }
    pub fn organization_id(&self) -> Uuid {
        both!(self, c => c.organization_id)
    }
    pub fn pipeline_id(&self) -> Uuid {
        both!(self, c => c.pipeline_id)
    }
    pub fn number(&self) -> i64 {
        both!(self, c => c.number)
    }
    pub fn title(&self) -> &str {
        both!(self, c => &c.title)
    }
    pub fn stage(&self) -> &str {
        both!(self, c => &c.stage)
    }
    pub fn version(&self) -> i32 {
        both!(self, c => c.version)
    }
    pub fn responsible_id(&self) -> Option<Uuid> {
        both!(self, c => c.responsible_id)
    }
    pub fn checklist(&self) -> BTreeSet<String> {
        both!(self, c => json_set(&c.checklist))
    }
    pub fn facts(&self) -> BTreeSet<Fact> {
        both!(self, c => json_set(&c.facts))
    }

    /// Codes of the catalogue fields (`domain::pipeline::fields_for`) this card has filled.
    pub fn filled(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut put = |code: &str, filled: bool| {
            if filled {
                out.insert(code.to_owned());
            }
        };
        let text = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        match self {
            Card::Lead(l) => {
                put("responsible", l.responsible_id.is_some());
                put("client", l.client_id.is_some());
                put("contact", text(&l.phone) || text(&l.email));
                put("company_name", text(&l.company_name));
                put("price_range", text(&l.price_range));
                put("offer_details", text(&l.offer_details));
                put("agreed_individual_offer", l.agreed_individual_offer);
                put("agreed_design", l.agreed_design);
                put("expected_revenue", l.expected_revenue_minor.is_some_and(|m| m > 0));
            }
            Card::Deal(d) => {
                put("responsible", d.responsible_id.is_some());
                put("client", true);
                put("counterparty", d.counterparty_id.is_some());
                put("expected_revenue", d.expected_revenue_minor.is_some_and(|m| m > 0));
                put("delivery_address", text(&d.delivery_address));
                put("offer_details", text(&d.offer_details));
                put("promised_payment_date", d.promised_payment_date.is_some());
                put("review_score", d.review_score.is_some());
            }
        }
        out
    }

    /// Fills the lower-cased search column from what people search cards by. Only this module writes it.
    pub(crate) fn derive_search(&mut self) {
        match self {
            Card::Lead(l) => {
                l.search_text = [Some(&l.title), l.contact_name.as_ref(), l.company_name.as_ref(), l.phone.as_ref(), l.email.as_ref()]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            }
            Card::Deal(d) => d.search_text = d.title.to_lowercase(),
        }
    }

    fn set_state(&mut self, state: &CardState, status: &str, now: chrono::DateTime<chrono::Utc>) {
        let checklist = json_list(&state.checklist);
        let facts = json_list(&state.facts);
        both!(self, c => {
            if c.status == "open" && status != "open" {
                c.closed_at = Some(now);
            }
            c.stage = state.stage.clone();
            c.stage_entered_at = state.entered_at;
            c.status = status.to_owned();
            c.checklist = checklist;
            c.facts = facts;
        })
    }

    /// Drops a recorded fact; true when the card had it.
    pub(crate) fn forget_fact(&mut self, fact: &Fact) -> bool {
        let mut facts = self.facts();
        let had = facts.remove(fact);
        let json = json_list(&facts);
        both!(self, c => c.facts = json);
        had
    }

    fn set_loss(&mut self, loss: &Loss) {
        both!(self, c => {
            c.loss_reason = Some(loss.reason().to_owned());
            c.loss_objections = loss.objections().map(str::to_owned);
            c.add_to_mailing = loss.add_to_mailing();
        })
    }

    /// Writes the card back under optimistic concurrency (`expected` is the version it was read at).
    pub(crate) async fn save(mut self, db: &impl ConnectionTrait, expected: i32, now: chrono::DateTime<chrono::Utc>) -> Result<Card, RepoError> {
        both!(&mut self, c => { c.version = expected + 1; c.updated_at = now; });
        match &self {
            Card::Lead(l) => write_versioned(db, l.id, expected, l.clone()).await?,
            Card::Deal(d) => write_versioned(db, d.id, expected, d.clone()).await?,
        }
        Ok(self)
    }
}

pub async fn find_card(db: &impl ConnectionTrait, scope: AccessScope, subject: Subject, id: Uuid) -> Result<Card, RepoError> {
    Ok(match subject {
        Subject::Lead => Card::Lead(find_in_scope::<lead::Entity>(db, scope, id).await?),
        Subject::Deal => Card::Deal(find_in_scope::<deal::Entity>(db, scope, id).await?),
    })
}

/// Status of the latest request of each kind on a deal.
pub async fn request_statuses(db: &impl ConnectionTrait, deal_id: Uuid) -> Result<BTreeMap<RequestKind, RequestStatus>, RepoError> {
    let rows = department_request::Entity::find()
        .filter(department_request::Column::DealId.eq(deal_id))
        .order_by_asc(department_request::Column::CreatedAt)
        .order_by_asc(department_request::Column::Id)
        .all(db)
        .await?;
    let mut out = BTreeMap::new();
    for r in rows {
        if let Some(kind) = RequestKind::parse(&r.kind) {
            out.insert(kind, request_status(&r.status));
        }
    }
    Ok(out)
}

/// The engine's view of a request status (taken requests are still open to it).
pub fn request_status(s: &str) -> RequestStatus {
    match s {
        "completed" => RequestStatus::Completed,
        "cancelled" => RequestStatus::Cancelled,
        _ => RequestStatus::Open,
    }
}

/// The card as the engine sees it.
pub async fn card_state(db: &impl ConnectionTrait, card: &Card) -> Result<CardState, RepoError> {
    let (stage, entered_at) = both!(card, c => (c.stage.clone(), c.stage_entered_at));
    let requests = match card {
        Card::Deal(d) => request_statuses(db, d.id).await?,
        Card::Lead(_) => BTreeMap::new(),
    };
    Ok(CardState { stage, entered_at, checklist: card.checklist(), filled: card.filled(), requests, facts: card.facts() })
}

/// Runs a person's or the system's command on a card and writes the outcome. `expected_version`
/// is the version the person saw (a stale one is [`RepoError::VersionConflict`]); `None` for facts
/// the system records, which apply to whatever the card is now.
pub async fn run(
    txn: &DatabaseTransaction,
    scope: AccessScope,
    subject: Subject,
    id: Uuid,
    expected_version: Option<i32>,
    cmd: &Command,
    actor: &CardActor,
) -> Result<Card, RepoError> {
    let card = find_card(txn, scope, subject, id).await?;
    if expected_version.is_some_and(|v| v != card.version()) {
        return Err(RepoError::VersionConflict);
    }
    let pipeline = load_pipeline(txn, card.pipeline_id()).await?;
    let state = card_state(txn, &card).await?;
    let now = chrono::Utc::now();
    let outcome = domain::pipeline::transition(&pipeline.def, &state, cmd, actor.role, now).map_err(|e| refused(&pipeline.def, e))?;
    apply(txn, card, &pipeline, outcome.state, outcome.events, actor, now).await
}

/// A refusal as the API shows it: a wrong role alone is "forbidden", anything else names what to do.
fn refused(def: &PipelineDefinition, e: TransitionError) -> RepoError {
    let forbidden = matches!(&e, TransitionError::Refused(f) if f.iter().all(|g| matches!(g, domain::pipeline::GuardFailure::Role { .. })));
    RepoError::Refused { forbidden, errors: e.field_errors(def) }
}

/// Records a fact on a card (the card may move by itself).
pub async fn record_fact(txn: &DatabaseTransaction, subject: Subject, id: Uuid, fact: Fact, actor: &CardActor) -> Result<Card, RepoError> {
    run(txn, AccessScope::All, subject, id, None, &Command::RecordFact(fact), actor).await
}

fn money(minor: Option<i64>) -> serde_json::Value {
    minor.map_or(serde_json::Value::Null, |m| domain::Money::from_minor(m).amount().to_string().into())
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
pub fn tick(card: &mut Card, pipeline: &Pipeline, changes: &BTreeMap<String, bool>) -> Result<(), domain::FieldErrors> {
    let mut errors = domain::FieldErrors::new();
    let mut ticked = card.checklist();
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
    let json = json_list(&ticked);
    both!(card, c => c.checklist = json);
    Ok(())
}

/// Edits a card's fields under optimistic concurrency; `change` may refuse with field errors once
/// it sees the stored card (e.g. an unknown checklist item). What changed goes to the timeline.
pub async fn edit(
    db: &DatabaseConnection,
    scope: AccessScope,
    subject: Subject,
    id: Uuid,
    expected_version: i32,
    actor: &AuditActor,
    change: impl FnOnce(&mut Card, &Pipeline) -> Result<(), domain::FieldErrors>,
) -> Result<Card, RepoError> {
    let txn = begin_write(db).await?;
    let mut card = find_card(&txn, scope, subject, id).await?;
    if card.version() != expected_version {
        return Err(RepoError::VersionConflict);
    }
    let pipeline = load_pipeline(&txn, card.pipeline_id()).await?;
    let (before, ticked_before) = (snapshot(&card), card.checklist());
    change(&mut card, &pipeline).map_err(RepoError::Invalid)?;
    let changes = diff(&before, &snapshot(&card), &[]);
    let ticked_after = card.checklist();
    if changes.is_empty() && ticked_before == ticked_after {
        return Ok(card);
    }
    let now = chrono::Utc::now();
    card.derive_search();
    let card = card.save(&txn, expected_version, now).await?;
    if !changes.is_empty() {
        let data = serde_json::Value::Object(changes);
        note(&txn, &card, "fields", None, data.clone(), actor, now).await?;
        emit(&txn, &card, "updated", data).await?;
    }
    if ticked_before != ticked_after {
        // With the items' names: a reader of the timeline may not read the pipeline.
        let items = |codes: Vec<&String>| -> Vec<serde_json::Value> {
            codes
                .into_iter()
                .map(|c| {
                    let item = pipeline.def.checklist_item(c);
                    serde_json::json!({"code": c, "name_ru": item.map(|i| &i.name_ru), "name_en": item.map(|i| &i.name_en)})
                })
                .collect()
        };
        let data = serde_json::json!({
            "ticked": items(ticked_after.difference(&ticked_before).collect()),
            "unticked": items(ticked_before.difference(&ticked_after).collect()),
        });
        note(&txn, &card, "checklist", None, data.clone(), actor, now).await?;
        emit(&txn, &card, "checklist_changed", data).await?;
    }
    txn.commit().await?;
    Ok(card)
}

/// Writes a new card's first stage (a stage event with no `from`) and what that stage opens.
pub(crate) async fn start(txn: &DatabaseTransaction, card: Card, pipeline: &Pipeline, actor: &CardActor) -> Result<Card, RepoError> {
    let now = chrono::Utc::now();
    let outcome = domain::pipeline::new_card(&pipeline.def, now);
    let stage = outcome.state.stage.clone();
    stage_event::Model {
        id: Uuid::now_v7(), organization_id: card.organization_id(), subject_type: card.subject().as_str().into(), subject_id: card.id(),
        pipeline_id: pipeline.row.id, from_stage: None, to_stage: stage.clone(), seconds_in_from: None, by_fact: None,
        actor_user_id: actor.audit.user_id, actor_name: actor.audit.name.clone(), at: now,
    }
    .into_active_model()
    .insert(txn)
    .await?;
    note(txn, &card, "created", None, serde_json::json!({"stage": stage, "stage_name": pipeline.stage_name(&stage)}), &actor.audit, now).await?;
    emit(txn, &card, "created", serde_json::json!({"stage": stage})).await?;
    effects(txn, &card, pipeline, &outcome.events, actor, now).await?;
    Ok(card)
}

async fn apply(
    txn: &DatabaseTransaction,
    mut card: Card,
    pipeline: &Pipeline,
    state: CardState,
    events: Vec<Event>,
    actor: &CardActor,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Card, RepoError> {
    let expected = card.version();
    card.set_state(&state, pipeline.status_of(&state.stage), now);
    for e in &events {
        if let Event::Lost { loss, .. } = e {
            card.set_loss(loss);
        }
    }
    let card = card.save(txn, expected, now).await?;
    for e in &events {
        match e {
            Event::StageChanged { from, to, seconds_in_from, by_fact } => {
                stage_event::Model {
                    id: Uuid::now_v7(), organization_id: card.organization_id(), subject_type: card.subject().as_str().into(),
                    subject_id: card.id(), pipeline_id: pipeline.row.id, from_stage: Some(from.clone()), to_stage: to.clone(),
                    seconds_in_from: Some(*seconds_in_from), by_fact: by_fact.as_ref().map(|f| f.as_str().to_owned()),
                    actor_user_id: actor.audit.user_id, actor_name: actor.audit.name.clone(), at: now,
                }
                .into_active_model()
                .insert(txn)
                .await?;
                let data = serde_json::json!({
                    "from": from, "to": to, "from_name": pipeline.stage_name(from), "to_name": pipeline.stage_name(to),
                    "seconds_in_from": seconds_in_from, "by_fact": by_fact,
                });
                note(txn, &card, "stage", None, data.clone(), &actor.audit, now).await?;
                emit(txn, &card, "stage_changed", data).await?;
            }
            Event::FactRecorded { fact } => emit(txn, &card, "fact_recorded", serde_json::json!({"fact": fact})).await?,
            Event::Won { stage } => {
                close_open_work(txn, &card, now).await?;
                note(txn, &card, "won", None, serde_json::json!({"stage": stage}), &actor.audit, now).await?;
                emit(txn, &card, "won", serde_json::json!({"stage": stage})).await?;
            }
            Event::Lost { stage, loss } => {
                close_open_work(txn, &card, now).await?;
                let data = serde_json::json!({
                    "stage": stage, "reason": loss.reason(), "reason_name": loss.reason_info().map(|r| r.name_ru),
                    "objections": loss.objections(), "add_to_mailing": loss.add_to_mailing(),
                });
                note(txn, &card, "lost", loss.objections().map(str::to_owned), data.clone(), &actor.audit, now).await?;
                emit(txn, &card, "lost", data).await?;
            }
            Event::OpenRequest { .. } | Event::CreateTask { .. } => {}
        }
    }
    effects(txn, &card, pipeline, &events, actor, now).await?;
    Ok(card)
}

/// Opens the requests and creates the tasks the entered stages ask for.
async fn effects(
    txn: &DatabaseTransaction,
    card: &Card,
    pipeline: &Pipeline,
    events: &[Event],
    actor: &CardActor,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), RepoError> {
    for e in events {
        match e {
            Event::OpenRequest { request } => {
                if let Card::Deal(d) = card {
                    open_request(txn, d, *request, None, d.delivery_address.clone(), &actor.audit, now).await?;
                }
            }
            Event::CreateTask { code, title_ru, assignee, due, .. } => {
                let (assignee_id, assignee_role) = match assignee {
                    TaskAssignee::Responsible => match card.responsible_id() {
                        Some(id) => (Some(id), None),
                        // Nobody is responsible yet: the sales managers' queue takes it.
                        None => (None, Some(Role::Manager.as_str().to_owned())),
                    },
                    TaskAssignee::Role { role } => (None, Some(role.as_str().to_owned())),
                };
                let due_at = match due {
                    Due::InHours { hours } => now + chrono::Duration::hours(i64::from(*hours)),
                    Due::DaysBeforeField { field, days } => match (card, field.as_str()) {
                        (Card::Deal(d), "promised_payment_date") => d
                            .promised_payment_date
                            .map(|date| reminder_at(date, *days))
                            .filter(|at| *at > now)
                            .unwrap_or(now + chrono::Duration::hours(1)),
                        _ => now + chrono::Duration::hours(24),
                    },
                };
                let t = task::Model {
                    id: Uuid::now_v7(), organization_id: card.organization_id(), subject_type: Some(card.subject().as_str().into()),
                    subject_id: Some(card.id()), code: Some(code.clone()), kind: "task".into(), title: title_ru.clone(), description: None,
                    due_at, assignee_id, assignee_role, status: "open".into(), result: None, completed_at: None, completed_by: None,
                    created_by: actor.audit.user_id, created_at: now, updated_at: now, version: 1,
                }
                .into_active_model()
                .insert(txn)
                .await?;
                let data = serde_json::json!({"task_id": t.id, "title": t.title, "due_at": t.due_at, "code": code,
                    "stage_name": pipeline.stage_name(card.stage())});
                note(txn, card, "task_created", None, data.clone(), &actor.audit, now).await?;
                emit(txn, card, "task_created", data).await?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// 09:00 Moscow time (06:00 UTC), `days` before `date`.
fn reminder_at(date: chrono::NaiveDate, days: u32) -> chrono::DateTime<chrono::Utc> {
    let day = date - chrono::Duration::days(i64::from(days));
    day.and_hms_opt(6, 0, 0).map_or_else(chrono::Utc::now, |t| t.and_utc())
}

/// A closed card — won or lost — needs no more work: its open tasks and requests are cancelled
/// (else a converted lead's first call or a won deal's reminders stay in "my day" for ever).
async fn close_open_work(txn: &DatabaseTransaction, card: &Card, now: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    task::Entity::update_many()
        .col_expr(task::Column::Status, Expr::value("cancelled"))
        .col_expr(task::Column::UpdatedAt, Expr::value(now))
        .col_expr(task::Column::Version, Expr::col(task::Column::Version).add(1))
        .filter(task::Column::SubjectId.eq(card.id()))
        .filter(task::Column::Status.eq("open"))
        .exec(txn)
        .await?;
    if let Card::Deal(d) = card {
        department_request::Entity::update_many()
            .col_expr(department_request::Column::Status, Expr::value("cancelled"))
            .col_expr(department_request::Column::CancelledAt, Expr::value(now))
            .col_expr(department_request::Column::CancelReason, Expr::value("Сделка закрыта"))
            .col_expr(department_request::Column::UpdatedAt, Expr::value(now))
            .col_expr(department_request::Column::Version, Expr::col(department_request::Column::Version).add(1))
            .filter(department_request::Column::DealId.eq(d.id))
            .filter(department_request::Column::Status.is_in(["open", "in_progress"]))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// Opens a request of `kind` on a deal unless one is already open; returns the open one.
pub(crate) async fn open_request(
    txn: &DatabaseTransaction,
    deal: &deal::Model,
    kind: RequestKind,
    details: Option<String>,
    delivery_address: Option<String>,
    actor: &AuditActor,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<department_request::Model, RepoError> {
    if let Some(open) = department_request::Entity::find()
        .filter(department_request::Column::DealId.eq(deal.id))
        .filter(department_request::Column::Kind.eq(kind.as_str()))
        .filter(department_request::Column::Status.is_in(["open", "in_progress"]))
        .one(txn)
        .await?
    {
        return Ok(open);
    }
    let r = department_request::Model {
        id: Uuid::now_v7(), organization_id: deal.organization_id, number: next_number(txn, "request").await?, deal_id: deal.id,
        kind: kind.as_str().into(), status: "open".into(), details: details.or_else(|| deal.offer_details.clone()), delivery_address,
        assignee_id: None, cost_minor: None, carrier: None, eta_date: None, answer_comment: None, opened_by: actor.user_id,
        taken_at: None, completed_by: None, completed_at: None, cancelled_at: None, cancel_reason: None, created_at: now,
        updated_at: now, version: 1,
    }
    .into_active_model()
    .insert(txn)
    .await?;
    let card = Card::Deal(deal.clone());
    let data = serde_json::json!({"request_id": r.id, "number": r.number, "kind": r.kind, "kind_name": kind.title_ru()});
    note(txn, &card, "request_opened", None, data.clone(), actor, now).await?;
    emit(txn, &card, "request_opened", data).await?;
    Ok(r)
}

/// Appends to the card's timeline.
pub(crate) async fn note(
    db: &impl ConnectionTrait,
    card: &Card,
    kind: &str,
    text: Option<String>,
    data: serde_json::Value,
    actor: &AuditActor,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), RepoError> {
    timeline_entry::Model {
        id: Uuid::now_v7(), organization_id: card.organization_id(), subject_type: card.subject().as_str().into(), subject_id: card.id(),
        kind: kind.into(), text, data: data.to_string(), actor_user_id: actor.user_id, actor_name: actor.name.clone(), at,
    }
    .into_active_model()
    .insert(db)
    .await?;
    Ok(())
}

/// Writes a domain event for delivery (webhooks, e-mail, integrations): `<lead|deal>.<event>`.
pub(crate) async fn emit(db: &impl ConnectionTrait, card: &Card, event: &str, data: serde_json::Value) -> Result<(), RepoError> {
    let now = chrono::Utc::now();
    let payload = serde_json::json!({
        "subject": card.subject().as_str(), "id": card.id(), "number": card.number(), "organization_id": card.organization_id(),
        "stage": card.stage(), "data": data,
    });
    outbox::Model {
        id: Uuid::now_v7(), organization_id: card.organization_id(), topic: format!("{}.{event}", card.subject().as_str()),
        subject_type: card.subject().as_str().into(), subject_id: card.id(), payload: payload.to_string(), created_at: now,
        available_at: now, attempts: 0, delivered_at: None, last_error: None,
    }
    .into_active_model()
    .insert(db)
    .await?;
    Ok(())
}

/// The next human-readable number of a sequence (`lead`, `deal`, `request`), gap-free per commit.
pub(crate) async fn next_number(db: &impl ConnectionTrait, name: &str) -> Result<i64, RepoError> {
    use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
    let ensure = Query::insert()
        .into_table(Alias::new("number_sequences"))
        .columns([Alias::new("name"), Alias::new("value")])
        .values_panic([name.into(), 0i64.into()])
        .on_conflict(OnConflict::column(Alias::new("name")).do_nothing().to_owned())
        .to_owned();
    db.execute(&ensure).await?;
    let bump = Query::update()
        .table(Alias::new("number_sequences"))
        .value(Alias::new("value"), Expr::col(Alias::new("value")).add(1))
        .and_where(Expr::col(Alias::new("name")).eq(name))
        .returning_col(Alias::new("value"))
        .to_owned();
    let row = db
        .query_one(&bump)
        .await?
        .ok_or_else(|| RepoError::Db(sea_orm::DbErr::Custom(format!("sequence {name}"))))?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

use sea_orm::DatabaseTransaction;
use sea_orm::sea_query::Alias;
