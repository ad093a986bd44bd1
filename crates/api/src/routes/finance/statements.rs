//! `/statements`: the bank statement import. `POST /statements/preview` takes the file as it is
//! (1CClientBankExchange, windows-1251 or cp866, at most 50 MB) and answers what importing it
//! would do; `POST /statements` imports it by the hash the preview gave; `GET /statements` lists
//! what was imported.
use crate::routes::prelude::*;
use crate::views::finance::{StatementImportResult, StatementPreview, StatementView, imported, preview, statement};
use domain::OrganizationId;
use domain::finance::statement::MAX_STATEMENT_BYTES;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PreviewQuery {
    /// Whose statement (the caller's organization when omitted).
    pub organization_id: Option<Uuid>,
}

#[utoipa::path(tag = "finance", params(PreviewQuery),
    request_body(content = Vec<u8>, content_type = "text/plain", description = "The statement file as the bank client exported it (1CClientBankExchange), at most 50 MB"),
    responses(
    (status = 200, body = StatementPreview, description = "Nothing imported yet: what each line would be, which invoice it would pay and why"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 413, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "Not a statement, another encoding than it declares, truncated"),
))]
#[post("/statements/preview")]
pub async fn preview_statement(state: web::Data<AppState>, who: Credentials, req: HttpRequest, q: Query<PreviewQuery>, body: web::Payload) -> Result<web::Json<StatementPreview>, AppError> {
    use crate::files::Staging;
    let declared = req.headers().get("content-length").and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_STATEMENT_BYTES) {
        return Err(AppError::PayloadTooLarge(MAX_STATEMENT_BYTES));
    }
    let staged = state.files.stage(body, MAX_STATEMENT_BYTES).await.map_err(|e| match e {
        Staging::TooLarge(limit) => AppError::PayloadTooLarge(limit),
        Staging::Broken(why) => AppError::BadRequest(why),
        Staging::Io(e) => AppError::Internal(e.into()),
    })?;
    let bytes = tokio::fs::read(&staged.path).await.map_err(|e| AppError::Internal(e.into()));
    let _ = tokio::fs::remove_file(&staged.path).await;
    let p = app::finance::statements::preview(&state, &who, q.organization_id.map(OrganizationId::from), bytes?).await?;
    Ok(web::Json(preview(&p)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportInput {
    /// The `hash` of the preview.
    pub hash: String,
    pub file_name: String,
    pub organization_id: Option<Uuid>,
    /// Import the good lines of a file with broken ones (refused otherwise).
    #[serde(default)]
    pub import_valid: bool,
}

#[utoipa::path(tag = "finance", request_body = ImportInput, responses(
    (status = 200, body = StatementImportResult, description = "Imported (or nothing new: every line was known)"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "The same file is being imported by someone else"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "Broken lines and `import_valid` not set; an unknown hash"),
))]
#[post("/statements")]
pub async fn import_statement(state: web::Data<AppState>, who: Credentials, body: Body<ImportInput>) -> Result<web::Json<StatementImportResult>, AppError> {
    let b = body.into_inner();
    let r = app::finance::statements::commit(&state, &who, b.organization_id.map(OrganizationId::from), &b.hash, &b.file_name, b.import_valid).await?;
    Ok(web::Json(imported(&r)))
}

#[derive(Serialize, ToSchema)]
pub struct StatementList {
    pub items: Vec<StatementView>,
}

#[utoipa::path(tag = "finance", responses(
    (status = 200, body = StatementList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/statements")]
pub async fn list_statements(state: web::Data<AppState>, who: Credentials) -> Result<web::Json<StatementList>, AppError> {
    Ok(web::Json(StatementList { items: app::finance::statements::list(&state, &who).await?.iter().map(statement).collect() }))
}
