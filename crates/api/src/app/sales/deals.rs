//! Deals: list, read, create by hand, edit, move, register the client's payment.
use super::cards::{self, CardView};
use super::{CardFilter, CardList, active_pipeline, all_pipelines, check_person, checked};
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::pipelines::PipelineKind;
use domain::sales::commands::{DealChanges, MoveCard, NewDeal, PaymentNotice};
use domain::sales::{CardId, CardStatus, DealKind};
use domain::{ClientId, CounterpartyId, Currency, DealId, FieldError, FieldErrors, OrganizationId, Permission};
use persistence::entities::deal;
use persistence::repo::clients::{clients, counterparties};
use persistence::repo::sales::cards::{self as card_rows, Card};
use persistence::repo::{self, sequences};
use persistence::{AccessScope, ConnectionTrait};
use uuid::Uuid;

pub async fn list(ctx: &AppState, who: &Credentials, f: &CardFilter, limit: u64, cursor: Option<&str>) -> Result<CardList<deal::Model>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::DealsRead)?;
    let page = repo::sales::deals::list(&ctx.db, actor.scope, f, limit, cursor).await?;
    Ok(CardList { page, pipelines: all_pipelines(&ctx.db).await? })
}

pub async fn get(ctx: &AppState, who: &Credentials, id: DealId) -> Result<CardView, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::DealsRead)?;
    cards::load(&ctx.db, &ctx.pipelines, actor.scope, CardId::Deal(id)).await?.for_role(actor.role)
}

/// A client's deals counted and summed per status (open, won, lost), for its card.
pub async fn totals_of_client(ctx: &AppState, who: &Credentials, id: ClientId) -> Result<Vec<repo::sales::deals::StatusTotal>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::DealsRead)?;
    // A client outside the scope does not exist for the caller.
    clients::get(&ctx.db, actor.scope, id).await?;
    Ok(repo::sales::deals::totals_of_client(&ctx.db, actor.scope, id).await?)
}

/// A deal's client and counterparty are of the deal's organization and belong together.
async fn check_parties(db: &impl ConnectionTrait, organization: OrganizationId, client: ClientId, counterparty: Option<CounterpartyId>, errors: &mut FieldErrors) -> Result<(), AppError> {
    let in_org = AccessScope::Organization(organization);
    if clients::get(db, in_org, client).await.is_err() {
        errors.add("client_id", FieldError::new("not_found", "Клиент не найден"));
    }
    if let Some(cp) = counterparty
        && !counterparties::get(db, in_org, cp).await.is_ok_and(|c| c.client_id() == client)
    {
        errors.add("counterparty_id", FieldError::new("not_found", "У клиента нет такого контрагента"));
    }
    Ok(())
}

/// A deal made by hand: in its pipeline's first stage, with what that stage opens (the
/// delivery-cost request). It belongs to its client's organization.
pub async fn create(ctx: &AppState, who: &Credentials, cmd: NewDeal) -> Result<CardView, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::DealsWrite)?;
    let mut errors = FieldErrors::new();
    check_person(&w.tx, w.actor.scope, &mut errors, "responsible_id", cmd.responsible_id).await?;
    let pipeline = checked(errors, "pipeline_id", active_pipeline(&w.tx, PipelineKind::Deal, cmd.pipeline_id).await?)?;
    // A client outside the scope does not exist for the caller.
    let client = clients::get(&w.tx, w.actor.scope, cmd.client_id).await?;
    let mut errors = FieldErrors::new();
    check_parties(&w.tx, client.organization_id(), cmd.client_id, cmd.counterparty_id, &mut errors).await?;
    errors.into_result()?;
    let now = w.now;
    let row = deal::Model {
        id: Uuid::now_v7(), organization_id: client.organization_id, number: sequences::next(&w.tx, "deal").await?, pipeline_id: pipeline.row.id,
        stage: pipeline.first_stage()?, stage_entered_at: now, status: CardStatus::Open.as_str().into(), title: cmd.title, search_text: String::new(),
        kind: DealKind::of_pipeline(&pipeline.row.code).as_str().into(), client_id: client.id, counterparty_id: cmd.counterparty_id.map(Uuid::from),
        responsible_id: cmd.responsible_id.or(w.actor.user_id).map(Uuid::from), expected_revenue_minor: cmd.expected_revenue.map(|m| m.minor()),
        currency: cmd.expected_revenue.map_or(Currency::Rub, |m| m.currency()).as_str().into(), delivery_address: cmd.delivery_address,
        offer_details: cmd.offer_details, promised_payment_date: None, review_score: None, lead_id: None, channel: cmd.channel.as_str().into(),
        keywords: None, utm_source: None, utm_medium: None, utm_campaign: None, utm_term: None, utm_content: None, call_tracking_number: None,
        checklist: "[]".into(), facts: "[]".into(), loss_reason: None, loss_objections: None, add_to_mailing: false, closed_at: None,
        created_by: w.actor.user_id.map(Uuid::from), created_at: now, updated_at: now, version: 1,
    };
    let card = card_rows::insert(&w.tx, Card::Deal(row)).await?;
    let mut view = CardView { card, names: Default::default(), pipeline: pipeline.into(), requests: vec![], moves: vec![] };
    cards::start(&w, &mut view).await?;
    let view = cards::load(&w.tx, &w.pipelines, AccessScope::All, view.card.id()).await?.for_role(w.actor.role)?;
    w.commit().await?;
    Ok(view)
}

/// Edits a deal's fields and checklist at the version the person saw.
pub async fn update(ctx: &AppState, who: &Credentials, id: DealId, version: i32, c: DealChanges) -> Result<CardView, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::DealsWrite)?;
    let mut errors = FieldErrors::new();
    check_person(&w.tx, w.actor.scope, &mut errors, "responsible_id", c.responsible_id.flatten()).await?;
    let mut v = cards::load(&w.tx, &w.pipelines, w.actor.scope, CardId::Deal(id)).await?;
    if let (Some(Some(cp)), Card::Deal(d)) = (c.counterparty_id, &v.card) {
        let mut parties = FieldErrors::new();
        check_parties(&w.tx, d.organization_id.into(), d.client_id.into(), Some(cp), &mut parties).await?;
        for (field, e) in parties.0 {
            errors.add(field, e);
        }
    }
    errors.into_result()?;
    cards::check_version(&v, version)?;
    cards::edit(&w, &mut v, |card, p| {
        if let Some(checklist) = &c.checklist {
            cards::tick(card, p, checklist)?;
        }
        if let Card::Deal(d) = card {
            if let Some(x) = c.title { d.title = x }
            if let Some(x) = c.counterparty_id { d.counterparty_id = x.map(Uuid::from) }
            if let Some(x) = c.responsible_id { d.responsible_id = x.map(Uuid::from) }
            if let Some(x) = c.expected_revenue { d.expected_revenue_minor = x.map(|m| m.minor()) }
            if let Some(x) = c.delivery_address { d.delivery_address = x }
            if let Some(x) = c.offer_details { d.offer_details = x }
            if let Some(x) = c.promised_payment_date { d.promised_payment_date = x }
            if let Some(x) = c.review_score { d.review_score = x.map(|s| s.get()) }
        }
        Ok(())
    })
    .await?;
    let role = w.actor.role;
    w.commit().await?;
    v.for_role(role)
}

/// Moves a deal by hand.
pub async fn move_deal(ctx: &AppState, who: &Credentials, id: DealId, cmd: MoveCard) -> Result<CardView, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::DealsWrite)?;
    let mut v = cards::load(&w.tx, &w.pipelines, w.actor.scope, CardId::Deal(id)).await?;
    cards::move_by_hand(&w, &mut v, cmd).await?;
    let role = w.actor.role;
    w.commit().await?;
    v.for_role(role)
}

/// The accountant's payment notice on a deal (kept from before issue 11): a real incoming payment
/// from the deal's client, put on the deal's open invoices oldest first (up to what each lacks;
/// the rest stays the client's advance). The deal moves as its invoices say
/// ([`crate::app::finance::progress`]).
pub async fn register_payment(ctx: &AppState, who: &Credentials, id: DealId, notice: PaymentNotice) -> Result<CardView, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::PaymentsRecord)?;
    let deal = repo::sales::deals::get(&w.tx, w.actor.scope, id).await?;
    crate::app::finance::payments::on_deal(&w, &deal, notice).await?;
    let view = cards::load(&w.tx, &w.pipelines, AccessScope::All, CardId::Deal(id)).await?;
    let role = w.actor.role;
    w.commit().await?;
    view.for_role(role)
}
