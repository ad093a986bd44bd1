//! Repositories. Each function takes the caller's [`AccessScope`] where the rows are business rows.
//! One module per area; shared mechanics (scoping, optimistic versions, the audit log) live here.
mod banks;
mod board;
pub mod cards;
mod clients;
mod identity;
mod pipelines;
mod sales;
mod timeline;
mod work;

pub use banks::*;
pub use board::*;
pub use clients::*;
pub use identity::*;
pub use pipelines::*;
pub use sales::*;
pub use timeline::*;
pub use work::*;

use crate::entities::{api_key, audit_log, bank, bank_account, client, contact, counterparty, organization, refresh_token, user};
use crate::{AccessScope, RepoError};
use base64::Engine;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Iterable,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use uuid::Uuid;

/// The condition that keeps a query inside the caller's organizations.
pub(crate) fn scoped<C: ColumnTrait>(scope: AccessScope, col: C) -> Condition {
    match scope {
        AccessScope::All => Condition::all(),
        AccessScope::Organization(org) => Condition::all().add(col.eq(org)),
    }
}

/// Maps a unique-constraint violation to [`RepoError::Duplicate`] named after the constraint.
pub(crate) fn unique_as(e: sea_orm::DbErr, name: &'static str) -> RepoError {
    match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => RepoError::Duplicate(name),
        _ => RepoError::Db(e),
    }
}

/// A column of `E` by its name; every business table has `id`, `organization_id` and `version`.
fn column<E: EntityTrait>(name: &str) -> Result<E::Column, RepoError> {
    E::Column::iter()
        .find(|c| sea_orm::IdenStatic::as_str(c) == name)
        .ok_or_else(|| RepoError::Db(sea_orm::DbErr::Custom(format!("{} has no column {name}", E::default().table_name()))))
}

/// Loads the row `id` of `E` inside `scope` (missing or outside: [`RepoError::NotFound`]).
pub(crate) async fn find_in_scope<E: EntityTrait>(db: &impl ConnectionTrait, scope: AccessScope, id: Uuid) -> Result<E::Model, RepoError> {
    E::find()
        .filter(column::<E>("id")?.eq(id))
        .filter(scoped(scope, column::<E>("organization_id")?))
        .one(db)
        .await?
        .ok_or(RepoError::NotFound)
}

/// Writes `next` over its row only while the stored `version` is still `expected` (optimistic
/// concurrency); the caller has already bumped `next.version`. A lost race is [`RepoError::VersionConflict`].
pub(crate) async fn write_versioned<M, A>(db: &impl ConnectionTrait, id: Uuid, expected: i32, next: M) -> Result<(), RepoError>
where
    M: sea_orm::ModelTrait + IntoActiveModel<A>,
    A: ActiveModelTrait<Entity = M::Entity> + Send,
{
    let mut am = next.into_active_model().reset_all();
    am.not_set(column::<M::Entity>("id")?);
    let res = <M::Entity as EntityTrait>::update_many()
        .set(am)
        .filter(column::<M::Entity>("id")?.eq(id))
        .filter(column::<M::Entity>("version")?.eq(expected))
        .exec(db)
        .await?;
    if res.rows_affected == 1 { Ok(()) } else { Err(RepoError::VersionConflict) }
}

/// Cuts a page read with one row more than `limit` back to `limit`; the cursor of the next page
/// when there is one.
pub(crate) fn next_page<T>(rows: &mut Vec<T>, limit: u64, cursor_of: impl Fn(&T) -> String) -> Option<String> {
    if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(cursor_of)
    } else {
        None
    }
}

/// A row with an optimistic `version` and an `updated_at`.
pub(crate) trait Versioned {
    fn version(&self) -> i32;
    /// Next version, stamped `now`.
    fn bump(&mut self, now: chrono::DateTime<chrono::Utc>);
}

macro_rules! versioned {
    ($($m:ident),*) => {$(
        impl Versioned for $m::Model {
            fn version(&self) -> i32 { self.version }
            fn bump(&mut self, now: chrono::DateTime<chrono::Utc>) { self.version += 1; self.updated_at = now; }
        }
    )*};
}
versioned!(client, counterparty, contact, bank_account, user);

/// One edit of a versioned row: the row as saved, and `{field: {old, new}}` of what the snapshot shows.
pub(crate) struct Edit<M> {
    pub after: M,
    pub changes: serde_json::Map<String, serde_json::Value>,
}

/// Loads `id` inside `scope`, checks `expected` (else [`RepoError::VersionConflict`]), applies `change`,
/// and writes the row back (version bumped) only when `snapshot` shows a difference.
pub(crate) async fn edit_in_scope<M, A>(
    db: &impl ConnectionTrait,
    scope: AccessScope,
    id: Uuid,
    expected: i32,
    change: impl FnOnce(&mut M),
    snapshot: impl Fn(&M) -> serde_json::Value,
) -> Result<Edit<M>, RepoError>
where
    M: sea_orm::ModelTrait + Versioned + Clone + IntoActiveModel<A> + sea_orm::FromQueryResult,
    A: ActiveModelTrait<Entity = M::Entity> + Send,
    M::Entity: EntityTrait<Model = M>,
{
    let before: M = find_in_scope::<M::Entity>(db, scope, id).await?;
    if before.version() != expected {
        return Err(RepoError::VersionConflict);
    }
    let mut after = before.clone();
    change(&mut after);
    let changes = diff(&snapshot(&before), &snapshot(&after), &[]);
    if !changes.is_empty() {
        after.bump(chrono::Utc::now());
        write_versioned(db, id, expected, after.clone()).await?;
    }
    Ok(Edit { after, changes })
}

/// Starts a transaction that writes. On SQLite it takes the write lock at `BEGIN` (IMMEDIATE):
/// a deferred transaction that has read cannot upgrade once another writer committed
/// (SQLITE_BUSY_SNAPSHOT, no wait), so two people moving one card would get a 500 instead of one
/// winning and the other a version conflict. PostgreSQL ignores the mode.
pub(crate) async fn begin_write(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, RepoError> {
    let options = sea_orm::TransactionOptions { sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate), ..Default::default() };
    Ok(db.begin_with_options(options).await?)
}

pub async fn ping(db: &DatabaseConnection) -> Result<(), RepoError> {
    Ok(db.ping().await?)
}

// ---------- audit log ----------


/// Who did it, for the audit log.
#[derive(Debug, Clone)]
pub struct AuditActor {
    pub user_id: Option<Uuid>,
    pub name: String,
}

/// `{field: {old, new}}` for every column whose value differs between two JSON renderings of a row.
pub fn diff(old: &serde_json::Value, new: &serde_json::Value, ignore: &[&str]) -> serde_json::Map<String, serde_json::Value> {
    let mut out = serde_json::Map::new();
    if let (Some(o), Some(n)) = (old.as_object(), new.as_object()) {
        for (k, nv) in n {
            let ov = o.get(k).unwrap_or(&serde_json::Value::Null);
            if ov != nv && !ignore.contains(&k.as_str()) {
                out.insert(k.clone(), serde_json::json!({"old": ov, "new": nv}));
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
pub async fn write_audit(
    db: &impl ConnectionTrait,
    actor: &AuditActor,
    organization_id: Uuid,
    client_id: Option<Uuid>,
    entity_type: &str,
    entity_id: Uuid,
    action: &str,
    changes: serde_json::Map<String, serde_json::Value>,
) -> Result<(), RepoError> {
    audit_log::Model {
        id: Uuid::now_v7(), organization_id, client_id, entity_type: entity_type.to_owned(), entity_id, action: action.to_owned(),
        changes: serde_json::Value::Object(changes).to_string(), actor_user_id: actor.user_id, actor_api_key_id: None,
        actor_name: actor.name.clone(), at: chrono::Utc::now(),
    }
    .into_active_model()
    .insert(db)
    .await?;
    Ok(())
}

