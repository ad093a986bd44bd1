//! What entering a stage starts in other areas — a request in a department's queue, a task on
//! someone's list — the outgoing counterpart of the facts (`crate::app::facts`) that come back.
use crate::app::Write;
use crate::app::journal::{emit, note};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use domain::Role;
use domain::pipelines::{Due, Event, RequestKind, TaskAssignee};
use domain::work::{RequestState, TaskStatus};
use persistence::entities::{deal, department_request, task};
use persistence::repo::sales::cards::Card;
use persistence::repo::sequences;
use persistence::repo::pipelines::Pipeline;
use persistence::repo::work::{requests, tasks};
use uuid::Uuid;

/// Opens the requests and creates the tasks the entered stages ask for. True when a deal's
/// requests changed (one was opened, or the deal closed and cancelled them): read them again.
pub(crate) async fn follow(w: &Write, card: &Card, pipeline: &Pipeline, events: &[Event]) -> Result<bool, AppError> {
    let mut requests_changed = false;
    for e in events {
        match e {
            Event::OpenRequest { request } => {
                if let Card::Deal(d) = card {
                    open_request(w, d, *request, None, d.delivery_address.clone()).await?;
                    requests_changed = true;
                }
            }
            Event::CreateTask { code, title_ru, kind, assignee, due, .. } => {
                let (assignee_id, assignee_role) = match assignee {
                    TaskAssignee::Responsible => match card.responsible_id() {
                        Some(id) => (Some(Uuid::from(id)), None),
                        // Nobody is responsible yet: the sales managers' queue takes it.
                        None => (None, Some(Role::Manager.as_str().to_owned())),
                    },
                    TaskAssignee::Role { role } => (None, Some(role.as_str().to_owned())),
                };
                let t = task::Model {
                    id: Uuid::now_v7(), organization_id: card.organization_id().into(), subject_type: Some(card.kind().as_str().into()),
                    subject_id: Some(card.id().uuid()), code: Some(code.clone()), kind: kind.as_str().into(), title: title_ru.clone(),
                    description: None, due_at: due_at(card, due, w.now), assignee_id, assignee_role, status: TaskStatus::Open.as_str().into(),
                    result: None, completed_at: None, completed_by: None, created_by: w.actor.user_id.map(Uuid::from), created_at: w.now,
                    updated_at: w.now, version: 1,
                };
                let t = tasks::insert(&w.tx, t).await?;
                let data = serde_json::json!({"task_id": t.id, "title": t.title, "due_at": t.due_at, "code": code,
                    "stage_name": pipeline.stage_name(card.stage())});
                note(w, card, "task_created", None, data.clone());
                emit(w, card, "task_created", data);
            }
            Event::StageChanged { from, to, .. } => leave_tasks_behind(w, card, pipeline, from, to).await?,
            Event::Won { .. } | Event::Lost { .. } => requests_changed |= matches!(card, Card::Deal(_)),
            Event::FactRecorded { .. } => {}
        }
    }
    Ok(requests_changed)
}

/// The card left stage `from`: the open tasks that stage created no longer matter (unless the
/// definition carries them over); they are cancelled «не актуально», the timeline says which.
async fn leave_tasks_behind(w: &Write, card: &Card, pipeline: &Pipeline, from: &str, to: &str) -> Result<(), AppError> {
    let codes = pipeline.def.tasks_left_behind(from);
    let reason = format!("Не актуально: карточка перешла в «{}»", pipeline.stage_name(to));
    let closed = tasks::cancel_open_with_codes(&w.tx, card.id(), &codes, &reason, w.now).await?;
    if !closed.is_empty() {
        let titles: Vec<&str> = closed.iter().map(|t| t.title.as_str()).collect();
        let data = serde_json::json!({"titles": titles, "task_ids": closed.iter().map(|t| t.id).collect::<Vec<_>>(), "stage_name": pipeline.stage_name(from)});
        note(w, card, "tasks_closed", Some(reason), data.clone());
        emit(w, card, "tasks_closed", data);
    }
    Ok(())
}

/// When a stage's task is due.
fn due_at(card: &Card, due: &Due, now: DateTime<Utc>) -> DateTime<Utc> {
    match due {
        Due::InHours { hours } => now + chrono::Duration::hours(i64::from(*hours)),
        Due::DaysBeforeField { field, days } => match (card, field.as_str()) {
            (Card::Deal(d), "promised_payment_date") => d
                .promised_payment_date
                .and_then(|date| reminder_at(date, *days))
                .filter(|at| *at > now)
                .unwrap_or(now + chrono::Duration::hours(1)),
            _ => now + chrono::Duration::hours(24),
        },
    }
}

/// 09:00 Moscow time (06:00 UTC), `days` before `date`.
fn reminder_at(date: chrono::NaiveDate, days: u32) -> Option<DateTime<Utc>> {
    let day = date.checked_sub_days(chrono::Days::new(u64::from(days)))?;
    day.and_hms_opt(6, 0, 0).map(|t| t.and_utc())
}

/// Opens a request of `kind` on a deal unless one is already open; returns the open one.
pub(crate) async fn open_request(w: &Write, deal: &deal::Model, kind: RequestKind, details: Option<String>, delivery_address: Option<String>) -> Result<department_request::Model, AppError> {
    if let Some(active) = requests::find_active(&w.tx, deal.id.into(), kind).await? {
        return Ok(active);
    }
    let r = requests::insert(&w.tx, department_request::Model {
        id: Uuid::now_v7(), organization_id: deal.organization_id, number: sequences::next(&w.tx, "request").await?, deal_id: deal.id,
        kind: kind.as_str().into(), status: RequestState::Open.as_str().into(), details: details.or_else(|| deal.offer_details.clone()),
        delivery_address, assignee_id: None, cost_minor: None, carrier: None, eta_date: None, answer_comment: None,
        opened_by: w.actor.user_id.map(Uuid::from), taken_at: None, completed_by: None, completed_at: None, cancelled_at: None,
        cancel_reason: None, created_at: w.now, updated_at: w.now, version: 1,
    })
    .await?;
    let card = Card::Deal(deal.clone());
    let data = serde_json::json!({"request_id": r.id, "number": r.number, "kind": r.kind, "kind_name": kind.title_ru()});
    note(w, &card, "request_opened", None, data.clone());
    emit(w, &card, "request_opened", data);
    Ok(r)
}

