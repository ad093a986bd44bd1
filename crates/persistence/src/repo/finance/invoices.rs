//! Invoices as the money side sees them: the open ones (issued, not cancelled) with their buyer's
//! INN and schedule parts, found by number or INN for a bank statement, by client for receivables.
use super::CHUNK;
use crate::entities::{counterparty, document, schedule_part};
use crate::repo::*;
use sea_orm::sea_query::Expr;
use sea_orm::{QueryOrder, QuerySelect};

/// The stored kind and status of an invoice that can still be paid.
pub const KIND: &str = "invoice";
pub const ISSUED: &str = "issued";
pub const CANCELLED: &str = "cancelled";

/// An invoice and its buyer's INN, read without its printed columns (see [`slim`]): read only,
/// never saved back.
#[derive(Debug, Clone)]
pub struct OpenInvoice {
    pub doc: document::Model,
    pub buyer_inn: Option<String>,
}

/// Invoices as the money side reads them: every column but the printed ones (the snapshot of the
/// document as printed, its details and terms, its status note), which come back empty. A
/// statement touches tens of thousands of invoices; their snapshots are kilobytes each.
fn slim() -> sea_orm::Select<document::Entity> {
    use document::Column as C;
    use sea_orm::{IdenStatic, Iterable};
    let printed = [C::Snapshot, C::Details, C::Terms, C::StatusNote].map(|c| c.as_str());
    let mut q = document::Entity::find().select_only();
    for c in C::iter() {
        q = if printed.contains(&c.as_str()) { q.column_as(sea_orm::sea_query::Expr::cust("NULL"), c.as_str()) } else { q.column(c) };
    }
    q
}

fn open() -> Condition {
    use document::Column as C;
    Condition::all().add(C::Kind.eq(KIND)).add(C::Status.eq(ISSUED))
}

async fn with_inns(db: &impl ConnectionTrait, docs: Vec<document::Model>) -> Result<Vec<OpenInvoice>, RepoError> {
    let ids: Vec<Uuid> = {
        let mut v: Vec<Uuid> = docs.iter().filter_map(|d| d.counterparty_id).collect();
        v.sort();
        v.dedup();
        v
    };
    let mut inns = std::collections::HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(Uuid, Option<String>)> = counterparty::Entity::find()
            .select_only()
            .column(counterparty::Column::Id)
            .column(counterparty::Column::Inn)
            .filter(counterparty::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        inns.extend(rows);
    }
    Ok(docs
        .into_iter()
        .map(|doc| {
            let buyer_inn = doc.counterparty_id.and_then(|c| inns.get(&c).cloned().flatten());
            OpenInvoice { doc, buyer_inn }
        })
        .collect())
}

/// The organization's open invoices whose number is one of `numbers` or whose buyer has one of
/// `inns`: the candidates a statement's payments may pay.
pub async fn candidates(db: &impl ConnectionTrait, org: Uuid, numbers: &[String], inns: &[String]) -> Result<Vec<OpenInvoice>, RepoError> {
    use document::Column as C;
    let mut cp_ids = Vec::new();
    for chunk in inns.chunks(CHUNK) {
        let ids: Vec<Uuid> = counterparty::Entity::find()
            .select_only()
            .column(counterparty::Column::Id)
            .filter(counterparty::Column::Inn.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(db)
            .await?;
        cp_ids.extend(ids);
    }
    let mut docs: Vec<document::Model> = Vec::new();
    for chunk in numbers.chunks(CHUNK) {
        docs.extend(slim().filter(C::OrganizationId.eq(org)).filter(open()).filter(C::Number.is_in(chunk.iter().cloned())).all(db).await?);
    }
    for chunk in cp_ids.chunks(CHUNK) {
        docs.extend(slim().filter(C::OrganizationId.eq(org)).filter(open()).filter(C::CounterpartyId.is_in(chunk.iter().copied())).all(db).await?);
    }
    docs.sort_by_key(|d| d.id);
    docs.dedup_by_key(|d| d.id);
    with_inns(db, docs).await
}

/// Open invoices in the caller's scope (all organizations', or a production's own), optionally of
/// one client; for receivables and the reminders.
pub async fn open_in(db: &impl ConnectionTrait, scope: AccessScope, client: Option<Uuid>) -> Result<Vec<OpenInvoice>, RepoError> {
    use document::Column as C;
    let mut q = slim().filter(scoped(scope, C::OrganizationId)).filter(open());
    if let Some(c) = client {
        q = q.filter(C::ClientId.eq(c));
    }
    let docs = q.order_by_asc(C::DocDate).order_by_asc(C::Id).all(db).await?;
    with_inns(db, docs).await
}

/// Open invoices of deals in the caller's scope with a line not yet shipped in full, oldest
/// first: the shipping queue's candidates, narrowed by the database rather than in memory.
pub async fn unshipped_in(db: &impl ConnectionTrait, scope: AccessScope) -> Result<Vec<OpenInvoice>, RepoError> {
    use document::Column as C;
    let unshipped = Expr::cust(
        "EXISTS (SELECT 1 FROM document_lines l WHERE l.document_id = documents.id AND l.quantity_milli > \
         COALESCE((SELECT SUM(sl.quantity_milli) FROM shipment_lines sl WHERE sl.line_id = l.id), 0))",
    );
    let docs = slim()
        .filter(scoped(scope, C::OrganizationId))
        .filter(open())
        .filter(C::DealId.is_not_null())
        .filter(unshipped)
        .order_by_asc(C::DocDate)
        .order_by_asc(C::Id)
        .all(db)
        .await?;
    with_inns(db, docs).await
}

/// Invoices by id (any status), with their buyers' INNs.
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<OpenInvoice>, RepoError> {
    use document::Column as C;
    let mut docs = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        docs.extend(slim().filter(C::Kind.eq(KIND)).filter(C::Id.is_in(chunk.iter().copied())).all(db).await?);
    }
    with_inns(db, docs).await
}

/// The schedule parts of these invoices, in their order.
pub async fn parts_of(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<schedule_part::Model>, RepoError> {
    use schedule_part::Column as C;
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        out.extend(schedule_part::Entity::find().filter(C::DocumentId.is_in(chunk.iter().copied())).order_by_asc(C::DocumentId).order_by_asc(C::Position).all(db).await?);
    }
    Ok(out)
}
