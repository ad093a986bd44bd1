//! The write transaction a use case owns.
//!
//! Two things make a write cheap on each database without the use cases knowing which one runs:
//! - Rows a write only appends — stage events, timeline entries, outbox events — are collected and
//!   written together just before the commit ([`Tx::append`]): on PostgreSQL as one statement
//!   (`WITH … INSERT`), on SQLite one after another in the same process. Nothing in a write reads
//!   them back before it commits.
//! - On SQLite, one writer at a time holds the database's write lock; writers wait for their turn
//!   in arrival order inside the process ([`WriteQueue`]) instead of sleeping and retrying on the
//!   busy timeout, which made a move's p99 ten times its median under eight writers.
use crate::RepoError;
use sea_orm::sea_query::{Alias, CommonTableExpression, InsertStatement, WithClause};
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult, QueryResult, Statement, TransactionTrait};
use std::sync::{Arc, Mutex};

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

/// A write transaction: begun by [`begin_write`], committed by [`commit`]; dropped, it rolls back.
pub struct Tx {
    // Declared before `_turn`: the transaction ends before the next writer gets its turn.
    tx: DatabaseTransaction,
    appends: Mutex<Vec<InsertStatement>>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl Tx {
    /// Adds a row this write only appends (written at [`commit`], in the order appended).
    pub fn append(&self, insert: InsertStatement) {
        self.appends.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(insert);
    }

    fn take_appends(&self) -> Vec<InsertStatement> {
        std::mem::take(&mut *self.appends.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }
}

/// Starts a transaction that writes: after the writers before it on SQLite, where it also takes the
/// write lock at `BEGIN` (IMMEDIATE): a deferred transaction that has read cannot upgrade once
/// another writer committed (SQLITE_BUSY_SNAPSHOT, no wait), so two people moving one card would
/// get a 500 instead of one winning and the other a version conflict. PostgreSQL ignores the mode.
pub async fn begin_write(db: &DatabaseConnection, queue: &WriteQueue) -> Result<Tx, RepoError> {
    let turn = match &queue.0 {
        Some(lock) => Some(lock.clone().lock_owned().await),
        None => None,
    };
    let options = sea_orm::TransactionOptions { sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate), ..Default::default() };
    let tx = db.begin_with_options(options).await?;
    Ok(Tx { tx, appends: Mutex::new(Vec::new()), _turn: turn })
}

/// Writes the appended rows and commits.
pub async fn commit(tx: Tx) -> Result<(), RepoError> {
    let appends = tx.take_appends();
    match (tx.tx.get_database_backend(), appends.len()) {
        (_, 0) => {}
        (DbBackend::Postgres, n) if n > 1 => {
            let mut with = WithClause::new();
            let mut rest = appends.into_iter();
            let last = rest.next_back().ok_or_else(|| RepoError::Corrupt("no appends".into()))?;
            for (i, insert) in rest.enumerate() {
                with.cte(CommonTableExpression::new().query(insert).table_name(Alias::new(format!("a{i}"))).to_owned());
            }
            tx.tx.execute(&with.query(last)).await?;
        }
        _ => {
            for insert in &appends {
                tx.tx.execute(insert).await?;
            }
        }
    }
    let Tx { tx: inner, _turn, .. } = tx;
    inner.commit().await?;
    Ok(())
}

#[sea_orm::prelude::async_trait::async_trait]
impl ConnectionTrait for Tx {
    fn get_database_backend(&self) -> DbBackend {
        self.tx.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.tx.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.tx.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.tx.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.tx.query_all_raw(stmt).await
    }
}
