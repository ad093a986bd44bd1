//! Money as the API shows it: payments with their allocations and suggestions, a deal's money
//! panel, a statement's preview and import, receivables, the reminder schedule.
use crate::app::finance::invoices::DealMoneyView;
use crate::app::finance::payments::{PaymentDetail, PaymentRow};
use crate::app::finance::standing::InvoiceMoney;
use crate::app::finance::statements::{Imported, LineState, Preview};
use crate::app::finance::{qty, rub};
use chrono::{DateTime, NaiveDate, Utc};
use domain::finance::ageing::Ageing;
use domain::finance::matching::{Matching, Reason};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

/// A payment in a list.
#[derive(Serialize, ToSchema)]
pub struct PaymentView {
    pub id: Uuid,
    pub organization_id: Uuid,
    /// `incoming` | `outgoing`.
    pub direction: String,
    /// `bank` | `cash`.
    pub method: String,
    pub number: String,
    pub paid_on: NaiveDate,
    #[schema(value_type = String)]
    pub amount: Decimal,
    /// What is put on invoices.
    #[schema(value_type = String)]
    pub allocated: Decimal,
    /// What is left: the counterparty's advance (an incoming payment) or nothing.
    #[schema(value_type = String)]
    pub rest: Decimal,
    pub client_id: Option<Uuid>,
    /// The client's name, when the payment's client is known.
    pub client_name: Option<String>,
    pub party_name: String,
    pub party_inn: Option<String>,
    pub party_kpp: Option<String>,
    pub party_account: Option<String>,
    pub party_bik: Option<String>,
    pub party_bank: Option<String>,
    pub own_account: Option<String>,
    pub purpose: String,
    pub is_refund: bool,
    pub note: Option<String>,
    /// From this imported statement (and its line).
    pub statement_id: Option<Uuid>,
    pub statement_line: Option<i32>,
    pub allocations: Vec<AllocationView>,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Serialize, ToSchema)]
pub struct AllocationView {
    pub invoice_id: Uuid,
    pub invoice_number: String,
    #[schema(value_type = String)]
    pub amount: Decimal,
    pub created_at: DateTime<Utc>,
}

pub fn payment(r: &PaymentRow) -> PaymentView {
    let p = &r.payment;
    PaymentView {
        id: p.id,
        organization_id: p.organization_id,
        direction: p.direction.clone(),
        method: p.method.clone(),
        number: p.number.clone(),
        paid_on: p.paid_on,
        amount: rub(p.amount_minor),
        allocated: r.allocated,
        rest: if p.direction == "incoming" && !p.is_refund { r.rest() } else { rub(0) },
        client_id: p.client_id,
        client_name: r.client_name.clone(),
        party_name: p.party_name.clone(),
        party_inn: p.party_inn.clone(),
        party_kpp: p.party_kpp.clone(),
        party_account: p.party_account.clone(),
        party_bik: p.party_bik.clone(),
        party_bank: p.party_bank.clone(),
        own_account: p.own_account.clone(),
        purpose: p.purpose.clone(),
        is_refund: p.is_refund,
        note: p.note.clone(),
        statement_id: p.statement_id,
        statement_line: p.statement_line,
        allocations: r
            .allocations
            .iter()
            .map(|(a, n)| AllocationView { invoice_id: a.invoice_id, invoice_number: n.clone(), amount: rub(a.amount_minor), created_at: a.created_at })
            .collect(),
        created_at: p.created_at,
        version: p.version,
    }
}

#[derive(Serialize, ToSchema)]
pub struct PaymentPage {
    pub items: Vec<PaymentView>,
    pub next_cursor: Option<String>,
}

/// Why a payment may pay an invoice, in words.
#[derive(Serialize, ToSchema)]
pub struct ReasonView {
    /// `number_in_purpose`, `same_inn`, `amount_equals_outstanding`, `amount_equals_due_now`,
    /// `partial_amount`, `date_near_invoice`.
    pub kind: String,
    pub text: String,
}

fn reasons(rs: &[Reason]) -> Vec<ReasonView> {
    rs.iter()
        .map(|r| ReasonView {
            kind: serde_json::to_value(r).ok().and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_owned)).unwrap_or_default(),
            text: r.text(),
        })
        .collect()
}

/// An open invoice suggested for a payment.
#[derive(Serialize, ToSchema)]
pub struct SuggestionView {
    pub invoice_id: Uuid,
    pub invoice_number: String,
    pub invoice_date: NaiveDate,
    pub deal_id: Option<Uuid>,
    pub client_id: Option<Uuid>,
    #[schema(value_type = String)]
    pub outstanding: Decimal,
    pub score: u32,
    pub reasons: Vec<ReasonView>,
}

/// What the matching says about a payment: paid by itself, or why not and what may fit.
#[derive(Serialize, ToSchema)]
pub struct MatchingView {
    /// `auto` | `unmatched`.
    pub kind: String,
    /// The invoice an automatic match pays.
    pub invoice_id: Option<Uuid>,
    pub invoice_number: Option<String>,
    /// `no_number`, `number_not_found`, `date_differs`, `no_payer_inn`, `inn_differs`, `ambiguous`.
    pub why: Option<String>,
    pub why_text: Option<String>,
    pub reasons: Vec<ReasonView>,
    pub suggestions: Vec<SuggestionView>,
}

pub fn matching(m: &Matching, invoices: &HashMap<Uuid, &InvoiceMoney>) -> MatchingView {
    match m {
        Matching::Auto { invoice, reasons: rs } => MatchingView {
            kind: "auto".into(),
            invoice_id: Some((*invoice).into()),
            invoice_number: invoices.get(&Uuid::from(*invoice)).map(|i| i.doc.number.clone()),
            why: None,
            why_text: None,
            reasons: reasons(rs),
            suggestions: vec![],
        },
        Matching::Unmatched { why, suggestions } => MatchingView {
            kind: "unmatched".into(),
            invoice_id: None,
            invoice_number: None,
            why: Some(why.code().to_owned()),
            why_text: Some(why.text()),
            reasons: vec![],
            suggestions: suggestions
                .iter()
                .filter_map(|s| {
                    let i = invoices.get(&Uuid::from(s.invoice))?;
                    Some(SuggestionView {
                        invoice_id: i.doc.id,
                        invoice_number: i.doc.number.clone(),
                        invoice_date: i.doc.doc_date,
                        deal_id: i.doc.deal_id,
                        client_id: i.doc.client_id,
                        outstanding: i.outstanding,
                        score: s.score,
                        reasons: reasons(&s.reasons),
                    })
                })
                .collect(),
        },
    }
}

/// A payment with its matching (for one with money left over).
#[derive(Serialize, ToSchema)]
pub struct PaymentDetailView {
    #[serde(flatten)]
    pub payment: PaymentView,
    pub matching: Option<MatchingView>,
}

pub fn payment_detail(d: &PaymentDetail) -> PaymentDetailView {
    let by_id: HashMap<Uuid, &InvoiceMoney> = d.invoices.iter().map(|i| (i.doc.id, i)).collect();
    PaymentDetailView { payment: payment(&d.row), matching: d.matching.as_ref().map(|m| matching(m, &by_id)) }
}

/// A schedule part at today.
#[derive(Serialize, ToSchema)]
pub struct PartView {
    /// 1, 2…
    pub no: usize,
    #[schema(value_type = String)]
    pub amount: Decimal,
    #[schema(value_type = String)]
    pub paid: Decimal,
    #[schema(value_type = String)]
    pub outstanding: Decimal,
    pub due_date: NaiveDate,
    pub overdue: bool,
    pub days_overdue: i64,
}

#[derive(Serialize, ToSchema)]
pub struct LineShippingView {
    pub line_id: Uuid,
    pub name: String,
    pub unit: String,
    #[schema(value_type = String)]
    pub quantity: Decimal,
    #[schema(value_type = String)]
    pub shipped: Decimal,
}

/// An invoice with its money.
#[derive(Serialize, ToSchema)]
pub struct InvoiceMoneyView {
    pub id: Uuid,
    pub number: String,
    pub date: NaiveDate,
    /// `issued` | `cancelled`.
    pub status: String,
    pub version: i32,
    #[schema(value_type = String)]
    pub total: Decimal,
    #[schema(value_type = String)]
    pub paid: Decimal,
    #[schema(value_type = String)]
    pub outstanding: Decimal,
    /// What the schedule requires paid by today.
    #[schema(value_type = String)]
    pub required_now: Decimal,
    /// `nothing` | `partly` | `fully`.
    pub shipped: String,
    pub cancel_reason: Option<String>,
    pub cancel_reason_name: Option<String>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub parts: Vec<PartView>,
    pub lines: Vec<LineShippingView>,
}

pub fn invoice_money(m: &InvoiceMoney) -> InvoiceMoneyView {
    InvoiceMoneyView {
        id: m.doc.id,
        number: m.doc.number.clone(),
        date: m.doc.doc_date,
        status: m.doc.status.clone(),
        version: m.doc.version,
        total: m.total,
        paid: m.paid,
        outstanding: m.outstanding,
        required_now: m.required_now,
        shipped: m.shipped.as_str().to_owned(),
        cancel_reason: m.cancelled.as_ref().map(|c| c.reason.code().to_owned()),
        cancel_reason_name: m.cancelled.as_ref().map(|c| c.reason.name_ru().to_owned()),
        cancelled_at: m.cancelled.as_ref().map(|c| c.at),
        parts: m
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| PartView { no: i + 1, amount: p.amount, paid: p.paid, outstanding: p.outstanding, due_date: p.due_date, overdue: p.overdue, days_overdue: p.days_overdue })
            .collect(),
        lines: m
            .lines
            .iter()
            .map(|l| LineShippingView { line_id: l.line.id, name: l.line.name.clone(), unit: l.line.unit.clone(), quantity: l.quantity, shipped: l.shipped })
            .collect(),
    }
}

#[derive(Serialize, ToSchema)]
pub struct DealPaymentView {
    pub payment_id: Uuid,
    pub invoice_id: Uuid,
    pub number: String,
    pub paid_on: NaiveDate,
    pub party_name: String,
    /// What of the payment went to the invoice.
    #[schema(value_type = String)]
    pub amount: Decimal,
}

#[derive(Serialize, ToSchema)]
pub struct ShipmentLineView {
    pub line_id: Uuid,
    #[schema(value_type = String)]
    pub quantity: Decimal,
}

#[derive(Serialize, ToSchema)]
pub struct ShipmentView {
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub number: String,
    pub shipped_on: NaiveDate,
    pub note: Option<String>,
    pub lines: Vec<ShipmentLineView>,
    pub created_at: DateTime<Utc>,
}

/// A deal's money panel.
#[derive(Serialize, ToSchema)]
pub struct DealMoneyPanel {
    pub invoices: Vec<InvoiceMoneyView>,
    pub payments: Vec<DealPaymentView>,
    pub shipments: Vec<ShipmentView>,
    /// The client's advance: paid and not yet put on an invoice.
    #[schema(value_type = String)]
    pub advance: Decimal,
    /// What the invoices say: `nothing` | `payment_received` | `shipped_unpaid` | `settled` | `lost`.
    pub state: String,
    /// The ways an invoice may be cancelled: `reissued` and the loss reasons.
    pub cancel_reasons: Vec<CancelReasonView>,
    /// What the deal's production orders cost it directly, order by order.
    pub direct_costs: Vec<DirectCostView>,
    /// Their sum: production and delivery, roubles.
    #[schema(value_type = String)]
    pub direct_costs_total: Decimal,
}

/// One production order's direct cost to its deal.
#[derive(Serialize, ToSchema)]
pub struct DirectCostView {
    /// «12-1».
    pub order_number: String,
    /// The production's due for the order (its price less deductions), roubles.
    #[schema(value_type = String)]
    pub production: Decimal,
    /// The delivery, once shipped, roubles.
    #[schema(value_type = String)]
    pub delivery: Decimal,
}

#[derive(Serialize, ToSchema)]
pub struct CancelReasonView {
    pub code: String,
    pub name: String,
}

pub fn deal_money(v: &DealMoneyView) -> DealMoneyPanel {
    let state = serde_json::to_value(&v.outcome).ok().and_then(|j| j.get("kind").and_then(|k| k.as_str()).map(str::to_owned)).unwrap_or_default();
    DealMoneyPanel {
        invoices: v.invoices.iter().map(invoice_money).collect(),
        payments: v
            .payments
            .iter()
            .map(|(a, p)| DealPaymentView {
                payment_id: p.id,
                invoice_id: a.invoice_id,
                number: p.number.clone(),
                paid_on: p.paid_on,
                party_name: p.party_name.clone(),
                amount: rub(a.amount_minor),
            })
            .collect(),
        shipments: v
            .shipments
            .iter()
            .map(|(s, lines)| ShipmentView {
                id: s.id,
                invoice_id: s.invoice_id,
                number: s.number.clone(),
                shipped_on: s.shipped_on,
                note: s.note.clone(),
                lines: lines.iter().map(|l| ShipmentLineView { line_id: l.line_id, quantity: qty(l.quantity_milli) }).collect(),
                created_at: s.created_at,
            })
            .collect(),
        advance: v.advance,
        direct_costs: v
            .direct_costs
            .iter()
            .map(|(n, c)| DirectCostView { order_number: n.clone(), production: c.production, delivery: c.delivery })
            .collect(),
        direct_costs_total: domain::documents::round2(v.direct_costs.iter().map(|(_, c)| c.production + c.delivery).sum()),
        state,
        cancel_reasons: domain::finance::closure::CancelReason::choices().into_iter().map(|(c, n)| CancelReasonView { code: c.to_owned(), name: n.to_owned() }).collect(),
    }
}

/// A problem of the statement file, by line.
#[derive(Serialize, ToSchema)]
pub struct LineProblemView {
    pub line: usize,
    /// The 1C key at fault (`Сумма`, `Дата`…).
    pub field: Option<String>,
    pub message: String,
    /// The document (its `СекцияДокумент` line) the problem breaks.
    pub document_line: Option<usize>,
}

/// One document of the statement and what the import does with it.
#[derive(Serialize, ToSchema)]
pub struct PreviewLineView {
    pub line: usize,
    /// `new` | `duplicate`.
    pub state: String,
    /// `incoming` | `outgoing`.
    pub direction: String,
    pub number: String,
    pub date: NaiveDate,
    #[schema(value_type = String)]
    pub amount: Decimal,
    pub counterparty: String,
    pub counterparty_inn: Option<String>,
    pub counterparty_account: Option<String>,
    pub purpose: String,
    pub client_id: Option<Uuid>,
    pub matching: Option<MatchingView>,
    /// What the payment brings beyond what its matched invoice lacks: it stays the client's advance.
    #[schema(value_type = Option<String>)]
    pub to_advance: Option<Decimal>,
}

#[derive(Serialize, ToSchema)]
pub struct StatementPreview {
    /// Pass it back to import the file.
    pub hash: String,
    pub organization_id: Uuid,
    /// `windows-1251` | `cp866` | `utf-8`.
    pub encoding: String,
    pub account: Option<String>,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub lines: Vec<PreviewLineView>,
    pub problems: Vec<LineProblemView>,
    pub new: usize,
    pub duplicates: usize,
    pub matched: usize,
    /// The same file was imported before (when and by this statement).
    pub imported_before: Option<StatementView>,
}

pub fn preview(p: &Preview) -> StatementPreview {
    let by_id: HashMap<Uuid, &InvoiceMoney> = p.invoices.iter().map(|(k, v)| (*k, v)).collect();
    StatementPreview {
        hash: p.hash.clone(),
        organization_id: p.organization_id.into(),
        encoding: p.statement.encoding.charset().to_owned(),
        account: p.statement.accounts.first().map(|a| a.account.clone()),
        period_from: p.statement.period.0,
        period_to: p.statement.period.1,
        lines: p
            .lines
            .iter()
            .map(|l| PreviewLineView {
                line: l.doc.line,
                state: if l.state == LineState::New { "new" } else { "duplicate" }.to_owned(),
                direction: l.doc.direction.as_str().to_owned(),
                number: l.doc.number.clone(),
                date: l.doc.date,
                amount: l.doc.amount,
                counterparty: l.doc.counterparty.name.clone().unwrap_or_default(),
                counterparty_inn: l.doc.counterparty.inn.clone(),
                counterparty_account: l.doc.counterparty.account.clone(),
                purpose: l.doc.purpose.clone(),
                client_id: l.client_id,
                matching: l.matching.as_ref().map(|m| matching(m, &by_id)),
                to_advance: l.to_advance,
            })
            .collect(),
        problems: p
            .problems()
            .iter()
            .map(|x| LineProblemView { line: x.line, field: x.field.clone(), message: x.message.clone(), document_line: x.document_line })
            .collect(),
        new: p.count(LineState::New),
        duplicates: p.count(LineState::Duplicate),
        matched: p.matched(),
        imported_before: p.imported_before.as_ref().map(statement),
    }
}

#[derive(Serialize, ToSchema)]
pub struct StatementView {
    pub id: Uuid,
    pub file_name: String,
    pub account: Option<String>,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub documents: i32,
    pub imported: i32,
    pub skipped: i32,
    pub problems: i32,
    pub created_at: DateTime<Utc>,
}

pub fn statement(s: &persistence::entities::statement::Model) -> StatementView {
    StatementView {
        id: s.id,
        file_name: s.file_name.clone(),
        account: s.account.clone(),
        period_from: s.period_from,
        period_to: s.period_to,
        documents: s.documents,
        imported: s.imported,
        skipped: s.skipped,
        problems: s.problems,
        created_at: s.created_at,
    }
}

/// What an import did.
#[derive(Serialize, ToSchema)]
pub struct StatementImportResult {
    pub statement: Option<StatementView>,
    pub imported: usize,
    pub duplicates: usize,
    pub broken: usize,
    pub matched: usize,
    pub unmatched: usize,
}

pub fn imported(i: &Imported) -> StatementImportResult {
    StatementImportResult {
        statement: i.statement.as_ref().map(statement),
        imported: i.imported,
        duplicates: i.duplicates,
        broken: i.broken,
        matched: i.matched,
        unmatched: i.unmatched,
    }
}

/// Amounts by age.
#[derive(Serialize, ToSchema)]
pub struct AgeingView {
    #[schema(value_type = String)]
    pub not_due: Decimal,
    #[schema(value_type = String)]
    pub d1_30: Decimal,
    #[schema(value_type = String)]
    pub d31_60: Decimal,
    #[schema(value_type = String)]
    pub d61_90: Decimal,
    #[schema(value_type = String)]
    pub over_90: Decimal,
    #[schema(value_type = String)]
    pub overdue: Decimal,
    #[schema(value_type = String)]
    pub total: Decimal,
}

pub fn ageing(a: &Ageing) -> AgeingView {
    AgeingView { not_due: a.not_due, d1_30: a.d1_30, d31_60: a.d31_60, d61_90: a.d61_90, over_90: a.over_90, overdue: a.overdue(), total: a.total() }
}
