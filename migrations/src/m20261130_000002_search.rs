//! One search across clients, contacts, leads and deals, by the database's own text search:
//! on PostgreSQL trigram indexes (`pg_trgm`, a trusted extension) under `LIKE '%…%'`; on SQLite
//! FTS5 tables with the trigram tokenizer, kept by triggers, that answer a substring as a phrase.
//! Each FTS row carries its client's, contact's or card's `rowid` (the FTS tables hold no text of
//! their own). Tessera never runs `VACUUM`, which may renumber rowids: after one by hand, run this
//! migration's `down` and `up` again to rebuild them.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// What each table is searched by, as an SQL expression over its row `r` (`r.` is `new.`/`old.`
/// in triggers, nothing elsewhere): its lower-cased `search_text`, or a contact's names, phones and
/// e-mail.
fn text(table: &str, r: &str) -> String {
    match table {
        "contacts" => format!(
            "coalesce({r}last_name, '') || ' ' || {r}first_name || ' ' || coalesce({r}middle_name, '') || ' ' || coalesce({r}phone, '') || ' ' || coalesce({r}mobile, '') || ' ' || coalesce({r}email, '')"
        ),
        _ => format!("{r}search_text"),
    }
}

const TABLES: [&str; 4] = ["clients", "contacts", "leads", "deals"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for table in TABLES {
            if m.get_database_backend() == DatabaseBackend::Postgres {
                db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm").await?;
                let indexed = if table == "contacts" { format!("(lower({}))", text(table, "")) } else { text(table, "") };
                db.execute_unprepared(&format!("CREATE INDEX ix_{table}_search ON {table} USING gin ({indexed} gin_trgm_ops)")).await?;
            } else {
                let (all, new) = (text(table, ""), text(table, "new."));
                db.execute_unprepared(&format!(
                    "CREATE VIRTUAL TABLE {table}_fts USING fts5(t, content='', contentless_delete=1, tokenize='trigram');
                     INSERT INTO {table}_fts(rowid, t) SELECT rowid, {all} FROM {table};
                     CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN
                       INSERT INTO {table}_fts(rowid, t) VALUES (new.rowid, {new});
                     END;
                     CREATE TRIGGER {table}_fts_update AFTER UPDATE ON {table} BEGIN
                       DELETE FROM {table}_fts WHERE rowid = old.rowid;
                       INSERT INTO {table}_fts(rowid, t) VALUES (new.rowid, {new});
                     END;
                     CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN
                       DELETE FROM {table}_fts WHERE rowid = old.rowid;
                     END;"
                ))
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for table in TABLES {
            if m.get_database_backend() == DatabaseBackend::Postgres {
                db.execute_unprepared(&format!("DROP INDEX ix_{table}_search")).await?;
            } else {
                db.execute_unprepared(&format!(
                    "DROP TRIGGER {table}_fts_insert; DROP TRIGGER {table}_fts_update; DROP TRIGGER {table}_fts_delete; DROP TABLE {table}_fts;"
                ))
                .await?;
            }
        }
        Ok(())
    }
}
