//! E-mails that send documents: written in the transaction that sends, then delivered by the mail
//! worker. A worker claims a message with a lease (on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so
//! several server processes never take the same one); a worker that dies mid-send leaves the lease
//! to run out, and the message is taken again. Its Message-ID stays the same on every attempt.
use crate::entities::email;
use crate::repo::*;
use chrono::{DateTime, Utc};
use domain::DealId;
use sea_orm::{QueryOrder, QuerySelect};

pub const QUEUED: &str = "queued";
pub const RETRYING: &str = "retrying";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

pub fn insert(tx: &crate::Tx, row: email::Model) {
    tx.append(row.into_active_model());
}

pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: Uuid) -> Result<email::Model, RepoError> {
    find_in_scope::<email::Entity>(db, scope, id).await
}

/// A deal's e-mails, newest first.
pub async fn of_deal(db: &impl ConnectionTrait, deal: DealId) -> Result<Vec<email::Model>, RepoError> {
    use email::Column as C;
    Ok(email::Entity::find().filter(C::DealId.eq(Uuid::from(deal))).order_by_desc(C::CreatedAt).order_by_desc(C::Id).all(db).await?)
}

/// Whether a message waits for delivery now (a cheap read before taking a write turn).
pub async fn any_due(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<bool, RepoError> {
    use email::Column as C;
    let due = Condition::all()
        .add(C::Status.is_in([QUEUED, RETRYING]))
        .add(C::AvailableAt.lte(now))
        .add(Condition::any().add(C::LeaseUntil.is_null()).add(C::LeaseUntil.lte(now)));
    Ok(email::Entity::find().select_only().column(C::Id).filter(due).limit(1).into_tuple::<Uuid>().one(db).await?.is_some())
}

/// Claims up to `limit` due messages until `lease_until`, counting the attempt. Commit the claim
/// before sending: the message is then nobody else's until the lease runs out.
pub async fn claim(tx: &crate::Tx, now: DateTime<Utc>, lease_until: DateTime<Utc>, limit: u64) -> Result<Vec<email::Model>, RepoError> {
    use email::Column as C;
    use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
    let due = Condition::all()
        .add(C::Status.is_in([QUEUED, RETRYING]))
        .add(C::AvailableAt.lte(now))
        .add(Condition::any().add(C::LeaseUntil.is_null()).add(C::LeaseUntil.lte(now)));
    let mut q = email::Entity::find().filter(due).order_by_asc(C::AvailableAt).order_by_asc(C::Id).limit(limit);
    if tx.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q = q.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let rows = q.all(tx).await?;
    if rows.is_empty() {
        return Ok(rows);
    }
    email::Entity::update_many()
        .col_expr(C::LeaseUntil, lease_until.into())
        .col_expr(C::Attempts, Expr::col(C::Attempts).add(1))
        .filter(C::Id.is_in(rows.iter().map(|r| r.id)))
        .exec(tx)
        .await?;
    Ok(rows.into_iter().map(|mut r| {
        r.lease_until = Some(lease_until);
        r.attempts += 1;
        r
    }).collect())
}

/// The message was accepted by the mail server (or written to the folder).
pub async fn sent(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<(), RepoError> {
    use email::Column as C;
    email::Entity::update_many()
        .col_expr(C::Status, SENT.into())
        .col_expr(C::SentAt, Some(now).into())
        .col_expr(C::LeaseUntil, Option::<DateTime<Utc>>::None.into())
        .col_expr(C::LastError, Option::<String>::None.into())
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// An attempt failed: tried again at `retry_at`, or given up (`retry_at` = `None`) with the reason.
pub async fn attempt_failed(db: &impl ConnectionTrait, id: Uuid, error: &str, retry_at: Option<DateTime<Utc>>) -> Result<(), RepoError> {
    use email::Column as C;
    let mut q = email::Entity::update_many()
        .col_expr(C::LastError, Some(error.to_owned()).into())
        .col_expr(C::LeaseUntil, Option::<DateTime<Utc>>::None.into());
    q = match retry_at {
        Some(at) => q.col_expr(C::Status, RETRYING.into()).col_expr(C::AvailableAt, at.into()),
        None => q.col_expr(C::Status, FAILED.into()),
    };
    q.filter(C::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// A lead's e-mails, newest first.
pub async fn of_lead(db: &impl ConnectionTrait, lead: Uuid) -> Result<Vec<email::Model>, RepoError> {
    use email::Column as C;
    Ok(email::Entity::find().filter(C::LeadId.eq(lead)).order_by_desc(C::CreatedAt).order_by_desc(C::Id).all(db).await?)
}
