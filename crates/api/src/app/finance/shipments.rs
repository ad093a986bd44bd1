//! Shipments (реализация / УПД): what was shipped against an invoice's lines, recorded by the
//! warehouse or the logistician; the deal moves when everything is shipped (and paid).
use super::{progress, standing};
use crate::AppState;
use crate::app::journal;
use crate::auth::Credentials;
use crate::error::AppError;
use chrono::NaiveDate;
use domain::finance::closure::check_shipment;
use domain::{DealId, FieldError, FieldErrors, Permission};
use persistence::entities::{shipment, shipment_line};
use persistence::repo::finance::shipments;
use persistence::repo::sales::deals;
use rust_decimal::Decimal;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct NewShipment {
    pub invoice_id: Uuid,
    pub number: Option<String>,
    pub shipped_on: NaiveDate,
    pub note: Option<String>,
    /// (invoice line id, quantity); empty: everything that remains.
    pub lines: Vec<(Uuid, Decimal)>,
}

pub async fn record(ctx: &AppState, who: &Credentials, deal_id: DealId, n: NewShipment) -> Result<(shipment::Model, Vec<shipment_line::Model>), AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ShipmentsRecord)?;
    let deal = deals::get(&w.tx, w.actor.scope, deal_id).await?;
    let saved = record_in(&w, deal, n).await?;
    w.commit().await?;
    Ok(saved)
}

/// Records a shipment of the deal in the caller's transaction, the caller's right to it already
/// checked (a production's shipment of its order records the deal's by itself): the invoice's
/// remaining lines, the timeline, the deal's progress.
pub(crate) async fn record_in(w: &crate::app::Write, deal: persistence::entities::deal::Model, n: NewShipment) -> Result<(shipment::Model, Vec<shipment_line::Model>), AppError> {
    let deal_id: DealId = deal.id.into();
    let today = w.now.date_naive();
    let invoices = standing::of_deal(&w.tx, deal_id, today).await?;
    let Some(inv) = invoices.iter().find(|i| i.doc.id == n.invoice_id) else {
        return Err(AppError::field("invoice_id", FieldError::new("not_found", "Нет такого счёта по этой сделке")));
    };
    let mut errs = FieldErrors::new();
    if !inv.is_open() {
        errs.add("invoice_id", FieldError::new("not_allowed", "Счёт отменён"));
    }
    if n.shipped_on > today {
        errs.add("shipped_on", FieldError::new("out_of_range", "Дата отгрузки не может быть в будущем"));
    }
    let remaining: Vec<Decimal> = inv.lines.iter().map(|l| (l.quantity - l.shipped).max(Decimal::ZERO)).collect();
    let requested: Vec<(usize, Decimal)> = if n.lines.is_empty() {
        remaining.iter().enumerate().filter(|(_, r)| **r > Decimal::ZERO).map(|(i, r)| (i, *r)).collect()
    } else {
        n.lines
            .iter()
            .map(|(id, q)| (inv.lines.iter().position(|l| l.line.id == *id).unwrap_or(usize::MAX), *q))
            .collect()
    };
    if let Err(e) = check_shipment(&remaining, &requested) {
        errs.merge_prefixed("", e);
    }
    if n.lines.is_empty() && requested.is_empty() {
        errs.add("lines", FieldError::new("not_allowed", "По счёту уже всё отгружено"));
    }
    errs.into_result()?;
    let number = n.number.filter(|s| !s.trim().is_empty()).unwrap_or_else(|| format!("{}-{}", inv.doc.number, today.format("%d%m")));
    let s = shipment::Model {
        id: Uuid::now_v7(),
        organization_id: deal.organization_id,
        deal_id: deal.id,
        invoice_id: inv.doc.id,
        number,
        shipped_on: n.shipped_on,
        note: n.note,
        created_by: w.actor.user_id.map(Uuid::from),
        created_at: w.now,
    };
    let lines: Vec<shipment_line::Model> = requested
        .iter()
        .map(|(i, q)| shipment_line::Model { id: Uuid::now_v7(), shipment_id: s.id, line_id: inv.lines[*i].line.id, quantity_milli: milli(*q) })
        .collect();
    let saved = shipments::insert(&w.tx, s, lines.clone()).await?;
    let card = persistence::repo::sales::cards::Card::Deal(deal);
    let data = serde_json::json!({"shipment_id": saved.id, "number": saved.number, "invoice_number": inv.doc.number, "shipped_on": saved.shipped_on});
    journal::note(w, &card, "shipment", saved.note.clone(), data.clone());
    journal::emit(w, &card, "shipment_recorded", data);
    progress::record(w, deal_id).await?;
    Ok((saved, lines))
}

fn milli(q: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    (q.round_dp(3) * Decimal::from(1000)).to_i64().unwrap_or(i64::MAX)
}

/// An invoice with something left to ship, as the warehouse and the logisticians see it.
#[derive(Debug, Clone)]
pub struct ToShip {
    pub invoice: standing::InvoiceMoney,
    pub client_name: String,
    pub deal_id: Uuid,
    pub deal_number: i64,
    pub deal_title: String,
    /// The schedule's payment required before shipping is in (or the invoice is on deferral).
    pub ready: bool,
}

/// The shipping queue: the open invoices of deals in the caller's scope with lines not fully
/// shipped, oldest invoice first; `ready_only` keeps those whose required payment is in. A page
/// of `limit` from `offset`, and how many there are.
pub async fn queue(ctx: &AppState, who: &Credentials, ready_only: bool, limit: usize, offset: usize) -> Result<(Vec<ToShip>, usize), AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::ShipmentsRecord)?;
    let today = ctx.today().0;
    let open = persistence::repo::finance::invoices::unshipped_in(&ctx.db, actor.scope).await?;
    let money = standing::of(&ctx.db, open, today, true).await?;
    let ready = |m: &standing::InvoiceMoney| m.deferral || m.paid >= m.required_now;
    let waiting: Vec<standing::InvoiceMoney> = money
        .into_iter()
        .filter(|m| m.lines.iter().any(|l| l.shipped < l.quantity))
        .filter(|m| !ready_only || ready(m))
        .collect();
    let total = waiting.len();
    let page: Vec<standing::InvoiceMoney> = waiting.into_iter().skip(offset).take(limit).collect();
    let deal_ids: Vec<Uuid> = page.iter().filter_map(|m| m.doc.deal_id).collect();
    let heads = persistence::repo::sales::deals::heads(&ctx.db, deal_ids).await?;
    let client_ids: Vec<domain::ClientId> = page.iter().filter_map(|m| m.doc.client_id).map(domain::ClientId::from).collect();
    let names = persistence::repo::clients::clients::names(&ctx.db, client_ids).await?;
    let rows = page
        .into_iter()
        .filter_map(|m| {
            let deal_id = m.doc.deal_id?;
            let (deal_number, deal_title) = heads.get(&deal_id).cloned()?;
            Some(ToShip {
                ready: ready(&m),
                client_name: m.doc.client_id.and_then(|c| names.get(&domain::ClientId::from(c)).cloned()).unwrap_or_default(),
                deal_id,
                deal_number,
                deal_title,
                invoice: m,
            })
        })
        .collect();
    Ok((rows, total))
}
