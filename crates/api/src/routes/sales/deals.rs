//! `/deals`: what clients buy — list, create by hand, read, edit, move, the accountant's payment
//! notice, requests to other departments, and their timeline, comments and files.
use super::cards::{CardExportQuery, CardListQuery, export_response, Checklist, MoveRequest, NewComment, ReopenRequest};
use crate::routes::prelude::*;
use crate::views::cards::{CardPage, DealDetail, deal_detail, deal_summaries};
use crate::views::files::FileOut;
use crate::views::timeline::{Timeline, TimelineEntry};
use crate::views::work::{RequestDetail, request_detail};
use domain::{ClientId, DealId};
use domain::pipelines::RequestKind;
use domain::sales::commands::{self as cmd, DealChanges, MoveCard, ReopenCard, ReviewScore};
use domain::sales::{CardId, CardStatus, Channel};
use domain::work::commands::NewRequest as NewRequestCmd;
use persistence::repo::sales::CardFilter;

#[utoipa::path(tag = "deals", params(CardExportQuery), responses(
    (status = 200, content_type = "text/csv", description = "the deals the filters select: CSV for Excel (UTF-8 with BOM, `;`, decimal comma) streamed page by page, or with `format=xlsx` a workbook"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/deals/export")]
pub async fn export_deals(state: web::Data<AppState>, who: Credentials, req: HttpRequest, q: Query<CardExportQuery>) -> Result<HttpResponse, AppError> {
    let format = crate::exports::Format::parse(q.format.as_deref())?;
    let filter = CardFilter::try_from(&*q)?;
    // Refused before the first byte: the right to read is checked here, then on every page.
    app::sales::deals::list(&state, &who, &filter, 1, None).await?;
    let today = state.today().0;
    export_response(&req, format, "deals", "Сделки", today, move |cursor| {
        let (state, who, filter) = (state.clone(), who.clone(), filter.clone());
        async move {
            let list = app::sales::deals::list(&state, &who, &filter, crate::exports::PAGE, cursor.as_deref()).await?;
            Ok((deal_summaries(&list.page.items, &list.pipelines, state.now())?, list.page.next_cursor))
        }
    })
    .await
}

#[utoipa::path(tag = "deals", params(CardListQuery), responses(
    (status = 200, body = CardPage),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/deals")]
pub async fn list_deals(state: web::Data<AppState>, who: Credentials, q: Query<CardListQuery>) -> Result<web::Json<CardPage>, AppError> {
    let filter = CardFilter::try_from(&*q)?;
    let list = app::sales::deals::list(&state, &who, &filter, page_limit(q.limit)?, q.cursor.as_deref()).await?;
    let items = deal_summaries(&list.page.items, &list.pipelines, state.now())?;
    Ok(web::Json(CardPage { items, next_cursor: list.page.next_cursor }))
}

/// How many of a client's deals are in a status, and their expected revenue.
#[derive(Serialize, ToSchema)]
pub struct StatusTotal {
    pub count: i64,
    /// Roubles.
    #[schema(value_type = String, example = "125000.00")]
    pub sum: rust_decimal::Decimal,
}

/// A client's deals by status, for its card.
#[derive(Serialize, ToSchema)]
pub struct DealTotals {
    pub open: StatusTotal,
    pub won: StatusTotal,
    pub lost: StatusTotal,
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path, description = "the client")), responses(
    (status = 200, body = DealTotals),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/clients/{id}/deal-totals")]
pub async fn client_deal_totals(state: web::Data<AppState>, who: Credentials, id: web::Path<ClientId>) -> Result<web::Json<DealTotals>, AppError> {
    let rows = app::sales::deals::totals_of_client(&state, &who, *id).await?;
    let of = |status: CardStatus| -> Result<StatusTotal, AppError> {
        let row = rows.iter().find(|r| r.status == status.as_str());
        let minor = row.and_then(|r| r.sum_minor).unwrap_or(0);
        let sum = domain::Money::from_minor(minor, domain::Currency::Rub).map_err(|e| AppError::Internal(anyhow::anyhow!("deal totals {minor}: {e}")))?;
        Ok(StatusTotal { count: row.map_or(0, |r| r.count), sum: sum.amount() })
    };
    Ok(web::Json(DealTotals { open: of(CardStatus::Open)?, won: of(CardStatus::Won)?, lost: of(CardStatus::Lost)? }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDeal {
    /// A deal pipeline; default: the first active one (tile sale).
    pub pipeline_id: Option<Uuid>,
    pub title: String,
    pub client_id: Uuid,
    pub counterparty_id: Option<Uuid>,
    /// Default: the caller, when the caller is a person.
    pub responsible_id: Option<Uuid>,
    #[schema(value_type = Option<String>, example = "150000.00")]
    pub expected_revenue: Option<AmountInput>,
    pub delivery_address: Option<String>,
    pub offer_details: Option<String>,
    /// Default `other` (a deal made by hand, not from a lead).
    #[schema(value_type = Option<Channel>)]
    pub channel: Option<String>,
}

impl TryFrom<NewDeal> for cmd::NewDeal {
    type Error = FieldErrors;
    fn try_from(b: NewDeal) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.required("title", Some(&b.title), |s| domain::text(300, s));
        let expected_revenue = amount(&mut errors, "expected_revenue", b.expected_revenue.as_ref());
        let delivery_address = opt_text(&mut errors, "delivery_address", b.delivery_address.as_deref(), 1000);
        let offer_details = opt_text(&mut errors, "offer_details", b.offer_details.as_deref(), 5000);
        let channel = named::<Channel>(&mut errors, "channel", b.channel.as_deref().unwrap_or("other"));
        match (title, channel) {
            (Some(title), Some(channel)) if errors.is_empty() => Ok(cmd::NewDeal {
                pipeline_id: b.pipeline_id.map(Into::into), title, client_id: b.client_id.into(), counterparty_id: b.counterparty_id.map(Into::into),
                responsible_id: b.responsible_id.map(Into::into), expected_revenue, delivery_address, offer_details, channel,
            }),
            _ => Err(errors),
        }
    }
}

#[utoipa::path(tag = "deals", request_body = NewDeal, responses(
    (status = 201, body = DealDetail, description = "In the pipeline's first stage, with what it opens (e.g. the delivery-cost request)"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "the client is outside the caller's scope"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/deals")]
pub async fn create_deal(state: web::Data<AppState>, who: Credentials, body: Body<NewDeal>) -> Result<HttpResponse, AppError> {
    let deal = cmd::NewDeal::try_from(body.into_inner())?;
    let v = app::sales::deals::create(&state, &who, deal).await?;
    Ok(HttpResponse::Created().json(deal_detail(v, state.now())?))
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), responses(
    (status = 200, body = DealDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/deals/{id}")]
pub async fn get_deal(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>) -> Result<web::Json<DealDetail>, AppError> {
    Ok(web::Json(deal_detail(app::sales::deals::get(&state, &who, *id).await?, state.now())?))
}

/// Fields left out stay as they are; `null` clears an optional one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DealPatch {
    pub version: i32,
    pub title: Option<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<Uuid>)]
    pub counterparty_id: Clearable<Uuid>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<Uuid>)]
    pub responsible_id: Clearable<Uuid>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>, example = "150000.00")]
    pub expected_revenue: Clearable<AmountInput>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub delivery_address: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub offer_details: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<chrono::NaiveDate>)]
    pub promised_payment_date: Clearable<chrono::NaiveDate>,
    /// 1..=10
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<i32>)]
    pub review_score: Clearable<i32>,
    /// `{item code: ticked}`.
    pub checklist: Option<Checklist>,
}

impl TryFrom<DealPatch> for DealChanges {
    type Error = FieldErrors;
    fn try_from(b: DealPatch) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = b.title.as_deref().and_then(|t| errors.required("title", Some(t), |s| domain::text(300, s)));
        let expected_revenue = b.expected_revenue.as_ref().map(|v| amount(&mut errors, "expected_revenue", v.as_ref()));
        let delivery_address = clear_text(&mut errors, "delivery_address", &b.delivery_address, 1000);
        let offer_details = clear_text(&mut errors, "offer_details", &b.offer_details, 5000);
        let review_score = b.review_score.map(|s| s.and_then(|s| ReviewScore::parse(s).map_err(|e| errors.add("review_score", e)).ok()));
        let promised_payment_date = b.promised_payment_date.map(|d| day(&mut errors, "promised_payment_date", d));
        errors.into_result()?;
        Ok(DealChanges {
            title, expected_revenue, delivery_address, offer_details, review_score,
            counterparty_id: b.counterparty_id.map(|v| v.map(Into::into)),
            responsible_id: b.responsible_id.map(|v| v.map(Into::into)),
            promised_payment_date,
            checklist: b.checklist,
        })
    }
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), request_body = DealPatch, responses(
    (status = 200, body = DealDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[patch("/deals/{id}")]
pub async fn update_deal(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, body: Body<DealPatch>) -> Result<web::Json<DealDetail>, AppError> {
    let version = body.version;
    let changes = DealChanges::try_from(body.into_inner())?;
    Ok(web::Json(deal_detail(app::sales::deals::update(&state, &who, *id, version, changes).await?, state.now())?))
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), request_body = MoveRequest, responses(
    (status = 200, body = DealDetail),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "the role may not make this move"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict: someone moved or changed the card first"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "transition_refused: `errors` name each unmet guard (e.g. `stage` `fact_required` for «Оплата получена»)"),
))]
#[post("/deals/{id}/move")]
pub async fn move_deal(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, body: Body<MoveRequest>) -> Result<web::Json<DealDetail>, AppError> {
    let m = MoveCard::try_from(body.into_inner())?;
    Ok(web::Json(deal_detail(app::sales::deals::move_deal(&state, &who, *id, m).await?, state.now())?))
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), request_body = ReopenRequest, responses(
    (status = 200, body = DealDetail, description = "open again, in the stage it was closed from"),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "only an admin reopens a card"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict: someone changed the card first"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "`status` not_closed, `deal_id` converted (a lead that became a deal), `reason` required"),
))]
#[post("/deals/{id}/reopen")]
pub async fn reopen_deal(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, body: Body<ReopenRequest>) -> Result<web::Json<DealDetail>, AppError> {
    let cmd = ReopenCard::try_from(body.into_inner())?;
    Ok(web::Json(deal_detail(app::sales::cards::reopen(&state, &who, CardId::Deal(*id), cmd).await?, state.now())?))
}

/// The accountant's notice that the client paid («извещение от бухгалтера»).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentNotice {
    #[schema(value_type = String, example = "75000.00")]
    pub amount: AmountInput,
    pub paid_on: chrono::NaiveDate,
    /// Payment order number.
    pub document: Option<String>,
    pub comment: Option<String>,
}

impl TryFrom<On<PaymentNotice>> for cmd::PaymentNotice {
    type Error = FieldErrors;
    fn try_from(On(b, today): On<PaymentNotice>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let amount = amount(&mut errors, "amount", Some(&b.amount));
        if amount.is_some_and(|m| m.minor() == 0) {
            errors.add("amount", FieldError::new("out_of_range", "Сумма оплаты должна быть больше нуля"));
        }
        let paid_on = day(&mut errors, "paid_on", Some(b.paid_on));
        if paid_on.is_some_and(|d| d > today.0) {
            errors.add("paid_on", FieldError::new("out_of_range", "Дата оплаты не может быть в будущем"));
        }
        let document = opt_text(&mut errors, "document", b.document.as_deref(), 100);
        let comment = opt_text(&mut errors, "comment", b.comment.as_deref(), 2000);
        match (amount, paid_on) {
            (Some(amount), Some(paid_on)) if errors.is_empty() => Ok(cmd::PaymentNotice { amount, paid_on, document, comment }),
            _ => Err(errors),
        }
    }
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), request_body = PaymentNotice, responses(
    (status = 200, body = DealDetail, description = "Recorded; a deal waiting for payment moves to «Оплата получена» by itself"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/deals/{id}/payments")]
pub async fn register_payment(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, body: Body<PaymentNotice>) -> Result<web::Json<DealDetail>, AppError> {
    let notice = cmd::PaymentNotice::try_from(On(body.into_inner(), state.today()))?;
    Ok(web::Json(deal_detail(app::sales::deals::register_payment(&state, &who, *id, notice).await?, state.now())?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    #[schema(value_type = RequestKind)]
    pub kind: String,
    /// What the department needs to know (volume, thickness, colours, the object).
    pub details: Option<String>,
    /// Default: the deal's delivery address.
    pub delivery_address: Option<String>,
}

impl TryFrom<NewRequest> for NewRequestCmd {
    type Error = FieldErrors;
    fn try_from(b: NewRequest) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = named::<RequestKind>(&mut errors, "kind", &b.kind);
        let details = opt_text(&mut errors, "details", b.details.as_deref(), 5000);
        let delivery_address = opt_text(&mut errors, "delivery_address", b.delivery_address.as_deref(), 1000);
        match kind {
            Some(kind) if errors.is_empty() => Ok(NewRequestCmd { kind, details, delivery_address }),
            _ => Err(errors),
        }
    }
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), request_body = NewRequest, responses(
    (status = 201, body = RequestDetail, description = "Opened (or the one of that kind already open)"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/deals/{id}/requests")]
pub async fn open_request(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, body: Body<NewRequest>) -> Result<HttpResponse, AppError> {
    let request = NewRequestCmd::try_from(body.into_inner())?;
    let v = app::work::requests::open_by_hand(&state, &who, *id, request).await?;
    Ok(HttpResponse::Created().json(request_detail(v)?))
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "the client")), responses(
    (status = 200, body = Timeline, description = "The newest 300 entries of all the client's leads and deals the caller may read, newest first"),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "a role that reads no clients, or neither leads nor deals"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/clients/{id}/timeline")]
pub async fn client_timeline(state: web::Data<AppState>, who: Credentials, id: web::Path<ClientId>) -> Result<web::Json<Timeline>, AppError> {
    let entries = app::sales::timeline::of_client(&state, &who, *id).await?;
    Ok(web::Json(Timeline { items: entries.into_iter().map(crate::views::timeline::entry_out).collect::<Result<_, _>>()? }))
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Timeline, description = "Newest first; includes the history of the lead the deal came from"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/deals/{id}/timeline")]
pub async fn deal_timeline(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>) -> Result<web::Json<Timeline>, AppError> {
    super::cards::timeline(&state, &who, CardId::Deal(*id)).await
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), request_body = NewComment, responses(
    (status = 201, body = TimelineEntry),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/deals/{id}/comments")]
pub async fn comment_deal(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, body: Body<NewComment>) -> Result<HttpResponse, AppError> {
    super::cards::comment(&state, &who, CardId::Deal(*id), &body).await
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file's bytes; its type in Content-Type"),
    responses(
        (status = 201, body = FileOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json", description = "more than 25 MB"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/deals/{id}/files")]
pub async fn upload_deal_file(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, q: Query<UploadQuery>, req: HttpRequest, body: web::Payload) -> Result<HttpResponse, AppError> {
    super::cards::attach(&state, &who, CardId::Deal(*id), &req, &q.name, body).await
}
