//! Cards — leads and deals — as a board, a list and their pages show them.
use super::money;
use super::work::{RequestSummary, request_summary};
use crate::app::sales::cards::CardView;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use domain::pipelines::MoveOption;
use domain::sales::{CardKind, CardStatus, Channel, DealKind};
use persistence::entities::{deal, lead};
use persistence::repo::pipelines::Pipeline;
use persistence::repo::sales::board::BoardCard;
use persistence::repo::sales::{CardNames, CardRow};
use persistence::repo::sales::cards::Card;
use domain::PipelineId;
use rust_decimal::Decimal;
use std::collections::HashMap;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A card on a board or in a list.
#[derive(Serialize, ToSchema)]
pub struct CardSummary {
    pub id: Uuid,
    pub kind: CardKind,
    pub number: i64,
    pub title: String,
    pub pipeline_id: Uuid,
    pub stage: String,
    pub stage_name: String,
    pub stage_entered_at: DateTime<Utc>,
    pub status: CardStatus,
    /// Longer in the stage than the stage allows.
    pub stuck: bool,
    pub organization_id: Uuid,
    pub client_id: Option<Uuid>,
    pub client_name: Option<String>,
    /// For a lead without a client yet: who wrote or called.
    pub contact_name: Option<String>,
    pub company_name: Option<String>,
    pub phone: Option<String>,
    pub responsible_id: Option<Uuid>,
    pub responsible_name: Option<String>,
    #[schema(value_type = Option<String>, example = "125000.00")]
    pub expected_revenue: Option<Decimal>,
    pub channel: Channel,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

/// A page of a list view.
#[derive(Serialize, ToSchema)]
pub struct CardPage {
    pub items: Vec<CardSummary>,
    pub next_cursor: Option<String>,
}

fn stage_name(p: Option<&Pipeline>, stage: &str) -> String {
    p.map_or_else(|| stage.to_owned(), |p| p.stage_name(stage))
}

pub fn lead_summary(r: &lead::Model, names: &CardNames, p: Option<&Pipeline>, now: DateTime<Utc>) -> Result<CardSummary, AppError> {
    Ok(CardSummary {
        id: r.id, kind: CardKind::Lead, number: r.number, title: r.title.clone(), pipeline_id: r.pipeline_id, stage: r.stage.clone(),
        stage_name: stage_name(p, &r.stage), stage_entered_at: r.stage_entered_at, status: r.status()?,
        stuck: p.is_some_and(|p| p.is_stuck(&r.stage, r.stage_entered_at, now)), organization_id: r.organization_id, client_id: r.client_id,
        client_name: names.client.clone(), contact_name: r.contact_name.clone(), company_name: r.company_name.clone(), phone: r.phone.clone(),
        responsible_id: r.responsible_id, responsible_name: names.responsible.clone(), expected_revenue: money(r.expected_revenue_minor)?,
        channel: r.channel()?, created_at: r.created_at, version: r.version,
    })
}

pub fn deal_summary(r: &deal::Model, names: &CardNames, p: Option<&Pipeline>, now: DateTime<Utc>) -> Result<CardSummary, AppError> {
    Ok(CardSummary {
        id: r.id, kind: CardKind::Deal, number: r.number, title: r.title.clone(), pipeline_id: r.pipeline_id, stage: r.stage.clone(),
        stage_name: stage_name(p, &r.stage), stage_entered_at: r.stage_entered_at, status: r.status()?,
        stuck: p.is_some_and(|p| p.is_stuck(&r.stage, r.stage_entered_at, now)), organization_id: r.organization_id, client_id: Some(r.client_id),
        client_name: names.client.clone(), contact_name: None, company_name: None, phone: None, responsible_id: r.responsible_id,
        responsible_name: names.responsible.clone(), expected_revenue: money(r.expected_revenue_minor)?, channel: r.channel()?,
        created_at: r.created_at, version: r.version,
    })
}

/// A card on a board (read with only the columns a board shows).
pub fn board_summary(c: &BoardCard, kind: CardKind, p: &Pipeline, now: DateTime<Utc>) -> Result<CardSummary, AppError> {
    Ok(CardSummary {
        id: c.id, kind, number: c.number, title: c.title.clone(), pipeline_id: c.pipeline_id, stage: c.stage.clone(),
        stage_name: p.stage_name(&c.stage), stage_entered_at: c.stage_entered_at, status: c.status()?,
        stuck: p.is_stuck(&c.stage, c.stage_entered_at, now), organization_id: c.organization_id, client_id: c.client_id,
        client_name: c.client_name.clone(), contact_name: c.contact_name.clone(), company_name: c.company_name.clone(), phone: c.phone.clone(),
        responsible_id: c.responsible_id, responsible_name: c.responsible_name.clone(), expected_revenue: money(c.expected_revenue_minor)?,
        channel: c.channel()?, created_at: c.created_at, version: c.version,
    })
}

/// Summaries of lead rows on the given pipelines.
pub fn lead_summaries(rows: &[CardRow<lead::Model>], pipelines: &HashMap<PipelineId, Pipeline>, now: DateTime<Utc>) -> Result<Vec<CardSummary>, AppError> {
    rows.iter().map(|r| lead_summary(&r.row, &r.names, pipelines.get(&r.row.pipeline_id.into()), now)).collect()
}

/// Summaries of deal rows on the given pipelines.
pub fn deal_summaries(rows: &[CardRow<deal::Model>], pipelines: &HashMap<PipelineId, Pipeline>, now: DateTime<Utc>) -> Result<Vec<CardSummary>, AppError> {
    rows.iter().map(|r| deal_summary(&r.row, &r.names, pipelines.get(&r.row.pipeline_id.into()), now)).collect()
}

/// UTM marks of the ad a lead came through.
#[derive(Serialize, Deserialize, ToSchema, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct Utm {
    pub source: Option<String>,
    pub medium: Option<String>,
    pub campaign: Option<String>,
    pub term: Option<String>,
    pub content: Option<String>,
}

/// Why a card was lost.
#[derive(Serialize, ToSchema)]
pub struct LossOut {
    pub reason: String,
    pub reason_name: Option<String>,
    pub objections: Option<String>,
    pub add_to_mailing: bool,
}

fn loss_out(reason: Option<String>, objections: Option<String>, add_to_mailing: bool) -> Option<LossOut> {
    reason.map(|reason| LossOut {
        reason_name: domain::pipelines::reason_info(&reason).map(|r| r.name_ru.to_owned()),
        reason,
        objections,
        add_to_mailing,
    })
}

/// A stage the card can be moved to from where it is, and what stops it now.
#[derive(Serialize, ToSchema)]
pub struct MoveOut {
    pub to: String,
    pub to_name: String,
    pub allowed: bool,
    /// What to do first, as field errors (`checklist.<item>`, `<field>`, `requests.<kind>`, `stage`).
    pub problems: Vec<crate::error::ProblemFieldError>,
}

fn moves_out(moves: Vec<MoveOption>, p: &Pipeline) -> Vec<MoveOut> {
    moves
        .into_iter()
        .map(|m| MoveOut {
            to_name: p.stage_name(&m.to),
            allowed: m.failures.is_empty(),
            problems: m
                .failures
                .iter()
                .map(|f| {
                    let (field, e) = f.to_field_error(&p.def);
                    crate::error::ProblemFieldError { field, code: e.code.to_owned(), message: e.message }
                })
                .collect(),
            to: m.to,
        })
        .collect()
}

/// A lead with everything its card shows.
#[derive(Serialize, ToSchema)]
pub struct LeadDetail {
    #[serde(flatten)]
    pub card: CardSummary,
    pub organization_name: String,
    pub email: Option<String>,
    /// What the client wrote or said.
    pub message: Option<String>,
    pub keywords: Option<String>,
    pub utm: Utm,
    /// The call-tracking number the call came through.
    pub call_tracking_number: Option<String>,
    pub price_range: Option<String>,
    pub offer_details: Option<String>,
    pub agreed_individual_offer: bool,
    pub agreed_design: bool,
    /// Ticked checklist item codes.
    pub checklist: Vec<String>,
    pub facts: Vec<String>,
    pub loss: Option<LossOut>,
    pub deal_id: Option<Uuid>,
    pub deal_number: Option<i64>,
    pub closed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    /// Stages the card can go to next, with what stops it now.
    pub moves: Vec<MoveOut>,
}

/// A lead's page.
pub fn lead_detail(v: CardView, now: DateTime<Utc>) -> Result<LeadDetail, AppError> {
    let Card::Lead(l) = &v.card else { return Err(AppError::NotFound) };
    let card = lead_summary(l, &v.names, Some(&v.pipeline), now)?;
    let checklist = v.card.checklist()?.into_iter().collect();
    let facts = v.card.facts()?.into_iter().map(|f| f.as_str().to_owned()).collect();
    let moves = moves_out(v.moves, &v.pipeline);
    let Card::Lead(l) = v.card else { return Err(AppError::NotFound) };
    Ok(LeadDetail {
        card,
        organization_name: v.names.organization,
        email: l.email,
        message: l.message,
        keywords: l.keywords,
        utm: Utm { source: l.utm_source, medium: l.utm_medium, campaign: l.utm_campaign, term: l.utm_term, content: l.utm_content },
        call_tracking_number: l.call_tracking_number,
        price_range: l.price_range,
        offer_details: l.offer_details,
        agreed_individual_offer: l.agreed_individual_offer,
        agreed_design: l.agreed_design,
        checklist,
        facts,
        loss: loss_out(l.loss_reason, l.loss_objections, l.add_to_mailing),
        deal_id: l.deal_id,
        deal_number: v.names.deal_number,
        closed_at: l.closed_at,
        updated_at: l.updated_at,
        moves,
    })
}

/// A deal with everything its card shows.
#[derive(Serialize, ToSchema)]
pub struct DealDetail {
    #[serde(flatten)]
    pub card: CardSummary,
    pub organization_name: String,
    pub deal_kind: DealKind,
    pub counterparty_id: Option<Uuid>,
    pub counterparty_name: Option<String>,
    pub currency: String,
    pub delivery_address: Option<String>,
    pub offer_details: Option<String>,
    pub promised_payment_date: Option<chrono::NaiveDate>,
    pub review_score: Option<i32>,
    pub lead_id: Option<Uuid>,
    pub lead_number: Option<i64>,
    pub keywords: Option<String>,
    pub utm: Utm,
    pub call_tracking_number: Option<String>,
    pub checklist: Vec<String>,
    pub facts: Vec<String>,
    pub loss: Option<LossOut>,
    /// Requests to other departments, oldest first.
    pub requests: Vec<RequestSummary>,
    pub closed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub moves: Vec<MoveOut>,
}

/// A deal's page.
pub fn deal_detail(v: CardView, now: DateTime<Utc>) -> Result<DealDetail, AppError> {
    let Card::Deal(d) = &v.card else { return Err(AppError::NotFound) };
    let card = deal_summary(d, &v.names, Some(&v.pipeline), now)?;
    let checklist = v.card.checklist()?.into_iter().collect();
    let facts = v.card.facts()?.into_iter().map(|f| f.as_str().to_owned()).collect();
    let moves = moves_out(v.moves, &v.pipeline);
    let requests = v.requests.into_iter().map(request_summary).collect::<Result<Vec<_>, _>>()?;
    let Card::Deal(d) = v.card else { return Err(AppError::NotFound) };
    Ok(DealDetail {
        card,
        organization_name: v.names.organization,
        deal_kind: d.kind()?,
        counterparty_id: d.counterparty_id,
        counterparty_name: v.names.counterparty,
        currency: d.currency,
        delivery_address: d.delivery_address,
        offer_details: d.offer_details,
        promised_payment_date: d.promised_payment_date,
        review_score: d.review_score,
        lead_id: d.lead_id,
        lead_number: v.names.lead_number,
        keywords: d.keywords,
        utm: Utm { source: d.utm_source, medium: d.utm_medium, campaign: d.utm_campaign, term: d.utm_term, content: d.utm_content },
        call_tracking_number: d.call_tracking_number,
        checklist,
        facts,
        loss: loss_out(d.loss_reason, d.loss_objections, d.add_to_mailing),
        requests,
        closed_at: d.closed_at,
        updated_at: d.updated_at,
        moves,
    })
}
