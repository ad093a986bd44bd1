//! A deal's money: `/deals/{id}/money` (invoices with their parts due / paid / overdue, payments,
//! shipments, the client's advance), `/deals/{id}/shipments` (record one), `/shipments/queue` (what
//! is left to ship, for the warehouse and the logisticians) and `/invoices/{id}/cancel`.
use crate::routes::prelude::*;
use crate::views::finance::{DealMoneyPanel, InvoiceMoneyView, ShipmentLineView, ShipmentView, deal_money, invoice_money};
use app::finance::shipments::NewShipment;
use chrono::NaiveDate;
use domain::DealId;
use rust_decimal::Decimal;

#[utoipa::path(tag = "finance", params(("id" = Uuid, Path, description = "Deal id")), responses(
    (status = 200, body = DealMoneyPanel),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/deals/{id}/money")]
pub async fn deal_money_panel(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>) -> Result<web::Json<DealMoneyPanel>, AppError> {
    Ok(web::Json(deal_money(&app::finance::invoices::of_deal(&state, &who, *id).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShipmentLineInput {
    pub line_id: Uuid,
    #[schema(value_type = String, example = "120")]
    pub quantity: Decimal,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShipmentInput {
    pub invoice_id: Uuid,
    /// The УПД / накладная number (made from the invoice's when omitted).
    pub number: Option<String>,
    pub shipped_on: NaiveDate,
    pub note: Option<String>,
    /// What was shipped; omitted or empty: everything the invoice still has to ship.
    #[serde(default)]
    pub lines: Vec<ShipmentLineInput>,
}

#[utoipa::path(tag = "finance", params(("id" = Uuid, Path, description = "Deal id")), request_body = ShipmentInput, responses(
    (status = 201, body = ShipmentView, description = "Recorded; the deal moves when everything is shipped (and paid)"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "More than remains to ship, a cancelled invoice, a date in the future"),
))]
#[post("/deals/{id}/shipments")]
pub async fn record_shipment(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, body: Body<ShipmentInput>) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let mut errs = FieldErrors::new();
    let shipped_on = day(&mut errs, "shipped_on", Some(b.shipped_on));
    let number = opt_text(&mut errs, "number", b.number.as_deref(), 40);
    let note = opt_text(&mut errs, "note", b.note.as_deref(), 2000);
    errs.into_result()?;
    let n = NewShipment {
        invoice_id: b.invoice_id,
        number,
        shipped_on: shipped_on.unwrap_or(b.shipped_on),
        note,
        lines: b.lines.iter().map(|l| (l.line_id, l.quantity)).collect(),
    };
    let (s, lines) = app::finance::shipments::record(&state, &who, *id, n).await?;
    Ok(HttpResponse::Created().json(ShipmentView {
        id: s.id,
        invoice_id: s.invoice_id,
        number: s.number,
        shipped_on: s.shipped_on,
        note: s.note,
        lines: lines.iter().map(|l| ShipmentLineView { line_id: l.line_id, quantity: crate::app::finance::qty(l.quantity_milli) }).collect(),
        created_at: s.created_at,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelInvoiceInput {
    /// The invoice's version as read.
    pub version: i32,
    /// `reissued` (перевыставлен) or a loss reason: `expensive`, `competitor`, `not_target`,
    /// `no_budget`, `postponed`, `no_contact`, `terms`, `other`.
    pub reason: String,
    pub note: Option<String>,
}

#[utoipa::path(tag = "finance", params(("id" = Uuid, Path, description = "Invoice id")), request_body = CancelInvoiceInput, responses(
    (status = 204, description = "Cancelled; a deal with every invoice cancelled (the latest not re-issued) is lost with the same reason"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "An unknown reason; the invoice is paid in part or not issued"),
))]
#[post("/invoices/{id}/cancel")]
pub async fn cancel_invoice(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>, body: Body<CancelInvoiceInput>) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let mut errs = FieldErrors::new();
    let note = opt_text(&mut errs, "note", b.note.as_deref(), 2000);
    errs.into_result()?;
    app::finance::invoices::cancel(&state, &who, *id, b.version, &b.reason, note).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ShipmentQueueQuery {
    /// Only invoices whose required payment is in (or on deferral); default true.
    pub ready_only: Option<bool>,
    /// 1–200, default 50.
    pub limit: Option<u64>,
    /// How many to skip, 0 or more (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i32>,
}

/// An invoice with something left to ship.
#[derive(Serialize, ToSchema)]
pub struct ShipmentQueueItem {
    pub deal_id: Uuid,
    pub deal_number: i64,
    pub deal_title: String,
    pub client_name: String,
    /// The required payment is in, or the invoice is on deferral.
    pub ready: bool,
    pub invoice: InvoiceMoneyView,
}

#[derive(Serialize, ToSchema)]
pub struct ShipmentQueue {
    pub items: Vec<ShipmentQueueItem>,
    /// How many invoices wait in all (for paging).
    pub total: usize,
}

#[utoipa::path(tag = "finance", params(ShipmentQueueQuery), responses(
    (status = 200, body = ShipmentQueue),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/shipments/queue")]
pub async fn shipment_queue(state: web::Data<AppState>, who: Credentials, q: Query<ShipmentQueueQuery>) -> Result<web::Json<ShipmentQueue>, AppError> {
    let limit = page_limit(q.limit)?;
    let offset = page_offset(q.offset)? as usize;
    let (rows, total) = app::finance::shipments::queue(&state, &who, q.ready_only.unwrap_or(true), limit as usize, offset).await?;
    Ok(web::Json(ShipmentQueue {
        items: rows
            .iter()
            .map(|r| ShipmentQueueItem {
                deal_id: r.deal_id,
                deal_number: r.deal_number,
                deal_title: r.deal_title.clone(),
                client_name: r.client_name.clone(),
                ready: r.ready,
                invoice: invoice_money(&r.invoice),
            })
            .collect(),
        total,
    }))
}
