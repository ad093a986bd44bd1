//! An invoice's cancellation (with a reason; «перевыставлен» is one) and the deal's money panel:
//! its invoices with their schedule parts due / paid / overdue, the payments, the shipments.
use super::standing::{self, InvoiceMoney};
use super::{payments as pay, progress, rub};
use crate::AppState;
use crate::app::journal;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::finance::closure::{CancelReason, DealMoney};
use domain::{DealId, FieldError, Permission};
use persistence::entities::{payment, payment_allocation, shipment, shipment_line};
use persistence::repo::documents::documents as docs;
use persistence::repo::finance::{invoices, payments, shipments};
use persistence::repo::sales::deals;
use rust_decimal::Decimal;
use uuid::Uuid;

/// Everything about a deal's money.
#[derive(Debug, Clone)]
pub struct DealMoneyView {
    pub invoices: Vec<InvoiceMoney>,
    pub payments: Vec<(payment_allocation::Model, payment::Model)>,
    pub shipments: Vec<(shipment::Model, Vec<shipment_line::Model>)>,
    /// The client's advance (money paid and not put on an invoice yet).
    pub advance: Decimal,
    pub outcome: DealMoney,
    /// What the deal's production orders cost it directly: (order number, the production's due,
    /// the delivery) — the analytics will take the margin from these.
    pub direct_costs: Vec<(String, domain::production::DirectCosts)>,
}

pub async fn of_deal(ctx: &AppState, who: &Credentials, id: DealId) -> Result<DealMoneyView, AppError> {
    let actor = ctx.read(who).await?;
    // The deal's people, the accountant, and whoever ships (the logistician, the warehouse).
    actor.require_any(&[Permission::DocumentsRead, Permission::PaymentsRead, Permission::ShipmentsRecord])?;
    let deal = deals::get(&ctx.db, actor.scope, id).await?;
    let invoices = standing::of_deal(&ctx.db, id, ctx.today().0).await?;
    let ids: Vec<Uuid> = invoices.iter().map(|i| i.doc.id).collect();
    let allocs = payments::allocations_of_invoices(&ctx.db, &ids).await?;
    let payment_ids: Vec<Uuid> = allocs.iter().map(|a| a.payment_id).collect();
    let by_id = payments::by_ids(&ctx.db, &payment_ids).await?;
    let pays = allocs.into_iter().filter_map(|a| by_id.get(&a.payment_id).cloned().map(|p| (a, p))).collect();
    let facts: Vec<_> = invoices.iter().map(|i| i.facts()).collect();
    let direct_costs = crate::app::production::orders::direct_costs_of_deal(&ctx.db, deal.id).await?;
    Ok(DealMoneyView {
        direct_costs,
        outcome: domain::finance::closure::assess(&facts),
        advance: pay::advance_of(&ctx.db, deal.client_id).await?,
        shipments: shipments::of_deal(&ctx.db, id).await?,
        payments: pays,
        invoices,
    })
}

/// Cancels an issued invoice with a reason; a deal whose invoices are all cancelled (the latest
/// not as re-issued) is lost with the same reason.
pub async fn cancel(ctx: &AppState, who: &Credentials, id: Uuid, version: i32, reason: &str, note: Option<String>) -> Result<(), AppError> {
    let reason = CancelReason::parse(reason).map_err(|e| AppError::field("reason", e))?;
    let w = ctx.write(who).await?;
    w.actor.require(Permission::DocumentsWrite)?;
    let mut doc = docs::get(&w.tx, w.actor.scope, id).await?;
    if doc.kind != invoices::KIND {
        return Err(AppError::NotFound);
    }
    if doc.version != version {
        return Err(AppError::VersionConflict);
    }
    if doc.status != invoices::ISSUED {
        return Err(AppError::field("status", FieldError::new("not_allowed", "Отменить можно только выставленный счёт")));
    }
    let paid = payments::paid_by_invoice(&w.tx, &[id]).await?.get(&id).copied().unwrap_or(0);
    if paid > 0 {
        return Err(AppError::field(
            "status",
            FieldError::new("not_allowed", format!("По счёту уже оплачено {}: сначала верните или перенесите оплату", domain::documents::format_rub(rub(paid)))),
        ));
    }
    doc.status = invoices::CANCELLED.to_owned();
    doc.cancel_reason = Some(reason.code().to_owned());
    doc.cancelled_at = Some(w.now);
    doc.status_note = note.clone();
    let saved = docs::save(&w.tx, doc, w.now).await?;
    if let Some(deal) = saved.deal_id {
        let d = deals::get(&w.tx, persistence::AccessScope::All, deal.into()).await?;
        let card = persistence::repo::sales::cards::Card::Deal(d);
        let data = serde_json::json!({"document_id": saved.id, "number": saved.number, "reason": reason.code(), "reason_name": reason.name_ru(), "note": note});
        journal::note(&w, &card, "invoice_cancelled", note.clone(), data.clone());
        journal::emit(&w, &card, "invoice_cancelled", data);
        progress::record(&w, deal.into()).await?;
    }
    w.commit().await?;
    Ok(())
}
