//! `/requests`: the departments' queues, and taking, answering, withdrawing a request.
use crate::routes::prelude::*;
use crate::views::files::FileOut;
use crate::views::work::{RequestDetail, RequestSummary, request_detail, request_summary};
use app::work::requests::Queue;
use domain::RequestId;
use domain::pipelines::RequestKind;
use domain::work::RequestState;
use domain::work::commands::RequestAnswer;

#[derive(Serialize, ToSchema)]
pub struct RequestPage {
    pub items: Vec<RequestSummary>,
    pub next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RequestQuery {
    #[param(value_type = Option<RequestKind>)]
    pub kind: Option<String>,
    /// `active` = open or in progress (default); or one status.
    #[param(value_type = Option<String>, example = "active")]
    pub status: Option<String>,
    /// Only those taken by the caller.
    pub mine: Option<bool>,
    pub deal_id: Option<Uuid>,

    /// 1..=200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

impl TryFrom<&RequestQuery> for Queue {
    type Error = FieldErrors;
    fn try_from(q: &RequestQuery) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = q.kind.as_deref().and_then(|k| named::<RequestKind>(&mut errors, "kind", k));
        let states = match q.status.as_deref().unwrap_or("active") {
            "active" => RequestState::ACTIVE.to_vec(),
            "all" => vec![],
            s => match RequestState::parse(s) {
                Some(st) => vec![st],
                None => {
                    errors.add("status", FieldError::new("invalid_value", "Допустимые значения: active, all, open, in_progress, completed, cancelled"));
                    vec![]
                }
            },
        };
        errors.into_result()?;
        Ok(Queue { kind, states, mine: q.mine.unwrap_or(false), deal_id: q.deal_id.map(Into::into) })
    }
}

#[utoipa::path(tag = "requests", params(RequestQuery), responses(
    (status = 200, body = RequestPage, description = "Oldest first: the department's queue"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/requests")]
pub async fn list_requests(state: web::Data<AppState>, who: Credentials, q: Query<RequestQuery>) -> Result<web::Json<RequestPage>, AppError> {
    let queue = Queue::try_from(&*q)?;
    let page = app::work::requests::list(&state, &who, queue, page_limit(q.limit)?, q.cursor.as_deref()).await?;
    Ok(web::Json(RequestPage { items: page.items.into_iter().map(request_summary).collect::<Result<_, _>>()?, next_cursor: page.next_cursor }))
}

/// The filters of a queue, for its export (all of it, no paging).
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RequestExportQuery {
    #[param(value_type = Option<RequestKind>)]
    pub kind: Option<String>,
    /// `active` = open or in progress (default); `all`; or one status.
    #[param(value_type = Option<String>, example = "active")]
    pub status: Option<String>,
    pub mine: Option<bool>,
    pub deal_id: Option<Uuid>,
    /// `csv` (default) or `xlsx`.
    pub format: Option<String>,
}

const EXPORT_HEADER: [&str; 13] = [
    "Номер", "Вид", "Статус", "Сделка", "Клиент", "Менеджер", "Адрес доставки", "Исполнитель", "Стоимость, ₽", "Перевозчик", "Срок доставки",
    "Создан", "Выполнен",
];

fn export_row(r: &RequestSummary) -> Vec<crate::exports::Cell> {
    use crate::exports::Cell;
    // The same names the web app shows (Новый, В работе, Выполнен, Отменён).
    let status = match r.status {
        RequestState::Open => "Новый",
        RequestState::InProgress => "В работе",
        RequestState::Completed => "Выполнен",
        RequestState::Cancelled => "Отменён",
    };
    let answer = r.answer.as_ref();
    vec![
        Cell::Int(r.number), Cell::Text(r.kind.title_ru().into()), Cell::Text(status.into()), Cell::Text(format!("№{} · {}", r.deal_number, r.deal_title)),
        r.client_name.clone().into(), r.manager_name.clone().into(), r.delivery_address.clone().into(), r.assignee_name.clone().into(),
        Cell::Money(answer.and_then(|a| a.cost)), answer.and_then(|a| a.carrier.clone()).into(),
        Cell::Text(answer.and_then(|a| a.eta_date).map(|d| d.format("%d.%m.%Y").to_string()).unwrap_or_default()), Cell::Time(r.created_at),
        r.completed_at.map_or(Cell::Text(String::new()), Cell::Time),
    ]
}

#[utoipa::path(tag = "requests", params(RequestExportQuery), responses(
    (status = 200, content_type = "text/csv", description = "the requests the filters select, oldest first: CSV for Excel (UTF-8 with BOM, `;`, decimal comma) streamed page by page, or with `format=xlsx` a workbook"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/requests/export")]
pub async fn export_requests(state: web::Data<AppState>, who: Credentials, req: HttpRequest, q: Query<RequestExportQuery>) -> Result<HttpResponse, AppError> {
    let format = crate::exports::Format::parse(q.format.as_deref())?;
    let list = RequestQuery { kind: q.kind.clone(), status: q.status.clone(), mine: q.mine, deal_id: q.deal_id, limit: None, cursor: None };
    let queue = Queue::try_from(&list)?;
    // Refused before the first byte: the right to read is checked here, then on every page.
    app::work::requests::list(&state, &who, queue.clone(), 1, None).await?;
    let today = state.today().0;
    let sheet = crate::exports::Sheet { name: "requests", title: "Запросы", header: &EXPORT_HEADER, row: export_row };
    crate::exports::respond(&req, format, sheet, today, move |cursor| {
        let (state, who, queue) = (state.clone(), who.clone(), queue.clone());
        async move {
            let page = app::work::requests::list(&state, &who, queue, crate::exports::PAGE, cursor.as_deref()).await?;
            Ok((page.items.into_iter().map(request_summary).collect::<Result<Vec<_>, _>>()?, page.next_cursor))
        }
    })
    .await
}

#[utoipa::path(tag = "requests", params(("id" = Uuid, Path)), responses(
    (status = 200, body = RequestDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/requests/{id}")]
pub async fn get_request(state: web::Data<AppState>, who: Credentials, id: web::Path<RequestId>) -> Result<web::Json<RequestDetail>, AppError> {
    Ok(web::Json(request_detail(app::work::requests::get(&state, &who, *id).await?)?))
}

/// The version the person saw.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionOnly {
    pub version: i32,
}

#[utoipa::path(tag = "requests", params(("id" = Uuid, Path)), request_body = VersionOnly, responses(
    (status = 200, body = RequestDetail, description = "Taken by the caller"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "`status` `request_closed`"),
))]
#[post("/requests/{id}/take")]
pub async fn take_request(state: web::Data<AppState>, who: Credentials, id: web::Path<RequestId>, body: Body<VersionOnly>) -> Result<web::Json<RequestDetail>, AppError> {
    Ok(web::Json(request_detail(app::work::requests::take(&state, &who, *id, body.version).await?)?))
}

/// Delivery cost: `cost`, `carrier` and `eta_date` are required. Design: the mock-up files are
/// uploaded to the request first; `comment` is optional.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteRequest {
    pub version: i32,
    #[schema(value_type = Option<String>, example = "18500.00")]
    pub cost: Option<AmountInput>,
    pub carrier: Option<String>,
    pub eta_date: Option<chrono::NaiveDate>,
    pub comment: Option<String>,
}

impl TryFrom<On<CompleteRequest>> for RequestAnswer {
    type Error = FieldErrors;
    fn try_from(On(b, today): On<CompleteRequest>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let cost = amount(&mut errors, "cost", b.cost.as_ref());
        let eta_date = day(&mut errors, "eta_date", b.eta_date);
        if eta_date.is_some_and(|d| d < today.0) {
            errors.add("eta_date", FieldError::new("out_of_range", "Срок доставки не может быть в прошлом"));
        }
        let carrier = opt_text(&mut errors, "carrier", b.carrier.as_deref(), 200);
        let comment = opt_text(&mut errors, "comment", b.comment.as_deref(), 5000);
        errors.into_result()?;
        Ok(RequestAnswer { version: b.version, cost, carrier, eta_date, comment })
    }
}

#[utoipa::path(tag = "requests", params(("id" = Uuid, Path)), request_body = CompleteRequest, responses(
    (status = 200, body = RequestDetail, description = "Completed; the deal may move by itself (delivery cost received, design sent)"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/requests/{id}/complete")]
pub async fn complete_request(state: web::Data<AppState>, who: Credentials, id: web::Path<RequestId>, body: Body<CompleteRequest>) -> Result<web::Json<RequestDetail>, AppError> {
    let answer = RequestAnswer::try_from(On(body.into_inner(), state.today()))?;
    Ok(web::Json(request_detail(app::work::requests::complete(&state, &who, *id, answer).await?)?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    pub version: i32,
    pub reason: String,
}

#[utoipa::path(tag = "requests", params(("id" = Uuid, Path)), request_body = CancelRequest, responses(
    (status = 200, body = RequestDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/requests/{id}/cancel")]
pub async fn cancel_request(state: web::Data<AppState>, who: Credentials, id: web::Path<RequestId>, body: Body<CancelRequest>) -> Result<web::Json<RequestDetail>, AppError> {
    let mut errors = FieldErrors::new();
    let reason = errors.required("reason", Some(&body.reason), |s| domain::text(1000, s));
    let Some(reason) = reason else { return Err(errors.into()) };
    Ok(web::Json(request_detail(app::work::requests::cancel(&state, &who, *id, body.version, reason).await?)?))
}

#[utoipa::path(tag = "requests", params(("id" = Uuid, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "A mock-up or any file answering the request"),
    responses(
        (status = 201, body = FileOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json", description = "more than 25 MB"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/requests/{id}/files")]
pub async fn upload_request_file(state: web::Data<AppState>, who: Credentials, id: web::Path<RequestId>, q: Query<UploadQuery>, req: HttpRequest, body: web::Payload) -> Result<HttpResponse, AppError> {
    let file = upload(&state, &req, &q.name, body).await?;
    let (f, by) = app::work::requests::attach_file(&state, &who, *id, file).await?;
    Ok(HttpResponse::Created().json(crate::views::files::file_out(f, by)))
}
