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

/// What the productions still have to make: for every order not yet made (given, accepted, in
/// production, or back for rework), its production, square metres (thousandths) and due date.
pub async fn load(db: &impl ConnectionTrait) -> Result<Vec<(Uuid, i64, chrono::NaiveDate)>, RepoError> {
    use domain::production::OrderState as S;
    use production_order::Column as O;
    let making = [S::Assigned, S::Accepted, S::InProduction, S::DefectsFound].map(S::as_str);
    Ok(production_order::Entity::find()
        .select_only()
        .column(O::OrganizationId)
        .column(O::QuantityMilli)
        .column(O::DueDate)
        .filter(O::State.is_in(making))
        .into_tuple()
        .all(db)
        .await?)
}

/// Every quality decision since `since`: the production and whether defects were found
/// (`record_defects`) or the quality passed (`pass_quality`).
pub async fn quality_checks(db: &impl ConnectionTrait, since: chrono::DateTime<chrono::Utc>) -> Result<Vec<(Uuid, bool)>, RepoError> {
    use domain::production::OrderAction as A;
    use production_order_event::Column as E;
    let events: Vec<(Uuid, String)> = production_order_event::Entity::find()
        .select_only()
        .column(E::OrderId)
        .column(E::Action)
        .filter(E::At.gte(since))
        .filter(E::Action.is_in([A::PassQuality, A::RecordDefects].map(A::as_str)))
        .into_tuple()
        .all(db)
        .await?;
    let ids: std::collections::BTreeSet<Uuid> = events.iter().map(|(id, _)| *id).collect();
    let ids: Vec<Uuid> = ids.into_iter().collect();
    let mut org_of = std::collections::HashMap::new();
    for chunk in ids.chunks(crate::repo::finance::CHUNK) {
        let rows: Vec<(Uuid, Uuid)> = production_order::Entity::find()
            .select_only()
            .column(production_order::Column::Id)
            .column(production_order::Column::OrganizationId)
            .filter(production_order::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        org_of.extend(rows);
    }
    Ok(events.into_iter().filter_map(|(order, action)| org_of.get(&order).map(|org| (*org, action == A::RecordDefects.as_str()))).collect())
}

/// How many orders the deal has had (every stage): the next one's number follows.
pub async fn count_of_deal(db: &impl ConnectionTrait, deal: Uuid) -> Result<u64, RepoError> {
    Ok(production_order::Entity::find().filter(production_order::Column::DealId.eq(deal)).count(db).await?)
}
