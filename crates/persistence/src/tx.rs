//! The write transaction a use case owns.
//!
//! A write costs as few round trips to the database as its work allows, without the use cases
//! knowing which database runs:
//! - Rows a write only appends — stage events, timeline entries, outbox events — are collected and
//!   written together at the end ([`Tx::append`]): on PostgreSQL as one statement (`WITH … INSERT`),
//!   on SQLite one after another in the same process. Nothing in a write reads them back.
//! - A card's versioned update is held back the same way ([`Tx::update_versioned`]) and goes out in
//!   that statement, which inserts the appended rows only when the update found the card still at
//!   the version it was read at; a later statement of the write sends it first.
//! - On PostgreSQL, `BEGIN` goes out just before the first statement that writes, on the one
//!   connection the write holds from the start; reads before it are the same under READ COMMITTED
//!   (each statement sees what was committed when it began) either way. A move — the caller's
//!   check, the card read, then the update with its appended rows — is therefore one statement that
//!   writes and needs no `BEGIN` or `COMMIT`: alone, it is atomic.
//! - On SQLite, one writer at a time holds the database's write lock; writers wait for their turn
//!   in arrival order inside the process ([`WriteQueue`]) instead of sleeping and retrying on the
//!   busy timeout, which made a move's p99 ten times its median under eight writers. Its
//!   transaction begins at once (see [`begin_write`]).
use crate::RepoError;
use sea_orm::sea_query::{Alias, CommonTableExpression, DynIden, Expr, InsertStatement, IntoIden, Query, SelectStatement, TableRef, UpdateStatement, WithClause};
use sea_orm::sqlx::{self, Postgres, pool::PoolConnection};
use sea_orm::{
    ActiveModelTrait, ActiveValue, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, EntityTrait, ExecResult, Iterable, QueryResult,
    EntityName, RuntimeErr, Statement, TransactionTrait,
};
use sea_query_sqlx::SqlxValues;
use std::sync::{Arc, Mutex, PoisonError};

/// The turn to write, for databases that take one writer at a time (SQLite); none needed on PostgreSQL.
#[derive(Clone, Default)]
pub struct WriteQueue(Option<Arc<tokio::sync::Mutex<()>>>);

impl WriteQueue {
    /// The queue a database needs: on SQLite, one writer at a time, in arrival order.
    pub fn for_db(db: &DatabaseConnection) -> WriteQueue {
        match db.get_database_backend() {
            DbBackend::Sqlite => WriteQueue(Some(Arc::new(tokio::sync::Mutex::new(())))),
            _ => WriteQueue(None),
        }
    }
}

/// A row this write only appends: its table, columns and values.
struct Row {
    table: TableRef,
    columns: Vec<DynIden>,
    values: Vec<Expr>,
}

impl Row {
    fn insert(&self) -> InsertStatement {
        let mut q = Query::insert();
        q.into_table(self.table.clone()).columns(self.columns.clone()).values_panic(self.values.clone());
        q
    }

    /// `INSERT … SELECT <values> WHERE EXISTS (SELECT 1 FROM <guard>)`: only when the held update found its row.
    fn insert_if(&self, guard: &str) -> Result<InsertStatement, DbErr> {
        let mut found = Query::select();
        found.expr(Expr::val(1)).from(Alias::new(guard));
        let mut values = Query::select();
        values.exprs(self.values.clone()).and_where(Expr::exists(found));
        let mut q = Query::insert();
        q.into_table(self.table.clone()).columns(self.columns.clone());
        q.select_from(values).map_err(|e| DbErr::Custom(format!("appended row: {e}")))?;
        Ok(q)
    }
}

/// A write transaction: begun by [`begin_write`], committed by [`commit`]; dropped, it rolls back.
pub struct Tx {
    // Declared before `_turn`: the transaction ends before the next writer gets its turn.
    conn: Conn,
    appends: Mutex<Vec<Row>>,
    /// The versioned update held back to go out with the appends (PostgreSQL).
    held: Mutex<Option<UpdateStatement>>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

enum Conn {
    /// SQLite: begun at once (IMMEDIATE: it holds the write lock from the start).
    Begun(DatabaseTransaction),
    /// PostgreSQL: one connection, `BEGIN` sent before the first statement that writes.
    Lazy(tokio::sync::Mutex<Lazy>),
}

struct Lazy {
    conn: PoolConnection<Postgres>,
    begun: bool,
    committed: bool,
}

impl Drop for Lazy {
    /// A transaction begun and not committed must not go back to the pool: closing the connection
    /// rolls it back on the server.
    fn drop(&mut self) {
        if self.begun && !self.committed {
            self.conn.close_on_drop();
        }
    }
}

fn query_err(e: sqlx::Error) -> DbErr {
    DbErr::Query(RuntimeErr::SqlxError(Arc::new(e)))
}

fn exec_err(e: sqlx::Error) -> DbErr {
    DbErr::Exec(RuntimeErr::SqlxError(Arc::new(e)))
}

fn sqlx_query(stmt: &Statement) -> sqlx::query::Query<'_, Postgres, SqlxValues> {
    let values = stmt.values.clone().unwrap_or(sea_orm::sea_query::Values(Vec::new()));
    sqlx::query_with(sqlx::AssertSqlSafe(stmt.sql.as_str()), SqlxValues(values))
}

/// Whether a statement may change data, so that it must run inside the transaction: everything
/// but a plain `SELECT` (which takes no row locks: this code base writes none with `FOR …`).
fn writes(sql: &str) -> bool {
    !(sql.starts_with("SELECT ") && !sql.contains(" FOR UPDATE") && !sql.contains(" FOR SHARE"))
}

impl Lazy {
    async fn begin(&mut self) -> Result<(), DbErr> {
        if !self.begun {
            sqlx::query("BEGIN").execute(&mut *self.conn).await.map_err(exec_err)?;
            self.begun = true;
        }
        Ok(())
    }

    async fn execute(&mut self, stmt: &Statement) -> Result<ExecResult, DbErr> {
        self.begin().await?;
        sqlx_query(stmt).execute(&mut *self.conn).await.map(Into::into).map_err(exec_err)
    }

    async fn fetch_all(&mut self, stmt: &Statement) -> Result<Vec<QueryResult>, DbErr> {
        if writes(&stmt.sql) {
            self.begin().await?;
        }
        let rows = sqlx_query(stmt).fetch_all(&mut *self.conn).await.map_err(query_err)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}

impl Tx {
    /// Adds a row this write only appends (written at [`commit`], in the order appended).
    pub fn append<A: ActiveModelTrait>(&self, row: A) {
        let (mut columns, mut values) = (Vec::new(), Vec::new());
        for c in <A::Entity as EntityTrait>::Column::iter() {
            if let ActiveValue::Set(v) | ActiveValue::Unchanged(v) = row.get(c) {
                columns.push(c.into_iden());
                values.push(Expr::val(v));
            }
        }
        let table = <A::Entity as Default>::default().table_ref();
        self.appends.lock().unwrap_or_else(PoisonError::into_inner).push(Row { table, columns, values });
    }

    /// Writes `update` — which names one row by its id and the version it was read at — unless it
    /// finds the row changed since ([`RepoError::VersionConflict`]). On PostgreSQL it is held back
    /// to go out with the appended rows at [`commit`] (or before the write's next statement), where
    /// a conflict is reported and nothing is written.
    pub async fn update_versioned(&self, update: UpdateStatement) -> Result<(), RepoError> {
        match &self.conn {
            Conn::Begun(tx) => {
                if tx.execute(&update).await?.rows_affected() != 1 {
                    return Err(RepoError::VersionConflict);
                }
            }
            Conn::Lazy(l) => {
                let earlier = self.held.lock().unwrap_or_else(PoisonError::into_inner).replace(update);
                if let Some(earlier) = earlier {
                    // Two held updates: the earlier one goes out now, in order.
                    let mut l = l.lock().await;
                    send_held(&mut l, Some(earlier)).await?;
                }
            }
        }
        Ok(())
    }

    fn take_appends(&self) -> Vec<Row> {
        std::mem::take(&mut *self.appends.lock().unwrap_or_else(PoisonError::into_inner))
    }

    fn take_held(&self) -> Option<UpdateStatement> {
        self.held.lock().unwrap_or_else(PoisonError::into_inner).take()
    }
}

/// Sends a held update on its own (inside the transaction); a changed row is a version conflict,
/// reported as sea-orm's `RecordNotUpdated` (which [`RepoError`] reads as one).
async fn send_held(l: &mut Lazy, held: Option<UpdateStatement>) -> Result<(), DbErr> {
    if let Some(update) = held
        && l.execute(&DbBackend::Postgres.build(&update)).await?.rows_affected() != 1
    {
        return Err(DbErr::RecordNotUpdated);
    }
    Ok(())
}

/// Starts a transaction that writes: after the writers before it on SQLite, where it also takes the
/// write lock at `BEGIN` (IMMEDIATE): a deferred transaction that has read cannot upgrade once
/// another writer committed (SQLITE_BUSY_SNAPSHOT, no wait), so two people moving one card would
/// get a 500 instead of one winning and the other a version conflict. On PostgreSQL it takes one
/// connection and begins when the first statement that writes goes out.
pub async fn begin_write(db: &DatabaseConnection, queue: &WriteQueue) -> Result<Tx, RepoError> {
    let turn = match &queue.0 {
        Some(lock) => Some(lock.clone().lock_owned().await),
        None => None,
    };
    let conn = match db.get_database_backend() {
        DbBackend::Postgres => {
            let conn = db.get_postgres_connection_pool().acquire().await.map_err(|e| DbErr::Conn(RuntimeErr::SqlxError(Arc::new(e))))?;
            Conn::Lazy(tokio::sync::Mutex::new(Lazy { conn, begun: false, committed: false }))
        }
        _ => {
            let options = sea_orm::TransactionOptions { sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate), ..Default::default() };
            Conn::Begun(db.begin_with_options(options).await?)
        }
    };
    Ok(Tx { conn, appends: Mutex::new(Vec::new()), held: Mutex::new(None), _turn: turn })
}

/// The held update and the appended rows as one PostgreSQL statement: each a data-modifying `WITH`
/// part; with an update, the rows are inserted only when it found its row, and the statement
/// answers how many it updated (`n`).
fn one_statement(held: Option<UpdateStatement>, appends: &[Row]) -> Result<Option<Statement>, DbErr> {
    const GUARD: &str = "held";
    let mut with = WithClause::new();
    let main = match held {
        Some(mut update) => {
            update.returning_col(Alias::new("id"));
            with.cte(CommonTableExpression::new().query(update).table_name(Alias::new(GUARD)).to_owned());
            for (i, row) in appends.iter().enumerate() {
                with.cte(CommonTableExpression::new().query(row.insert_if(GUARD)?).table_name(Alias::new(format!("a{i}"))).to_owned());
            }
            let mut count: SelectStatement = Query::select();
            count.expr_as(Expr::cust("COUNT(*)"), Alias::new("n")).from(Alias::new(GUARD));
            with.query(count)
        }
        None => {
            let Some((last, rest)) = appends.split_last() else { return Ok(None) };
            if rest.is_empty() {
                return Ok(Some(DbBackend::Postgres.build(&last.insert())));
            }
            for (i, row) in rest.iter().enumerate() {
                with.cte(CommonTableExpression::new().query(row.insert()).table_name(Alias::new(format!("a{i}"))).to_owned());
            }
            with.query(last.insert())
        }
    };
    Ok(Some(DbBackend::Postgres.build(&main)))
}

/// Writes the held update and the appended rows, and commits.
pub async fn commit(tx: Tx) -> Result<(), RepoError> {
    let (appends, held) = (tx.take_appends(), tx.take_held());
    let Tx { conn, _turn, .. } = tx;
    match conn {
        Conn::Begun(inner) => {
            for row in &appends {
                inner.execute(&row.insert()).await?;
            }
            inner.commit().await?;
        }
        Conn::Lazy(l) => {
            let mut l = l.into_inner();
            let guarded = held.is_some();
            if let Some(stmt) = one_statement(held, &appends)? {
                // Alone it needs no transaction; after other writes it runs inside theirs.
                let rows = sqlx_query(&stmt).fetch_all(&mut *l.conn).await.map_err(exec_err)?;
                let updated: i64 = match rows.into_iter().next() {
                    Some(r) if guarded => QueryResult::from(r).try_get("", "n")?,
                    _ => 1,
                };
                if updated != 1 {
                    // Nothing of this statement was written; an earlier write is rolled back when `l` drops.
                    return Err(RepoError::VersionConflict);
                }
            }
            if l.begun {
                sqlx::query("COMMIT").execute(&mut *l.conn).await.map_err(exec_err)?;
            }
            l.committed = true;
        }
    }
    Ok(())
}

#[sea_orm::prelude::async_trait::async_trait]
impl ConnectionTrait for Tx {
    fn get_database_backend(&self) -> DbBackend {
        match &self.conn {
            Conn::Begun(tx) => tx.get_database_backend(),
            Conn::Lazy(_) => DbBackend::Postgres,
        }
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        match &self.conn {
            Conn::Begun(tx) => tx.execute_raw(stmt).await,
            Conn::Lazy(l) => {
                let mut l = l.lock().await;
                send_held(&mut l, self.take_held()).await?;
                l.execute(&stmt).await
            }
        }
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        match &self.conn {
            Conn::Begun(tx) => tx.execute_unprepared(sql).await,
            Conn::Lazy(l) => {
                let mut l = l.lock().await;
                send_held(&mut l, self.take_held()).await?;
                l.begin().await?;
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut *l.conn).await.map(Into::into).map_err(exec_err)
            }
        }
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        Ok(self.query_all_raw(stmt).await?.into_iter().next())
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        match &self.conn {
            Conn::Begun(tx) => tx.query_all_raw(stmt).await,
            Conn::Lazy(l) => {
                let mut l = l.lock().await;
                send_held(&mut l, self.take_held()).await?;
                l.fetch_all(&stmt).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::writes;

    #[test]
    fn only_a_plain_select_runs_before_the_transaction_begins() {
        assert!(!writes(r#"SELECT "deals"."id" FROM "deals" WHERE "deals"."id" = $1"#));
        assert!(writes(r#"SELECT "id" FROM "deals" WHERE "id" = $1 FOR UPDATE"#));
        assert!(writes(r#"INSERT INTO "deals" ("id") VALUES ($1) RETURNING "id""#));
        assert!(writes(r#"UPDATE "sequences" SET "next" = "next" + 1 RETURNING "next""#));
        assert!(writes(r#"WITH "a0" AS (INSERT INTO "t" ("id") VALUES ($1)) SELECT 1"#));
    }
}
