//! HTTP handlers, one module per area: parse input into domain types, call persistence under the
//! caller's scope, map out. Shared request helpers live here.
mod api_keys;
mod auth;
mod banks;
mod clients;
mod organizations;
mod pipelines;
mod sales;
mod service;
mod timeline;
mod users;
mod work;

pub use api_keys::*;
pub use auth::*;
pub use banks::*;
pub use clients::*;
pub use organizations::*;
pub use pipelines::*;
pub use sales::*;
pub use service::*;
pub use timeline::*;
pub use users::*;
pub use work::*;

/// What every handler module uses.
#[allow(unused_imports)]
pub(crate) mod prelude {
    pub(crate) use super::{AmountInput, amount, clearable, one_of, opt_text};
    pub use crate::AppState;
    pub use crate::auth::Actor;
    pub use crate::error::{ApiError, Problem};
    pub use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
    pub use chrono::{DateTime, Utc};
    pub use domain::{FieldError, FieldErrors, Permission, Role};
    pub use persistence::repo;
    pub use serde::{Deserialize, Serialize};
    pub use utoipa::{IntoParams, ToSchema};
    pub use uuid::Uuid;
}

use domain::FieldErrors;
use serde::Deserialize;

pub(crate) fn one_of(errors: &mut FieldErrors, field: &str, value: &str, allowed: &[&str]) {
    if !allowed.contains(&value) {
        errors.add(field, domain::FieldError::new("invalid_value", format!("Допустимые значения: {}", allowed.join(", "))));
    }
}

pub(crate) fn opt_text(errors: &mut FieldErrors, field: &str, v: Option<&str>, max: usize) -> Option<String> {
    errors.optional(field, v, |s| domain::text(max, s))
}

/// A money amount as sent: a JSON string (`"125000.50"`, `"125 000,50"`) or a number. Parsed by
/// [`amount`], so a bad one is a 422 naming its field rather than a 400 for the whole body.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum AmountInput {
    Text(String),
    Number(serde_json::Number),
}

/// The amount in kopecks, or an error recorded under `field`.
pub(crate) fn amount(errors: &mut FieldErrors, field: &str, v: Option<&AmountInput>) -> Option<i64> {
    let parsed = match v? {
        AmountInput::Text(s) => domain::Money::parse_text(s),
        AmountInput::Number(n) => domain::Money::parse_text(&n.to_string()),
    };
    match parsed {
        Ok(m) => Some(m.minor()),
        Err(e) => {
            errors.add(field, e);
            None
        }
    }
}

/// `null` clears a field; an absent field is left alone.
pub(crate) fn clearable<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}
