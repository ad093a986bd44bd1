//! The bank directory: a BIK looked up, and the Central Bank's ED807 file imported by an admin.
use super::bank_directory;
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::Permission;
use persistence::entities::bank;
use persistence::repo::clients::banks;

pub async fn get(ctx: &AppState, who: &Credentials, bik: &str) -> Result<bank::Model, AppError> {
    ctx.read(who).await?;
    banks::get(&ctx.db, bik.trim()).await?.ok_or(AppError::NotFound)
}

/// Banks found by name, city or the start of their BIK (at least two characters typed).
pub async fn search(ctx: &AppState, who: &Credentials, q: &str) -> Result<Vec<bank::Model>, AppError> {
    ctx.read(who).await?;
    if q.trim().chars().count() < 2 {
        return Err(AppError::field("q", domain::FieldError::new("too_short", "Введите хотя бы два символа")));
    }
    Ok(banks::search(&ctx.db, q, 20).await?)
}

/// How many entries came in, and how many closed or restricted banks were skipped.
pub struct Imported {
    pub imported: usize,
    pub skipped: usize,
}

/// Imports an ED807 file into the directory (in one transaction); `now` stamps the entries.
pub async fn import_directory(db: &impl persistence::ConnectionTrait, bytes: &[u8], now: chrono::DateTime<chrono::Utc>) -> Result<Imported, AppError> {
    let parsed = bank_directory::parse_ed807(bytes).map_err(AppError::BadRequest)?;
    let rows = parsed
        .entries
        .into_iter()
        .map(|e| bank::Model { bik: e.bik, name: e.name, city: e.city, corr_account: e.corr_account, address: e.address, updated_at: now })
        .collect();
    let imported = banks::upsert(db, rows).await?;
    Ok(Imported { imported, skipped: parsed.skipped })
}

pub async fn import(ctx: &AppState, who: &Credentials, bytes: &[u8]) -> Result<Imported, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::BanksImport)?;
    let out = import_directory(&w.tx, bytes, w.now).await?;
    w.commit().await?;
    Ok(out)
}
