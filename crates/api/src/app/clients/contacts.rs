//! Contact persons after a client is made: added, edited (the patch over the stored person is
//! checked as a whole), deleted.
use super::record;
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::clients::AuditAction;
use domain::clients::commands::{ContactDetails, ContactDraft};
use domain::{ClientId, ContactId, Permission};
use persistence::entities::contact;
use persistence::repo::clients::{clients, contacts, history};
use uuid::Uuid;

/// The row of a checked contact person of client `client_id` of organization `org`.
pub(crate) fn row(c: ContactDetails, client_id: Uuid, org: Uuid, now: chrono::DateTime<chrono::Utc>) -> contact::Model {
    contact::Model {
        id: Uuid::now_v7(), client_id, organization_id: org, last_name: c.last_name, first_name: c.first_name, middle_name: c.middle_name,
        position: c.position, phone: c.phone.map(|p| p.as_str().to_owned()), mobile: c.mobile.map(|p| p.as_str().to_owned()),
        email: c.email.map(|e| e.as_str().to_owned()), created_at: now, updated_at: now, version: 1,
    }
}

pub async fn create(ctx: &AppState, who: &Credentials, client_id: ClientId, c: ContactDetails) -> Result<contact::Model, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ClientsWrite)?;
    let owner = clients::get(&w.tx, w.actor.scope, client_id).await?;
    let saved = contacts::insert(&w.tx, row(c, owner.id, owner.organization_id, w.now)).await?;
    record(&w, saved.organization_id, saved.client_id, ("contact", saved.id), AuditAction::Create, history::created(contacts::snapshot(&saved))).await?;
    w.commit().await?;
    Ok(saved)
}

/// A patch of a contact person as typed: `None` leaves a field alone, `Some(None)` clears it.
#[derive(Default)]
pub struct ContactPatch {
    pub version: i32,
    pub first_name: Option<String>,
    pub last_name: Option<Option<String>>,
    pub middle_name: Option<Option<String>>,
    pub position: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub mobile: Option<Option<String>>,
    pub email: Option<Option<String>>,
}

pub async fn update(ctx: &AppState, who: &Credentials, id: ContactId, p: ContactPatch) -> Result<contact::Model, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ClientsWrite)?;
    let current = contacts::get(&w.tx, w.actor.scope, id).await?;
    let pick = |patch: &Option<Option<String>>, now: &Option<String>| patch.clone().unwrap_or_else(|| now.clone());
    let (last, middle, position) = (pick(&p.last_name, &current.last_name), pick(&p.middle_name, &current.middle_name), pick(&p.position, &current.position));
    let (phone, mobile, email) = (pick(&p.phone, &current.phone), pick(&p.mobile, &current.mobile), pick(&p.email, &current.email));
    let draft = ContactDraft {
        first_name: p.first_name.as_deref().unwrap_or(&current.first_name),
        last_name: last.as_deref(),
        middle_name: middle.as_deref(),
        position: position.as_deref(),
        phone: phone.as_deref(),
        mobile: mobile.as_deref(),
        email: email.as_deref(),
    };
    let next = row(ContactDetails::parse(&draft)?, current.client_id, current.organization_id, w.now);
    let edit = contacts::update(&w.tx, w.actor.scope, id, p.version, w.now, |c| {
        c.first_name = next.first_name;
        c.last_name = next.last_name;
        c.middle_name = next.middle_name;
        c.position = next.position;
        c.phone = next.phone;
        c.mobile = next.mobile;
        c.email = next.email;
    })
    .await?;
    if !edit.changes.is_empty() {
        record(&w, edit.after.organization_id, edit.after.client_id, ("contact", edit.after.id), AuditAction::Update, edit.changes).await?;
    }
    w.commit().await?;
    Ok(edit.after)
}

pub async fn delete(ctx: &AppState, who: &Credentials, id: ContactId) -> Result<(), AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ClientsWrite)?;
    let c = contacts::delete(&w.tx, w.actor.scope, id).await?;
    record(&w, c.organization_id, c.client_id, ("contact", c.id), AuditAction::Delete, history::deleted(contacts::snapshot(&c))).await?;
    w.commit().await
}
