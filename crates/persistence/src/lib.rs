//! Tessera persistence: sea-orm entities and repositories. Every read and write of a business
//! row takes an [`AccessScope`], so organization isolation is enforced here, not in handlers.
//!
//! Repositories only read and write scoped rows; the use cases (`api::app`) own the transactions
//! and ask the domain. Modules are named by business area, as in every layer.
pub mod entities;
pub mod repo;

use domain::OrganizationId;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

pub use sea_orm::DatabaseConnection as Db;
/// What repositories read and write through: the pool, or a use case's transaction.
pub use sea_orm::ConnectionTrait;
/// A write transaction a use case owns: begun by [`begin_write`], committed by the use case.
pub use sea_orm::DatabaseTransaction as Tx;

/// Which organizations' rows a caller may see and change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessScope {
    /// Head-office roles: every organization.
    All,
    /// A franchise production's staff: only rows its organization owns.
    Organization(OrganizationId),
}

impl AccessScope {
    pub fn allows(&self, org: OrganizationId) -> bool {
        match self {
            AccessScope::All => true,
            AccessScope::Organization(own) => *own == org,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    /// Missing, or outside the caller's scope: the two are deliberately indistinguishable.
    #[error("not found")]
    NotFound,
    #[error("stale version")]
    VersionConflict,
    /// A unique constraint, by its name (`users_email`); the API maps each to its field.
    #[error("unique constraint violated: {0}")]
    Duplicate(&'static str),
    /// Input that only the stored data shows to be wrong (an unknown cursor), by field.
    #[error("invalid: {0}")]
    Invalid(domain::FieldErrors),
    /// A stored value no longer reads back as its type (a name no enum has): a bug or a bad edit.
    #[error("corrupt row: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Connects (creating an SQLite file when needed) and runs pending migrations.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false);
    if url.starts_with("sqlite:") {
        // One writer at a time on SQLite; keep the pool small so writers queue instead of failing.
        opts.max_connections(4);
    }
    let db = Database::connect(opts).await?;
    if url.starts_with("sqlite:") {
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;").await?;
    }
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// Starts a transaction that writes. On SQLite it takes the write lock at `BEGIN` (IMMEDIATE):
/// a deferred transaction that has read cannot upgrade once another writer committed
/// (SQLITE_BUSY_SNAPSHOT, no wait), so two people moving one card would get a 500 instead of one
/// winning and the other a version conflict. PostgreSQL ignores the mode.
pub async fn begin_write(db: &DatabaseConnection) -> Result<Tx, RepoError> {
    use sea_orm::TransactionTrait;
    let options = sea_orm::TransactionOptions { sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate), ..Default::default() };
    Ok(db.begin_with_options(options).await?)
}

/// Commits a use case's transaction.
pub async fn commit(tx: Tx) -> Result<(), RepoError> {
    Ok(tx.commit().await?)
}

pub async fn ping(db: &DatabaseConnection) -> Result<(), RepoError> {
    Ok(db.ping().await?)
}
