//! One search across clients, contacts, leads and deals, by the database's own text search (see
//! the `search` migration): PostgreSQL's trigram indexes under `LIKE '%…%'`, SQLite's FTS5
//! trigram tables for a phrase. Text shorter than 3 characters (a short card number) is not
//! searched as text: trigrams cannot answer it, only a scan could. Each kind returns at most `limit` candidates in no particular order; the
//! caller ranks them.
use crate::AccessScope;
use crate::RepoError;
use domain::search::SearchQuery;
use sea_orm::{ConnectionTrait, DatabaseBackend, FromQueryResult, Statement, Value};
use uuid::Uuid;

#[derive(Debug, Clone, FromQueryResult)]
pub struct ClientHit {
    pub id: Uuid,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct ContactHit {
    pub id: Uuid,
    pub client_id: Uuid,
    pub last_name: Option<String>,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub client_name: String,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct CardHit {
    pub id: Uuid,
    pub number: i64,
    pub title: String,
    pub status: String,
    pub stage: String,
    pub pipeline_id: Uuid,
    /// A lead's company or contact; a deal's client.
    pub who: Option<String>,
}

/// A PostgreSQL string literal of `s` (as `quote_literal` writes it: quotes doubled, and with
/// `E'…'` and doubled backslashes when it has any), safe whatever `standard_conforming_strings` is.
fn literal(s: &str) -> String {
    if s.contains('\\') {
        format!("E'{}'", s.replace('\\', "\\\\").replace('\'', "''"))
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

/// Builds one statement with the backend's placeholders.
struct Sql {
    backend: DatabaseBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new(backend: DatabaseBackend, text: &str) -> Sql {
        Sql { backend, text: text.to_owned(), values: vec![] }
    }

    fn push(&mut self, sql: &str) -> &mut Sql {
        self.text.push_str(sql);
        self
    }

    fn bind(&mut self, v: impl Into<Value>) -> &mut Sql {
        self.values.push(v.into());
        match self.backend {
            DatabaseBackend::Postgres => self.text.push_str(&format!("${}", self.values.len())),
            _ => self.text.push('?'),
        }
        self
    }

    /// `AND <alias>.organization_id = …` for a scope of one organization.
    fn scoped(&mut self, alias: &str, scope: AccessScope) -> &mut Sql {
        if let AccessScope::Organization(org) = scope {
            self.push(&format!(" AND {alias}.organization_id = ")).bind(Uuid::from(org));
        }
        self
    }

    /// The row `alias` of `table` contains the query's text.
    fn matches(&mut self, table: &str, alias: &str, q: &SearchQuery) -> &mut Sql {
        let searched = match table {
            "contacts" => format!(
                "lower(coalesce({a}.last_name, '') || ' ' || {a}.first_name || ' ' || coalesce({a}.middle_name, '') || ' ' || coalesce({a}.phone, '') || ' ' || coalesce({a}.mobile, '') || ' ' || coalesce({a}.email, ''))",
                a = alias
            ),
            _ => format!("{alias}.search_text"),
        };
        if self.backend == DatabaseBackend::Sqlite {
            let phrase = format!("\"{}\"", q.text.replace('"', "\"\""));
            self.push(&format!("{alias}.rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ")).bind(phrase).push(")")
        } else {
            let pattern = format!("%{}%", q.text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
            if self.backend == DatabaseBackend::Postgres {
                // Written into the statement, not bound: with a parameter PostgreSQL soon plans the
                // statement once for any pattern and reads the whole table instead of the index.
                self.push(&format!("{searched} LIKE {} ESCAPE '\\'", literal(&pattern)))
            } else {
                self.push(&format!("{searched} LIKE ")).bind(pattern).push(" ESCAPE '\\'")
            }
        }
    }

    fn limit(&mut self, n: u64) -> &mut Sql {
        self.push(&format!(" LIMIT {n}"))
    }

    async fn all<T: FromQueryResult>(&self, db: &impl ConnectionTrait) -> Result<Vec<T>, RepoError> {
        let stmt = Statement::from_sql_and_values(self.backend, self.text.clone(), self.values.clone());
        Ok(T::find_by_statement(stmt).all(db).await?)
    }
}

/// Whether the query's text is long enough for the trigram indexes.
fn as_text(q: &SearchQuery) -> bool {
    q.text.chars().count() >= 3
}

pub async fn clients(db: &impl ConnectionTrait, scope: AccessScope, q: &SearchQuery, limit: u64) -> Result<Vec<ClientHit>, RepoError> {
    if !as_text(q) {
        return Ok(vec![]);
    }
    let mut s = Sql::new(db.get_database_backend(), "SELECT c.id, c.name, c.phone, c.email FROM clients c WHERE ");
    s.matches("clients", "c", q).scoped("c", scope).limit(limit);
    s.all(db).await
}

pub async fn contacts(db: &impl ConnectionTrait, scope: AccessScope, q: &SearchQuery, limit: u64) -> Result<Vec<ContactHit>, RepoError> {
    if !as_text(q) {
        return Ok(vec![]);
    }
    let mut s = Sql::new(
        db.get_database_backend(),
        "SELECT k.id, k.client_id, k.last_name, k.first_name, k.middle_name, k.phone, k.mobile, k.email, c.name AS client_name \
         FROM contacts k JOIN clients c ON c.id = k.client_id WHERE ",
    );
    s.matches("contacts", "k", q).scoped("k", scope).limit(limit);
    s.all(db).await
}

/// Leads whose text contains the query, and the one with its number.
pub async fn leads(db: &impl ConnectionTrait, scope: AccessScope, q: &SearchQuery, limit: u64) -> Result<Vec<CardHit>, RepoError> {
    const SELECT: &str = "SELECT l.id, l.number, l.title, l.status, l.stage, l.pipeline_id, coalesce(l.company_name, l.contact_name) AS who FROM leads l WHERE ";
    cards(db, scope, q, limit, SELECT, "leads", "l").await
}

/// Deals whose title contains the query, and the one with its number.
pub async fn deals(db: &impl ConnectionTrait, scope: AccessScope, q: &SearchQuery, limit: u64) -> Result<Vec<CardHit>, RepoError> {
    const SELECT: &str = "SELECT d.id, d.number, d.title, d.status, d.stage, d.pipeline_id, c.name AS who FROM deals d JOIN clients c ON c.id = d.client_id WHERE ";
    cards(db, scope, q, limit, SELECT, "deals", "d").await
}

async fn cards(db: &impl ConnectionTrait, scope: AccessScope, q: &SearchQuery, limit: u64, select: &str, table: &str, alias: &str) -> Result<Vec<CardHit>, RepoError> {
    let backend = db.get_database_backend();
    let mut found = vec![];
    if let Some(n) = q.number {
        let mut s = Sql::new(backend, select);
        s.push(&format!("{alias}.number = ")).bind(n).scoped(alias, scope);
        found = s.all::<CardHit>(db).await?;
    }
    if !as_text(q) {
        return Ok(found);
    }
    let mut s = Sql::new(backend, select);
    s.matches(table, alias, q).scoped(alias, scope).limit(limit);
    for hit in s.all::<CardHit>(db).await? {
        if !found.iter().any(|f| f.id == hit.id) {
            found.push(hit);
        }
    }
    Ok(found)
}
