//! Imported bank statement files.
use crate::entities::statement;
use crate::repo::*;
use sea_orm::{QueryOrder, QuerySelect};

pub async fn insert(db: &impl ConnectionTrait, s: statement::Model) -> Result<statement::Model, RepoError> {
    Ok(s.into_active_model().insert(db).await.map_err(|e| unique_as(e, "statements_hash"))?)
}

/// The organization's statement with this file hash, if it was imported.
pub async fn by_hash(db: &impl ConnectionTrait, org: Uuid, hash: &str) -> Result<Option<statement::Model>, RepoError> {
    use statement::Column as C;
    only(statement::Entity::find().filter(C::OrganizationId.eq(org)).filter(C::FileHash.eq(hash)).all(db)).await
}

/// Imported statements, newest first.
pub async fn list(db: &impl ConnectionTrait, scope: AccessScope, limit: u64) -> Result<Vec<statement::Model>, RepoError> {
    use statement::Column as C;
    Ok(statement::Entity::find().filter(scoped(scope, C::OrganizationId)).order_by_desc(C::CreatedAt).limit(limit).all(db).await?)
}
