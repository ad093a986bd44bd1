//! A deal's documents — offers (each version a row sharing its number), contracts, invoices, work
//! orders, delivery notices — with their lines and payment schedule. Numbers come from one
//! sequence per organization, kind and year, taken in the creating transaction: a rolled-back
//! creation gives its number back, so numbers have no gaps and never repeat.
use crate::entities::{document, document_line, schedule_part};
use crate::repo::*;
use domain::{DealId, OrganizationId};
use sea_orm::QueryOrder;

/// A document with its lines and schedule.
#[derive(Debug, Clone)]
pub struct DocumentRow {
    pub doc: document::Model,
    pub lines: Vec<document_line::Model>,
    pub schedule: Vec<schedule_part::Model>,
}

/// The next number of `kind` in the organization's `year`.
pub async fn next_seq(db: &impl ConnectionTrait, org: OrganizationId, kind: &str, year: i32) -> Result<i64, RepoError> {
    super::super::sequences::next(db, &format!("doc:{kind}:{}:{year}", Uuid::from(org))).await
}

pub async fn insert(db: &impl ConnectionTrait, row: DocumentRow) -> Result<DocumentRow, RepoError> {
    let doc = row.doc.clone().into_active_model().insert(db).await.map_err(|e| unique_as(e, "documents_number"))?;
    for l in &row.lines {
        l.clone().into_active_model().insert(db).await?;
    }
    for p in &row.schedule {
        p.clone().into_active_model().insert(db).await?;
    }
    Ok(DocumentRow { doc, ..row })
}

pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: Uuid) -> Result<document::Model, RepoError> {
    find_in_scope::<document::Entity>(db, scope, id).await
}

/// A document with its lines and schedule.
pub async fn row(db: &impl ConnectionTrait, scope: AccessScope, id: Uuid) -> Result<DocumentRow, RepoError> {
    let doc = get(db, scope, id).await?;
    let lines = document_line::Entity::find().filter(document_line::Column::DocumentId.eq(id)).order_by_asc(document_line::Column::Position).all(db).await?;
    let schedule = schedule_part::Entity::find().filter(schedule_part::Column::DocumentId.eq(id)).order_by_asc(schedule_part::Column::Position).all(db).await?;
    Ok(DocumentRow { doc, lines, schedule })
}

/// Every document of a deal, oldest first.
pub async fn of_deal(db: &impl ConnectionTrait, deal: DealId) -> Result<Vec<document::Model>, RepoError> {
    use document::Column as C;
    Ok(document::Entity::find().filter(C::DealId.eq(Uuid::from(deal))).order_by_asc(C::CreatedAt).order_by_asc(C::Id).all(db).await?)
}

/// A client's documents of one kind (its contracts, to see whether one is in force).
pub async fn of_client(db: &impl ConnectionTrait, client: Uuid, kind: &str) -> Result<Vec<document::Model>, RepoError> {
    use document::Column as C;
    Ok(document::Entity::find().filter(C::ClientId.eq(client)).filter(C::Kind.eq(kind)).order_by_asc(C::CreatedAt).all(db).await?)
}

/// Saves a document loaded at its version and changed by the caller (status, scan, snapshot…).
pub async fn save(db: &impl ConnectionTrait, doc: document::Model, now: chrono::DateTime<chrono::Utc>) -> Result<document::Model, RepoError> {
    let id = doc.id;
    save_versioned(db, doc, id, now).await
}

/// Lines of several documents, by document.
pub async fn lines_of(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<document_line::Model>, RepoError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    use document_line::Column as C;
    Ok(document_line::Entity::find().filter(C::DocumentId.is_in(ids.iter().copied())).order_by_asc(C::DocumentId).order_by_asc(C::Position).all(db).await?)
}

/// A lead's documents (its typical offers), oldest first.
pub async fn of_lead(db: &impl ConnectionTrait, lead: Uuid) -> Result<Vec<document::Model>, RepoError> {
    use document::Column as C;
    Ok(document::Entity::find().filter(C::LeadId.eq(lead)).order_by_asc(C::CreatedAt).order_by_asc(C::Id).all(db).await?)
}
