//! HTTP, one resource per file, one folder per business area (the same names as the use cases):
//! each handler parses the request into a domain command (`TryFrom` a DTO: the conversion is the
//! validation), calls one use case, and renders its result. Handlers never call a repository.
pub mod clients;
pub mod documents;
pub mod extract;
pub mod files;
pub mod finance;
pub mod identity;
pub mod notifications;
pub mod pipelines;
pub mod production;
pub mod sales;
pub mod search;
pub mod service;
pub mod work;

/// What every handler module uses.
#[allow(unused_imports)]
pub(crate) mod prelude {
    pub(crate) use super::{AmountInput, Clearable, On, UploadQuery, amount, clear_text, clearable, day, instant, named, opt_text, page_limit, page_offset, upload, within};
    pub use super::extract::{Body, Query};
    pub use crate::AppState;
    pub use crate::app;
    pub use crate::auth::Credentials;
    pub use crate::error::{AppError, Problem};
    pub use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
    pub use chrono::{DateTime, Utc};
    pub use domain::{FieldError, FieldErrors, Named, Role};
    pub use serde::{Deserialize, Serialize};
    pub use utoipa::{IntoParams, ToSchema};
    pub use uuid::Uuid;
}

use domain::{FieldError, FieldErrors, Money, Named};
use serde::Deserialize;

/// Registers every route through the OpenAPI-aware router, so a route cannot miss the spec.
pub fn register<T>(app: utoipa_actix_web::UtoipaApp<T>) -> utoipa_actix_web::UtoipaApp<T>
where
    T: actix_web::dev::ServiceFactory<actix_web::dev::ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    use utoipa_actix_web::scope;
    app.service(service::healthz).service(service::readyz).service(crate::metrics::metrics).service(
        scope::scope("/api/v1")
            .service(identity::auth::login)
            .service(identity::auth::refresh)
            .service(identity::auth::logout)
            .service(identity::auth::me)
            .service(identity::organizations::list_organizations)
            .service(identity::organizations::get_organization)
            .service(clients::clients::similar_clients)
            .service(clients::clients::list_clients)
            .service(clients::clients::export_clients)
            .service(clients::clients::get_client)
            .service(clients::clients::create_client)
            .service(clients::clients::update_client)
            .service(clients::clients::client_history)
            .service(clients::counterparties::create_counterparty)
            .service(clients::counterparties::update_counterparty)
            .service(clients::contacts::create_contact)
            .service(clients::contacts::update_contact)
            .service(clients::contacts::delete_contact)
            .service(clients::bank_accounts::create_bank_account)
            .service(clients::bank_accounts::delete_bank_account)
            .service(clients::counterparties::approve_counterparty)
            .service(clients::banks::search_banks)
            .service(clients::banks::get_bank)
            .service(clients::banks::import_banks)
            .service(identity::users::list_users)
            .service(identity::users::get_user)
            .service(identity::users::create_user)
            .service(identity::users::update_user)
            .service(identity::api_keys::list_api_keys)
            .service(identity::api_keys::create_api_key)
            .service(identity::api_keys::revoke_api_key)
            .service(identity::staff::list_staff)
            .service(pipelines::pipelines::list_pipelines)
            .service(pipelines::pipelines::get_pipeline)
            .service(pipelines::pipelines::create_pipeline)
            .service(pipelines::pipelines::update_pipeline)
            .service(sales::board::board)
            .service(pipelines::catalog::loss_reasons)
            .service(pipelines::catalog::card_fields)
            .service(sales::leads::list_leads)
            .service(sales::leads::export_leads)
            .service(sales::leads::create_lead)
            .service(sales::leads::get_lead)
            .service(sales::leads::update_lead)
            .service(sales::leads::move_lead)
            .service(sales::leads::reopen_lead)
            .service(sales::leads::convert_lead)
            .service(sales::leads::lead_timeline)
            .service(sales::leads::comment_lead)
            .service(sales::leads::upload_lead_file)
            .service(sales::deals::list_deals)
            .service(sales::deals::export_deals)
            .service(sales::deals::create_deal)
            .service(sales::deals::get_deal)
            .service(sales::deals::update_deal)
            .service(sales::deals::move_deal)
            .service(sales::deals::reopen_deal)
            .service(sales::deals::client_deal_totals)
            .service(sales::deals::client_timeline)
            .service(sales::deals::register_payment)
            .service(sales::deals::open_request)
            .service(sales::deals::deal_timeline)
            .service(sales::deals::comment_deal)
            .service(sales::deals::upload_deal_file)
            .service(work::requests::list_requests)
            .service(work::requests::export_requests)
            .service(work::requests::get_request)
            .service(work::requests::take_request)
            .service(work::requests::complete_request)
            .service(work::requests::cancel_request)
            .service(work::requests::upload_request_file)
            .service(files::download_file)
            .service(work::tasks::list_tasks)
            .service(work::tasks::export_tasks)
            .service(work::tasks::create_task)
            .service(work::tasks::get_task)
            .service(work::tasks::update_task)
            .service(work::tasks::complete_task)
            .service(notifications::notifications::list_notifications)
            .service(notifications::notifications::read_all_notifications)
            .service(notifications::notifications::read_notification)
            .service(notifications::events::events)
            .service(search::search::search)
            .service(documents::requisites::get_requisites)
            .service(documents::requisites::put_requisites)
            .service(documents::requisites::get_image)
            .service(documents::requisites::put_image)
            .service(documents::requisites::delete_image)
            .service(documents::catalogue::list_items)
            .service(documents::catalogue::create_item)
            .service(documents::catalogue::get_item)
            .service(documents::catalogue::update_item)
            .service(documents::catalogue::list_price_lists)
            .service(documents::catalogue::create_price_list)
            .service(documents::catalogue::get_price_list)
            .service(documents::catalogue::update_price_list)
            .service(documents::catalogue::set_prices)
            .service(documents::catalogue::price_in_rub)
            .service(documents::catalogue::list_rates)
            .service(documents::catalogue::put_rate)
            .service(documents::catalogue::load_cbr)
            .service(documents::documents::deal_documents)
            .service(documents::documents::offer_draft)
            .service(documents::documents::create_offer)
            .service(documents::documents::create_contract)
            .service(documents::documents::create_invoice)
            .service(documents::documents::create_follow_up)
            .service(documents::documents::get_document)
            .service(documents::documents::document_pdf)
            .service(documents::documents::contract_step)
            .service(documents::documents::send_typical_offer)
            .service(documents::documents::lead_documents)
            .service(documents::emails::email_draft)
            .service(documents::emails::send_email)
            .service(documents::emails::list_mail_templates)
            .service(documents::emails::put_mail_template)
            .service(finance::payments::list_payments)
            .service(finance::payments::export_payments)
            .service(finance::payments::create_payment)
            .service(finance::payments::get_payment)
            .service(finance::payments::allocate_payment)
            .service(finance::payments::set_payment_client)
            .service(finance::payments::create_payer_client)
            .service(finance::statements::preview_statement)
            .service(finance::statements::import_statement)
            .service(finance::statements::list_statements)
            .service(finance::money::deal_money_panel)
            .service(finance::money::record_shipment)
            .service(finance::money::shipment_queue)
            .service(finance::money::cancel_invoice)
            .service(finance::receivables::list_receivables)
            .service(finance::receivables::export_receivables)
            .service(finance::reminders::reminder_schedule)
            .service(finance::reminders::reminder_settings)
            .service(finance::reminders::set_reminder_settings)
            .service(production::profiles::list_productions)
            .service(production::profiles::get_production)
            .service(production::profiles::put_production_profile)
            .service(production::orders::assign_production_order)
            .service(production::orders::list_production_orders)
            .service(production::orders::get_production_order)
            .service(production::orders::act_on_production_order)
            .service(production::orders::list_deal_production_orders)
            .service(production::orders::upload_production_order_file)
            .service(production::distribution::deal_distribution)
            .service(production::distribution::distribution_queue)
            .service(production::settlements::settlements_overview)
            .service(production::settlements::production_settlements)
            .service(production::settlements::record_settlement)
            .service(production::settlements::reconciliation_pdf),
    )
}

/// Free text of at most `max` characters under `field`, trimmed; blank is none.
pub(crate) fn opt_text(errors: &mut FieldErrors, field: &str, v: Option<&str>, max: usize) -> Option<String> {
    errors.optional(field, v, |s| domain::text(max, s))
}

/// A clearable text field: absent leaves it alone, `null` or blank clears it.
pub(crate) fn clear_text(errors: &mut FieldErrors, field: &str, v: &Option<Option<String>>, max: usize) -> Option<Option<String>> {
    v.as_ref().map(|inner| opt_text(errors, field, inner.as_deref(), max))
}

/// A closed value by its name, or `invalid_value` under `field` listing the names.
pub(crate) fn named<T: Named>(errors: &mut FieldErrors, field: &str, name: &str) -> Option<T> {
    let v = T::parse(name);
    if v.is_none() {
        errors.add(field, FieldError::new("invalid_value", T::allowed_ru()));
    }
    v
}

/// A date inside the business's window (2000–2099), or an error under `field`.
pub(crate) fn day(errors: &mut FieldErrors, field: &str, d: Option<chrono::NaiveDate>) -> Option<chrono::NaiveDate> {
    d.and_then(|d| domain::dates::date(d).map_err(|e| errors.add(field, e)).ok())
}

/// An instant inside the business's window (2000–2099), or an error under `field`.
pub(crate) fn instant(errors: &mut FieldErrors, field: &str, t: Option<chrono::DateTime<chrono::Utc>>) -> Option<chrono::DateTime<chrono::Utc>> {
    t.and_then(|t| domain::dates::instant(t).map_err(|e| errors.add(field, e)).ok())
}

/// A page size: 1..=200, default 50; anything else is a 422 on `limit` (not quietly changed).
pub(crate) fn page_limit(limit: Option<u64>) -> Result<u64, crate::error::AppError> {
    within("limit", limit, 50)
}

/// How many rows to skip: 0 or more (default 0), else a 422 on `offset`. An `i32` in the query
/// so that the spec's int32 bound is the one the server keeps.
pub(crate) fn page_offset(offset: Option<i32>) -> Result<u64, crate::error::AppError> {
    match offset.unwrap_or(0) {
        n if n >= 0 => Ok(n as u64),
        _ => Err(crate::error::AppError::field("offset", FieldError::new("out_of_range", "Не меньше 0"))),
    }
}

/// `value` (default `default`) if in 1..=200, else a 422 on `field`.
pub(crate) fn within(field: &str, value: Option<u64>, default: u64) -> Result<u64, crate::error::AppError> {
    match value.unwrap_or(default) {
        n @ 1..=200 => Ok(n),
        _ => Err(crate::error::AppError::field(field, FieldError::new("out_of_range", "От 1 до 200"))),
    }
}

/// A money amount as sent: a JSON string (`"125000.50"`, `"125 000,50"`) or a number. Parsed by
/// [`amount`], so a bad one is a 422 naming its field rather than a 400 for the whole body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(untagged)]
pub enum AmountInput {
    Text(String),
    Number(serde_json::Number),
}

/// The amount in roubles, or an error recorded under `field`.
pub(crate) fn amount(errors: &mut FieldErrors, field: &str, v: Option<&AmountInput>) -> Option<Money> {
    let parsed = match v? {
        AmountInput::Text(s) => Money::parse_text(s, domain::Currency::Rub),
        AmountInput::Number(n) => Money::parse_text(&n.to_string(), domain::Currency::Rub),
    };
    match parsed {
        Ok(m) => Some(m),
        Err(e) => {
            errors.add(field, e);
            None
        }
    }
}

/// A field that may be cleared: absent (`None`), `null` (`Some(None)`), or a value.
pub(crate) type Clearable<T> = Option<Option<T>>;

/// `null` clears a field; an absent field is left alone.
pub(crate) fn clearable<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A request body as of a day: for commands with rules about dates (not in the future, not in
/// the past), converted with `TryFrom<On<Body>>`.
pub(crate) struct On<T>(pub T, pub domain::Today);

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct UploadQuery {
    /// The file's name as the user sees it.
    pub name: String,
}

/// An uploaded file: its name checked, its bytes streamed to a staged file and stopped at the
/// limit (413, nothing kept), an empty one refused.
pub(crate) async fn upload(state: &crate::AppState, req: &actix_web::HttpRequest, name: &str, body: actix_web::web::Payload) -> Result<crate::app::sales::timeline::Upload, crate::error::AppError> {
    use crate::error::AppError;
    use crate::files::{MAX_FILE_BYTES, Staging};
    let mut errors = FieldErrors::new();
    let Some(name) = errors.required("name", Some(name), |s| domain::text(255, s)).map(|n| n.replace(['/', '\\'], "_")) else {
        return Err(errors.into());
    };
    let declared = req.headers().get("content-length").and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_FILE_BYTES) {
        return Err(AppError::PayloadTooLarge(MAX_FILE_BYTES));
    }
    let staged = state.files.stage(body, MAX_FILE_BYTES).await.map_err(|e| match e {
        Staging::TooLarge(limit) => AppError::PayloadTooLarge(limit),
        Staging::Broken(why) => AppError::BadRequest(why),
        Staging::Io(e) => AppError::Internal(e.into()),
    })?;
    if staged.size == 0 {
        return Err(AppError::field("file", FieldError::new("required", "Файл пустой")));
    }
    let content_type = req
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .unwrap_or("application/octet-stream")
        .to_owned();
    Ok(crate::app::sales::timeline::Upload { name, content_type, staged })
}
