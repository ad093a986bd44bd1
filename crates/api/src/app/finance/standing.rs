//! Invoices as the money side sees them: what each schedule part is due, paid and overdue, what
//! the schedule requires now, what was shipped of each line, whether it was cancelled.
use std::collections::HashMap;

use super::{qty, rub};
use crate::error::AppError;
use chrono::NaiveDate;
use domain::documents::ScheduleTerms;
use domain::finance::allocation::{PartDue, PartState, part_states, required_now};
use domain::finance::closure::{CancelReason, Cancellation, InvoiceFacts, Shipped, shipped_state};
use domain::DocumentId;
use persistence::ConnectionTrait;
use persistence::entities::{document, document_line};
use persistence::repo::documents::documents as docs;
use persistence::repo::finance::{invoices, payments, shipments};
use rust_decimal::Decimal;
use uuid::Uuid;

/// One line of an invoice and how much of it was shipped.
#[derive(Debug, Clone)]
pub struct LineShipping {
    pub line: document_line::Model,
    pub quantity: Decimal,
    pub shipped: Decimal,
}

/// An invoice with its money and shipping.
#[derive(Debug, Clone)]
pub struct InvoiceMoney {
    pub doc: document::Model,
    pub buyer_inn: Option<String>,
    pub total: Decimal,
    pub paid: Decimal,
    pub outstanding: Decimal,
    /// What the schedule requires paid by today (the advance at least, unless deferred).
    pub required_now: Decimal,
    pub deferral: bool,
    pub parts: Vec<PartState>,
    pub lines: Vec<LineShipping>,
    pub shipped: Shipped,
    pub cancelled: Option<Cancellation>,
}

impl InvoiceMoney {
    pub fn id(&self) -> Uuid {
        self.doc.id
    }

    /// As the deal's closing rules see it.
    pub fn facts(&self) -> InvoiceFacts {
        InvoiceFacts {
            id: DocumentId::from(self.doc.id),
            issued_at: self.doc.created_at,
            total: self.total,
            paid: self.paid,
            required_now: self.required_now,
            shipped: self.shipped,
            cancelled: self.cancelled.clone(),
        }
    }

    /// What the schedule requires now and is not yet paid.
    pub fn due_now(&self) -> Decimal {
        (self.required_now - self.paid).max(Decimal::ZERO)
    }

    pub fn is_open(&self) -> bool {
        self.cancelled.is_none()
    }
}

/// The money and shipping of these invoice rows (any status), in the order given.
pub async fn of(db: &impl ConnectionTrait, rows: Vec<invoices::OpenInvoice>, today: NaiveDate, with_lines: bool) -> Result<Vec<InvoiceMoney>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.doc.id).collect();
    let paid = payments::paid_by_invoice(db, &ids).await?;
    let mut parts: HashMap<Uuid, Vec<PartDue>> = HashMap::new();
    for p in invoices::parts_of(db, &ids).await? {
        parts.entry(p.document_id).or_default().push(PartDue { amount: rub(p.amount_minor), due_date: p.due_date });
    }
    let (mut lines, shipped) = if with_lines {
        let lines = docs::lines_of(db, &ids).await?;
        let line_ids: Vec<Uuid> = lines.iter().map(|l| l.id).collect();
        let shipped = shipments::shipped_by_line(db, &line_ids).await?;
        let mut by_doc: HashMap<Uuid, Vec<document_line::Model>> = HashMap::new();
        for l in lines {
            by_doc.entry(l.document_id).or_default().push(l);
        }
        (by_doc, shipped)
    } else {
        (HashMap::new(), HashMap::new())
    };
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let id = r.doc.id;
        let total = rub(r.doc.total_minor);
        let paid = rub(paid.get(&id).copied().unwrap_or(0));
        let deferral = r.doc.schedule.as_deref().and_then(|s| serde_json::from_str::<ScheduleTerms>(s).ok()).is_some_and(|t| matches!(t, ScheduleTerms::Deferral { .. }));
        let due = parts.remove(&id).unwrap_or_else(|| vec![PartDue { amount: total, due_date: r.doc.doc_date }]);
        let line_rows: Vec<LineShipping> = lines
            .remove(&id)
            .unwrap_or_default()
            .into_iter()
            .map(|l| LineShipping { quantity: qty(l.quantity_milli), shipped: qty(shipped.get(&l.id).copied().unwrap_or(0)), line: l })
            .collect();
        let ordered: Vec<Decimal> = line_rows.iter().map(|l| l.quantity).collect();
        let done: Vec<Decimal> = line_rows.iter().map(|l| l.shipped).collect();
        let cancelled = match (&r.doc.cancel_reason, r.doc.cancelled_at) {
            (Some(code), Some(at)) => CancelReason::parse(code).ok().map(|reason| Cancellation { reason, at }),
            _ => None,
        };
        out.push(InvoiceMoney {
            total,
            paid,
            outstanding: (total - paid).max(Decimal::ZERO),
            required_now: required_now(&due, deferral, today).min(total),
            deferral,
            parts: part_states(&due, paid, today),
            shipped: if with_lines { shipped_state(&ordered, &done) } else { Shipped::Nothing },
            lines: line_rows,
            cancelled,
            buyer_inn: r.buyer_inn,
            doc: r.doc,
        });
    }
    Ok(out)
}

/// A deal's invoices (issued or cancelled; not drafts) with their money and shipping, oldest first.
pub async fn of_deal(db: &impl ConnectionTrait, deal: domain::DealId, today: NaiveDate) -> Result<Vec<InvoiceMoney>, AppError> {
    let ids: Vec<Uuid> = docs::of_deal(db, deal)
        .await?
        .into_iter()
        .filter(|d| d.kind == invoices::KIND && (d.status == invoices::ISSUED || d.status == invoices::CANCELLED))
        .map(|d| d.id)
        .collect();
    let rows = invoices::by_ids(db, &ids).await?;
    let mut by_id: HashMap<Uuid, invoices::OpenInvoice> = rows.into_iter().map(|r| (r.doc.id, r)).collect();
    let ordered = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    of(db, ordered, today, true).await
}
