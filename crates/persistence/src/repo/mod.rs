//! Repositories, one module per business area. Each function reads or writes rows inside the
//! caller's [`AccessScope`]; none owns a transaction or asks the domain — the use cases do. The
//! shared mechanics (scoping, optimistic versions, keyset pages, stored names) live here.
pub mod clients;
pub mod documents;
pub mod finance;
pub mod files;
pub mod identity;
pub mod notifications;
pub mod outbox;
pub mod pipelines;
pub mod production;
pub mod search;
pub mod sales;
pub mod sequences;
pub mod work;

use crate::{AccessScope, RepoError};
use base64::Engine;
use domain::{ApiKeyId, Named, UserId};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, Iterable, QueryFilter};
use uuid::Uuid;

/// Who made a change, as histories and timelines name them.
#[derive(Debug, Clone)]
pub struct Author {
    pub user_id: Option<UserId>,
    pub api_key_id: Option<ApiKeyId>,
    pub name: String,
}

impl Author {
    pub(crate) fn user_uuid(&self) -> Option<Uuid> {
        self.user_id.map(Uuid::from)
    }
}

/// The condition that keeps a query inside the caller's organizations.
pub(crate) fn scoped<C: ColumnTrait>(scope: AccessScope, col: C) -> Condition {
    match scope {
        AccessScope::All => Condition::all(),
        AccessScope::Organization(org) => Condition::all().add(col.eq(Uuid::from(org))),
    }
}

/// Maps a unique-constraint violation to [`RepoError::Duplicate`] named after the constraint.
pub(crate) fn unique_as(e: sea_orm::DbErr, name: &'static str) -> RepoError {
    match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => RepoError::Duplicate(name),
        _ => RepoError::Db(e),
    }
}

/// A stored name read back as its value set (`"in_progress"` → `RequestState::InProgress`).
pub(crate) fn named<T: Named>(stored: &str) -> Result<T, RepoError> {
    T::parse(stored).ok_or_else(|| RepoError::Corrupt(format!("unknown name {stored:?}")))
}

/// A column of `E` by its name; every business table has `id`, `organization_id` and `version`.
pub(crate) fn column<E: EntityTrait>(name: &str) -> Result<E::Column, RepoError> {
    E::Column::iter()
        .find(|c| sea_orm::IdenStatic::as_str(c) == name)
        .ok_or_else(|| RepoError::Db(sea_orm::DbErr::Custom(format!("{} has no column {name}", E::default().table_name()))))
}

/// Loads the row `id` of `E` inside `scope` (missing or outside: [`RepoError::NotFound`]).
/// The row a lookup by a unique key finds, if any. Not sea-orm's `.one()`: its `LIMIT $n`
/// parameter keeps PostgreSQL from ever reusing the prepared plan (a generic plan guesses a tenth
/// of the rows for an unknown limit, so it always looks dearer than planning anew), which cost
/// the planning of a six-table join on every card read and move.
pub(crate) async fn only<T>(rows: impl std::future::Future<Output = Result<Vec<T>, sea_orm::DbErr>>) -> Result<Option<T>, RepoError> {
    Ok(rows.await?.into_iter().next())
}

pub(crate) async fn find_in_scope<E: EntityTrait>(db: &impl ConnectionTrait, scope: AccessScope, id: impl Into<Uuid>) -> Result<E::Model, RepoError> {
    only(E::find().filter(column::<E>("id")?.eq(id.into())).filter(scoped(scope, column::<E>("organization_id")?)).all(db)).await?.ok_or(RepoError::NotFound)
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
    update_at_version(db, id, expected, am).await
}

/// Writes the columns `next` changed from `before` over its row, only while the stored version is
/// still `before`'s (see [`write_versioned`]). A move sends the handful of columns it changes, not
/// the row's forty.
pub(crate) async fn write_changes<M, A>(db: &impl ConnectionTrait, id: Uuid, before: &M, next: &M) -> Result<(), RepoError>
where
    M: sea_orm::ModelTrait,
    A: ActiveModelTrait<Entity = M::Entity> + Send,
{
    let res = db.execute(&changes_at_version::<M, A>(id, before, next)?).await?;
    if res.rows_affected() == 1 { Ok(()) } else { Err(RepoError::VersionConflict) }
}

/// The update [`write_changes`] sends, for a transaction to hold back ([`crate::Tx::update_versioned`]).
pub(crate) fn changes_at_version<M, A>(id: Uuid, before: &M, next: &M) -> Result<sea_orm::sea_query::UpdateStatement, RepoError>
where
    M: sea_orm::ModelTrait,
    A: ActiveModelTrait<Entity = M::Entity> + Send,
{
    let mut am = <A as ActiveModelTrait>::default();
    for c in <M::Entity as EntityTrait>::Column::iter() {
        let value = next.get(c);
        if before.get(c) != value {
            am.set(c, value);
        }
    }
    at_version(id, before.get(column::<M::Entity>("version")?), am)
}

/// Applies `am` to row `id` while its stored version is `expected`; a lost race is a conflict.
async fn update_at_version<A: ActiveModelTrait + Send>(db: &impl ConnectionTrait, id: Uuid, expected: impl Into<sea_orm::Value>, am: A) -> Result<(), RepoError> {
    let res = db.execute(&at_version(id, expected, am)?).await?;
    if res.rows_affected() == 1 { Ok(()) } else { Err(RepoError::VersionConflict) }
}

/// `UPDATE … SET <am> WHERE id = <id> AND version = <expected>`.
fn at_version<A: ActiveModelTrait + Send>(id: Uuid, expected: impl Into<sea_orm::Value>, am: A) -> Result<sea_orm::sea_query::UpdateStatement, RepoError> {
    Ok(sea_orm::QueryTrait::into_query(<A::Entity as EntityTrait>::update_many()
        .set(am)
        .filter(column::<A::Entity>("id")?.eq(id))
        .filter(column::<A::Entity>("version")?.eq(expected))))
}

/// A row with an optimistic `version` and an `updated_at`.
pub(crate) trait Versioned {
    fn version(&self) -> i32;
    /// Next version, stamped `now`.
    fn bump(&mut self, now: chrono::DateTime<chrono::Utc>);
}

macro_rules! versioned {
    ($($m:path),*) => {$(
        impl Versioned for $m {
            fn version(&self) -> i32 { self.version }
            fn bump(&mut self, now: chrono::DateTime<chrono::Utc>) { self.version += 1; self.updated_at = now; }
        }
    )*};
}
use crate::entities::{bank_account, catalogue_item, client, contact, counterparty, department_request, document, pipeline, price_list, task, user};
versioned!(client::Model, counterparty::Model, contact::Model, bank_account::Model, user::Model, task::Model, department_request::Model, pipeline::Model,
    catalogue_item::Model, price_list::Model, document::Model);

/// One edit of a versioned row: the row as saved, and `{field: {old, new}}` of what the snapshot shows.
pub struct Edit<M> {
    pub after: M,
    pub changes: serde_json::Map<String, serde_json::Value>,
}

/// Loads `id` inside `scope`, checks `expected` (else [`RepoError::VersionConflict`]), applies `change`,
/// and writes the row back (version bumped, stamped `now`) only when `snapshot` shows a difference.
pub(crate) async fn edit_in_scope<M, A>(
    db: &impl ConnectionTrait,
    scope: AccessScope,
    id: Uuid,
    expected: i32,
    now: chrono::DateTime<chrono::Utc>,
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
    let changes = diff(&snapshot(&before), &snapshot(&after));
    if !changes.is_empty() {
        after.bump(now);
        write_changes::<M, A>(db, id, &before, &after).await?;
    }
    Ok(Edit { after, changes })
}

/// Saves a row loaded at `expected` whose fields the caller changed: bumps the version, stamps
/// `now`, and writes it only if nobody saved it meanwhile.
pub(crate) async fn save_versioned<M, A>(db: &impl ConnectionTrait, mut row: M, id: Uuid, now: chrono::DateTime<chrono::Utc>) -> Result<M, RepoError>
where
    M: sea_orm::ModelTrait + Versioned + Clone + IntoActiveModel<A>,
    A: ActiveModelTrait<Entity = M::Entity> + Send,
{
    let expected = row.version();
    row.bump(now);
    write_versioned(db, id, expected, row.clone()).await?;
    Ok(row)
}

/// `{field: {old, new}}` for every key whose value differs between two JSON renderings of a row.
pub fn diff(old: &serde_json::Value, new: &serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    let mut out = serde_json::Map::new();
    if let (Some(o), Some(n)) = (old.as_object(), new.as_object()) {
        for (k, nv) in n {
            let ov = o.get(k).unwrap_or(&serde_json::Value::Null);
            if ov != nv {
                out.insert(k.clone(), serde_json::json!({"old": ov, "new": nv}));
            }
        }
    }
    out
}

// ---------- keyset pages ----------

/// A page of rows and the cursor of the next one.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { items: self.items.into_iter().map(f).collect(), next_cursor: self.next_cursor }
    }
}

/// Cuts rows read with one more than `limit` back to `limit`; the cursor of the next page when
/// there is one.
pub(crate) fn page_of<T>(mut rows: Vec<T>, limit: u64, cursor_of: impl Fn(&T) -> Cursor) -> Page<T> {
    let next_cursor = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| cursor_of(r).encode())
    } else {
        None
    };
    Page { items: rows, next_cursor }
}

/// Where a keyset page ends: the sort key of its last row and the row's id (the tie-break).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cursor {
    pub key: String,
    pub id: Uuid,
}

impl Cursor {
    pub fn at(at: chrono::DateTime<chrono::Utc>, id: Uuid) -> Cursor {
        Cursor { key: at.to_rfc3339(), id }
    }

    pub fn encode(&self) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{}|{}", self.id, self.key))
    }

    /// A cursor this server issued; anything else is a 422 on `cursor`, never silently page one.
    pub fn decode(c: &str) -> Result<Cursor, RepoError> {
        let parsed = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(c)
            .ok()
            .and_then(|raw| String::from_utf8(raw).ok())
            .and_then(|s| {
                let (id, key) = s.split_once('|')?;
                Some(Cursor { key: key.to_owned(), id: Uuid::parse_str(id).ok()? })
            });
        parsed.ok_or_else(bad_cursor)
    }

    /// The key as a time (for pages ordered by a timestamp).
    pub fn time(&self) -> Result<chrono::DateTime<chrono::Utc>, RepoError> {
        chrono::DateTime::parse_from_rfc3339(&self.key).map(|t| t.with_timezone(&chrono::Utc)).map_err(|_| bad_cursor())
    }
}

pub(crate) fn bad_cursor() -> RepoError {
    let mut f = domain::FieldErrors::new();
    f.add("cursor", domain::FieldError::new("invalid_value", "Неизвестный курсор: возьмите next_cursor из предыдущей страницы"));
    RepoError::Invalid(f)
}

/// `cursor` decoded when given.
pub(crate) fn decode_cursor(cursor: Option<&str>) -> Result<Option<Cursor>, RepoError> {
    cursor.map(Cursor::decode).transpose()
}

/// `(key, id)` strictly after the cursor in ascending (or descending) order.
pub(crate) fn after<C: ColumnTrait, V: Into<sea_orm::Value> + Clone>(key: C, value: V, id: C, cursor_id: Uuid, descending: bool) -> Condition {
    let (past_key, past_id) = if descending { (key.lt(value.clone()), id.lt(cursor_id)) } else { (key.gt(value.clone()), id.gt(cursor_id)) };
    Condition::any().add(past_key).add(Condition::all().add(key.eq(value)).add(past_id))
}
