//! `/banks`: the bank directory by BIK, and the ED807 import.
use crate::routes::prelude::*;
use persistence::entities::bank;

#[derive(Serialize, ToSchema)]
pub struct Bank {
    pub bik: String,
    pub name: String,
    pub city: Option<String>,
    pub corr_account: Option<String>,
    pub address: Option<String>,
}

impl From<bank::Model> for Bank {
    fn from(b: bank::Model) -> Self {
        Bank { bik: b.bik, name: b.name, city: b.city, corr_account: b.corr_account, address: b.address }
    }
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct BankSearch {
    /// Part of the bank's name or city, or the start of its BIK (two characters at least).
    pub q: String,
}

#[derive(Serialize, ToSchema)]
pub struct BankList {
    /// At most 20, by name.
    pub items: Vec<Bank>,
}

#[utoipa::path(tag = "banks", params(BankSearch), responses(
    (status = 200, body = BankList),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "`q` too_short"),
))]
#[get("/banks")]
pub async fn search_banks(state: web::Data<AppState>, who: Credentials, q: Query<BankSearch>) -> Result<web::Json<BankList>, AppError> {
    let found = app::clients::banks::search(&state, &who, &q.q).await?;
    Ok(web::Json(BankList { items: found.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(tag = "banks", params(("bik" = String, Path)), responses(
    (status = 200, body = Bank),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/banks/{bik}")]
pub async fn get_bank(state: web::Data<AppState>, who: Credentials, bik: web::Path<String>) -> Result<web::Json<Bank>, AppError> {
    Ok(web::Json(app::clients::banks::get(&state, &who, &bik).await?.into()))
}

#[derive(Serialize, ToSchema)]
pub struct ImportResult {
    pub imported: usize,
    pub skipped: usize,
}

#[utoipa::path(tag = "banks", request_body(content = String, content_type = "application/xml", description = "ED807 XML file as published by the Central Bank"),
    responses(
        (status = 200, body = ImportResult),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "not an ED807 file"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json", description = "more than 64 MB"),
))]
#[post("/banks/import")]
pub async fn import_banks(state: web::Data<AppState>, who: Credentials, body: web::Payload) -> Result<web::Json<ImportResult>, AppError> {
    // The Central Bank's full directory is a few megabytes.
    let bytes = crate::routes::extract::read_limited(body, 64 * 1024 * 1024).await?;
    let done = app::clients::banks::import(&state, &who, &bytes).await?;
    Ok(web::Json(ImportResult { imported: done.imported, skipped: done.skipped }))
}
