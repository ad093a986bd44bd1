//! Settlements with the productions: `GET /settlements` every production's balance for a period
//! (a production: its own), `GET /productions/{id}/settlements` one production's statement with
//! its running balance, `POST` there an entry the orders do not record, and
//! `GET /productions/{id}/settlements/reconciliation.pdf` the reconciliation statement.
use crate::routes::prelude::*;
use app::production::settlements::{Entry, NewEntry, Overview, Statement};
use chrono::NaiveDate;
use domain::OrganizationId;
use domain::production::{Balance, SettlementKind};
use rust_decimal::Decimal;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PeriodQuery {
    /// The first day; the first of the current month when left out.
    pub from: Option<NaiveDate>,
    /// The last day; today when left out.
    pub to: Option<NaiveDate>,
}

/// Opening + debits − credits = closing, from the head company's side: above zero the production
/// owes us, below zero we owe it. Roubles.
#[derive(Serialize, ToSchema)]
pub struct BalanceOut {
    #[schema(value_type = String)]
    pub opening: Decimal,
    #[schema(value_type = String)]
    pub debits: Decimal,
    #[schema(value_type = String)]
    pub credits: Decimal,
    #[schema(value_type = String)]
    pub closing: Decimal,
    /// «Нам должны 1 000,00 ₽», «Мы должны …», «Расчёты закрыты».
    pub position: String,
}

fn balance(b: Balance) -> BalanceOut {
    BalanceOut { opening: b.opening, debits: b.debits, credits: b.credits, closing: b.closing, position: b.position().describe_ru() }
}

#[derive(Serialize, ToSchema)]
pub struct ProductionSettlementOut {
    pub production_id: Uuid,
    pub production_name: String,
    pub balance: BalanceOut,
    /// What the head company has yet to pay on the production's open orders, roubles.
    #[schema(value_type = String)]
    pub open_obligations: Decimal,
    pub open_orders: u32,
}

#[derive(Serialize, ToSchema)]
pub struct SettlementsOverview {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub productions: Vec<ProductionSettlementOut>,
    /// The sum of all productions' balances.
    pub total: BalanceOut,
    /// What the productions that owe us owe, together, at the end of the period.
    #[schema(value_type = String)]
    pub owed_to_us: Decimal,
    /// What we owe the productions we owe, together.
    #[schema(value_type = String)]
    pub we_owe: Decimal,
    /// What we paid the productions in the period.
    #[schema(value_type = String)]
    pub paid_to_productions: Decimal,
    /// Open orders not yet paid, all productions.
    #[schema(value_type = String)]
    pub open_obligations: Decimal,
}

fn overview(o: Overview) -> SettlementsOverview {
    SettlementsOverview {
        from: o.period.first_day(),
        to: o.period.last_day(),
        productions: o
            .productions
            .into_iter()
            .map(|p| ProductionSettlementOut {
                production_id: p.production.into(),
                production_name: p.name,
                balance: balance(p.balance),
                open_obligations: p.open_obligations,
                open_orders: p.open_orders,
            })
            .collect(),
        total: balance(o.totals.total),
        owed_to_us: o.totals.owed_to_us,
        we_owe: o.totals.we_owe,
        paid_to_productions: o.totals.paid_to_productions,
        open_obligations: o.open_obligations,
    }
}

/// A ledger row.
#[derive(Serialize, ToSchema)]
pub struct SettlementEntryOut {
    pub id: Uuid,
    pub on_date: NaiveDate,
    pub kind: SettlementKind,
    /// The kind as the statement says it.
    pub kind_name: String,
    /// `debit` (we gave) | `credit` (the production gave).
    pub side: String,
    #[schema(value_type = String)]
    pub amount: Decimal,
    /// «Заказ № 12-1», «Платёжное поручение № 15».
    pub document: String,
    pub note: Option<String>,
    pub order_id: Option<Uuid>,
    /// The balance after this row.
    #[schema(value_type = String)]
    pub balance_after: Decimal,
}

fn entry(e: Entry) -> SettlementEntryOut {
    SettlementEntryOut {
        id: e.row.id,
        on_date: e.row.on_date,
        kind: e.kind,
        kind_name: e.kind.name_ru().to_owned(),
        side: e.kind.side().as_str().to_owned(),
        amount: e.amount,
        document: e.row.document,
        note: e.row.note,
        order_id: e.row.order_id,
        balance_after: e.balance_after,
    }
}

#[derive(Serialize, ToSchema)]
pub struct SettlementStatement {
    pub production_id: Uuid,
    pub production_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub balance: BalanceOut,
    /// By date, each with the balance after it.
    pub entries: Vec<SettlementEntryOut>,
}

fn statement(s: Statement) -> SettlementStatement {
    SettlementStatement {
        production_id: s.production.into(),
        production_name: s.name,
        from: s.period.first_day(),
        to: s.period.last_day(),
        balance: balance(s.balance),
        entries: s.entries.into_iter().map(entry).collect(),
    }
}

#[utoipa::path(tag = "production", params(PeriodQuery), responses(
    (status = 200, body = SettlementsOverview),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "No right to read the settlements"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "A period that ends before it starts (`to`) or a date out of range"),
))]
#[get("/settlements")]
pub async fn settlements_overview(state: web::Data<AppState>, who: Credentials, q: Query<PeriodQuery>) -> Result<web::Json<SettlementsOverview>, AppError> {
    Ok(web::Json(overview(app::production::settlements::overview(&state, &who, q.from, q.to).await?)))
}

#[utoipa::path(tag = "production", params(("id" = Uuid, Path, description = "The production"), PeriodQuery), responses(
    (status = 200, body = SettlementStatement),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "No such production in the caller's scope (another production's)"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/productions/{id}/settlements")]
pub async fn production_settlements(state: web::Data<AppState>, who: Credentials, id: web::Path<OrganizationId>, q: Query<PeriodQuery>) -> Result<web::Json<SettlementStatement>, AppError> {
    Ok(web::Json(statement(app::production::settlements::statement(&state, &who, *id, q.from, q.to).await?)))
}

/// An entry the production orders do not record.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettlementEntryInput {
    /// `payment_made` | `payment_received` | `production_purchase` | `tile_purchase` |
    /// `defect_deduction` (an order's amount comes only from its shipment).
    #[schema(value_type = SettlementKind)]
    pub kind: Option<String>,
    /// Not in the future.
    pub on_date: Option<NaiveDate>,
    /// Roubles, more than zero, kopecks at most.
    #[schema(value_type = String)]
    pub amount: Option<Decimal>,
    /// The source document: «Платёжное поручение № 15 от 01.12.2026».
    pub document: Option<String>,
    pub note: Option<String>,
}

#[utoipa::path(tag = "production", params(("id" = Uuid, Path, description = "The production")), request_body = SettlementEntryInput, responses(
    (status = 201, body = SettlementEntryOut),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "Only the accountant (or an admin) enters settlements"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "A bad field, named"),
))]
#[post("/productions/{id}/settlements")]
pub async fn record_settlement(state: web::Data<AppState>, who: Credentials, id: web::Path<OrganizationId>, body: Body<SettlementEntryInput>) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let mut errs = FieldErrors::new();
    let kind = b.kind.as_deref().and_then(|k| named::<SettlementKind>(&mut errs, "kind", k));
    errs.into_result()?;
    let e = NewEntry { kind, on_date: b.on_date, amount: b.amount, document: b.document, note: b.note };
    let saved = app::production::settlements::record_entry(&state, &who, *id, e).await?;
    Ok(HttpResponse::Created().json(entry(saved)))
}

#[utoipa::path(tag = "production", params(("id" = Uuid, Path, description = "The production"), PeriodQuery), responses(
    (status = 200, description = "The reconciliation statement (акт сверки) as PDF", content_type = "application/pdf"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "No such production in the caller's scope (another production's)"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/productions/{id}/settlements/reconciliation.pdf")]
pub async fn reconciliation_pdf(state: web::Data<AppState>, who: Credentials, id: web::Path<OrganizationId>, q: Query<PeriodQuery>) -> Result<HttpResponse, AppError> {
    use actix_web::http::header::{Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue};
    let (bytes, name) = app::production::reconciliation::pdf(&state, &who, *id, q.from, q.to).await?;
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::FilenameExt(ExtendedValue { charset: Charset::Ext("UTF-8".into()), language_tag: None, value: name.into_bytes() })],
    };
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(disposition)
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Cache-Control", "private, no-cache"))
        .body(bytes))
}
