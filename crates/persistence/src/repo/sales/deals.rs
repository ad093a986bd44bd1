//! Deals: what a client buys, on a deal pipeline from the first offer to the last payment.
use super::*;
use crate::entities::deal;
use domain::DealId;

/// A page of deals, newest first.
pub async fn list(db: &impl ConnectionTrait, scope: AccessScope, f: &CardFilter, limit: u64, cursor: Option<&str>) -> Result<Page<CardRow<deal::Model>>, RepoError> {
    newest_first::<deal::Entity, deal::Model>(db, deals_with_names(), card_condition::<deal::Entity>(scope, f)?, limit, cursor).await
}

pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: DealId) -> Result<deal::Model, RepoError> {
    find_in_scope::<deal::Entity>(db, scope, id).await
}

/// A deal with its names, in scope.
pub async fn get_row(db: &impl ConnectionTrait, scope: AccessScope, id: DealId) -> Result<CardRow<deal::Model>, RepoError> {
    let rows = deals_with_names()
        .filter(deal::Column::Id.eq(Uuid::from(id)))
        .filter(scoped(scope, deal::Column::OrganizationId))
        .into_model::<CardRow<deal::Model>>()
        .all(db);
    only(rows).await?.ok_or(RepoError::NotFound)
}
