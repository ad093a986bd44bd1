//! The one place where every failure becomes an RFC 9457 problem+json response.
use actix_web::{HttpResponse, ResponseError, http::StatusCode};
use domain::FieldErrors;
use persistence::RepoError;
use serde::Serialize;
use utoipa::ToSchema;

/// RFC 9457 problem details, with a stable `code` the web app translates.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub code: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemFieldError>,
}

/// One invalid field, by dotted path (`counterparty.inn`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemFieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// Every failure of a use case or a handler; mapped to HTTP once, here.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("validation failed")]
    Validation(FieldErrors),
    /// A pipeline guard refused a move; `errors` say what to do, by field or checklist item.
    #[error("transition refused")]
    TransitionRefused(FieldErrors),
    /// Only the role is wrong for this move.
    #[error("transition forbidden")]
    TransitionForbidden(FieldErrors),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("unauthorized")]
    Unauthorized(&'static str),
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("version conflict")]
    VersionConflict,
    #[error("too many attempts")]
    TooManyAttempts(u64),
    /// The body is larger than the route takes, bytes.
    #[error("payload too large")]
    PayloadTooLarge(usize),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Every unique constraint a repository names, with the field a person can fix and what to tell them.
const UNIQUE_FIELDS: &[(&str, &str, &str)] = &[
    ("users_email", "email", "Такое значение уже используется"),
    ("pipelines_code", "code", "Воронка с таким кодом уже есть"),
    ("catalogue_article", "article", "Позиция с таким артикулом уже есть в каталоге"),
];

impl From<RepoError> for AppError {
    fn from(e: RepoError) -> Self {
        match e {
            RepoError::NotFound => AppError::NotFound,
            RepoError::VersionConflict => AppError::VersionConflict,
            RepoError::Duplicate(constraint) => match UNIQUE_FIELDS.iter().find(|(c, _, _)| *c == constraint) {
                Some((_, field, message)) => {
                    let mut f = FieldErrors::new();
                    f.add(*field, domain::FieldError::new("taken", *message));
                    AppError::Validation(f)
                }
                None => AppError::Internal(anyhow::anyhow!("unmapped unique constraint {constraint}")),
            },
            RepoError::Invalid(f) => AppError::Validation(f),
            RepoError::Corrupt(what) => AppError::Internal(anyhow::anyhow!("corrupt row: {what}")),
            RepoError::Db(e) => AppError::Internal(e.into()),
        }
    }
}

impl AppError {
    /// The engine refused a move: a wrong role alone is 403, anything else a 422 naming what to do.
    pub fn refused(def: &domain::pipelines::PipelineDefinition, e: domain::pipelines::TransitionError) -> AppError {
        use domain::pipelines::{GuardFailure, TransitionError};
        let role_only = matches!(&e, TransitionError::Refused(f) if f.iter().all(|g| matches!(g, GuardFailure::Role { .. })));
        let errors = e.field_errors(def);
        if role_only { AppError::TransitionForbidden(errors) } else { AppError::TransitionRefused(errors) }
    }

    /// One field's error as a 422.
    pub fn field(field: &str, e: domain::FieldError) -> AppError {
        let mut f = FieldErrors::new();
        f.add(field, e);
        AppError::Validation(f)
    }

    /// Field errors moved under `prefix` (`bik` → `account.bik`) for a body that nests the
    /// command they came from; any other error as it is.
    pub fn prefixed(self, prefix: &str) -> AppError {
        match self {
            AppError::Validation(errors) => {
                let mut f = FieldErrors::new();
                f.merge_prefixed(prefix, errors);
                AppError::Validation(f)
            }
            other => other,
        }
    }
}

impl AppError {
    /// A body that could not be read: too large (413), or broken off (400).
    pub fn from_payload(e: actix_web::Error) -> AppError {
        if e.as_response_error().status_code() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge(0)
        } else {
            AppError::BadRequest(e.to_string())
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Validation(e)
    }
}

impl AppError {
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            AppError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", "Ошибка проверки данных"),
            AppError::TransitionRefused(_) => (StatusCode::UNPROCESSABLE_ENTITY, "transition_refused", "Переход невозможен"),
            AppError::TransitionForbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Недостаточно прав для этого перехода"),
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request", "Некорректный запрос"),
            AppError::Unauthorized(code) => (StatusCode::UNAUTHORIZED, code, "Требуется вход"),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "forbidden", "Недостаточно прав"),
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found", "Не найдено"),
            AppError::VersionConflict => (StatusCode::CONFLICT, "version_conflict", "Запись изменена другим пользователем"),
            AppError::TooManyAttempts(_) => (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", "Слишком много попыток"),
            AppError::PayloadTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", "Слишком большой запрос"),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal", "Внутренняя ошибка"),
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }

    fn error_response(&self) -> HttpResponse {
        let (status, code, title) = self.parts();
        let detail = match self {
            // 5xx text is logged, never echoed.
            AppError::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                None
            }
            AppError::BadRequest(m) => Some(m.clone()),
            AppError::PayloadTooLarge(limit) if *limit > 0 => Some(format!("Не больше {} МБ", limit.div_ceil(1024 * 1024))),
            _ => None,
        };
        let errors = match self {
            AppError::Validation(f) | AppError::TransitionRefused(f) | AppError::TransitionForbidden(f) => f
                .0
                .iter()
                .map(|(field, e)| ProblemFieldError { field: field.clone(), code: e.code.to_owned(), message: e.message.clone() })
                .collect(),
            _ => vec![],
        };
        let body = Problem {
            type_: format!("https://tessera.local/problems/{code}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail,
            code: code.to_owned(),
            errors,
        };
        let mut resp = HttpResponse::build(status);
        resp.content_type("application/problem+json");
        if let AppError::TooManyAttempts(secs) = self {
            resp.insert_header(("Retry-After", secs.to_string()));
        }
        resp.json(body)
    }
}

/// Malformed JSON bodies become problems too.
pub fn json_error_handler(err: actix_web::error::JsonPayloadError, _: &actix_web::HttpRequest) -> actix_web::Error {
    AppError::BadRequest(err.to_string()).into()
}

pub fn query_error_handler(err: actix_web::error::QueryPayloadError, _: &actix_web::HttpRequest) -> actix_web::Error {
    AppError::BadRequest(err.to_string()).into()
}

pub fn path_error_handler(_: actix_web::error::PathError, _: &actix_web::HttpRequest) -> actix_web::Error {
    AppError::NotFound.into()
}

/// Routing misses (no handler matched) answer with the same problem body as any other 404.
pub fn plain_404_as_problem<B: actix_web::body::MessageBody + 'static>(
    res: actix_web::dev::ServiceResponse<B>,
) -> actix_web::Result<actix_web::middleware::ErrorHandlerResponse<B>> {
    use actix_web::middleware::ErrorHandlerResponse;
    let is_problem = res.headers().get("content-type").is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    let is_api = res.request().path().starts_with("/api/");
    if is_problem || !is_api {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let (req, _) = res.into_parts();
    let resp = AppError::NotFound.error_response().map_into_right_body();
    Ok(ErrorHandlerResponse::Response(actix_web::dev::ServiceResponse::new(req, resp)))
}
