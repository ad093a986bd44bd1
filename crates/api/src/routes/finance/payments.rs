//! `/payments`: the accountant's payments — list with filters (the unmatched queue is
//! `?unallocated=true`), manual entry with allocations, one payment with its suggestions, more
//! allocations (one-click matching), and the client a payment came from.
use crate::routes::prelude::*;
use crate::views::finance::{PaymentDetailView, PaymentPage, payment, payment_detail};
use app::finance::payments::NewPayment;
use chrono::NaiveDate;
use domain::finance::allocation::AllocationRequest;
use domain::{ClientId, OrganizationId};
use persistence::repo::finance::payments::PaymentFilter;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PaymentQuery {
    /// `incoming` | `outgoing`.
    pub direction: Option<String>,
    /// `bank` | `cash`.
    pub method: Option<String>,
    /// Only incoming payments with money not put on an invoice: the unmatched queue.
    pub unallocated: Option<bool>,
    pub client_id: Option<Uuid>,
    pub statement_id: Option<Uuid>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Part of the payer's name, INN, number or purpose.
    pub q: Option<String>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

fn filter(q: &PaymentQuery) -> Result<PaymentFilter, AppError> {
    let mut errs = FieldErrors::new();
    if let Some(d) = q.direction.as_deref()
        && !["incoming", "outgoing"].contains(&d)
    {
        errs.add("direction", FieldError::new("invalid_value", "incoming или outgoing"));
    }
    if let Some(m) = q.method.as_deref()
        && !["bank", "cash"].contains(&m)
    {
        errs.add("method", FieldError::new("invalid_value", "bank или cash"));
    }
    let from = day(&mut errs, "from", q.from);
    let to = day(&mut errs, "to", q.to);
    let text = opt_text(&mut errs, "q", q.q.as_deref(), 200);
    errs.into_result()?;
    Ok(PaymentFilter {
        direction: q.direction.clone(),
        method: q.method.clone(),
        unallocated: q.unallocated.unwrap_or(false),
        client_id: q.client_id,
        statement_id: q.statement_id,
        from,
        to,
        q: text,
    })
}

#[utoipa::path(tag = "finance", params(PaymentQuery), responses(
    (status = 200, body = PaymentPage),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/payments")]
pub async fn list_payments(state: web::Data<AppState>, who: Credentials, q: Query<PaymentQuery>) -> Result<web::Json<PaymentPage>, AppError> {
    let f = filter(&q)?;
    let limit = page_limit(q.limit)?;
    let page = app::finance::payments::list(&state, &who, &f, limit, q.cursor.as_deref()).await?;
    Ok(web::Json(PaymentPage { items: page.items.iter().map(payment).collect(), next_cursor: page.next_cursor }))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PaymentExportQuery {
    /// `csv` (default) | `xlsx`.
    pub format: Option<String>,
    pub direction: Option<String>,
    pub method: Option<String>,
    pub unallocated: Option<bool>,
    /// A client's payment history: its payments only.
    pub client_id: Option<Uuid>,
    pub statement_id: Option<Uuid>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub q: Option<String>,
}

const EXPORT_HEADER: [&str; 12] =
    ["Дата", "Номер", "Направление", "Способ", "Плательщик / получатель", "ИНН", "Сумма", "Разнесено", "Остаток (аванс)", "Счета", "Назначение платежа", "Примечание"];

fn export_row(r: &app::finance::payments::PaymentRow) -> Vec<crate::exports::Cell> {
    use crate::exports::Cell;
    let v = payment(r);
    let direction = if v.is_refund { "Возврат" } else if v.direction == "incoming" { "Поступление" } else { "Списание" };
    let method = if v.method == "cash" { "Касса" } else { "Банк" };
    let invoices: Vec<String> = v.allocations.iter().map(|a| a.invoice_number.clone()).collect();
    vec![
        Cell::Date(v.paid_on), Cell::Text(v.number), Cell::Text(direction.into()), Cell::Text(method.into()), Cell::Text(v.party_name), v.party_inn.into(),
        Cell::Money(Some(v.amount)), Cell::Money(Some(v.allocated)), Cell::Money(Some(v.rest)), Cell::Text(invoices.join(", ")), Cell::Text(v.purpose), v.note.into(),
    ]
}

#[utoipa::path(tag = "finance", params(PaymentExportQuery), responses(
    (status = 200, content_type = "text/csv", description = "The payments the filters select (a client's payment history with `client_id`), newest first: CSV for Excel (UTF-8 with BOM, `;`) or with `format=xlsx` a workbook"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/payments/export")]
pub async fn export_payments(state: web::Data<AppState>, who: Credentials, req: HttpRequest, q: Query<PaymentExportQuery>) -> Result<HttpResponse, AppError> {
    let format = crate::exports::Format::parse(q.format.as_deref())?;
    let list = PaymentQuery {
        direction: q.direction.clone(), method: q.method.clone(), unallocated: q.unallocated, client_id: q.client_id, statement_id: q.statement_id,
        from: q.from, to: q.to, q: q.q.clone(), limit: None, cursor: None,
    };
    let f = filter(&list)?;
    // Refused before the first byte: the right to read is checked here, then on every page.
    app::finance::payments::list(&state, &who, &f, 1, None).await?;
    let name = if q.client_id.is_some() { "client-payments" } else { "payments" };
    let sheet = crate::exports::Sheet { name, title: "Платежи", header: &EXPORT_HEADER, row: export_row };
    crate::exports::respond(&req, format, sheet, state.today().0, move |cursor| {
        let (state, who, f) = (state.clone(), who.clone(), f.clone());
        async move {
            let page = app::finance::payments::list(&state, &who, &f, crate::exports::PAGE, cursor.as_deref()).await?;
            Ok((page.items, page.next_cursor))
        }
    })
    .await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocationInput {
    pub invoice_id: Uuid,
    /// Roubles: `"12500.50"`.
    #[schema(value_type = String, example = "12500.50")]
    pub amount: AmountInput,
}

fn allocations(errs: &mut FieldErrors, list: &[AllocationInput]) -> Vec<AllocationRequest> {
    list.iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let m = amount(errs, &format!("allocations[{i}].amount"), Some(&a.amount))?;
            Some(AllocationRequest { invoice: a.invoice_id.into(), amount: m.amount() })
        })
        .collect()
}

/// A payment as entered by hand.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentInput {
    /// Whose payment (the caller's organization when omitted).
    pub organization_id: Option<Uuid>,
    /// `incoming` (поступление) | `outgoing` (списание).
    pub direction: String,
    /// `bank` (платёжное поручение) | `cash` (приходный / расходный ордер). Default `bank`.
    pub method: Option<String>,
    /// The incoming number of the payment order.
    pub number: String,
    pub paid_on: NaiveDate,
    #[schema(value_type = String, example = "125000.50")]
    pub amount: AmountInput,
    /// The client who paid (or is paid back).
    pub client_id: Option<Uuid>,
    /// The payer or payee as the bank names it; the client's name when omitted.
    pub party_name: Option<String>,
    pub party_inn: Option<String>,
    pub party_account: Option<String>,
    pub party_bik: Option<String>,
    #[serde(default)]
    pub purpose: String,
    /// An outgoing payment returning the client's advance.
    #[serde(default)]
    pub is_refund: bool,
    pub note: Option<String>,
    /// Which invoices it pays (incoming only); the rest stays the client's advance.
    #[serde(default)]
    pub allocations: Vec<AllocationInput>,
}

impl TryFrom<PaymentInput> for NewPayment {
    type Error = FieldErrors;
    fn try_from(b: PaymentInput) -> Result<NewPayment, FieldErrors> {
        let mut errs = FieldErrors::new();
        let incoming = match b.direction.as_str() {
            "incoming" => true,
            "outgoing" => false,
            _ => {
                errs.add("direction", FieldError::new("invalid_value", "incoming (поступление) или outgoing (списание)"));
                true
            }
        };
        let cash = match b.method.as_deref().unwrap_or("bank") {
            "bank" => false,
            "cash" => true,
            _ => {
                errs.add("method", FieldError::new("invalid_value", "bank или cash"));
                false
            }
        };
        let number = errs.required("number", Some(&b.number), |s| domain::text(40, s));
        let paid_on = day(&mut errs, "paid_on", Some(b.paid_on));
        let money = amount(&mut errs, "amount", Some(&b.amount));
        if money.as_ref().is_some_and(|m| m.amount() <= rust_decimal::Decimal::ZERO) {
            errs.add("amount", FieldError::new("out_of_range", "Сумма должна быть больше нуля"));
        }
        let party_name = opt_text(&mut errs, "party_name", b.party_name.as_deref(), 300);
        let party_inn = errs.optional("party_inn", b.party_inn.as_deref(), |s| domain::Inn::parse(s).map(|i| i.to_string()));
        let party_bik = errs.optional("party_bik", b.party_bik.as_deref(), |s| domain::Bik::parse(s).map(|i| i.to_string()));
        let party_account = errs.optional("party_account", b.party_account.as_deref(), |s| domain::AccountNumber::parse(s).map(|i| i.to_string()));
        if let (Some(acc), Some(bik)) = (&party_account, &party_bik)
            && let (Ok(a), Ok(k)) = (domain::AccountNumber::parse(acc), domain::Bik::parse(bik))
            && let Err(e) = a.check_key(&k)
        {
            errs.add("party_account", e);
        }
        let purpose = domain::text(2000, &b.purpose).unwrap_or_default();
        let note = opt_text(&mut errs, "note", b.note.as_deref(), 2000);
        let allocations = allocations(&mut errs, &b.allocations);
        errs.into_result()?;
        Ok(NewPayment {
            organization_id: b.organization_id.map(OrganizationId::from),
            incoming,
            cash,
            number: number.unwrap_or_default(),
            paid_on: paid_on.unwrap_or(b.paid_on),
            amount: money.map(|m| m.amount()).unwrap_or_default(),
            client_id: b.client_id.map(ClientId::from),
            party_name,
            party_inn,
            party_account,
            party_bik,
            purpose,
            is_refund: b.is_refund,
            note,
            allocations,
        })
    }
}

#[utoipa::path(tag = "finance", request_body = PaymentInput, responses(
    (status = 201, body = PaymentDetailView, description = "Recorded; the invoices' deals moved as their money says"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "A bad field; an allocation above the payment or the invoice's outstanding, or to a cancelled invoice; a date in the future"),
))]
#[post("/payments")]
pub async fn create_payment(state: web::Data<AppState>, who: Credentials, body: Body<PaymentInput>) -> Result<HttpResponse, AppError> {
    let n = NewPayment::try_from(body.into_inner())?;
    let saved = app::finance::payments::create(&state, &who, n).await?;
    Ok(HttpResponse::Created().json(payment_detail(&saved)))
}

#[utoipa::path(tag = "finance", params(("id" = Uuid, Path)), responses(
    (status = 200, body = PaymentDetailView),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/payments/{id}")]
pub async fn get_payment(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>) -> Result<web::Json<PaymentDetailView>, AppError> {
    Ok(web::Json(payment_detail(&app::finance::payments::get(&state, &who, *id).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocateInput {
    /// The payment's version as read.
    pub version: i32,
    pub allocations: Vec<AllocationInput>,
}

#[utoipa::path(tag = "finance", params(("id" = Uuid, Path)), request_body = AllocateInput, responses(
    (status = 200, body = PaymentDetailView),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "Someone allocated it meanwhile"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/payments/{id}/allocations")]
pub async fn allocate_payment(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>, body: Body<AllocateInput>) -> Result<web::Json<PaymentDetailView>, AppError> {
    let mut errs = FieldErrors::new();
    let list = allocations(&mut errs, &body.allocations);
    errs.into_result()?;
    Ok(web::Json(payment_detail(&app::finance::payments::add_allocations(&state, &who, *id, body.version, list).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentClientInput {
    pub version: i32,
    pub client_id: Uuid,
}

#[utoipa::path(tag = "finance", params(("id" = Uuid, Path)), request_body = PaymentClientInput, responses(
    (status = 200, body = PaymentDetailView),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[put("/payments/{id}/client")]
pub async fn set_payment_client(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>, body: Body<PaymentClientInput>) -> Result<web::Json<PaymentDetailView>, AppError> {
    Ok(web::Json(payment_detail(&app::finance::payments::set_client(&state, &who, *id, body.version, ClientId::from(body.client_id)).await?)))
}


/// A client made from a payment's payer: the client as `POST /clients` takes it (its
/// organization is the payment's), and optionally the payer's bank account for its counterparty.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PayerClientInput {
    /// The payment's version as seen.
    pub version: i32,
    pub client: crate::routes::clients::clients::NewClient,
    /// The payer's account, put on the client's counterparty (which `client.counterparty` gives).
    pub account: Option<crate::routes::clients::bank_accounts::NewBankAccount>,
}

#[utoipa::path(tag = "finance", params(("id" = Uuid, Path)), request_body = PayerClientInput, responses(
    (status = 201, body = PaymentDetailView, description = "The client is created and set on the payment"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "The payment changed meanwhile"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "Fields under `client.` and `account.`; nothing is created"),
))]
#[post("/payments/{id}/payer-client")]
pub async fn create_payer_client(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>, body: Body<PayerClientInput>) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let mut errs = FieldErrors::new();
    let account = b.account.as_ref().and_then(|a| match domain::clients::commands::NewBankAccount::try_from(a) {
        Ok(a) => Some(a),
        Err(e) => {
            errs.merge_prefixed("account", e);
            None
        }
    });
    let client = match domain::clients::commands::NewClient::try_from(b.client) {
        Ok(c) => Some(c),
        Err(e) => {
            errs.merge_prefixed("client", e);
            None
        }
    };
    errs.into_result()?;
    let client = client.ok_or(AppError::NotFound)?;
    let detail = app::finance::payments::client_from_payer(&state, &who, *id, b.version, client, account).await?;
    Ok(HttpResponse::Created().json(payment_detail(&detail)))
}
