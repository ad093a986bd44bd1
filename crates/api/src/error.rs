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

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
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
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<RepoError> for ApiError {
    fn from(e: RepoError) -> Self {
        match e {
            RepoError::NotFound => ApiError::NotFound,
            RepoError::VersionConflict => ApiError::VersionConflict,
            RepoError::Duplicate(constraint) => {
                // Each unique constraint the repositories name maps to the field a user can fix.
                let field = match constraint {
                    "users_email" => "email",
                    other => return ApiError::Internal(anyhow::anyhow!("unmapped unique constraint {other}")),
                };
                let mut f = FieldErrors::new();
                f.add(field, domain::FieldError::new("taken", "Такое значение уже используется"));
                ApiError::Validation(f)
            }
            RepoError::Invalid(f) => ApiError::Validation(f),
            RepoError::Refused { forbidden: true, errors } => ApiError::TransitionForbidden(errors),
            RepoError::Refused { forbidden: false, errors } => ApiError::TransitionRefused(errors),
            RepoError::Db(e) => ApiError::Internal(e.into()),
        }
    }
}

impl From<FieldErrors> for ApiError {
    fn from(e: FieldErrors) -> Self {
        ApiError::Validation(e)
    }
}

impl ApiError {
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            ApiError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", "Ошибка проверки данных"),
            ApiError::TransitionRefused(_) => (StatusCode::UNPROCESSABLE_ENTITY, "transition_refused", "Переход невозможен"),
            ApiError::TransitionForbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Недостаточно прав для этого перехода"),
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request", "Некорректный запрос"),
            ApiError::Unauthorized(code) => (StatusCode::UNAUTHORIZED, code, "Требуется вход"),
            ApiError::Forbidden => (StatusCode::FORBIDDEN, "forbidden", "Недостаточно прав"),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "not_found", "Не найдено"),
            ApiError::VersionConflict => (StatusCode::CONFLICT, "version_conflict", "Запись изменена другим пользователем"),
            ApiError::TooManyAttempts(_) => (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", "Слишком много попыток"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal", "Внутренняя ошибка"),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }

    fn error_response(&self) -> HttpResponse {
        let (status, code, title) = self.parts();
        let detail = match self {
            // 5xx text is logged, never echoed.
            ApiError::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                None
            }
            ApiError::BadRequest(m) => Some(m.clone()),
            _ => None,
        };
        let errors = match self {
            ApiError::Validation(f) | ApiError::TransitionRefused(f) | ApiError::TransitionForbidden(f) => f
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
        if let ApiError::TooManyAttempts(secs) = self {
            resp.insert_header(("Retry-After", secs.to_string()));
        }
        resp.json(body)
    }
}

/// Malformed JSON bodies become problems too.
pub fn json_error_handler(err: actix_web::error::JsonPayloadError, _: &actix_web::HttpRequest) -> actix_web::Error {
    ApiError::BadRequest(err.to_string()).into()
}

pub fn query_error_handler(err: actix_web::error::QueryPayloadError, _: &actix_web::HttpRequest) -> actix_web::Error {
    ApiError::BadRequest(err.to_string()).into()
}

pub fn path_error_handler(_: actix_web::error::PathError, _: &actix_web::HttpRequest) -> actix_web::Error {
    ApiError::NotFound.into()
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
    let resp = ApiError::NotFound.error_response().map_into_right_body();
    Ok(ErrorHandlerResponse::Response(actix_web::dev::ServiceResponse::new(req, resp)))
}
