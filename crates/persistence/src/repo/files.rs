//! Files attached to cards and to requests (the bytes are in the file store; rows say where).
use crate::entities::file;
use crate::repo::*;
use domain::sales::{CardId, CardKind};
use domain::{FileId, RequestId};
use sea_orm::QueryOrder;

impl file::Model {
    /// The card the file is attached to.
    pub fn card(&self) -> Result<CardId, RepoError> {
        Ok(CardId::new(named::<CardKind>(&self.subject_type)?, self.subject_id))
    }

    pub fn request_id(&self) -> Option<RequestId> {
        self.request_id.map(Into::into)
    }
}

pub async fn insert(db: &impl ConnectionTrait, f: file::Model) -> Result<file::Model, RepoError> {
    Ok(f.into_active_model().insert(db).await?)
}

pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: FileId) -> Result<file::Model, RepoError> {
    find_in_scope::<file::Entity>(db, scope, id).await
}

/// Files attached to a request, oldest first.
pub async fn of_request(db: &impl ConnectionTrait, request: RequestId) -> Result<Vec<file::Model>, RepoError> {
    Ok(file::Entity::find().filter(file::Column::RequestId.eq(Uuid::from(request))).order_by_asc(file::Column::CreatedAt).all(db).await?)
}

/// What a production order's files are recorded under (`files.subject_type`).
pub const PRODUCTION_ORDER: &str = "production_order";

/// Files attached to a production order (photos, waybills, closing documents), oldest first.
pub async fn of_production_order(db: &impl ConnectionTrait, order: Uuid) -> Result<Vec<file::Model>, RepoError> {
    Ok(file::Entity::find()
        .filter(file::Column::SubjectType.eq(PRODUCTION_ORDER))
        .filter(file::Column::SubjectId.eq(order))
        .order_by_asc(file::Column::CreatedAt)
        .all(db)
        .await?)
}
