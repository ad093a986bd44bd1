//! Production orders and their steps. An order belongs to the production it was given to
//! (`organization_id`): a production's people see only theirs, another's is
//! [`RepoError::NotFound`]. Saving is optimistic: the stored version must still be the one read.
use crate::entities::{production_order, production_order_event};
use crate::repo::*;
use sea_orm::{PaginatorTrait, QueryOrder, QuerySelect};

/// A new order, as the use case built it.
pub async fn insert(db: &impl ConnectionTrait, row: production_order::Model) -> Result<(), RepoError> {
    production_order::Entity::insert(row.into_active_model()).exec_without_returning(db).await?;
    Ok(())
}

/// One order in scope.
pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: Uuid) -> Result<production_order::Model, RepoError> {
    find_in_scope::<production_order::Entity>(db, scope, id).await
}

/// A page of the orders in scope, newest first, optionally of one stage, and how many there
/// are in all.
pub async fn list(db: &impl ConnectionTrait, scope: AccessScope, state: Option<&str>, limit: u64, offset: u64) -> Result<(Vec<production_order::Model>, u64), RepoError> {
    let mut q = production_order::Entity::find().filter(scoped(scope, production_order::Column::OrganizationId));
    if let Some(state) = state {
        q = q.filter(production_order::Column::State.eq(state));
    }
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_desc(production_order::Column::CreatedAt)
        .order_by_desc(production_order::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// The orders of a deal in scope, oldest first.
pub async fn of_deal(db: &impl ConnectionTrait, scope: AccessScope, deal: Uuid) -> Result<Vec<production_order::Model>, RepoError> {
    Ok(production_order::Entity::find()
        .filter(scoped(scope, production_order::Column::OrganizationId))
        .filter(production_order::Column::DealId.eq(deal))
        .order_by_asc(production_order::Column::CreatedAt)
        .order_by_asc(production_order::Column::Id)
        .all(db)
        .await?)
}

/// Writes `next` over the order while its stored version is still `before`'s
/// (`UPDATE … WHERE id = ? AND version = ?`); `next.version` is already bumped. A lost race is
/// [`RepoError::VersionConflict`].
pub async fn save(db: &impl ConnectionTrait, scope: AccessScope, before: &production_order::Model, next: production_order::Model) -> Result<(), RepoError> {
    if !scope.allows(before.organization_id.into()) || before.id != next.id || before.organization_id != next.organization_id {
        return Err(RepoError::NotFound);
    }
    write_versioned(db, before.id, before.version, next).await
}

/// Records a step.
pub async fn insert_event(db: &impl ConnectionTrait, row: production_order_event::Model) -> Result<(), RepoError> {
    production_order_event::Entity::insert(row.into_active_model()).exec_without_returning(db).await?;
    Ok(())
}

/// Every step of an order in scope, in the order they happened.
pub async fn events(db: &impl ConnectionTrait, scope: AccessScope, order: Uuid) -> Result<Vec<production_order_event::Model>, RepoError> {
    get(db, scope, order).await?;
    Ok(production_order_event::Entity::find()
        .filter(production_order_event::Column::OrderId.eq(order))
        .order_by_asc(production_order_event::Column::At)
        .order_by_asc(production_order_event::Column::Id)
        .all(db)
        .await?)
}
