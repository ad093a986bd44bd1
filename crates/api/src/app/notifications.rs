//! Notifications: a person's own list, read and marked read; and what the outbox dispatcher
//! derives from a delivered event by the one rule table in `domain::notifications`.
use crate::AppState;
use crate::app::Actor;
use crate::auth::Credentials;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use domain::notifications::{About, CardRef, Recipients, Rule, rules_for, title};
use domain::pipelines::RequestKind;
use domain::sales::{CardId, CardKind};
use domain::{OrganizationId, Role, TaskId, UserId};
use persistence::entities::{notification, outbox};
use persistence::repo::notifications as rows;
use persistence::repo::sales::cards as card_rows;
use persistence::repo::work::{requests, tasks};
use persistence::repo::Page;
use persistence::{AccessScope, ConnectionTrait};
use serde_json::Value;
use uuid::Uuid;

/// Notifications are people's: an integrator's key has none.
fn person(actor: &Actor) -> Result<UserId, AppError> {
    actor.user_id.ok_or(AppError::Forbidden)
}

/// A page of the caller's notifications, newest first, and how many are unread.
pub async fn list(ctx: &AppState, who: &Credentials, unread_only: bool, limit: u64, cursor: Option<&str>) -> Result<(Page<notification::Model>, u64), AppError> {
    let actor = ctx.read(who).await?;
    let user = person(&actor)?;
    // Counted first: a notification written between the two reads is then in the page (the count
    // catches up on the next read), never counted and missing from it.
    let unread = rows::unread(&ctx.db, user).await?;
    let page = rows::list(&ctx.db, user, unread_only, limit, cursor).await?;
    Ok((page, unread))
}

pub async fn mark_read(ctx: &AppState, who: &Credentials, id: Uuid) -> Result<(), AppError> {
    let actor = ctx.read(who).await?;
    Ok(rows::mark_read(&ctx.db, person(&actor)?, id, ctx.now()).await?)
}

pub async fn mark_all_read(ctx: &AppState, who: &Credentials) -> Result<(), AppError> {
    let actor = ctx.read(who).await?;
    Ok(rows::mark_all_read(&ctx.db, person(&actor)?, ctx.now()).await?)
}

/// Writes the notifications a delivered event gives (none for most). Redelivery adds nothing:
/// one notification per person and event. The person who caused the event is never told of it.
pub async fn derive(db: &impl ConnectionTrait, e: &outbox::Model, now: DateTime<Utc>) -> Result<usize, AppError> {
    let payload: Value = serde_json::from_str(&e.payload).map_err(|err| anyhow::anyhow!("outbox {}: payload: {err}", e.id))?;
    let data = &payload["data"];
    let by_fact = data["by_fact"].as_str();
    let actor = uuid_at(&payload["actor"]["user_id"]);
    let mut written = 0;
    for rule in rules_for(&e.topic, by_fact) {
        let (people, about, link) = recipients(db, e, &payload, rule).await?;
        let text = title(rule.kind, &about);
        for user in people.into_iter().filter(|u| Some(*u) != actor) {
            let n = notification::Model {
                id: Uuid::now_v7(), user_id: user, organization_id: e.organization_id, event_id: e.id, kind: rule.kind.as_str().into(),
                title: text.clone(), link: link.clone(), created_at: now, read_at: None,
            };
            rows::insert_once(db, n).await?;
            written += 1;
        }
    }
    Ok(written)
}

fn uuid_at(v: &Value) -> Option<Uuid> {
    v.as_str().and_then(|s| Uuid::parse_str(s).ok())
}

fn text_at(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

/// The card an event is about (a lead's or a deal's event), as notifications name and link it.
/// A task's event names its card under `card`.
fn card_of(e: &outbox::Model, payload: &Value) -> Option<(CardId, CardRef)> {
    let (kind, id, number) = match CardKind::parse(&e.subject_type) {
        Some(kind) => (kind, e.subject_id, payload["number"].as_i64()?),
        None => {
            let c = &payload["card"];
            (CardKind::parse(c["kind"].as_str()?)?, uuid_at(&c["id"])?, c["number"].as_i64()?)
        }
    };
    let id = match kind {
        CardKind::Lead => CardId::Lead(id.into()),
        CardKind::Deal => CardId::Deal(id.into()),
    };
    Some((id, CardRef { kind, number }))
}

fn link_to(card: Option<CardId>) -> String {
    match card {
        Some(CardId::Lead(id)) => format!("/leads/{}", Uuid::from(id)),
        Some(CardId::Deal(id)) => format!("/deals/{}", Uuid::from(id)),
        None => "/tasks".into(),
    }
}

/// Who a rule tells about an event, what the notification says, and where it leads.
async fn recipients(db: &impl ConnectionTrait, e: &outbox::Model, payload: &Value, rule: &Rule) -> Result<(Vec<Uuid>, About, String), AppError> {
    let data = &payload["data"];
    let card = card_of(e, payload);
    let mut about = About { card: card.map(|(_, r)| r), actor: text_at(&payload["actor"]["name"]), ..Default::default() };
    let mut link = link_to(card.map(|(id, _)| id));
    let people = match rule.to {
        Recipients::CardResponsible => {
            about.detail = text_at(&data["to_name"]).or_else(|| text_at(&data["stage_name"]));
            match card {
                Some((id, _)) => card_rows::find(db, AccessScope::All, id).await?.responsible_id().map(Uuid::from).into_iter().collect(),
                None => vec![],
            }
        }
        Recipients::RequestOpener => match uuid_at(&data["request_id"]) {
            Some(id) => {
                let r = requests::get(db, AccessScope::All, id.into()).await?;
                let name = RequestKind::parse(&r.kind).map_or_else(|| r.kind.clone(), |k| k.title_ru().to_owned());
                about.request = Some((r.number, name));
                link = format!("/requests/{}", r.id);
                r.opened_by.into_iter().collect()
            }
            None => vec![],
        },
        Recipients::TaskAssignee => match uuid_at(&data["task_id"]) {
            Some(id) => {
                let t = tasks::get(db, AccessScope::All, TaskId::from(id)).await?;
                about.detail = Some(t.title.clone());
                match (t.assignee_id, t.assignee_role.as_deref().and_then(Role::parse)) {
                    (Some(user), _) => vec![user],
                    (None, Some(role)) => rows::people(db, OrganizationId::from(t.organization_id), Some(role)).await?.into_iter().map(|p| p.id).collect(),
                    (None, None) => vec![],
                }
            }
            None => vec![],
        },
        Recipients::Mentioned => {
            about.detail = text_at(&data["text"]);
            data["mentions"].as_array().map(|ids| ids.iter().filter_map(uuid_at).collect()).unwrap_or_default()
        }
    };
    Ok((people, about, link))
}

/// Opens the caller's live stream (see [`crate::live::stream`]), resuming after `after`.
pub async fn stream(
    ctx: std::sync::Arc<AppState>,
    who: Credentials,
    after: Option<i64>,
) -> Result<impl futures_util::Stream<Item = Result<actix_web::web::Bytes, std::convert::Infallible>>, AppError> {
    let actor = ctx.read(&who).await?;
    Ok(crate::live::stream(ctx, who, actor, after))
}
