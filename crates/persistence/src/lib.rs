//! Tessera persistence: sea-orm entities and repositories. Every read and write of a business
//! row takes an [`AccessScope`], so organization isolation is enforced here, not in handlers.
pub mod entities;
pub mod repo;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use uuid::Uuid;

pub use sea_orm::DatabaseConnection as Db;

/// Which organizations' rows a caller may see and change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessScope {
    /// Head-office roles: every organization.
    All,
    /// A franchise production's staff: only rows its organization owns.
    Organization(Uuid),
}

impl AccessScope {
    pub fn allows(&self, org: Uuid) -> bool {
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
    #[error("unique constraint violated: {0}")]
    Duplicate(&'static str),
    /// Input that only the stored data shows to be wrong (an unknown checklist item, a client of
    /// another organization), by field.
    #[error("invalid: {0}")]
    Invalid(domain::FieldErrors),
    /// The pipeline refused a move: `forbidden` when only the role is wrong; `errors` say what to do.
    #[error("refused: {errors}")]
    Refused { forbidden: bool, errors: domain::FieldErrors },
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
