//! Work around the cards: requests to other departments (their queues) and tasks ("my day").
//! Finishing either may move its card: the engine gets the fact it records.
use super::cards::{self, Card, CardActor, Subject};
use super::*;
use crate::entities::{deal, department_request, file, lead, task};
use domain::pipeline::{Fact, RequestKind};
use domain::requests::{RequestAction, RequestState};

// ---------- requests ----------

#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    /// Empty: every kind.
    pub kinds: Vec<RequestKind>,
    /// Empty: every status.
    pub statuses: Vec<RequestState>,
    pub assignee_id: Option<Uuid>,
    pub deal_id: Option<Uuid>,
}

/// A department's queue: oldest first, keyset-paged on (created_at, id).
pub async fn list_requests(
    db: &DatabaseConnection,
    scope: AccessScope,
    f: &RequestFilter,
    limit: u64,
    cursor: Option<&str>,
) -> Result<(Vec<department_request::Model>, Option<String>), RepoError> {
    use department_request::Column as C;
    let mut cond = scoped(scope, C::OrganizationId);
    if !f.kinds.is_empty() {
        cond = cond.add(C::Kind.is_in(f.kinds.iter().map(|k| k.as_str())));
    }
    if !f.statuses.is_empty() {
        cond = cond.add(C::Status.is_in(f.statuses.iter().map(|s| s.as_str())));
    }
    if let Some(a) = f.assignee_id {
        cond = cond.add(C::AssigneeId.eq(a));
    }
    if let Some(d) = f.deal_id {
        cond = cond.add(C::DealId.eq(d));
    }
    if let Some((at, id)) = cursor.and_then(super::sales::decode_page_cursor) {
        cond = cond.add(Condition::any().add(C::CreatedAt.gt(at)).add(Condition::all().add(C::CreatedAt.eq(at)).add(C::Id.gt(id))));
    }
    let mut rows = department_request::Entity::find()
        .filter(cond)
        .order_by_asc(C::CreatedAt)
        .order_by_asc(C::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let next = next_page(&mut rows, limit, |r| super::sales::encode_page_cursor(r.created_at, r.id));
    Ok((rows, next))
}

pub async fn get_request(db: &impl ConnectionTrait, scope: AccessScope, id: Uuid) -> Result<department_request::Model, RepoError> {
    find_in_scope::<department_request::Entity>(db, scope, id).await
}

/// Deals of the given ids (for the queue rows' deal numbers, titles and clients).
pub async fn deals_by_ids(db: &DatabaseConnection, ids: impl IntoIterator<Item = Uuid>) -> Result<Vec<deal::Model>, RepoError> {
    let ids: std::collections::BTreeSet<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(deal::Entity::find().filter(deal::Column::Id.is_in(ids)).all(db).await?)
}

/// Clients' names by id.
pub async fn client_names(db: &DatabaseConnection, ids: impl IntoIterator<Item = Uuid>) -> Result<std::collections::HashMap<Uuid, String>, RepoError> {
    let ids: std::collections::BTreeSet<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(Uuid, String)> = client::Entity::find()
        .select_only()
        .column(client::Column::Id)
        .column(client::Column::Name)
        .filter(client::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

fn request_refused(e: domain::FieldError) -> RepoError {
    let mut f = domain::FieldErrors::new();
    f.add("status", e);
    RepoError::Invalid(f)
}

/// Loads a request for a change: in scope, at `expected` version, and allowing `action`.
async fn request_for(
    txn: &sea_orm::DatabaseTransaction,
    scope: AccessScope,
    id: Uuid,
    expected: i32,
    action: RequestAction,
) -> Result<(department_request::Model, RequestState), RepoError> {
    let r = get_request(txn, scope, id).await?;
    if r.version != expected {
        return Err(RepoError::VersionConflict);
    }
    let state = RequestState::parse(&r.status).unwrap_or(RequestState::Open);
    let next = state.next(action).map_err(request_refused)?;
    Ok((r, next))
}

async fn save_request(txn: &sea_orm::DatabaseTransaction, mut r: department_request::Model, expected: i32) -> Result<department_request::Model, RepoError> {
    r.version = expected + 1;
    r.updated_at = chrono::Utc::now();
    write_versioned(txn, r.id, expected, r.clone()).await?;
    Ok(r)
}

async fn deal_card(txn: &sea_orm::DatabaseTransaction, r: &department_request::Model) -> Result<Card, RepoError> {
    Ok(Card::Deal(find_in_scope::<deal::Entity>(txn, AccessScope::All, r.deal_id).await?))
}

/// Someone in the department takes the request (or takes it over).
pub async fn take_request(db: &DatabaseConnection, scope: AccessScope, id: Uuid, expected: i32, actor: &AuditActor) -> Result<department_request::Model, RepoError> {
    let txn = begin_write(db).await?;
    let (mut r, next) = request_for(&txn, scope, id, expected, RequestAction::Take).await?;
    let now = chrono::Utc::now();
    r.status = next.as_str().into();
    r.assignee_id = actor.user_id;
    r.taken_at = Some(now);
    let r = save_request(&txn, r, expected).await?;
    let card = deal_card(&txn, &r).await?;
    cards::note(&txn, &card, "request_taken", None, serde_json::json!({"request_id": r.id, "number": r.number, "kind": r.kind}), actor, now).await?;
    txn.commit().await?;
    Ok(r)
}

/// The department's answer.
#[derive(Debug, Clone, Default)]
pub struct RequestAnswer {
    pub cost_minor: Option<i64>,
    pub carrier: Option<String>,
    pub eta_date: Option<chrono::NaiveDate>,
    pub comment: Option<String>,
}

/// Completes a request with its answer; the deal gets the fact `request_completed:<kind>` and may
/// move by itself (delivery cost received, design sent). A design answer needs its files first.
pub async fn complete_request(
    db: &DatabaseConnection,
    scope: AccessScope,
    id: Uuid,
    expected: i32,
    answer: RequestAnswer,
    actor: &CardActor,
) -> Result<department_request::Model, RepoError> {
    let txn = begin_write(db).await?;
    let (mut r, next) = request_for(&txn, scope, id, expected, RequestAction::Complete).await?;
    let kind = RequestKind::parse(&r.kind).ok_or_else(|| RepoError::Db(sea_orm::DbErr::Custom(format!("request kind {}", r.kind))))?;
    if kind == RequestKind::Design && file::Entity::find().filter(file::Column::RequestId.eq(r.id)).count(&txn).await? == 0 {
        let mut f = domain::FieldErrors::new();
        f.add("files", domain::FieldError::new("required", "Приложите файлы дизайн-макета"));
        return Err(RepoError::Invalid(f));
    }
    let now = chrono::Utc::now();
    r.status = next.as_str().into();
    r.cost_minor = answer.cost_minor;
    r.carrier = answer.carrier;
    r.eta_date = answer.eta_date;
    r.answer_comment = answer.comment;
    r.completed_by = actor.audit.user_id;
    r.completed_at = Some(now);
    if r.assignee_id.is_none() {
        r.assignee_id = actor.audit.user_id;
    }
    let r = save_request(&txn, r, expected).await?;
    let card = deal_card(&txn, &r).await?;
    let data = serde_json::json!({
        "request_id": r.id, "number": r.number, "kind": r.kind, "kind_name": kind.title_ru(),
        "cost": r.cost_minor.map(|m| domain::Money::from_minor(m).amount().to_string()), "carrier": r.carrier, "eta_date": r.eta_date,
        "comment": r.answer_comment,
    });
    cards::note(&txn, &card, "request_completed", r.answer_comment.clone(), data.clone(), &actor.audit, now).await?;
    cards::emit(&txn, &card, "request_completed", data).await?;
    cards::record_fact(&txn, Subject::Deal, r.deal_id, Fact::request_completed(kind), actor).await?;
    txn.commit().await?;
    Ok(r)
}

/// Withdraws a request (the manager no longer needs it).
pub async fn cancel_request(db: &DatabaseConnection, scope: AccessScope, id: Uuid, expected: i32, reason: String, actor: &AuditActor) -> Result<department_request::Model, RepoError> {
    let txn = begin_write(db).await?;
    let (mut r, next) = request_for(&txn, scope, id, expected, RequestAction::Cancel).await?;
    let now = chrono::Utc::now();
    r.status = next.as_str().into();
    r.cancelled_at = Some(now);
    r.cancel_reason = Some(reason);
    let r = save_request(&txn, r, expected).await?;
    let card = deal_card(&txn, &r).await?;
    let data = serde_json::json!({"request_id": r.id, "number": r.number, "kind": r.kind, "reason": r.cancel_reason});
    cards::note(&txn, &card, "request_cancelled", r.cancel_reason.clone(), data.clone(), actor, now).await?;
    cards::emit(&txn, &card, "request_cancelled", data).await?;
    txn.commit().await?;
    Ok(r)
}

// ---------- tasks ----------

#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    /// Tasks assigned to this person…
    pub assignee_id: Option<Uuid>,
    /// …or (when set too) left in this role's queue.
    pub queue_role: Option<String>,
    pub subject_id: Option<Uuid>,
    /// Empty: every status.
    pub statuses: Vec<String>,
    pub due_before: Option<chrono::DateTime<chrono::Utc>>,
}

/// Tasks by due time (overdue first), keyset-paged on (due_at, id).
pub async fn list_tasks(db: &DatabaseConnection, scope: AccessScope, f: &TaskFilter, limit: u64, cursor: Option<&str>) -> Result<(Vec<task::Model>, Option<String>), RepoError> {
    use task::Column as C;
    let mut cond = scoped(scope, C::OrganizationId);
    match (f.assignee_id, &f.queue_role) {
        (Some(a), Some(r)) => {
            cond = cond.add(Condition::any().add(C::AssigneeId.eq(a)).add(Condition::all().add(C::AssigneeId.is_null()).add(C::AssigneeRole.eq(r.as_str()))))
        }
        (Some(a), None) => cond = cond.add(C::AssigneeId.eq(a)),
        (None, Some(r)) => cond = cond.add(C::AssigneeId.is_null()).add(C::AssigneeRole.eq(r.as_str())),
        (None, None) => {}
    }
    if let Some(s) = f.subject_id {
        cond = cond.add(C::SubjectId.eq(s));
    }
    if !f.statuses.is_empty() {
        cond = cond.add(C::Status.is_in(f.statuses.iter().map(String::as_str)));
    }
    if let Some(b) = f.due_before {
        cond = cond.add(C::DueAt.lt(b));
    }
    if let Some((at, id)) = cursor.and_then(super::sales::decode_page_cursor) {
        cond = cond.add(Condition::any().add(C::DueAt.gt(at)).add(Condition::all().add(C::DueAt.eq(at)).add(C::Id.gt(id))));
    }
    let mut rows = task::Entity::find().filter(cond).order_by_asc(C::DueAt).order_by_asc(C::Id).limit(limit + 1).all(db).await?;
    let next = next_page(&mut rows, limit, |r| super::sales::encode_page_cursor(r.due_at, r.id));
    Ok((rows, next))
}

pub async fn get_task(db: &impl ConnectionTrait, scope: AccessScope, id: Uuid) -> Result<task::Model, RepoError> {
    find_in_scope::<task::Entity>(db, scope, id).await
}

/// Titles and numbers of the cards tasks are about: `(subject id) → (number, title)`.
pub async fn card_titles(db: &DatabaseConnection, ids: impl IntoIterator<Item = Uuid>) -> Result<std::collections::HashMap<Uuid, (i64, String)>, RepoError> {
    let ids: std::collections::BTreeSet<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let mut out = std::collections::HashMap::new();
    let leads: Vec<(Uuid, i64, String)> = lead::Entity::find()
        .select_only()
        .columns([lead::Column::Id, lead::Column::Number, lead::Column::Title])
        .filter(lead::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let deals: Vec<(Uuid, i64, String)> = deal::Entity::find()
        .select_only()
        .columns([deal::Column::Id, deal::Column::Number, deal::Column::Title])
        .filter(deal::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    for (id, n, t) in leads.into_iter().chain(deals) {
        out.insert(id, (n, t));
    }
    Ok(out)
}

fn task_note_data(t: &task::Model) -> serde_json::Value {
    serde_json::json!({"task_id": t.id, "title": t.title, "kind": t.kind, "due_at": t.due_at, "result": t.result})
}

/// A task made by a person; one on a card must be on a card the caller can see.
pub async fn insert_task(db: &DatabaseConnection, scope: AccessScope, t: task::Model, actor: &AuditActor) -> Result<task::Model, RepoError> {
    let txn = begin_write(db).await?;
    let card = match (t.subject_type.as_deref().and_then(Subject::parse), t.subject_id) {
        (Some(subject), Some(id)) => Some(cards::find_card(&txn, scope, subject, id).await?),
        _ => None,
    };
    let organization_id = card.as_ref().map_or(t.organization_id, Card::organization_id);
    if !scope.allows(organization_id) {
        return Err(RepoError::NotFound);
    }
    let t = task::Model { organization_id, ..t }.into_active_model().insert(&txn).await?;
    if let Some(card) = &card {
        cards::note(&txn, card, "task_created", None, task_note_data(&t), actor, t.created_at).await?;
    }
    txn.commit().await?;
    Ok(t)
}

/// Edits an open task (title, description, due time, assignee) if `expected` is current.
pub async fn update_task(db: &DatabaseConnection, scope: AccessScope, id: Uuid, expected: i32, change: impl FnOnce(&mut task::Model)) -> Result<task::Model, RepoError> {
    let txn = begin_write(db).await?;
    let mut t = get_task(&txn, scope, id).await?;
    if t.version != expected {
        return Err(RepoError::VersionConflict);
    }
    if t.status != "open" {
        let mut f = domain::FieldErrors::new();
        f.add("status", domain::FieldError::new("task_closed", "Задача уже закрыта"));
        return Err(RepoError::Invalid(f));
    }
    change(&mut t);
    t.version = expected + 1;
    t.updated_at = chrono::Utc::now();
    write_versioned(&txn, id, expected, t.clone()).await?;
    txn.commit().await?;
    Ok(t)
}

/// Completes a task with its result. A task a stage created records `task_completed:<code>` on its
/// card, which may move the card when the pipeline says so.
pub async fn complete_task(db: &DatabaseConnection, scope: AccessScope, id: Uuid, expected: i32, result: Option<String>, actor: &CardActor) -> Result<task::Model, RepoError> {
    let txn = begin_write(db).await?;
    let mut t = get_task(&txn, scope, id).await?;
    if t.version != expected {
        return Err(RepoError::VersionConflict);
    }
    if t.status != "open" {
        let mut f = domain::FieldErrors::new();
        f.add("status", domain::FieldError::new("task_closed", "Задача уже закрыта"));
        return Err(RepoError::Invalid(f));
    }
    let now = chrono::Utc::now();
    t.status = "done".into();
    t.result = result;
    t.completed_at = Some(now);
    t.completed_by = actor.audit.user_id;
    if t.assignee_id.is_none() {
        t.assignee_id = actor.audit.user_id;
    }
    t.version = expected + 1;
    t.updated_at = now;
    write_versioned(&txn, id, expected, t.clone()).await?;
    if let (Some(subject), Some(card_id)) = (t.subject_type.as_deref().and_then(Subject::parse), t.subject_id) {
        let card = cards::find_card(&txn, AccessScope::All, subject, card_id).await?;
        cards::note(&txn, &card, "task_done", t.result.clone(), task_note_data(&t), &actor.audit, now).await?;
        if let Some(code) = t.code.as_deref() {
            cards::record_fact(&txn, subject, card_id, Fact::task_completed(code), actor).await?;
        }
    }
    txn.commit().await?;
    Ok(t)
}
