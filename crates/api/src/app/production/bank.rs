//! A bank statement's payments to and from the productions (issue 12: «what it paid (outgoing
//! payments from the money issue, matched by statement import too)»), found by the party's INN and
//! written in the import's transaction: ours to a production pays its open orders first, oldest
//! first, as the accountant's payment step on each (so each order knows what it was paid and the
//! ledger has one row per order paid); what is left over, and a production's payment to us, is a
//! ledger row of its own.
use chrono::NaiveDate;
use domain::production::{LedgerRow, SettlementKind, SourceDocument};
use persistence::AccessScope;
use persistence::repo::production::{profiles, settlements};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::settlements::settlement_row;
use crate::app::Write;
use crate::error::AppError;

/// A bank payment a statement brought, as the ledger needs it.
#[derive(Debug, Clone)]
pub struct BankPayment {
    pub id: Uuid,
    pub outgoing: bool,
    pub party_inn: Option<String>,
    pub amount: Decimal,
    pub paid_on: NaiveDate,
    pub number: String,
}

/// The productions by INN: their organization's, or their requisites'.
async fn productions_by_inn(db: &impl persistence::ConnectionTrait) -> Result<std::collections::HashMap<String, Uuid>, AppError> {
    let mut out = std::collections::HashMap::new();
    for p in profiles::list(db, AccessScope::All).await? {
        if let Some(inn) = &p.organization.inn {
            out.insert(inn.clone(), p.organization.id);
        }
        if let Some(inn) = persistence::repo::documents::requisites::get(db, p.organization.id).await?.and_then(|r| r.inn) {
            out.insert(inn, p.organization.id);
        }
    }
    Ok(out)
}

/// Writes the statement's payments that are a production's (see the module); returns how many.
pub(crate) async fn record(w: &Write, payments: &[BankPayment]) -> Result<usize, AppError> {
    if payments.iter().all(|p| p.party_inn.is_none()) {
        return Ok(0);
    }
    let by_inn = productions_by_inn(&w.tx).await?;
    let mut n = 0;
    for p in payments {
        let Some(production) = p.party_inn.as_ref().and_then(|inn| by_inn.get(inn)) else { continue };
        n += 1;
        let document = format!("Платёжное поручение № {} от {}", p.number, p.paid_on.format("%d.%m.%Y"));
        let left = if p.outgoing { super::orders::pay_from_bank(w, *production, p.amount, &document).await? } else { p.amount };
        if left <= Decimal::ZERO {
            continue;
        }
        let kind = if p.outgoing { SettlementKind::PaymentMade } else { SettlementKind::PaymentReceived };
        let row = LedgerRow::new((*production).into(), p.paid_on, kind, left, SourceDocument::Payment(p.id))?;
        settlements::insert(&w.tx, settlement_row(&row, None, document, None, w)?).await?;
    }
    Ok(n)
}
