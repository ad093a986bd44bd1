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
    journal::note(&w, &card, "shipment", saved.note.clone(), data.clone());
    journal::emit(&w, &card, "shipment_recorded", data);
    progress::record(&w, deal_id).await?;
    w.commit().await?;
    Ok((saved, lines))
}

fn milli(q: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    (q.round_dp(3) * Decimal::from(1000)).to_i64().unwrap_or(i64::MAX)
}
