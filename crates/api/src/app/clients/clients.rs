//! The client itself: lists, the card, "find similar", creation with the first counterparty and
//! contact, edits, the history.
use super::record;
use crate::AppState;
use crate::app::identity::users::check_person;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::clients::AuditAction;
use domain::clients::commands::{ClientChanges, NewClient};
use domain::{ClientId, OrganizationId, Permission, UserId};
use persistence::entities::{audit_log, client, counterparty};
use persistence::repo::clients::{ClientFilter, ClientRow, clients, contacts, counterparties, history};
use persistence::repo::{Page, identity};
use std::collections::HashMap;
use uuid::Uuid;

/// The names of the organizations and managers of a set of clients, looked up once per response.
pub struct ClientNames {
    pub organizations: HashMap<OrganizationId, String>,
    pub users: HashMap<UserId, String>,
}

async fn names_of(db: &impl persistence::ConnectionTrait, clients: &[&client::Model]) -> Result<ClientNames, AppError> {
    Ok(ClientNames {
        organizations: identity::organization_names(db, clients.iter().map(|c| c.organization_id())).await?,
        users: identity::user_names(db, clients.iter().filter_map(|c| c.manager_id.map(UserId::from))).await?,
    })
}

/// Clients with their counterparties and names.
pub struct ClientList {
    pub items: Vec<client::Model>,
    pub counterparties: Vec<counterparty::Model>,
    pub names: ClientNames,
}

async fn listed(db: &impl persistence::ConnectionTrait, items: Vec<client::Model>) -> Result<ClientList, AppError> {
    let counterparties = counterparties::of_clients(db, &items.iter().map(client::Model::client_id).collect::<Vec<_>>()).await?;
    let names = names_of(db, &items.iter().collect::<Vec<_>>()).await?;
    Ok(ClientList { items, counterparties, names })
}

/// A client's whole card with its names.
pub struct ClientCard {
    pub row: ClientRow,
    pub names: ClientNames,
}

async fn card(db: &impl persistence::ConnectionTrait, row: ClientRow) -> Result<ClientCard, AppError> {
    let names = names_of(db, &[&row.client]).await?;
    Ok(ClientCard { row, names })
}

pub async fn list(ctx: &AppState, who: &Credentials, f: &ClientFilter, limit: u64, cursor: Option<&str>) -> Result<(ClientList, Option<String>), AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::ClientsRead)?;
    let Page { items, next_cursor } = clients::list(&ctx.db, actor.scope, f, limit, cursor).await?;
    Ok((listed(&ctx.db, items).await?, next_cursor))
}

pub async fn get(ctx: &AppState, who: &Credentials, id: ClientId) -> Result<ClientCard, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::ClientsRead)?;
    card(&ctx.db, clients::card(&ctx.db, actor.scope, id).await?).await
}

/// What "find similar" matches on (partial input while typing: what does not parse is not matched).
pub struct Likeness {
    pub name_norm: Option<String>,
    pub inn: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub exclude: Option<ClientId>,
}

pub async fn similar(ctx: &AppState, who: &Credentials, l: &Likeness) -> Result<ClientList, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::ClientsRead)?;
    let found = clients::similar(&ctx.db, actor.scope, l.name_norm.as_deref(), l.inn.as_deref(), l.phone.as_deref(), l.email.as_deref()).await?;
    let found = found.into_iter().filter(|c| Some(c.client_id()) != l.exclude).collect();
    listed(&ctx.db, found).await
}

/// A new client with its first counterparty and contact person, in the caller's organization or
/// (head office) the one named.
pub async fn create(ctx: &AppState, who: &Credentials, cmd: NewClient) -> Result<ClientCard, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ClientsWrite)?;
    let id = insert(&w, cmd).await?;
    let out = card(&w.tx, clients::card(&w.tx, w.actor.scope, id).await?).await?;
    w.commit().await?;
    Ok(out)
}

/// Writes a new client (with its first counterparty and contact) inside the caller's transaction;
/// the caller has checked the right to. An organization outside the caller's scope is a 404.
pub(crate) async fn insert(w: &crate::app::Write, cmd: NewClient) -> Result<ClientId, AppError> {
    let organization_id = cmd.organization_id.unwrap_or(w.actor.organization_id);
    // An organization outside the caller's scope does not exist for it.
    identity::get_organization(&w.tx, w.actor.scope, organization_id).await?;
    let mut errors = domain::FieldErrors::new();
    check_person(&w.tx, w.actor.scope, &mut errors, "manager_id", cmd.manager_id).await?;
    errors.into_result()?;
    let (now, id, org) = (w.now, Uuid::now_v7(), Uuid::from(organization_id));
    let inns: Vec<String> = cmd.counterparty.iter().filter_map(|r| r.inn.as_ref().map(|i| i.as_str().to_owned())).collect();
    let client = clients::insert(&w.tx, client::Model {
        id, organization_id: org, name: cmd.name, public_name: cmd.public_name, name_norm: String::new(), sort_name: String::new(),
        search_text: String::new(), person_kind: cmd.person_kind.as_str().into(), relationship: cmd.relationship.as_str().into(),
        segment: cmd.segment, client_type: cmd.client_type, email: cmd.email.map(|e| e.as_str().to_owned()),
        phone: cmd.phone.map(|p| p.as_str().to_owned()), manager_id: cmd.manager_id.or(w.actor.user_id).map(Uuid::from), notes: cmd.notes,
        created_by: w.actor.user_id.map(Uuid::from), created_at: now, updated_at: now, version: 1,
    }, &inns.iter().map(String::as_str).collect::<Vec<_>>())
    .await?;
    record(w, org, id, ("client", id), AuditAction::Create, history::created(serde_json::json!({"name": client.name}))).await?;
    if let Some(r) = cmd.counterparty {
        counterparties::insert(&w.tx, super::counterparties::row(r, id, org, now)).await?;
    }
    if let Some(c) = cmd.contact {
        contacts::insert(&w.tx, super::contacts::row(c, id, org, now)).await?;
    }
    Ok(id.into())
}

/// Edits a client at the version the person saw; what changed goes to the history.
pub async fn update(ctx: &AppState, who: &Credentials, id: ClientId, c: ClientChanges) -> Result<ClientCard, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ClientsWrite)?;
    let mut errors = domain::FieldErrors::new();
    check_person(&w.tx, w.actor.scope, &mut errors, "manager_id", c.manager_id.flatten()).await?;
    errors.into_result()?;
    let edit = clients::update(&w.tx, w.actor.scope, id, c.version, w.now, |m| {
        if let Some(v) = c.name { m.name = v }
        if let Some(v) = c.person_kind { m.person_kind = v.as_str().into() }
        if let Some(v) = c.relationship { m.relationship = v.as_str().into() }
        if let Some(v) = c.public_name { m.public_name = v }
        if let Some(v) = c.segment { m.segment = v }
        if let Some(v) = c.client_type { m.client_type = v }
        if let Some(v) = c.notes { m.notes = v }
        if let Some(v) = c.email { m.email = v.map(|e| e.as_str().to_owned()) }
        if let Some(v) = c.phone { m.phone = v.map(|p| p.as_str().to_owned()) }
        if let Some(v) = c.manager_id { m.manager_id = v.map(Uuid::from) }
    })
    .await?;
    if !edit.changes.is_empty() {
        record(&w, edit.after.organization_id, edit.after.id, ("client", edit.after.id), AuditAction::Update, edit.changes).await?;
    }
    let out = card(&w.tx, clients::card(&w.tx, w.actor.scope, id).await?).await?;
    w.commit().await?;
    Ok(out)
}

pub async fn history(ctx: &AppState, who: &Credentials, id: ClientId) -> Result<Vec<audit_log::Model>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::ClientsRead)?;
    Ok(history::of_client(&ctx.db, actor.scope, id).await?)
}
