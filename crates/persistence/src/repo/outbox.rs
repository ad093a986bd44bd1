//! The outbox: a domain event written in the same transaction as the change it describes, for
//! delivery (webhooks, e-mail, integrations) at least once, with a stable id to deduplicate on.
use crate::entities::outbox;
use crate::repo::*;
use crate::Tx;
use domain::OrganizationId;
use sea_orm::{QueryOrder, QuerySelect};

/// One event to deliver: `topic` like `deal.stage_changed`, about the row `subject_type`/`subject_id`.
pub struct Event<'a> {
    pub organization_id: OrganizationId,
    pub topic: String,
    pub subject_type: &'a str,
    pub subject_id: Uuid,
    pub payload: serde_json::Value,
}

/// Writes the event when the transaction commits.
pub fn emit(tx: &Tx, e: Event<'_>, now: chrono::DateTime<chrono::Utc>) {
    let row = outbox::Model {
        id: Uuid::now_v7(), organization_id: e.organization_id.into(), topic: e.topic, subject_type: e.subject_type.to_owned(),
        subject_id: e.subject_id, payload: e.payload.to_string(), created_at: now, available_at: now, attempts: 0, delivered_at: None,
        last_error: None, seq: None,
    };
    tx.append(row.into_active_model());
}

/// Whether an event waits for delivery (a cheap read before taking a write turn).
pub async fn any_pending(db: &impl ConnectionTrait, now: chrono::DateTime<chrono::Utc>) -> Result<bool, RepoError> {
    use outbox::Column as C;
    let row = outbox::Entity::find().select_only().column(C::Id).filter(C::DeliveredAt.is_null()).filter(C::AvailableAt.lte(now)).limit(1).into_tuple::<Uuid>().one(db).await?;
    Ok(row.is_some())
}

/// Claims up to `limit` events due for delivery, oldest first. On PostgreSQL the rows stay locked
/// until the transaction ends and other dispatchers skip them (`FOR UPDATE SKIP LOCKED`); on
/// SQLite the write transaction is the only one.
pub async fn claim(tx: &Tx, now: chrono::DateTime<chrono::Utc>, limit: u64) -> Result<Vec<outbox::Model>, RepoError> {
    use outbox::Column as C;
    use sea_orm::sea_query::{LockBehavior, LockType};
    let mut q = outbox::Entity::find().filter(C::DeliveredAt.is_null()).filter(C::AvailableAt.lte(now)).order_by_asc(C::CreatedAt).order_by_asc(C::Id).limit(limit);
    if tx.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q = q.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    Ok(q.all(tx).await?)
}

/// Marks a claimed event delivered at its place `seq` in the published order.
pub async fn delivered(tx: &Tx, id: Uuid, seq: i64, now: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    use outbox::Column as C;
    outbox::Entity::update_many()
        .col_expr(C::DeliveredAt, now.into())
        .col_expr(C::Seq, seq.into())
        .col_expr(C::LastError, Option::<String>::None.into())
        .filter(C::Id.eq(id))
        .exec(tx)
        .await?;
    Ok(())
}

/// A delivery failed: the event is tried again at `retry_at`, and the error is kept.
pub async fn failed(tx: &Tx, id: Uuid, error: &str, retry_at: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    use outbox::Column as C;
    use sea_orm::sea_query::{Expr, ExprTrait};
    outbox::Entity::update_many()
        .col_expr(C::Attempts, Expr::col(C::Attempts).add(1))
        .col_expr(C::AvailableAt, retry_at.into())
        .col_expr(C::LastError, Some(error.to_owned()).into())
        .filter(C::Id.eq(id))
        .exec(tx)
        .await?;
    Ok(())
}

/// A delivered event as live streams receive it.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub struct Published {
    pub seq: i64,
    pub id: Uuid,
    pub organization_id: Uuid,
    pub topic: String,
    pub subject_type: String,
    pub subject_id: Uuid,
    pub payload: String,
}

/// Delivered events after `seq` in published order, at most `limit`, within `scope`.
pub async fn published_after(db: &impl ConnectionTrait, scope: AccessScope, seq: i64, limit: u64) -> Result<Vec<Published>, RepoError> {
    use outbox::Column as C;
    let rows = outbox::Entity::find()
        .select_only()
        .columns([C::Seq, C::Id, C::OrganizationId, C::Topic, C::SubjectType, C::SubjectId, C::Payload])
        .filter(C::Seq.gt(seq))
        .filter(scoped(scope, C::OrganizationId))
        .order_by_asc(C::Seq)
        .limit(limit)
        .into_model::<Published>()
        .all(db)
        .await?;
    Ok(rows)
}

/// The last place given in the published order (0 before the first).
pub async fn last_seq(db: &impl ConnectionTrait) -> Result<i64, RepoError> {
    use outbox::Column as C;
    let max = outbox::Entity::find().select_only().expr(C::Seq.max()).into_tuple::<Option<i64>>().one(db).await?;
    Ok(max.flatten().unwrap_or(0))
}

/// The channel that tells every server process on one PostgreSQL that events were published.
const CHANNEL: &str = "tessera_live";

/// Tells the other server processes, when `tx` commits, that it published events (PostgreSQL;
/// nothing on SQLite, where one process is all there is).
pub async fn announce(tx: &Tx) -> Result<(), RepoError> {
    if tx.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        tx.execute_unprepared(&format!("NOTIFY {CHANNEL}")).await?;
    }
    Ok(())
}

/// Announcements of published events from every server process (PostgreSQL `LISTEN`).
pub struct Announcements(sea_orm::sqlx::postgres::PgListener);

impl Announcements {
    /// Listens on PostgreSQL; `None` on SQLite.
    pub async fn listen(db: &crate::Db) -> Result<Option<Announcements>, RepoError> {
        let sea_orm::DatabaseBackend::Postgres = db.get_database_backend() else { return Ok(None) };
        let pool = db.get_postgres_connection_pool();
        let mut l = sea_orm::sqlx::postgres::PgListener::connect_with(pool).await.map_err(db_err)?;
        l.listen(CHANNEL).await.map_err(db_err)?;
        Ok(Some(Announcements(l)))
    }

    /// Waits for the next announcement (after a lost connection it reconnects by itself).
    pub async fn next(&mut self) -> Result<(), RepoError> {
        self.0.recv().await.map_err(db_err)?;
        Ok(())
    }
}

fn db_err(e: sea_orm::sqlx::Error) -> RepoError {
    RepoError::Db(sea_orm::DbErr::Conn(sea_orm::RuntimeErr::SqlxError(std::sync::Arc::new(e))))
}

/// How many times delivering an event has failed.
pub async fn attempts(db: &impl ConnectionTrait, id: Uuid) -> Result<i32, RepoError> {
    let row = outbox::Entity::find_by_id(id).one(db).await?.ok_or(RepoError::NotFound)?;
    Ok(row.attempts)
}

/// Writes an event with a deterministic id unless one with that id exists (for events several
/// processes may notice at once, like a card getting stuck: the first one's stands).
pub async fn emit_once(db: &impl ConnectionTrait, id: Uuid, e: Event<'_>, now: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    use sea_orm::sea_query::OnConflict;
    let row = outbox::Model {
        id, organization_id: e.organization_id.into(), topic: e.topic, subject_type: e.subject_type.to_owned(), subject_id: e.subject_id,
        payload: e.payload.to_string(), created_at: now, available_at: now, attempts: 0, delivered_at: None, last_error: None, seq: None,
    };
    outbox::Entity::insert(row.into_active_model())
        .on_conflict(OnConflict::column(outbox::Column::Id).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(())
}
