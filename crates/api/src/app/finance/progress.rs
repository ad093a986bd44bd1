//! Records what a deal's invoices come to on the deal (seed 001 §3.3, §5.2, §6), in the
//! transaction that recorded a payment, a shipment or a cancellation:
//! - every live invoice paid as its schedule requires now → `payment_received`;
//! - every live invoice shipped, something unpaid → `finance:shipped_unpaid` («Оплата отсрочки»);
//! - every live invoice shipped and paid → `finance:settled` («Спросить о результатах»);
//! - every invoice cancelled, the latest not as re-issued → the deal is lost with that reason.
//!
//! A fact already recorded changes nothing; the deal's pipeline decides where each leads.
use crate::app::Write;
use std::collections::BTreeSet;
use crate::app::facts::{self, Happened};
use crate::app::sales::cards;
use crate::error::AppError;
use domain::DealId;
use domain::finance::closure::{DealMoney, assess};
use domain::pipelines::{Command, FinanceFact, Loss, StageKind};
use domain::sales::CardId;
use persistence::AccessScope;

/// Assesses the deal's invoices and records the outcome on the deal.
pub async fn record(w: &Write, deal: DealId) -> Result<DealMoney, AppError> {
    let view = cards::load(&w.tx, &w.pipelines, AccessScope::All, CardId::Deal(deal)).await?;
    if cards::status(&view.card)? != domain::sales::CardStatus::Open {
        // A won or lost deal stays where it is; its money is still recorded.
        return Ok(DealMoney::Nothing);
    }
    let today = w.now.date_naive();
    let invoices = super::standing::of_deal(&w.tx, deal, today).await?;
    let facts: Vec<_> = invoices.iter().map(|i| i.facts()).collect();
    let outcome = assess(&facts);
    let card = CardId::Deal(deal);
    match &outcome {
        DealMoney::Nothing => {}
        DealMoney::PaymentReceived => {
            facts::record(w, Happened::PaymentRegistered { deal }).await?;
        }
        DealMoney::ShippedUnpaid => {
            // Paid as required now (the advance) and shipped: both facts hold.
            if invoices.iter().filter(|i| i.is_open()).all(|i| i.paid >= i.required_now) && invoices.iter().any(|i| i.paid > rust_decimal::Decimal::ZERO) {
                facts::record(w, Happened::PaymentRegistered { deal }).await?;
            }
            facts::record(w, Happened::Finance { card, fact: FinanceFact::ShippedUnpaid }).await?;
        }
        DealMoney::Settled => {
            facts::record(w, Happened::PaymentRegistered { deal }).await?;
            facts::record(w, Happened::Finance { card, fact: FinanceFact::Settled }).await?;
        }
        DealMoney::Lost { reason } => lose(w, deal, reason).await?,
    }
    Ok(outcome)
}

/// Records the deals' money on their timelines and moves them by it.
pub async fn settle(w: &Write, deals: &BTreeSet<DealId>, what: &str, data: serde_json::Value) -> Result<(), AppError> {
    for deal in deals {
        let d = persistence::repo::sales::deals::get(&w.tx, AccessScope::All, *deal).await?;
        let card = persistence::repo::sales::cards::Card::Deal(d);
        crate::app::journal::note(w, &card, what, None, data.clone());
        crate::app::journal::emit(w, &card, what, data.clone());
        record(w, *deal).await?;
    }
    Ok(())
}

/// Every invoice cancelled, the latest with `reason`: the deal is lost with the same reason
/// (seed 001 §6).
async fn lose(w: &Write, deal: DealId, reason: &str) -> Result<(), AppError> {
    let mut view = cards::load(&w.tx, &w.pipelines, AccessScope::All, CardId::Deal(deal)).await?;
    let Some(lost) = view.pipeline.def.stages.iter().find(|s| s.kind == StageKind::Lost).map(|s| s.code.clone()) else {
        return Ok(());
    };
    let objections = (reason == domain::pipelines::OTHER_REASON).then_some("Все счета сделки отменены");
    let loss = Loss::parse(reason, objections, false).map_err(AppError::Validation)?;
    cards::run(w, &mut view, &Command::Move { to: lost, loss: Some(loss) }).await
}

/// A bulk import touching more deals than this leaves them to the worker ([`drain`]) after it
/// commits; a smaller one moves them in its own transaction.
pub const INLINE_DEALS: usize = 100;

/// Records the money of every queued deal, one deal per transaction (a deal that fails is logged
/// and left; the others go on). Returns how many were done.
pub async fn drain(ctx: &crate::AppState) -> Result<usize, AppError> {
    use persistence::repo::finance::assessments;
    let mut done = 0;
    loop {
        let w = ctx.system_write().await?;
        let Some(id) = assessments::claim(&w.tx, 1).await?.into_iter().next() else {
            w.commit().await?;
            return Ok(done);
        };
        let deals = BTreeSet::from([DealId::from(id)]);
        match settle(&w, &deals, "payment_allocated", serde_json::json!({"by": "statement"})).await {
            Ok(()) => w.commit().await?,
            Err(e) => {
                tracing::warn!(deal = %id, error = %e, "deal money: the deal could not be assessed");
                drop(w);
                // Taken off the queue all the same, so one bad deal does not hold the rest.
                let w = ctx.system_write().await?;
                assessments::forget(&w.tx, id).await?;
                w.commit().await?;
            }
        }
        done += 1;
    }
}
