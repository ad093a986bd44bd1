//! Deals whose money changed in a bulk import, queued for a worker to record what their invoices
//! now say. Claimed with `FOR UPDATE SKIP LOCKED` on PostgreSQL, so several processes share them.
use super::CHUNK;
use crate::Tx;
use crate::entities::deal_assessment;
use crate::repo::*;
use sea_orm::sea_query::OnConflict;
use sea_orm::{QueryOrder, QuerySelect};


/// Queues these deals (a deal queued already stays queued once).
pub async fn queue(db: &impl ConnectionTrait, deals: &[Uuid], now: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    for chunk in deals.chunks(CHUNK) {
        deal_assessment::Entity::insert_many(chunk.iter().map(|d| deal_assessment::Model { deal_id: *d, queued_at: now }.into_active_model()))
            .on_conflict(OnConflict::column(deal_assessment::Column::DealId).do_nothing().to_owned())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Takes up to `limit` queued deals for this transaction (oldest first) and removes them from the
/// queue; a rolled-back transaction puts them back.
pub async fn claim(tx: &Tx, limit: u64) -> Result<Vec<Uuid>, RepoError> {
    use deal_assessment::Column as C;
    use sea_orm::sea_query::{LockBehavior, LockType};
    let mut q = deal_assessment::Entity::find().order_by_asc(C::QueuedAt).order_by_asc(C::DealId).limit(limit);
    if tx.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q = q.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let ids: Vec<Uuid> = q.all(tx).await?.into_iter().map(|r| r.deal_id).collect();
    for chunk in ids.chunks(CHUNK) {
        deal_assessment::Entity::delete_many().filter(C::DealId.is_in(chunk.iter().copied())).exec(tx).await?;
    }
    Ok(ids)
}

/// Takes a deal off the queue.
pub async fn forget(db: &impl ConnectionTrait, deal: Uuid) -> Result<(), RepoError> {
    deal_assessment::Entity::delete_many().filter(deal_assessment::Column::DealId.eq(deal)).exec(db).await?;
    Ok(())
}
