//! `/receivables`: who owes what on open invoices, by client or by deal, with ageing; as JSON,
//! CSV or Excel.
use crate::exports::{Cell, Format, Sheet};
use crate::routes::prelude::*;
use crate::views::finance::{AgeingView, ageing};
use app::finance::receivables::{GroupBy, Receivable, ReceivableFilter};
use domain::ClientId;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReceivableQuery {
    /// `client` (default) | `deal`.
    pub by: Option<String>,
    pub client_id: Option<Uuid>,
    /// Only rows with something overdue.
    pub overdue_only: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct ReceivableRow {
    pub client_id: Option<Uuid>,
    pub client_name: String,
    pub deal_id: Option<Uuid>,
    pub deal_number: Option<i64>,
    pub deal_title: Option<String>,
    pub invoices: usize,
    pub ageing: AgeingView,
}

#[derive(Serialize, ToSchema)]
pub struct Receivables {
    pub items: Vec<ReceivableRow>,
    pub total: AgeingView,
}

fn parse(q: &ReceivableQuery) -> Result<(GroupBy, ReceivableFilter), AppError> {
    let by = match q.by.as_deref().unwrap_or("client") {
        "client" => GroupBy::Client,
        "deal" => GroupBy::Deal,
        _ => return Err(AppError::field("by", FieldError::new("invalid_value", "client или deal"))),
    };
    Ok((by, ReceivableFilter { client_id: q.client_id.map(ClientId::from), overdue_only: q.overdue_only.unwrap_or(false) }))
}

fn row(r: &Receivable) -> ReceivableRow {
    ReceivableRow {
        client_id: r.client_id,
        client_name: r.client_name.clone(),
        deal_id: r.deal_id,
        deal_number: r.deal_number,
        deal_title: r.deal_title.clone(),
        invoices: r.invoices,
        ageing: ageing(&r.ageing),
    }
}

#[utoipa::path(tag = "finance", params(ReceivableQuery), responses(
    (status = 200, body = Receivables),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/receivables")]
pub async fn list_receivables(state: web::Data<AppState>, who: Credentials, q: Query<ReceivableQuery>) -> Result<web::Json<Receivables>, AppError> {
    let (by, f) = parse(&q)?;
    let (rows, total) = app::finance::receivables::list(&state, &who, by, &f).await?;
    Ok(web::Json(Receivables { items: rows.iter().map(row).collect(), total: ageing(&total) }))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReceivableExportQuery {
    /// `csv` | `xlsx`.
    pub format: Option<String>,
    pub by: Option<String>,
    pub client_id: Option<Uuid>,
    pub overdue_only: Option<bool>,
}

const HEADER: [&str; 10] = ["Клиент", "Сделка №", "Сделка", "Счетов", "Не просрочено", "1–30 дней", "31–60 дней", "61–90 дней", "Более 90 дней", "Итого"];

fn export_row(r: &Receivable) -> Vec<Cell> {
    let a = &r.ageing;
    vec![
        Cell::Text(r.client_name.clone()),
        r.deal_number.map_or(Cell::Text(String::new()), Cell::Int),
        Cell::from(r.deal_title.clone()),
        Cell::Int(r.invoices as i64),
        Cell::Money(Some(a.not_due)),
        Cell::Money(Some(a.d1_30)),
        Cell::Money(Some(a.d31_60)),
        Cell::Money(Some(a.d61_90)),
        Cell::Money(Some(a.over_90)),
        Cell::Money(Some(a.total())),
    ]
}

#[utoipa::path(tag = "finance", params(ReceivableExportQuery), responses(
    (status = 200, description = "The receivables as CSV or .xlsx", content_type = "text/csv"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/receivables/export")]
pub async fn export_receivables(state: web::Data<AppState>, who: Credentials, req: HttpRequest, q: Query<ReceivableExportQuery>) -> Result<HttpResponse, AppError> {
    let format = Format::parse(q.format.as_deref())?;
    let (by, f) = parse(&ReceivableQuery { by: q.by.clone(), client_id: q.client_id, overdue_only: q.overdue_only })?;
    let (rows, _) = app::finance::receivables::list(&state, &who, by, &f).await?;
    let rows = std::rc::Rc::new(std::cell::RefCell::new(Some(rows)));
    let sheet = Sheet { name: "debitorka", title: "Дебиторская задолженность", header: &HEADER, row: export_row };
    crate::exports::respond(&req, format, sheet, state.today().0, move |_cursor| {
        let rows = rows.borrow_mut().take().unwrap_or_default();
        async move { Ok((rows, None)) }
    })
    .await
}
