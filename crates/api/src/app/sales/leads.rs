//! Leads: list, read, take in, edit, move, convert into a deal.
use super::cards::{self, CardView};
use super::{CardFilter, CardList, active_pipeline, all_pipelines, check_person, checked};
use crate::AppState;
use crate::auth::Credentials;
use crate::app::journal;
use crate::error::AppError;
use domain::pipelines::{Command, PipelineKind, StageKind};
use domain::sales::commands::{ConvertLead, LeadChanges, MoveCard, NewLead};
use domain::sales::{CardId, CardStatus, DealKind};
use domain::{Currency, FieldError, FieldErrors, LeadId, Permission};
use persistence::entities::{client, contact, deal, lead};
use persistence::repo::clients::{clients, contacts, history};
use persistence::repo::sales::cards::{self as card_rows, Card};
use persistence::repo::{identity, sequences};
use persistence::{AccessScope, repo};
use uuid::Uuid;

pub async fn list(ctx: &AppState, who: &Credentials, f: &CardFilter, limit: u64, cursor: Option<&str>) -> Result<CardList<lead::Model>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::LeadsRead)?;
    let page = repo::sales::leads::list(&ctx.db, actor.scope, f, limit, cursor).await?;
    Ok(CardList { page, pipelines: all_pipelines(&ctx.db).await? })
}

pub async fn get(ctx: &AppState, who: &Credentials, id: LeadId) -> Result<CardView, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::LeadsRead)?;
    cards::load(&ctx.db, &ctx.pipelines, actor.scope, CardId::Lead(id)).await?.for_role(actor.role)
}

/// A lead comes in: in its pipeline's first stage, with the client recognised by its phone or
/// e-mail (seed 001 §2.1) and what the first stage opens (the first call).
pub async fn create(ctx: &AppState, who: &Credentials, cmd: NewLead) -> Result<CardView, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::LeadsWrite)?;
    let mut errors = FieldErrors::new();
    check_person(&w.tx, w.actor.scope, &mut errors, "responsible_id", cmd.responsible_id).await?;
    let pipeline = checked(errors, "pipeline_id", active_pipeline(&w.tx, PipelineKind::Lead, cmd.pipeline_id).await?)?;
    let organization_id = cmd.organization_id.unwrap_or(w.actor.organization_id);
    identity::get_organization(&w.tx, w.actor.scope, organization_id).await?;
    let (phone, email) = (cmd.phone.as_ref().map(|p| p.as_str().to_owned()), cmd.email.as_ref().map(|e| e.as_str().to_owned()));
    let client = clients::recognise(&w.tx, AccessScope::Organization(organization_id), phone.as_deref(), email.as_deref()).await?;
    let title = cmd
        .title
        .or_else(|| cmd.company_name.clone())
        .or_else(|| cmd.contact_name.clone())
        .or_else(|| client.as_ref().map(|c| c.name.clone()))
        .unwrap_or_else(|| format!("Заявка {}", phone.clone().or_else(|| email.clone()).unwrap_or_default()));
    let now = w.now;
    let row = lead::Model {
        id: Uuid::now_v7(), organization_id: organization_id.into(), number: sequences::next(&w.tx, "lead").await?, pipeline_id: pipeline.row.id,
        stage: pipeline.first_stage()?, stage_entered_at: now, status: CardStatus::Open.as_str().into(), title, search_text: String::new(),
        responsible_id: cmd.responsible_id.or(w.actor.user_id).map(Uuid::from), client_id: client.map(|c| c.id), contact_name: cmd.contact_name,
        company_name: cmd.company_name, phone, email, message: cmd.message, channel: cmd.channel.as_str().into(), keywords: cmd.keywords,
        utm_source: cmd.utm.source, utm_medium: cmd.utm.medium, utm_campaign: cmd.utm.campaign, utm_term: cmd.utm.term, utm_content: cmd.utm.content,
        call_tracking_number: cmd.call_tracking_number.map(|p| p.as_str().to_owned()), price_range: None, offer_details: None,
        agreed_individual_offer: false, agreed_design: false, expected_revenue_minor: cmd.expected_revenue.map(|m| m.minor()),
        checklist: "[]".into(), facts: "[]".into(), loss_reason: None, loss_objections: None, add_to_mailing: false, deal_id: None,
        closed_at: None, created_by: w.actor.user_id.map(Uuid::from), created_at: now, updated_at: now, version: 1,
    };
    let card = card_rows::insert(&w.tx, Card::Lead(row)).await?;
    let mut view = CardView { card, names: Default::default(), pipeline: pipeline.into(), requests: vec![], moves: vec![] };
    cards::start(&w, &mut view).await?;
    let view = cards::load(&w.tx, &w.pipelines, AccessScope::All, view.card.id()).await?.for_role(w.actor.role)?;
    w.commit().await?;
    Ok(view)
}

/// Edits a lead's fields and checklist at the version the person saw.
pub async fn update(ctx: &AppState, who: &Credentials, id: LeadId, version: i32, c: LeadChanges) -> Result<CardView, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::LeadsWrite)?;
    let mut v = cards::load(&w.tx, &w.pipelines, w.actor.scope, CardId::Lead(id)).await?;
    let mut errors = FieldErrors::new();
    check_person(&w.tx, w.actor.scope, &mut errors, "responsible_id", c.responsible_id.flatten()).await?;
    // The client must be of the lead's own organization (a deal made from it belongs there).
    if let Some(Some(client_id)) = c.client_id {
        let same_organization = clients::get(&w.tx, w.actor.scope, client_id).await.is_ok_and(|row| row.organization_id() == v.card.organization_id());
        if !same_organization {
            errors.add("client_id", FieldError::new("not_found", "Клиент не найден"));
        }
    }
    errors.into_result()?;
    cards::check_version(&v, version)?;
    cards::edit(&w, &mut v, |card, p| {
        if let Some(checklist) = &c.checklist {
            cards::tick(card, p, checklist)?;
        }
        if let Card::Lead(l) = card {
            if let Some(x) = c.title { l.title = x }
            if let Some(x) = c.responsible_id { l.responsible_id = x.map(Uuid::from) }
            if let Some(x) = c.client_id { l.client_id = x.map(Uuid::from) }
            if let Some(x) = c.contact_name { l.contact_name = x }
            if let Some(x) = c.company_name { l.company_name = x }
            if let Some(x) = c.phone { l.phone = x.map(|p| p.as_str().to_owned()) }
            if let Some(x) = c.email { l.email = x.map(|e| e.as_str().to_owned()) }
            if let Some(x) = c.keywords { l.keywords = x }
            if let Some(x) = c.price_range { l.price_range = x }
            if let Some(x) = c.offer_details { l.offer_details = x }
            if let Some(x) = c.agreed_individual_offer { l.agreed_individual_offer = x }
            if let Some(x) = c.agreed_design { l.agreed_design = x }
            if let Some(x) = c.expected_revenue { l.expected_revenue_minor = x.map(|m| m.minor()) }
        }
        Ok(())
    })
    .await?;
    let role = w.actor.role;
    w.commit().await?;
    v.for_role(role)
}

/// Moves a lead by hand. Its won stage is its conversion into a deal: the same guards, and a deal is made.
pub async fn move_lead(ctx: &AppState, who: &Credentials, id: LeadId, cmd: MoveCard) -> Result<CardView, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::LeadsWrite)?;
    let mut v = cards::load(&w.tx, &w.pipelines, w.actor.scope, CardId::Lead(id)).await?;
    if v.pipeline.def.stage(&cmd.to).is_some_and(|s| s.kind == StageKind::Won) {
        w.actor.require(Permission::DealsWrite)?;
        let (lead, _) = conversion(&w, v, ConvertLead { version: cmd.version, ..Default::default() }).await?;
        let role = w.actor.role;
        w.commit().await?;
        return lead.for_role(role);
    }
    cards::move_by_hand(&w, &mut v, cmd).await?;
    let role = w.actor.role;
    w.commit().await?;
    v.for_role(role)
}

/// Converts a lead into a deal (seed 000).
pub async fn convert(ctx: &AppState, who: &Credentials, id: LeadId, cmd: ConvertLead) -> Result<(CardView, CardView), AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::LeadsWrite)?;
    w.actor.require(Permission::DealsWrite)?;
    let v = cards::load(&w.tx, &w.pipelines, w.actor.scope, CardId::Lead(id)).await?;
    let (lead, deal) = conversion(&w, v, cmd).await?;
    let role = w.actor.role;
    w.commit().await?;
    Ok((lead.for_role(role)?, deal.for_role(role)?))
}

/// The lead moves to its won stage through the engine — so the conversion guard applies — and
/// the deal starts in its pipeline's first stage, keeping the lead's channel, keywords and UTM
/// marks. A lead without a client gets a prospective one.
async fn conversion(w: &crate::app::Write, mut lead_view: CardView, cmd: ConvertLead) -> Result<(CardView, CardView), AppError> {
    let deal_pipeline = checked(FieldErrors::new(), "deal_pipeline_id", active_pipeline(&w.tx, PipelineKind::Deal, cmd.deal_pipeline_id).await?)?;
    let Card::Lead(lead) = lead_view.card.clone() else { return Err(AppError::NotFound) };
    let won = lead_view
        .pipeline
        .def
        .stages
        .iter()
        .find(|s| s.kind == StageKind::Won)
        .map(|s| s.code.clone())
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("lead pipeline {} without a won stage", lead_view.pipeline.row.code)))?;
    cards::check_version(&lead_view, cmd.version)?;
    cards::run(w, &mut lead_view, &Command::Move { to: won, loss: None }).await?;
    let organization = AccessScope::Organization(lead.organization_id.into());
    let client_id = match cmd.client_id.or(lead.client_id.map(Into::into)) {
        Some(c) => clients::get(&w.tx, organization, c).await?.client_id(),
        None => prospect_from(w, &lead).await?,
    };
    let now = w.now;
    let row = deal::Model {
        id: Uuid::now_v7(), organization_id: lead.organization_id, number: sequences::next(&w.tx, "deal").await?, pipeline_id: deal_pipeline.row.id,
        stage: deal_pipeline.first_stage()?, stage_entered_at: now, status: CardStatus::Open.as_str().into(), search_text: String::new(),
        title: cmd.title.unwrap_or_else(|| lead.title.clone()), kind: DealKind::of_pipeline(&deal_pipeline.row.code).as_str().into(),
        client_id: client_id.into(), counterparty_id: None, responsible_id: lead.responsible_id.or(w.actor.user_id.map(Uuid::from)),
        expected_revenue_minor: cmd.expected_revenue.map(|m| m.minor()).or(lead.expected_revenue_minor), currency: Currency::Rub.as_str().into(),
        delivery_address: cmd.delivery_address.clone(), offer_details: lead.offer_details.clone(), promised_payment_date: None, review_score: None, lead_id: Some(lead.id),
        channel: lead.channel.clone(), keywords: lead.keywords.clone(), utm_source: lead.utm_source.clone(), utm_medium: lead.utm_medium.clone(),
        utm_campaign: lead.utm_campaign.clone(), utm_term: lead.utm_term.clone(), utm_content: lead.utm_content.clone(),
        call_tracking_number: lead.call_tracking_number.clone(), checklist: "[]".into(), facts: "[]".into(), loss_reason: None,
        loss_objections: None, add_to_mailing: false, closed_at: None, created_by: w.actor.user_id.map(Uuid::from), created_at: now,
        updated_at: now, version: 1,
    };
    let deal_card = card_rows::insert(&w.tx, Card::Deal(row)).await?;
    let deal_id = match deal_card.id() {
        CardId::Deal(id) => id,
        CardId::Lead(_) => return Err(AppError::NotFound),
    };
    journal::note(w, &deal_card, "from_lead", None, serde_json::json!({"lead_id": lead.id, "lead_number": lead.number}));
    let deal_number = deal_card.number();
    let mut deal_view = CardView { card: deal_card, names: Default::default(), pipeline: deal_pipeline.into(), requests: vec![], moves: vec![] };
    cards::start(w, &mut deal_view).await?;
    repo::sales::leads::link_deal(&w.tx, lead.id.into(), deal_id, client_id).await?;
    let lead_view = cards::load(&w.tx, &w.pipelines, AccessScope::All, CardId::Lead(lead.id.into())).await?;
    let data = serde_json::json!({"deal_id": deal_id, "deal_number": deal_number, "client_id": client_id});
    journal::note(w, &lead_view.card, "converted", None, data.clone());
    journal::emit(w, &lead_view.card, "converted", data);
    let deal_view = cards::load(&w.tx, &w.pipelines, AccessScope::All, CardId::Deal(deal_id)).await?;
    Ok((lead_view, deal_view))
}

/// A prospective client made from what a lead says about the person and the company.
async fn prospect_from(w: &crate::app::Write, lead: &lead::Model) -> Result<domain::ClientId, AppError> {
    let now = w.now;
    let id = Uuid::now_v7();
    let company = lead.company_name.as_deref().filter(|n| !n.trim().is_empty());
    let name = company.map(str::to_owned).or_else(|| lead.contact_name.clone()).filter(|n| !n.trim().is_empty()).unwrap_or_else(|| lead.title.clone());
    let person_kind = if company.is_some() { domain::clients::PersonKind::Legal } else { domain::clients::PersonKind::Person };
    let client = clients::insert(&w.tx, client::Model {
        id, organization_id: lead.organization_id, name, public_name: None, name_norm: String::new(), sort_name: String::new(),
        search_text: String::new(), person_kind: person_kind.as_str().into(), relationship: domain::clients::Relationship::Prospect.as_str().into(),
        segment: None, client_type: None, email: lead.email.clone(), phone: lead.phone.clone(), manager_id: lead.responsible_id,
        notes: lead.message.clone(), created_by: w.actor.user_id.map(Uuid::from), created_at: now, updated_at: now, version: 1,
    }, &[])
    .await?;
    let author = w.actor.author();
    let created = history::Entry { organization_id: client.organization_id, client_id: client.id, entity_type: "client", entity_id: client.id,
        action: domain::clients::AuditAction::Create, changes: history::created(serde_json::json!({"name": client.name})) };
    history::record(&w.tx, &author, created, now).await?;
    if let Some(n) = lead.contact_name.as_ref().filter(|n| !n.trim().is_empty()) {
        contacts::insert(&w.tx, contact::Model {
            id: Uuid::now_v7(), client_id: id, organization_id: lead.organization_id, last_name: None, first_name: n.clone(), middle_name: None,
            position: None, phone: lead.phone.clone(), mobile: None, email: lead.email.clone(), created_at: now, updated_at: now, version: 1,
        })
        .await?;
    }
    Ok(client.client_id())
}
