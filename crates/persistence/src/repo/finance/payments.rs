//! Payments (bank orders and cash orders, in and out) and their allocations to invoices. What a
//! payment has not allocated is its counterparty's advance.
use std::collections::{HashMap, HashSet};

use super::CHUNK;
use crate::entities::{payment, payment_allocation};
use crate::repo::*;
use sea_orm::sea_query::Expr;
use sea_orm::{QueryOrder, QuerySelect};

/// What the payments list shows.
#[derive(Debug, Clone, Default)]
pub struct PaymentFilter {
    /// `incoming` | `outgoing`.
    pub direction: Option<String>,
    /// `bank` | `cash`.
    pub method: Option<String>,
    /// Only incoming payments with money not yet allocated to an invoice (the unmatched queue).
    pub unallocated: bool,
    pub client_id: Option<Uuid>,
    pub statement_id: Option<Uuid>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// Part of the payer's name, INN, number or purpose.
    pub q: Option<String>,
}

/// `amount_minor > allocated` for the `payments` row in the query.
fn has_rest() -> sea_orm::sea_query::SimpleExpr {
    Expr::cust("payments.amount_minor > COALESCE((SELECT SUM(a.amount_minor) FROM payment_allocations a WHERE a.payment_id = payments.id), 0)")
}

pub async fn insert(db: &impl ConnectionTrait, m: payment::Model) -> Result<payment::Model, RepoError> {
    Ok(m.into_active_model().insert(db).await.map_err(|e| unique_as(e, "payments_fingerprint"))?)
}

/// Inserts many payments in multi-row statements.
pub async fn insert_many(db: &impl ConnectionTrait, rows: Vec<payment::Model>) -> Result<(), RepoError> {
    let size = |p: &payment::Model| {
        200 + p.number.len() + p.party_name.len() + p.purpose.len() + p.fingerprint.as_ref().map_or(0, String::len) + p.party_bank.as_ref().map_or(0, String::len) + p.note.as_ref().map_or(0, String::len)
    };
    for chunk in super::batches(&rows, CHUNK / 5, size) {
        payment::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
            .exec_without_returning(db)
            .await
            .map_err(|e| unique_as(e, "payments_fingerprint"))?;
    }
    Ok(())
}

pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: Uuid) -> Result<payment::Model, RepoError> {
    find_in_scope::<payment::Entity>(db, scope, id).await
}

/// Payments by id (any organization: the caller checked the invoices they pay).
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<HashMap<Uuid, payment::Model>, RepoError> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        out.extend(payment::Entity::find().filter(payment::Column::Id.is_in(chunk.iter().copied())).all(db).await?.into_iter().map(|p| (p.id, p)));
    }
    Ok(out)
}

/// Which of these recognition keys the organization already has.
pub async fn existing_fingerprints(db: &impl ConnectionTrait, org: Uuid, keys: &[String]) -> Result<HashSet<String>, RepoError> {
    use payment::Column as C;
    let mut out = HashSet::new();
    for chunk in super::batches(keys, CHUNK, |k| k.len() + 12) {
        let found: Vec<Option<String>> = payment::Entity::find()
            .select_only()
            .column(C::Fingerprint)
            .filter(C::OrganizationId.eq(org))
            .filter(C::Fingerprint.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(found.into_iter().flatten());
    }
    Ok(out)
}

/// Brings PostgreSQL's statistics of payments and their allocations up to date, so that lookups
/// right after a bulk insert use the indexes (autovacuum analyses later, by its own clock).
/// SQLite plans these lookups by the unique index anyway and is left as it is.
pub async fn refresh_statistics(db: &impl ConnectionTrait) -> Result<(), RepoError> {
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return Ok(());
    }
    db.execute_unprepared("ANALYZE payments").await?;
    db.execute_unprepared("ANALYZE payment_allocations").await?;
    Ok(())
}

/// Payments newest first (by date, then id), a keyset page.
pub async fn list(db: &impl ConnectionTrait, scope: AccessScope, f: &PaymentFilter, limit: u64, cursor: Option<&str>) -> Result<Page<payment::Model>, RepoError> {
    use payment::Column as C;
    let mut q = payment::Entity::find().filter(scoped(scope, C::OrganizationId));
    if let Some(d) = &f.direction {
        q = q.filter(C::Direction.eq(d.as_str()));
    }
    if let Some(m) = &f.method {
        q = q.filter(C::Method.eq(m.as_str()));
    }
    if f.unallocated {
        q = q.filter(C::Direction.eq("incoming")).filter(C::IsRefund.eq(false)).filter(has_rest());
    }
    if let Some(c) = f.client_id {
        q = q.filter(C::ClientId.eq(c));
    }
    if let Some(s) = f.statement_id {
        q = q.filter(C::StatementId.eq(s));
    }
    if let Some(d) = f.from {
        q = q.filter(C::PaidOn.gte(d));
    }
    if let Some(d) = f.to {
        q = q.filter(C::PaidOn.lte(d));
    }
    if let Some(text) = f.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let like = format!("%{}%", text.replace('%', "").replace('_', ""));
        q = q.filter(
            Condition::any()
                .add(C::PartyName.like(like.clone()))
                .add(C::PartyInn.like(like.clone()))
                .add(C::Number.like(like.clone()))
                .add(C::Purpose.like(like)),
        );
    }
    if let Some(c) = decode_cursor(cursor)? {
        let day = chrono::NaiveDate::parse_from_str(&c.key, "%Y-%m-%d").map_err(|_| bad_cursor())?;
        q = q.filter(after(C::PaidOn, day, C::Id, c.id, true));
    }
    let rows = q.order_by_desc(C::PaidOn).order_by_desc(C::Id).limit(limit + 1).all(db).await?;
    Ok(page_of(rows, limit, |p| Cursor { key: p.paid_on.format("%Y-%m-%d").to_string(), id: p.id }))
}

/// Saves a payment loaded at its version (its client set, a note).
pub async fn save(db: &impl ConnectionTrait, mut p: payment::Model) -> Result<payment::Model, RepoError> {
    let before = get(db, AccessScope::All, p.id).await?;
    if before.version != p.version {
        return Err(RepoError::VersionConflict);
    }
    p.version += 1;
    write_changes::<payment::Model, payment::ActiveModel>(db, p.id, &before, &p).await?;
    Ok(p)
}

pub async fn insert_allocations(db: &impl ConnectionTrait, rows: Vec<payment_allocation::Model>) -> Result<(), RepoError> {
    for chunk in super::batches(&rows, CHUNK, |_| 110) {
        if chunk.is_empty() {
            continue;
        }
        payment_allocation::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model)).exec_without_returning(db).await?;
    }
    Ok(())
}

/// Allocations of these payments, oldest first.
pub async fn allocations_of_payments(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<payment_allocation::Model>, RepoError> {
    use payment_allocation::Column as C;
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        out.extend(payment_allocation::Entity::find().filter(C::PaymentId.is_in(chunk.iter().copied())).order_by_asc(C::CreatedAt).order_by_asc(C::Id).all(db).await?);
    }
    Ok(out)
}

/// Allocations to these invoices, oldest first.
pub async fn allocations_of_invoices(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<payment_allocation::Model>, RepoError> {
    use payment_allocation::Column as C;
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        out.extend(payment_allocation::Entity::find().filter(C::InvoiceId.is_in(chunk.iter().copied())).order_by_asc(C::CreatedAt).order_by_asc(C::Id).all(db).await?);
    }
    Ok(out)
}

/// What each of these invoices has been paid, in kopecks (absent: nothing).
pub async fn paid_by_invoice(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<HashMap<Uuid, i64>, RepoError> {
    use payment_allocation::Column as C;
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(Uuid, Option<i64>)> = payment_allocation::Entity::find()
            .select_only()
            .column(C::InvoiceId)
            .column_as(Expr::cust("CAST(SUM(amount_minor) AS BIGINT)"), "paid")
            .filter(C::InvoiceId.is_in(chunk.iter().copied()))
            .group_by(C::InvoiceId)
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|(id, s)| (id, s.unwrap_or(0))));
    }
    Ok(out)
}

/// What each of these payments has allocated, in kopecks (absent: nothing).
pub async fn allocated_by_payment(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<HashMap<Uuid, i64>, RepoError> {
    use payment_allocation::Column as C;
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(Uuid, Option<i64>)> = payment_allocation::Entity::find()
            .select_only()
            .column(C::PaymentId)
            .column_as(Expr::cust("CAST(SUM(amount_minor) AS BIGINT)"), "allocated")
            .filter(C::PaymentId.is_in(chunk.iter().copied()))
            .group_by(C::PaymentId)
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|(id, s)| (id, s.unwrap_or(0))));
    }
    Ok(out)
}

/// A client's incoming payments with money not yet allocated (its advance), oldest first, and
/// its refunds.
pub async fn client_money(db: &impl ConnectionTrait, client: Uuid) -> Result<(Vec<payment::Model>, Vec<payment::Model>), RepoError> {
    use payment::Column as C;
    let open = payment::Entity::find()
        .filter(C::ClientId.eq(client))
        .filter(C::Direction.eq("incoming"))
        .filter(has_rest())
        .order_by_asc(C::PaidOn)
        .order_by_asc(C::Id)
        .all(db)
        .await?;
    let refunds = payment::Entity::find().filter(C::ClientId.eq(client)).filter(C::IsRefund.eq(true)).all(db).await?;
    Ok((open, refunds))
}

/// The clients with a counterparty of one of these INNs in the organization (the first found per
/// INN): who a statement's payer or payee is.
pub async fn clients_by_inn(db: &impl ConnectionTrait, org: Uuid, inns: &[String]) -> Result<HashMap<String, Uuid>, RepoError> {
    use crate::entities::counterparty::{Column as C, Entity};
    let mut out = HashMap::new();
    for chunk in inns.chunks(CHUNK) {
        let rows: Vec<(Option<String>, Uuid)> = Entity::find()
            .select_only()
            .column(C::Inn)
            .column(C::ClientId)
            .filter(C::OrganizationId.eq(org))
            .filter(C::Inn.is_in(chunk.iter().cloned()))
            .order_by_asc(C::CreatedAt)
            .into_tuple()
            .all(db)
            .await?;
        for (inn, client) in rows {
            if let Some(inn) = inn {
                out.entry(inn).or_insert(client);
            }
        }
    }
    Ok(out)
}
