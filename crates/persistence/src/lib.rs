//! Tessera persistence: sea-orm entities and repositories. Every read and write of a business
//! row takes an [`AccessScope`], so organization isolation is enforced here, not in handlers.
//!
//! Repositories only read and write scoped rows; the use cases (`api::app`) own the transactions
//! and ask the domain. Modules are named by business area, as in every layer.
pub mod entities;
pub mod repo;
mod tx;

use domain::OrganizationId;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

pub use sea_orm::DatabaseConnection as Db;
/// What repositories read and write through: the pool, or a use case's transaction.
pub use sea_orm::ConnectionTrait;
pub use tx::{Tx, WriteQueue, begin_write, commit};

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
    Db(DbErr),
}

impl From<DbErr> for RepoError {
    /// `RecordNotUpdated` is a versioned update that found its row changed (see `Tx::update_versioned`).
    fn from(e: DbErr) -> RepoError {
        match e {
            DbErr::RecordNotUpdated => RepoError::VersionConflict,
            e => RepoError::Db(e),
        }
    }
}

/// Connects (creating an SQLite file when needed) and runs pending migrations.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    use sea_orm::sqlx::sqlite::SqliteJournalMode;
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        // A pooled connection is checked only when it has idled a while, not on every checkout (a
        // round trip each: a busy server's connections are known good).
        .test_before_acquire_if_idle_for(std::time::Duration::from_secs(30))
        // Every SQLite connection: write-ahead log (readers never wait for the writer), foreign
        // keys on and a 5 s busy timeout (sqlx's defaults, said here).
        .map_sqlx_sqlite_opts(|o| o.journal_mode(SqliteJournalMode::Wal).foreign_keys(true).busy_timeout(std::time::Duration::from_secs(5)));
    if url.starts_with("sqlite:") {
        // Writers queue in the process (`WriteQueue`); a few connections serve the readers beside them.
        opts.max_connections(4);
    }
    let db = Database::connect(opts).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

pub async fn ping(db: &DatabaseConnection) -> Result<(), RepoError> {
    Ok(db.ping().await?)
}
