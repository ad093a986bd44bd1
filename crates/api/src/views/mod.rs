//! Read models the API shows in more than one place (a card on a board and in a list, a request
//! on a deal and in its queue, a file on a timeline and on a request), rendered from what the
//! use cases loaded. Responses only one route returns live beside that route.
pub mod cards;
pub mod clients;
pub mod documents;
pub mod files;
pub mod finance;
pub mod pipelines;
pub mod timeline;
pub mod work;

use crate::error::AppError;
use rust_decimal::Decimal;

/// An amount of kopecks as stored, as the API shows money (`"125000.00"`).
pub(crate) fn money(minor: Option<i64>) -> Result<Option<Decimal>, AppError> {
    minor.map(|m| domain::Money::from_minor(m, domain::Currency::Rub).map(|m| m.amount()).map_err(|e| AppError::Internal(anyhow::anyhow!("stored amount {m}: {e}")))).transpose()
}
