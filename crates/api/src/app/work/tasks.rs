//! Tasks: «my day», my list, my role's queue and a card's tasks; made by people or by pipeline
//! stages. Completing a stage's task is a fact that may move its card.
use crate::AppState;
use crate::app::facts::{self, Happened};
use crate::app::{Actor, Write};
use crate::auth::Credentials;
use crate::app::journal;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use domain::Permission;
use domain::sales::CardId;
use domain::work::commands::{Assignee, NewTask, TaskChanges};
use domain::work::{TaskAction, TaskStatus};
use domain::{FieldError, FieldErrors, TaskId};
use persistence::entities::task;
use persistence::repo::sales::cards as card_rows;
use persistence::repo::work::tasks::{self, TaskFilter, TaskRow};
use persistence::repo::{Page, identity};
use uuid::Uuid;

/// Which tasks a list shows.
#[derive(Clone, Copy)]
pub enum View {
    /// My open tasks and my role's queue due by the end of today (Moscow), overdue first.
    MyDay,
    /// All my open tasks.
    Mine,
    /// My role's unassigned tasks.
    Queue,
    /// A card's tasks, every status.
    Card(uuid::Uuid),
    /// The tasks of a client's leads and deals, every status.
    Client(domain::ClientId),
}

/// The end of today in Moscow time (the head office's day), as UTC.
fn end_of_today(now: DateTime<Utc>) -> DateTime<Utc> {
    let msk = chrono::FixedOffset::east_opt(3 * 3600).unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("UTC offset"));
    let today = now.with_timezone(&msk).date_naive();
    today
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|t| t.and_local_timezone(msk).single())
        .map_or(now, |t| t.with_timezone(&Utc))
}

pub async fn list(ctx: &AppState, who: &Credentials, view: View, limit: u64, cursor: Option<&str>) -> Result<Page<TaskRow>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::TasksUse)?;
    let open = vec![TaskStatus::Open];
    let role = Some(actor.role);
    let filter = match view {
        View::MyDay => TaskFilter { assignee_id: actor.user_id, queue_role: role, statuses: open, due_before: Some(end_of_today(ctx.now())), ..Default::default() },
        View::Mine => TaskFilter { assignee_id: actor.user_id, statuses: open, ..Default::default() },
        View::Queue => TaskFilter { queue_role: role, statuses: open, ..Default::default() },
        View::Card(id) => {
            // Only the tasks of a card the caller can read.
            let card = find_card(&ctx.db, &actor, id).await?;
            actor.require(Permission::read_cards(card.kind().pipeline_kind()))?;
            TaskFilter { card: Some(card), ..Default::default() }
        }
        View::Client(client) => {
            actor.require(Permission::ClientsRead)?;
            persistence::repo::clients::clients::get(&ctx.db, actor.scope, client).await?;
            TaskFilter { client: Some(client), ..Default::default() }
        }
    };
    // People only: an integrator's key has no tasks of its own.
    if filter.card.is_none() && filter.client.is_none() && actor.user_id.is_none() && filter.queue_role.is_none() {
        return Ok(Page { items: vec![], next_cursor: None });
    }
    Ok(tasks::list(&ctx.db, actor.scope, &filter, limit, cursor).await?)
}

/// A lead or a deal of this id the caller can see.
async fn find_card(db: &impl persistence::ConnectionTrait, actor: &Actor, id: Uuid) -> Result<CardId, AppError> {
    match card_rows::find(db, actor.scope, CardId::Lead(id.into())).await {
        Ok(c) => Ok(c.id()),
        Err(persistence::RepoError::NotFound) => Ok(card_rows::find(db, actor.scope, CardId::Deal(id.into())).await?.id()),
        Err(e) => Err(e.into()),
    }
}

/// Loads a task the caller may see (`write`: change or complete). A task about a card is its
/// readers' (writers', to change it) business, and that of the person or the role's queue it is
/// assigned to.
async fn task_for(db: &impl persistence::ConnectionTrait, actor: &Actor, id: TaskId, write: bool) -> Result<task::Model, AppError> {
    let t = tasks::get(db, actor.scope, id).await?;
    let Some(card) = t.card()? else { return Ok(t) };
    let assigned = match t.assignee_id {
        Some(a) => actor.user_id.map(Uuid::from) == Some(a),
        None => t.assignee_role()? == Some(actor.role),
    };
    if !assigned {
        let kind = card.kind().pipeline_kind();
        actor.require(if write { Permission::write_cards(kind) } else { Permission::read_cards(kind) })?;
    }
    Ok(t)
}

pub async fn get(ctx: &AppState, who: &Credentials, id: TaskId) -> Result<TaskRow, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::TasksUse)?;
    task_for(&ctx.db, &actor, id, false).await?;
    Ok(tasks::get_row(&ctx.db, actor.scope, id).await?)
}

async fn check_assignee(w: &Write, errors: &mut FieldErrors, assignee: Option<Assignee>) -> Result<(), AppError> {
    if let Some(Assignee::Person(a)) = assignee
        && identity::get_user_scoped(&w.tx, w.actor.scope, a).await.is_err()
    {
        errors.add("assignee_id", FieldError::new("not_found", "Сотрудник не найден"));
    }
    Ok(())
}

fn assignee_columns(a: Assignee) -> (Option<Uuid>, Option<String>) {
    match a {
        Assignee::Person(u) => (Some(u.into()), None),
        Assignee::Queue(r) => (None, Some(r.as_str().to_owned())),
    }
}

fn task_note_data(t: &task::Model) -> serde_json::Value {
    serde_json::json!({"task_id": t.id, "title": t.title, "kind": t.kind, "due_at": t.due_at, "result": t.result})
}

async fn finish(w: Write, id: TaskId) -> Result<TaskRow, AppError> {
    let row = tasks::get_row(&w.tx, w.actor.scope, id).await?;
    w.commit().await?;
    Ok(row)
}

/// A task made by a person; one on a card must be on a card the caller can change.
pub async fn create(ctx: &AppState, who: &Credentials, cmd: NewTask) -> Result<TaskRow, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::TasksUse)?;
    let mut errors = FieldErrors::new();
    check_assignee(&w, &mut errors, cmd.assignee).await?;
    errors.into_result()?;
    if let Some(card) = cmd.card {
        w.actor.require(Permission::write_cards(card.kind().pipeline_kind()))?;
    }
    let card = match cmd.card {
        Some(id) => Some(card_rows::find(&w.tx, w.actor.scope, id).await?),
        None => None,
    };
    // A task about a client: a client the caller can read.
    let client = match cmd.client {
        Some(id) => {
            w.actor.require(Permission::ClientsRead)?;
            Some(persistence::repo::clients::clients::get(&w.tx, w.actor.scope, id).await?)
        }
        None => None,
    };
    let organization_id = card.as_ref().map(|c| c.organization_id()).or(client.as_ref().map(|c| c.organization_id.into())).unwrap_or(w.actor.organization_id);
    let (subject_type, subject_id) = match (&card, &client) {
        (Some(c), _) => (Some(c.kind().as_str().to_owned()), Some(c.id().uuid())),
        (None, Some(c)) => (Some(tasks::CLIENT.to_owned()), Some(c.id)),
        (None, None) => (None, None),
    };
    let (assignee_id, assignee_role) = match cmd.assignee {
        Some(a) => assignee_columns(a),
        // An integrator's key has no list of its own: its role's queue takes the task.
        None => match w.actor.user_id {
            Some(me) => (Some(me.into()), None),
            None => (None, Some(w.actor.role.as_str().to_owned())),
        },
    };
    let t = tasks::insert(&w.tx, task::Model {
        id: Uuid::now_v7(), organization_id: organization_id.into(), subject_type, subject_id, code: None, kind: cmd.kind.as_str().into(), title: cmd.title, description: cmd.description,
        due_at: cmd.due_at, assignee_id, assignee_role, status: TaskStatus::Open.as_str().into(), result: None, completed_at: None,
        completed_by: None, created_by: w.actor.user_id.map(Uuid::from), created_at: w.now, updated_at: w.now, version: 1,
    })
    .await?;
    if let Some(card) = &card {
        journal::note(&w, card, "task_created", None, task_note_data(&t));
    }
    let event = if journal::assigned_to_another(&w, &t) { "task_assigned" } else { "task_changed" };
    journal::emit_task(&w, &t, event, card.as_ref());
    finish(w, t.task_id()).await
}

/// The card a task is about, if any.
async fn task_card(w: &Write, t: &task::Model) -> Result<Option<card_rows::Card>, AppError> {
    match t.card()? {
        Some(id) => Ok(Some(card_rows::find(&w.tx, persistence::AccessScope::All, id).await?)),
        None => Ok(None),
    }
}

/// A loaded task at the version the person saw, allowing `action`.
fn ready(t: &task::Model, version: i32, action: TaskAction) -> Result<TaskStatus, AppError> {
    if t.version != version {
        return Err(AppError::VersionConflict);
    }
    t.status()?.next(action).map_err(|e| AppError::field("status", e))
}

/// Edits an open task (title, description, due time, assignee).
pub async fn update(ctx: &AppState, who: &Credentials, id: TaskId, c: TaskChanges) -> Result<TaskRow, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::TasksUse)?;
    let mut t = task_for(&w.tx, &w.actor, id, true).await?;
    let mut errors = FieldErrors::new();
    check_assignee(&w, &mut errors, c.assignee).await?;
    errors.into_result()?;
    t.status = ready(&t, c.version, TaskAction::Edit)?.as_str().into();
    if let Some(v) = c.title { t.title = v }
    if let Some(v) = c.description { t.description = v }
    if let Some(v) = c.kind { t.kind = v.as_str().into() }
    if let Some(v) = c.due_at { t.due_at = v }
    let reassigned = c.assignee.is_some_and(|a| assignee_columns(a) != (t.assignee_id, t.assignee_role.clone()));
    if let Some(a) = c.assignee {
        (t.assignee_id, t.assignee_role) = assignee_columns(a);
    }
    let t = tasks::save(&w.tx, t, w.now).await?;
    let card = task_card(&w, &t).await?;
    let event = if reassigned && journal::assigned_to_another(&w, &t) { "task_assigned" } else { "task_changed" };
    journal::emit_task(&w, &t, event, card.as_ref());
    finish(w, id).await
}

/// Completes a task with its result. A task a stage created records `task_completed:<code>` on its
/// card, which may move the card when the pipeline says so.
pub async fn complete(ctx: &AppState, who: &Credentials, id: TaskId, version: i32, result: Option<String>) -> Result<TaskRow, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::TasksUse)?;
    let mut t = task_for(&w.tx, &w.actor, id, true).await?;
    t.status = ready(&t, version, TaskAction::Complete)?.as_str().into();
    t.result = result;
    t.completed_at = Some(w.now);
    t.completed_by = w.actor.user_id.map(Uuid::from);
    if t.assignee_id.is_none() {
        t.assignee_id = w.actor.user_id.map(Uuid::from);
    }
    let t = tasks::save(&w.tx, t, w.now).await?;
    let card = task_card(&w, &t).await?;
    journal::emit_task(&w, &t, "task_changed", card.as_ref());
    if let Some(card) = card {
        journal::note(&w, &card, "task_done", t.result.clone(), task_note_data(&t));
        if let Some(code) = t.code.clone() {
            facts::record(&w, Happened::TaskCompleted { card: card.id(), code }).await?;
        }
    }
    finish(w, id).await
}
