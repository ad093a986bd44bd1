//! Counterparties after a client is made: added, edited (changed requisites withdraw the
//! approval), approved by an admin (seed 001 §3.1).
use super::record;
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::clients::{AuditAction, CounterpartyDraft, Requisites};
use domain::{ClientId, CounterpartyId, Permission};
use persistence::entities::{bank_account, counterparty};
use persistence::repo::clients::{bank_accounts, clients, counterparties, history};
use uuid::Uuid;

/// The row of checked requisites for client `client_id` of organization `org`.
pub(crate) fn row(r: Requisites, client_id: Uuid, org: Uuid, now: chrono::DateTime<chrono::Utc>) -> counterparty::Model {
    counterparty::Model {
        id: Uuid::now_v7(), client_id, organization_id: org, kind: r.kind.as_str().into(), name: r.name, inn: r.inn.map(|v| v.as_str().to_owned()),
        kpp: r.kpp.map(|v| v.as_str().to_owned()), ogrn: r.ogrn.map(|v| v.as_str().to_owned()), okpo: r.okpo.map(|v| v.as_str().to_owned()),
        legal_address: r.legal_address, actual_address: r.actual_address, approved: false, approved_by: None, approved_at: None,
        created_at: now, updated_at: now, version: 1,
    }
}

/// Adds a counterparty to a client the caller can see; the client is then found by its INN too.
pub async fn create(ctx: &AppState, who: &Credentials, client_id: ClientId, r: Requisites) -> Result<counterparty::Model, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ClientsWrite)?;
    let owner = clients::get(&w.tx, w.actor.scope, client_id).await?;
    let saved = counterparties::insert(&w.tx, row(r, owner.id, owner.organization_id, w.now)).await?;
    clients::rederive(&w.tx, client_id).await?;
    record(&w, saved.organization_id, saved.client_id, ("counterparty", saved.id), AuditAction::Create, history::created(counterparties::snapshot(&saved))).await?;
    w.commit().await?;
    Ok(saved)
}

/// A patch of requisites as typed: `None` leaves a field alone, `Some(None)` clears it.
#[derive(Default)]
pub struct RequisitesPatch {
    pub version: i32,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub inn: Option<Option<String>>,
    pub kpp: Option<Option<String>>,
    pub ogrn: Option<Option<String>>,
    pub okpo: Option<Option<String>>,
    pub legal_address: Option<Option<String>>,
    pub actual_address: Option<Option<String>>,
}

/// Edits a counterparty's requisites: the patch over the stored ones is checked as a whole, since
/// the rules tie them to the kind. Changed requisites withdraw the approval.
pub async fn update(ctx: &AppState, who: &Credentials, id: CounterpartyId, p: RequisitesPatch) -> Result<(counterparty::Model, Vec<bank_account::Model>), AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ClientsWrite)?;
    let current = counterparties::get(&w.tx, w.actor.scope, id).await?;
    let pick = |patch: &Option<Option<String>>, now: &Option<String>| patch.clone().unwrap_or_else(|| now.clone());
    let (inn, kpp, ogrn, okpo) = (pick(&p.inn, &current.inn), pick(&p.kpp, &current.kpp), pick(&p.ogrn, &current.ogrn), pick(&p.okpo, &current.okpo));
    let (legal, actual) = (pick(&p.legal_address, &current.legal_address), pick(&p.actual_address, &current.actual_address));
    let draft = CounterpartyDraft {
        kind: p.kind.as_deref().unwrap_or(&current.kind),
        name: p.name.as_deref().unwrap_or(&current.name),
        inn: inn.as_deref(),
        kpp: kpp.as_deref(),
        ogrn: ogrn.as_deref(),
        okpo: okpo.as_deref(),
        legal_address: legal.as_deref(),
        actual_address: actual.as_deref(),
    };
    let next = row(Requisites::parse(&draft)?, current.client_id, current.organization_id, w.now);
    let edit = counterparties::update(&w.tx, w.actor.scope, id, p.version, w.now, |c| {
        c.kind = next.kind;
        c.name = next.name;
        c.inn = next.inn;
        c.kpp = next.kpp;
        c.ogrn = next.ogrn;
        c.okpo = next.okpo;
        c.legal_address = next.legal_address;
        c.actual_address = next.actual_address;
    })
    .await?;
    if !edit.changes.is_empty() {
        clients::rederive(&w.tx, edit.after.client_id()).await?;
        record(&w, edit.after.organization_id, edit.after.client_id, ("counterparty", edit.after.id), AuditAction::Update, edit.changes).await?;
    }
    let accounts = bank_accounts::of_counterparty(&w.tx, edit.after.counterparty_id()).await?;
    w.commit().await?;
    Ok((edit.after, accounts))
}

/// An admin approves the requisites (or withdraws the approval).
pub async fn approve(ctx: &AppState, who: &Credentials, id: CounterpartyId, version: i32, approved: bool) -> Result<counterparty::Model, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::CounterpartiesApprove)?;
    let edit = counterparties::set_approval(&w.tx, w.actor.scope, id, version, approved, w.actor.user_id, w.now).await?;
    if !edit.changes.is_empty() {
        record(&w, edit.after.organization_id, edit.after.client_id, ("counterparty", edit.after.id), AuditAction::Approve, edit.changes).await?;
    }
    w.commit().await?;
    Ok(edit.after)
}
