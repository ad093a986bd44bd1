//! Requests to other departments: a deal opens one (a stage's effect, or a manager by hand), the
//! department takes it and answers; the answer is a fact that may move the deal.
use crate::AppState;
use crate::app::facts::{self, Happened};
use crate::app::sales::cards;
use crate::app::sales::timeline::{self, Upload};
use crate::app::{Actor, Write};
use crate::auth::Credentials;
use crate::app::journal;
use crate::error::AppError;
use domain::pipelines::{Fact, RequestKind};
use domain::sales::{CardId, CardStatus};
use domain::work::commands::{NewRequest, RequestAnswer};
use domain::work::{RequestAction, RequestState};
use domain::{DealId, FieldError, FieldErrors, Permission, RequestId, UserId};
use persistence::entities::{department_request, file};
use persistence::repo::sales::cards::Card;
use persistence::repo::work::requests::{self, RequestFilter, RequestRow};
use persistence::repo::{Page, files, identity};
use uuid::Uuid;

/// A request with its files (the designer's mock-ups) and who uploaded each.
pub struct RequestView {
    pub row: RequestRow,
    pub files: Vec<(file::Model, Option<String>)>,
}

async fn view(db: &impl persistence::ConnectionTrait, row: RequestRow) -> Result<RequestView, AppError> {
    let rows = files::of_request(db, row.request.request_id()).await?;
    let names = identity::user_names(db, rows.iter().filter_map(|f| f.uploaded_by.map(UserId::from))).await?;
    let files = rows.into_iter().map(|f| {
        let by = f.uploaded_by.and_then(|u| names.get(&UserId::from(u)).cloned());
        (f, by)
    });
    Ok(RequestView { row, files: files.collect() })
}

/// The kinds of request the caller may see: its department's, and all of them for a deal's readers.
fn readable_kinds(actor: &Actor) -> Vec<RequestKind> {
    RequestKind::ALL.iter().copied().filter(|k| may_read(actor, *k)).collect()
}

fn may_read(actor: &Actor, kind: RequestKind) -> bool {
    actor.may(Permission::DealsRead) || actor.may(Permission::answer(kind))
}

/// Loads a request the caller may see (else 404/403).
async fn readable(db: &impl persistence::ConnectionTrait, actor: &Actor, id: RequestId) -> Result<department_request::Model, AppError> {
    if readable_kinds(actor).is_empty() {
        return Err(AppError::Forbidden);
    }
    let r = requests::get(db, actor.scope, id).await?;
    actor.require_any(&[Permission::DealsRead, Permission::answer(r.kind()?)])?;
    Ok(r)
}

/// A manager opens a request on an open deal by hand (or gets the one of that kind already open).
pub async fn open_by_hand(ctx: &AppState, who: &Credentials, deal_id: DealId, cmd: NewRequest) -> Result<RequestView, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::DealsWrite)?;
    let mut v = cards::load(&w.tx, &w.pipelines, w.actor.scope, CardId::Deal(deal_id)).await?;
    let Card::Deal(deal) = v.card.clone() else { return Err(AppError::NotFound) };
    if deal.status()? != CardStatus::Open {
        return Err(AppError::field("deal", FieldError::new("deal_closed", "Сделка закрыта")));
    }
    let address = cmd.delivery_address.or_else(|| deal.delivery_address.clone());
    let r = crate::app::effects::open_request(&w, &deal, cmd.kind, cmd.details, address).await?;
    // A new question: the earlier answer of its kind no longer moves the deal (as the engine does
    // for a request a stage opens).
    cards::forget_fact(&w, &mut v, &Fact::request_completed(cmd.kind)).await?;
    let row = requests::get_row(&w.tx, w.actor.scope, r.request_id()).await?;
    let out = view(&w.tx, row).await?;
    w.commit().await?;
    Ok(out)
}

/// What a queue is asked for: `None` kind = every kind the caller may see; no states = every status.
#[derive(Clone)]
pub struct Queue {
    pub kind: Option<RequestKind>,
    pub states: Vec<RequestState>,
    pub mine: bool,
    pub deal_id: Option<DealId>,
}

/// A department's queue, oldest first.
pub async fn list(ctx: &AppState, who: &Credentials, q: Queue, limit: u64, cursor: Option<&str>) -> Result<Page<RequestRow>, AppError> {
    let actor = ctx.read(who).await?;
    let allowed = readable_kinds(&actor);
    if allowed.is_empty() {
        return Err(AppError::Forbidden);
    }
    let kinds = match q.kind {
        None => allowed,
        Some(k) if allowed.contains(&k) => vec![k],
        Some(_) => return Err(AppError::Forbidden),
    };
    let filter = RequestFilter { kinds, states: q.states, assignee_id: if q.mine { actor.user_id } else { None }, deal_id: q.deal_id };
    Ok(requests::list(&ctx.db, actor.scope, &filter, limit, cursor).await?)
}

pub async fn get(ctx: &AppState, who: &Credentials, id: RequestId) -> Result<RequestView, AppError> {
    let actor = ctx.read(who).await?;
    readable(&ctx.db, &actor, id).await?;
    view(&ctx.db, requests::get_row(&ctx.db, actor.scope, id).await?).await
}

/// Loads a request the caller's department answers, at the version the person saw, and the state `action` leads to.
async fn answerable(w: &Write, id: RequestId, version: i32, action: RequestAction) -> Result<(department_request::Model, RequestKind, RequestState), AppError> {
    let r = readable(&w.tx, &w.actor, id).await?;
    let kind = r.kind()?;
    w.actor.require(Permission::answer(kind))?;
    let r = at_version(r, version)?;
    let next = transition(&r, action)?;
    Ok((r, kind, next))
}

/// The request as the person saw it, or 409 if it changed since.
fn at_version(r: department_request::Model, seen: i32) -> Result<department_request::Model, AppError> {
    if r.version == seen { Ok(r) } else { Err(AppError::VersionConflict) }
}

fn transition(r: &department_request::Model, action: RequestAction) -> Result<RequestState, AppError> {
    r.state()?.next(action).map_err(|e| AppError::field("status", e))
}

async fn finish(w: Write, r: department_request::Model) -> Result<RequestView, AppError> {
    let row = requests::get_row(&w.tx, w.actor.scope, r.request_id()).await?;
    let out = view(&w.tx, row).await?;
    w.commit().await?;
    Ok(out)
}

/// Someone in the department takes the request (or takes it over).
pub async fn take(ctx: &AppState, who: &Credentials, id: RequestId, version: i32) -> Result<RequestView, AppError> {
    let w = ctx.write(who).await?;
    let (mut r, _, next) = answerable(&w, id, version, RequestAction::Take).await?;
    r.status = next.as_str().into();
    r.assignee_id = w.actor.user_id.map(Uuid::from);
    r.taken_at = Some(w.now);
    let r = requests::save(&w.tx, r, w.now).await?;
    let card = Card::Deal(persistence::repo::sales::deals::get(&w.tx, persistence::AccessScope::All, r.deal_id()).await?);
    let data = serde_json::json!({"request_id": r.id, "number": r.number, "kind": r.kind});
    journal::note(&w, &card, "request_taken", None, data.clone());
    journal::emit(&w, &card, "request_taken", data);
    finish(w, r).await
}

/// Completes a request with its department's answer; the deal gets the fact
/// `request_completed:<kind>` and may move by itself (delivery cost received, design sent).
/// A delivery cost needs the cost, the carrier and the delivery date; a design, its files.
pub async fn complete(ctx: &AppState, who: &Credentials, id: RequestId, answer: RequestAnswer) -> Result<RequestView, AppError> {
    let w = ctx.write(who).await?;
    let r = readable(&w.tx, &w.actor, id).await?;
    let kind = r.kind()?;
    w.actor.require(Permission::answer(kind))?;
    if kind == RequestKind::DeliveryCost {
        let mut errors = FieldErrors::new();
        if answer.cost.is_none() {
            errors.add("cost", FieldError::required());
        }
        if answer.carrier.is_none() {
            errors.add("carrier", FieldError::required());
        }
        if answer.eta_date.is_none() {
            errors.add("eta_date", FieldError::required());
        }
        errors.into_result()?;
    }
    let mut r = at_version(r, answer.version)?;
    let next = transition(&r, RequestAction::Complete)?;
    if kind == RequestKind::Design && files::of_request(&w.tx, r.request_id()).await?.is_empty() {
        return Err(AppError::field("files", FieldError::new("required", "Приложите файлы дизайн-макета")));
    }
    r.status = next.as_str().into();
    r.cost_minor = answer.cost.map(|m| m.minor());
    r.carrier = answer.carrier;
    r.eta_date = answer.eta_date;
    r.answer_comment = answer.comment;
    r.completed_by = w.actor.user_id.map(Uuid::from);
    r.completed_at = Some(w.now);
    if r.assignee_id.is_none() {
        r.assignee_id = w.actor.user_id.map(Uuid::from);
    }
    let r = requests::save(&w.tx, r, w.now).await?;
    let card = Card::Deal(persistence::repo::sales::deals::get(&w.tx, persistence::AccessScope::All, r.deal_id()).await?);
    let data = serde_json::json!({
        "request_id": r.id, "number": r.number, "kind": r.kind, "kind_name": kind.title_ru(),
        "cost": answer.cost.map(|m| m.amount().to_string()), "carrier": r.carrier, "eta_date": r.eta_date,
        "comment": r.answer_comment,
    });
    journal::note(&w, &card, "request_completed", r.answer_comment.clone(), data.clone());
    journal::emit(&w, &card, "request_completed", data);
    facts::record(&w, Happened::RequestCompleted { deal: r.deal_id(), kind }).await?;
    finish(w, r).await
}

/// The sales side withdraws a request it no longer needs.
pub async fn cancel(ctx: &AppState, who: &Credentials, id: RequestId, version: i32, reason: String) -> Result<RequestView, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::DealsWrite)?;
    let r = readable(&w.tx, &w.actor, id).await?;
    let mut r = at_version(r, version)?;
    r.status = transition(&r, RequestAction::Cancel)?.as_str().into();
    r.cancelled_at = Some(w.now);
    r.cancel_reason = Some(reason);
    let r = requests::save(&w.tx, r, w.now).await?;
    let card = Card::Deal(persistence::repo::sales::deals::get(&w.tx, persistence::AccessScope::All, r.deal_id()).await?);
    let data = serde_json::json!({"request_id": r.id, "number": r.number, "kind": r.kind, "reason": r.cancel_reason});
    journal::note(&w, &card, "request_cancelled", r.cancel_reason.clone(), data.clone());
    journal::emit(&w, &card, "request_cancelled", data);
    finish(w, r).await
}

/// Attaches a file to an open request (the department answering it, or the deal's sales side).
pub async fn attach_file(ctx: &AppState, who: &Credentials, id: RequestId, upload: Upload) -> Result<(file::Model, Option<String>), AppError> {
    let w = ctx.write(who).await?;
    let r = requests::get(&w.tx, w.actor.scope, id).await?;
    w.actor.require_any(&[Permission::answer(r.kind()?), Permission::DealsWrite])?;
    if matches!(r.state()?, RequestState::Completed | RequestState::Cancelled) {
        return Err(AppError::field("status", FieldError::new("request_closed", "Запрос уже закрыт")));
    }
    let card = Card::Deal(persistence::repo::sales::deals::get(&w.tx, w.actor.scope, r.deal_id()).await?);
    let f = timeline::attach(ctx, &w, &card, Some(r.id), upload).await?;
    // Files show the person who uploaded them (an integrator's key has no name to show).
    let name = w.actor.user_id.map(|_| w.actor.name.clone());
    timeline::commit_with(ctx, w, &f).await?;
    Ok((f, name))
}
