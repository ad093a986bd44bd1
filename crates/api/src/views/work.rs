//! Requests to other departments as their queues and the deal card show them.
use super::files::FileOut;
use crate::app::work::requests::RequestView;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use domain::pipelines::RequestKind;
use domain::work::RequestState;
use persistence::repo::work::requests::RequestRow;
use rust_decimal::Decimal;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// The department's answer.
#[derive(Serialize, ToSchema)]
pub struct RequestAnswer {
    /// Delivery cost, roubles.
    #[schema(value_type = Option<String>, example = "18500.00")]
    pub cost: Option<Decimal>,
    pub carrier: Option<String>,
    pub eta_date: Option<chrono::NaiveDate>,
    pub comment: Option<String>,
}

/// A request as its department's queue and the deal card show it: only what the department needs.
#[derive(Serialize, ToSchema)]
pub struct RequestSummary {
    pub id: Uuid,
    pub number: i64,
    pub kind: RequestKind,
    pub status: RequestState,
    pub deal_id: Uuid,
    pub deal_number: i64,
    pub deal_title: String,
    pub client_name: Option<String>,
    /// The sales manager who asks.
    pub manager_name: Option<String>,
    pub details: Option<String>,
    /// Where to deliver: the address the request was sent with, else the deal's as it is now (a
    /// request opened before the manager knew the address shows it once the deal has it).
    pub delivery_address: Option<String>,
    /// What the client wants, from the deal as it is now (area, thickness, colours).
    pub offer_details: Option<String>,
    /// The client's phone, from its card.
    pub client_phone: Option<String>,
    pub assignee_id: Option<Uuid>,
    pub assignee_name: Option<String>,
    pub answer: Option<RequestAnswer>,
    pub cancel_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub taken_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub version: i32,
}

/// A request with its files (the designer's mock-ups).
#[derive(Serialize, ToSchema)]
pub struct RequestDetail {
    #[serde(flatten)]
    pub request: RequestSummary,
    pub files: Vec<FileOut>,
}

pub fn request_summary(row: RequestRow) -> Result<RequestSummary, AppError> {
    let r = row.request;
    let status = r.state()?;
    Ok(RequestSummary {
        id: r.id,
        number: r.number,
        kind: r.kind()?,
        status,
        deal_id: r.deal_id,
        deal_number: row.deal_number,
        deal_title: row.deal_title,
        client_name: row.client_name,
        manager_name: row.manager_name,
        details: r.details,
        delivery_address: r.delivery_address.filter(|a| !a.trim().is_empty()).or(row.deal_delivery_address),
        offer_details: row.deal_offer_details,
        client_phone: row.client_phone,
        assignee_id: r.assignee_id,
        assignee_name: row.assignee_name,
        answer: (status == RequestState::Completed)
            .then(|| -> Result<RequestAnswer, AppError> {
                Ok(RequestAnswer { cost: super::money(r.cost_minor)?, carrier: r.carrier, eta_date: r.eta_date, comment: r.answer_comment })
            })
            .transpose()?,
        cancel_reason: r.cancel_reason,
        created_at: r.created_at,
        taken_at: r.taken_at,
        completed_at: r.completed_at,
        version: r.version,
    })
}

pub fn request_detail(v: RequestView) -> Result<RequestDetail, AppError> {
    let files = v.files.into_iter().map(|(f, by)| super::files::file_out(f, by)).collect();
    Ok(RequestDetail { request: request_summary(v.row)?, files })
}
