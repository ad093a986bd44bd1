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
    pub(crate) use super::{clearable, one_of, opt_text};
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

/// `null` clears a field; an absent field is left alone.
pub(crate) fn clearable<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}
