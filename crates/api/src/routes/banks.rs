use super::prelude::*;
use persistence::entities::bank;

// ---------- banks and bank accounts ----------

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

#[utoipa::path(tag = "banks", params(("bik" = String, Path)), responses(
    (status = 200, body = Bank),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/banks/{bik}")]
pub async fn get_bank(state: web::Data<AppState>, _actor: Actor, bik: web::Path<String>) -> Result<web::Json<Bank>, ApiError> {
    let bank = repo::get_bank(&state.db, bik.trim()).await?.ok_or(ApiError::NotFound)?;
    Ok(web::Json(bank.into()))
}

#[derive(Serialize, ToSchema)]
pub struct ImportResult {
    pub imported: usize,
    pub skipped: usize,
}

pub async fn import_directory(db: &persistence::Db, bytes: &[u8]) -> Result<ImportResult, ApiError> {
    let parsed = crate::bank_directory::parse_ed807(bytes).map_err(ApiError::BadRequest)?;
    let now = Utc::now();
    let rows = parsed
        .entries
        .into_iter()
        .map(|e| bank::Model { bik: e.bik, name: e.name, city: e.city, corr_account: e.corr_account, address: e.address, updated_at: now })
        .collect();
    let imported = repo::upsert_banks(db, rows).await?;
    Ok(ImportResult { imported, skipped: parsed.skipped })
}

#[utoipa::path(tag = "banks", request_body(content = String, content_type = "application/xml", description = "ED807 XML file as published by the Central Bank"),
    responses(
        (status = 200, body = ImportResult),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[post("/banks/import")]
pub async fn import_banks(state: web::Data<AppState>, actor: Actor, body: web::Bytes) -> Result<web::Json<ImportResult>, ApiError> {
    actor.require(Permission::BanksImport)?;
    Ok(web::Json(import_directory(&state.db, &body).await?))
}
