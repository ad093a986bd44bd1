//! Leads: requests from people who may buy, on a lead pipeline until converted into a deal or lost.
use super::*;
use crate::entities::lead;
use domain::{ClientId, DealId, LeadId};

/// A page of leads, newest first.
pub async fn list(db: &impl ConnectionTrait, scope: AccessScope, f: &CardFilter, limit: u64, cursor: Option<&str>) -> Result<Page<CardRow<lead::Model>>, RepoError> {
    newest_first::<lead::Entity, lead::Model>(db, leads_with_names(), card_condition::<lead::Entity>(scope, f)?, limit, cursor).await
}

pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: LeadId) -> Result<lead::Model, RepoError> {
    find_in_scope::<lead::Entity>(db, scope, id).await
}

/// A lead with its names, in scope.
pub async fn get_row(db: &impl ConnectionTrait, scope: AccessScope, id: LeadId) -> Result<CardRow<lead::Model>, RepoError> {
    let rows = leads_with_names()
        .filter(lead::Column::Id.eq(Uuid::from(id)))
        .filter(scoped(scope, lead::Column::OrganizationId))
        .into_model::<CardRow<lead::Model>>()
        .all(db);
    only(rows).await?.ok_or(RepoError::NotFound)
}

/// A converted lead points at its deal and at the client the deal was made for.
pub async fn link_deal(db: &impl ConnectionTrait, id: LeadId, deal: DealId, client: ClientId) -> Result<(), RepoError> {
    lead::Entity::update_many()
        .col_expr(lead::Column::DealId, Expr::value(Uuid::from(deal)))
        .col_expr(lead::Column::ClientId, Expr::value(Uuid::from(client)))
        .filter(lead::Column::Id.eq(Uuid::from(id)))
        .exec(db)
        .await?;
    Ok(())
}
